import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectedKeyPolicy } from "../keyPolicy";

export interface KeyRingArgs {
    /** Stack name, for key descriptions. */
    cell: string;
    /** Every region where the cell keeps data: one customer-managed key each. */
    regions: string[];
    /** The one principal allowed to disable or schedule the deletion of the keys; absent: the account root user. */
    breakGlassPrincipal?: string;
    /** The account receiving cross-account Backup copies of data AWS Backup does not re-encrypt (databases), and the regions whose keys it needs. */
    backupAccount?: { account: string; regions: string[] };
    /** Tags for the keys. */
    tags: Record<string, string>;
}

/**
 * Customer-managed KMS keys for the cell's data, one per region. Losing a key loses its data, so each
 * outlives the stack (retained on delete, never scheduled for deletion by Pulumi) and its policy denies
 * deletion to everyone but the break-glass principal. Where databases' recovery points are copied to a
 * backup account, the home key is shared with it: RDS and Aurora snapshots stay under their source key.
 */
export class KeyRing extends pulumi.ComponentResource {
    private readonly keys = new Map<string, aws.kms.Key>();

    constructor(name: string, args: KeyRingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:KeyRing", name, {}, opts);
        for (const region of args.regions) {
            const shared = args.backupAccount?.regions.includes(region) ? args.backupAccount.account : undefined;
            this.keys.set(
                region,
                new aws.kms.Key(
                    `${name}-${region}`,
                    {
                        region,
                        description: `DR cell ${args.cell}: data at rest in ${region}`,
                        enableKeyRotation: true,
                        deletionWindowInDays: 30,
                        policy: protectedKeyPolicy(args.breakGlassPrincipal, this, shared),
                        tags: args.tags,
                    },
                    // retainOnDelete: a destroy leaves the key, and the data it decrypts readable (https://www.pulumi.com/docs/iac/concepts/options/retainondelete/).
                    { parent: this, protect: true, retainOnDelete: true },
                ),
            );
        }
        this.registerOutputs({ keyArns: Object.fromEntries([...this.keys].map(([region, key]) => [region, key.arn])) });
    }

    /** The key for data in `region`. */
    keyArn(region: string): pulumi.Output<string> {
        const key = this.keys.get(region);
        if (!key) {
            throw new Error(`KeyRing has no key in ${region}; it holds ${[...this.keys.keys()].join(", ")}`);
        }
        return key.arn;
    }
}
