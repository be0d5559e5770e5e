import * as aws from "@pulumi/aws";
import { KeyRing } from "./components/keyRing";
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

    return {
        cell: config.cell,
        tier: config.tier,
        regions: cells.map((c) => ({ region: c.region, role: c.role, loadBalancer: c.loadBalancer?.dnsName })),
        tables: tables.map((t) => t.table.name),
        buckets: buckets.map((b) => b.bucket.bucket),
    };
}
