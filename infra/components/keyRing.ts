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
    /** Tags for the keys. */
    tags: Record<string, string>;
}

/**
 * Customer-managed KMS keys for the cell's data, one per region. Losing a key loses its data, so each
 * outlives the stack (retained on delete, never scheduled for deletion by Pulumi) and its policy denies
 * deletion to everyone but the break-glass principal.
 */
export class KeyRing extends pulumi.ComponentResource {
    private readonly keys = new Map<string, aws.kms.Key>();

    constructor(name: string, args: KeyRingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:KeyRing", name, {}, opts);
        const policy = protectedKeyPolicy(args.breakGlassPrincipal, this);
        for (const region of args.regions) {
            this.keys.set(
                region,
                new aws.kms.Key(
                    `${name}-${region}`,
                    {
                        region,
                        description: `DR cell ${args.cell}: data at rest in ${region}`,
                        enableKeyRotation: true,
                        deletionWindowInDays: 30,
                        policy,
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
