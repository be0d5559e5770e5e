import * as pulumi from "@pulumi/pulumi";
import { Tier } from "../../policies/catalog";

/** What a region does in its cell. */
export type CellRole = "primary" | "standby";

export interface RegionalCellArgs {
    /** Stack name: the cell this region belongs to. */
    cell: string;
    /** AWS region of this part of the cell. */
    region: string;
    /** primary = the home region; standby = the DR region. */
    role: CellRole;
    /** The cell's DR strategy. */
    tier: Tier;
    /** RTO target as written in config, e.g. `1h`. */
    rto: string;
    /** RPO target as written in config, e.g. `15m`. */
    rpo: string;
    /** Residency zone of the cell's personal data. */
    residency: string;
}

/** One region of a regional cell; registers its DR intent as outputs for the policy pack and reports. */
export class RegionalCell extends pulumi.ComponentResource {
    readonly region: string;
    readonly role: CellRole;

    constructor(name: string, args: RegionalCellArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:cell:RegionalCell", name, {}, opts);
        this.region = args.region;
        this.role = args.role;
        this.registerOutputs({
            cell: args.cell,
            region: args.region,
            role: args.role,
            tier: args.tier,
            rto: args.rto,
            rpo: args.rpo,
            residency: args.residency,
        });
    }
}
