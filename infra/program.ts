import * as aws from "@pulumi/aws";
import { RegionalCell } from "./components/regionalCell";
import { loadConfig } from "./config";
import { drTags } from "./tags";

/** The DR program: one regional cell per region of the stack, and its data stores. */
export async function program(): Promise<Record<string, unknown>> {
    const config = loadConfig();
    const cellArgs = { cell: config.cell, tier: config.tier, rto: config.rto.text, rpo: config.rpo.text, residency: config.residency };
    const home = new RegionalCell(`${config.cell}-${config.homeRegion}`, { ...cellArgs, region: config.homeRegion, role: "primary" });
    const cells = [home];
    if (config.drRegion) {
        cells.push(new RegionalCell(`${config.cell}-${config.drRegion}`, { ...cellArgs, region: config.drRegion, role: "standby" }));
    }

    for (const table of config.tables) {
        new aws.dynamodb.Table(
            table.name,
            {
                region: config.homeRegion,
                billingMode: "PAY_PER_REQUEST",
                hashKey: "id",
                attributes: [{ name: "id", type: "S" }],
                pointInTimeRecovery: { enabled: true },
                deletionProtectionEnabled: true,
                tags: drTags(config, table.classification, table.rpo),
            },
            { parent: home, protect: true },
        );
    }

    return { cell: config.cell, tier: config.tier, regions: cells.map((c) => c.region) };
}
