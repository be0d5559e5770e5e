import * as aws from "@pulumi/aws";
import { isAurora, parseVaultArn } from "../policies/catalog";
import { AuroraDatabase } from "./components/auroraDatabase";
import { BackupAudit, REPORT_RPO } from "./components/auditFramework";
import { RdsDatabase } from "./components/rdsDatabase";
import { Backup321, DrillPlacement } from "./components/backup321";
import { GlobalRouting } from "./components/globalRouting";
import { FailoverPlan } from "./components/failoverPlan";
import { GameDays } from "./components/gameDays";
import { HomeLossDetector } from "./components/homeLossDetector";
import { KeyRing } from "./components/keyRing";
import { NightMode } from "./components/nightMode";
import { Monitoring, ROUTE53_METRICS_REGION, WatchedBucket, WatchedDatabase } from "./components/monitoring";
import { OnCall } from "./components/onCall";
import { RegionalCell } from "./components/regionalCell";
import { RegionalCertificates } from "./components/regionalCertificates";
import { ReplicatedBucket } from "./components/replicatedBucket";
import { ReplicatedTable } from "./components/replicatedTable";
import { RestoreValidation } from "./components/restoreValidation";
import { DrConfig, checkOnCallReaches, loadConfig } from "./config";
import { tableName } from "./names";
import { computeSize } from "./sizing";
import { cellTags, drTags } from "./tags";

/** Every region where the stack keeps data: its cell's regions and every replica's. */
function dataRegions(config: DrConfig): string[] {
    const regions = [
        config.homeRegion,
        config.drRegion,
        ...config.tables.flatMap((t) => t.replicaRegions),
        ...config.buckets.map((b) => b.replicationRegion),
        ...config.databases.flatMap((d) => d.replicaRegions),
    ];
    return [...new Set(regions.filter((r): r is string => r !== undefined))];
}

