import * as aws from "@pulumi/aws";
import { Backup321 } from "./components/backup321";
import { GlobalRouting } from "./components/globalRouting";
import { KeyRing } from "./components/keyRing";
import { Monitoring } from "./components/monitoring";
import { RegionalCell } from "./components/regionalCell";
import { RegionalCertificates } from "./components/regionalCertificates";
import { ReplicatedBucket } from "./components/replicatedBucket";
import { ReplicatedTable } from "./components/replicatedTable";
import { DrConfig, loadConfig } from "./config";
import { computeSize } from "./sizing";
import { cellTags, drTags } from "./tags";

/** Every region where the stack keeps data: its cell's regions and every replica's. */
function dataRegions(config: DrConfig): string[] {
    const regions = [config.homeRegion, config.drRegion, ...config.tables.flatMap((t) => t.replicaRegions), ...config.buckets.map((b) => b.replicationRegion)];
    return [...new Set(regions.filter((r): r is string => r !== undefined))];
}

/** The DR program: a regional cell per region of the stack, its data stores, backups and routing. */
export async function program(): Promise<Record<string, unknown>> {
    const config = loadConfig();
    const tags = cellTags(config);
    const cellRegions = config.drRegion ? [config.homeRegion, config.drRegion] : [config.homeRegion];

    const keys = new KeyRing(`${config.cell}-data`, { cell: config.cell, regions: dataRegions(config), tags });
    const tables = config.tables.map(
        (table) =>
            new ReplicatedTable(table.name, {
                tableName: `${config.cell}-${table.name}`,
                region: config.homeRegion,
                replicaRegions: table.replicaRegions,
                keyArn: (region) => keys.keyArn(region),
                tags: drTags(config, table.classification, table.rpo),
            }),
    );
    const buckets = config.buckets.map(
        (bucket) =>
            new ReplicatedBucket(bucket.name, {
                cell: config.cell,
                region: config.homeRegion,
                replicationRegion: bucket.replicationRegion,
                rtc: bucket.rtc,
                keyArn: (region) => keys.keyArn(region),
                tags: drTags(config, bucket.classification, bucket.rpo),
            }),
    );

    const zone = aws.route53.getZoneOutput({ name: config.routing.zoneName, privateZone: false });
    const servingRegions = cellRegions.filter((region) => computeSize(config.tier, region === config.homeRegion ? "primary" : "standby", config.capacity).kind !== "none");
    const certificates = new RegionalCertificates(`${config.cell}-tls`, { hostName: config.routing.hostName, zoneId: zone.zoneId, regions: servingRegions, tags });

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
            image: config.image,
            cidrBlock: `10.${10 * (i + 1)}.0.0/16`,
            certificateArn: servingRegions.includes(region) ? certificates.certificateArn(region) : undefined,
            data: {
                tableNames: tables.filter((t) => t.regions.includes(region)).map((t) => t.tableName),
                bucketArns: buckets.flatMap((b) => b.arnsIn(region)),
                keyArn: keys.keyArn(region),
            },
            tags,
        });
    });

    // Backup321: every store tagged with the cell gets a locked point-in-time backup in the home region and an
    // off-site copy, on a schedule that meets the tightest RPO among the stores.
    new Backup321(`${config.cell}-backup`, {
        cell: config.cell,
        homeRegion: config.homeRegion,
        rpoSeconds: Math.min(config.rpo.seconds, ...config.tables.map((t) => t.rpo.seconds), ...config.buckets.map((b) => b.rpo.seconds)),
        backup: config.backup,
        // cellRegions puts the home region first.
        alarmTopic: cells[0].alarmTopic,
        tags,
    });

    // Routing and monitoring: each geography reaches a healthy region of its own cell, and operators hear of
    // a stalled replication or a failing region before a disaster does.
    const { hostName, geo, healthCheck } = config.routing;
    const routing = new GlobalRouting(`${config.cell}-routing`, { cell: config.cell, tier: config.tier, zoneId: zone.zoneId, hostName, geo, healthCheck, cells, tags });
    const monitoring = new Monitoring(`${config.cell}-monitoring`, {
        cell: config.cell,
        cells,
        tables: tables.map((t, i) => ({ name: config.tables[i].name, tableName: t.table.name, region: config.homeRegion, replicaRegions: config.tables[i].replicaRegions, rpoSeconds: config.tables[i].rpo.seconds })),
        buckets: buckets.map((b, i) => ({
            name: config.buckets[i].name,
            region: config.homeRegion,
            sourceBucket: b.bucket.bucket,
            destinationBucket: b.replica?.bucket,
            rtc: config.buckets[i].rtc,
            rpoSeconds: config.buckets[i].rpo.seconds,
        })),
        healthChecks: routing.healthChecks,
        tags,
    });

    return {
        cell: config.cell,
        tier: config.tier,
        // Alarm topics are exported for the on-call tool to subscribe to; this stack owns no subscriptions.
        regions: cells.map((c) => ({ region: c.region, role: c.role, loadBalancer: c.loadBalancer?.dnsName, alarmTopicArn: c.alarmTopic.arn })),
        tables: tables.map((t) => t.table.name),
        buckets: buckets.map((b) => b.bucket.bucket),
        healthAlarmTopicArn: monitoring.healthAlarmTopic?.arn,
    };
}