/** The DR program: a regional cell per region of the stack, its data stores, backups, routing and on-call. */
export async function program(): Promise<Record<string, unknown>> {
    const config = loadConfig();
    const tags = cellTags(config);
    const cellRegions = config.drRegion ? [config.homeRegion, config.drRegion] : [config.homeRegion];
    // The DR region drops to a cheaper tier at night (dr:nightMode); by day it runs the cell's tier.
    const nightTierIn = (region: string) => (region === config.drRegion ? config.nightMode?.tier : undefined);
    const sizeIn = (region: string) =>
        computeSize(config.tier, region === config.homeRegion ? "primary" : "standby", config.capacity, nightTierIn(region));
    const servingRegions = cellRegions.filter((region) => sizeIn(region).kind !== "none");
    // A service there writes (after a failover if not before): its data must leave that region too.
    const writingDrRegion = config.drRegion && servingRegions.includes(config.drRegion) ? config.drRegion : undefined;

    // Every region that raises an alarm or alert gets an on-call topic: the cell's regions, the off-site vault's
    // (its restore drill), and us-east-1 where Route 53 health-check alarms live.
    const healthChecked = config.routing.healthCheck && servingRegions.some((r) => sizeIn(r).desired > 0);
    const alarmRegions = [
        ...new Set([
            ...cellRegions,
            ...(config.backup.copyRegion ? [config.backup.copyRegion] : []),
            ...(healthChecked ? [ROUTE53_METRICS_REGION] : []),
        ]),
    ];
    checkOnCallReaches(config, alarmRegions);
    const oncall = new OnCall(`${config.cell}-oncall`, { cell: config.cell, regions: alarmRegions, oncall: config.oncall, tags });

    // RDS and Aurora snapshots keep their source key: copied into a backup account, the home key must be shared with it.
    const copyAccount =
        config.databases.length > 0 && config.backup.copyVaultArn ? parseVaultArn(config.backup.copyVaultArn)?.account : undefined;
    const keys = new KeyRing(`${config.cell}-data`, {
        cell: config.cell,
        regions: dataRegions(config),
        breakGlassPrincipal: config.breakGlassPrincipal,
        backupAccount: copyAccount ? { account: copyAccount, regions: [config.homeRegion] } : undefined,
        tags,
    });
    const tables = config.tables.map(
        (table) =>
            new ReplicatedTable(table.name, {
                tableName: tableName([config.cell, table.name]),
                region: config.homeRegion,
                replicaRegions: table.replicaRegions,
                keyArn: (region) => keys.keyArn(region),
                tags: drTags(config, table),
            }),
    );
    const buckets = config.buckets.map(
        (bucket) =>
            new ReplicatedBucket(bucket.name, {
                cell: config.cell,
                region: config.homeRegion,
                replicationRegion: bucket.replicationRegion,
                twoWay: bucket.replicationRegion !== undefined && bucket.replicationRegion === writingDrRegion,
                rtc: bucket.rtc,
                noncurrentVersionDays: config.backup.retentionDays,
                keyArn: (region) => keys.keyArn(region),
                tags: drTags(config, bucket),
            }),
    );

    const zone = aws.route53.getZoneOutput({ name: config.routing.zoneName, privateZone: false });
    const certificates = new RegionalCertificates(`${config.cell}-tls`, {
        hostName: config.routing.hostName,
        zoneId: zone.zoneId,
        regions: servingRegions,
        tags,
    });

    const cells = cellRegions.map((region, i) => {
        const role = region === config.homeRegion ? "primary" : "standby";
        return new RegionalCell(`${config.cell}-${region}`, {
            cell: config.cell,
            region,
            role,
            tier: config.tier,
            rto: config.rto.text,
            rpo: config.rpo.text,
            residency: config.residency,
            capacity: config.capacity,
            nightTier: nightTierIn(region),
            image: config.image,
            cidrBlock: `10.${10 * (i + 1)}.0.0/16`,
            certificateArn: servingRegions.includes(region) ? certificates.certificateArn(region) : undefined,
            data: {
                tableNames: tables.filter((t) => t.regions.includes(region)).map((t) => t.table.name),
                bucketArns: buckets.flatMap((b) => b.arnsIn(region)),
                keyArn: keys.keyArn(region),
            },
            alarmTopicArn: oncall.topic(region).arn,
            tags,
        });
    });

    // Databases sit in the cells' private subnets, reachable by their services only.
    const cellsByRegion = new Map(cells.map((c) => [c.region, c]));
    const databases = config.databases.map((db) => {
        const dbArgs = {
            cell: config.cell,
            engine: db.engine,
            instanceClass: db.instanceClass,
            tier: config.tier,
            region: config.homeRegion,
            replicaRegions: db.replicaRegions,
            // Automated backups keep 1-35 days; AWS Backup keeps the retention beyond.
            backupRetentionDays: Math.min(35, config.backup.retentionDays),
            cells: cellsByRegion,
            keyArn: (region: string) => keys.keyArn(region),
            tags: drTags(config, db),
        };
        return { config: db, component: isAurora(db.engine) ? new AuroraDatabase(db.name, dbArgs) : new RdsDatabase(db.name, dbArgs) };
    });

    // A drill restores a database into the first database's network of its region: any of the cell's will do.
    const drillPlacements = new Map<string, DrillPlacement>();
    for (const [region, place] of databases.flatMap(({ component }) => [...component.placements])) {
        if (!drillPlacements.has(region)) {
            drillPlacements.set(region, { subnetGroupName: place.subnetGroup.name, securityGroupId: place.securityGroup.id });
        }
    }

    // Backup321: every store tagged with the cell gets a locked point-in-time backup where it is written and an
    // off-site copy, on a schedule that meets the tightest RPO among the stores.
    const backup = new Backup321(`${config.cell}-backup`, {
        cell: config.cell,
        homeRegion: config.homeRegion,
        writingDrRegion,
        rpoSeconds: Math.min(config.rpo.seconds, ...[...config.tables, ...config.buckets, ...config.databases].map((s) => s.rpo.seconds)),
        backup: config.backup,
        homeTypes: [
            "DynamoDB",
            "S3",
            ...(config.databases.some((d) => isAurora(d.engine)) ? ["Aurora" as const] : []),
            ...(config.databases.some((d) => !isAurora(d.engine)) ? ["RDS" as const] : []),
        ],
        drillPlacements,
        oncall,
        breakGlassPrincipal: config.breakGlassPrincipal,
        tags,
    });
    // A drill counts once what it restores is checked, and one that restores nothing pages.
    new RestoreValidation(`${config.cell}-restore-validation`, {
        cell: config.cell,
        drills: backup.drills,
        destinations: (region) => oncall.destinations(region),
        tags,
    });

    // What the backups and drills must meet — the cell's own frequency, retention, copies, lock and restore time — checked
    // daily by AWS Backup Audit Manager, and reported where the reports outlive the home region.
    new BackupAudit(`${config.cell}-audit`, {
        cell: config.cell,
        homeRegion: config.homeRegion,
        drRegion: config.drRegion,
        drillRegions: [...new Set(backup.drills.map((d) => d.region))],
        schedule: backup.schedule,
        backup: config.backup,
        noncurrentVersionDays: config.backup.retentionDays,
        tags,
        reportTags: drTags(config, { classification: "internal", rpo: REPORT_RPO }),
    });

    // Routing and monitoring: each geography reaches a healthy region of its own cell, and on-call hears of a
    // stalled replication or a failing region before a disaster does.
    const { hostName, geo, healthCheck } = config.routing;
    const routing = new GlobalRouting(`${config.cell}-routing`, {
        cell: config.cell,
        tier: config.tier,
        zoneId: zone.zoneId,
        hostName,
        geo,
        healthCheck,
        cells,
        // An active-active cell's DR region leaves its latency records at night.
        gatedRegion: config.nightMode && config.tier === "active-active" ? config.drRegion : undefined,
        tags,
    });
    const drCell = cells.find((c) => c.region === config.drRegion);
    const nightMode =
        config.nightMode && drCell?.service && drCell.scalingTarget
            ? new NightMode(`${config.cell}-night`, {
                  cell: config.cell,
                  region: drCell.region,
                  from: config.nightMode.from.text,
                  to: config.nightMode.to.text,
                  timeZone: config.nightMode.timeZone,
                  tier: config.nightMode.tier,
                  dayTier: config.tier,
                  capacity: config.capacity,
                  service: drCell.service,
                  scalingTarget: drCell.scalingTarget,
                  gate: routing.gate,
                  rto: config.nightMode.rto?.text,
                  destinations: oncall.destinations(drCell.region),
                  tags,
              })
            : undefined;
    new Monitoring(`${config.cell}-monitoring`, {
        cell: config.cell,
        cells,
        tables: tables.map((t, i) => ({
            name: config.tables[i].name,
            tableName: t.table.name,
            region: config.homeRegion,
            replicaRegions: config.tables[i].replicaRegions,
            rpoSeconds: config.tables[i].rpo.seconds,
        })),
        buckets: buckets.flatMap((b, i): WatchedBucket[] => {
            const { name, replicationRegion, rtc, rpo } = config.buckets[i];
            if (!b.replica || !replicationRegion) {
                return [];
            }
            const there: WatchedBucket = {
                name,
                region: config.homeRegion,
                sourceBucket: b.bucket.bucket,
                destinationBucket: b.replica.bucket,
                rtc,
                rpoSeconds: rpo.seconds,
            };
            const back: WatchedBucket = {
                name: `${name}-back`,
                region: replicationRegion,
                sourceBucket: b.replica.bucket,
                destinationBucket: b.bucket.bucket,
                rtc,
                rpoSeconds: rpo.seconds,
            };
            return replicationRegion === writingDrRegion ? [there, back] : [there];
        }),
        healthChecks: routing.healthChecks,
        databases: databases.flatMap(({ config: db, component }): WatchedDatabase[] => {
            const replicas =
                component instanceof AuroraDatabase
                    ? component.secondaries.map((c) => c.clusterIdentifier)
                    : component.replicas.map((r) => r.identifier);
            const regions = component instanceof AuroraDatabase ? db.replicaRegions : db.replicaRegions.slice(0, replicas.length);
            return replicas.map((identifier, i) => ({
                name: `${db.name}-${regions[i]}`,
                kind: isAurora(db.engine) ? "aurora" : "rds",
                postgres: db.engine === "aurora-postgresql",
                region: regions[i],
                identifier,
                rpoSeconds: db.rpo.seconds,
            }));
        }),
        oncall,
        tags,
    });

    // A cell with a DR region recovers by an ARC Region switch plan: what the model credits is what the plan executes.
    if (config.drRegion) {
        const homeCell = cells.find((c) => c.region === config.homeRegion);
        const homeHealthCheck = routing.healthChecks.get(config.homeRegion);
        const detector =
            homeHealthCheck && homeCell?.loadBalancer
                ? new HomeLossDetector(`${config.cell}-home-lost`, {
                      cell: config.cell,
                      homeRegion: config.homeRegion,
                      drRegion: config.drRegion,
                      homeHealthCheck,
                      homeLoadBalancerDnsName: homeCell.loadBalancer.dnsName,
                      hostName: config.routing.hostName,
                      metricsRegion: ROUTE53_METRICS_REGION,
                      destinations: (region) => oncall.destinations(region),
                      tags,
                  })
                : undefined;
        new FailoverPlan(`${config.cell}-failover`, {
            cell: config.cell,
            tier: config.tier,
            rtoSeconds: config.rto.seconds,
            homeRegion: config.homeRegion,
            drRegion: config.drRegion,
            services: cells.flatMap((c) =>
                c.service ? [{ region: c.region, clusterArn: c.service.cluster, serviceArn: c.service.arn }] : [],
            ),
            globalDatabases: databases.flatMap(({ component }) =>
                component instanceof AuroraDatabase && component.globalCluster && component.secondaryReaders > 0
                    ? [
                          {
                              globalClusterIdentifier: component.globalCluster.id,
                              globalClusterArn: component.globalCluster.arn,
                              clusterArns: [component.primary.arn, ...component.secondaries.map((s) => s.arn)],
                          },
                      ]
                    : [],
            ),
            readReplicas: databases.flatMap(({ component }) =>
                component instanceof RdsDatabase
                    ? component.replicas.map((r) => ({ sourceIdentifier: component.primary.identifier, replicaArn: r.arn }))
                    : [],
            ),
            triggerAlarm: detector?.alarm,
            nightMode: nightMode !== undefined,
            tags,
        });
    }

    // Game days: the disasters AWS FIS can inject into the home region, stopped when users see errors for too long.
    const homeCell = cellsByRegion.get(config.homeRegion);
    if (homeCell?.loadBalancer) {
        new GameDays(`${config.cell}-game-days`, {
            cell: config.cell,
            homeRegion: config.homeRegion,
            drRegion: config.drRegion,
            zones: homeCell.zoneNames,
            service: homeCell.service ? { clusterArn: homeCell.service.cluster, serviceName: homeCell.service.name } : undefined,
            databases: databases.map(({ component }) =>
                component instanceof AuroraDatabase
                    ? { kind: "cluster", identifier: component.primary.clusterIdentifier, arn: component.primary.arn }
                    : { kind: "instance", identifier: component.primary.identifier, arn: component.primary.arn },
            ),
            loadBalancerArnSuffix: homeCell.loadBalancer.arnSuffix,
            regionRtoSeconds: config.rto.seconds,
            zoneRtoSeconds: config.targets?.az?.rto.seconds,
            destinations: oncall.destinations(config.homeRegion),
            tags,
        });
    }

    return {
        cell: config.cell,
        tier: config.tier,
        regions: cells.map((c) => ({ region: c.region, role: c.role, loadBalancer: c.loadBalancer?.dnsName })),
        // Where alarms go, per region: each is subscribed to dr:oncall's destinations.
        alarmTopicArns: Object.fromEntries(alarmRegions.map((region) => [region, oncall.topic(region).arn])),
        tables: tables.map((t) => t.table.name),
        buckets: buckets.map((b) => b.bucket.bucket),
        databases: databases.map((d) => d.component.primary.id),
        // In an emergency at night: the commands that put the cell back to its day tier now (README, Night mode).
        ...(nightMode ? { nightMode: { backToDayNow: nightMode.backToDayNow } } : {}),
    };
}
