import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface KeyRingArgs {
    /** Stack name, for key descriptions. */
    cell: string;
    /** Every region where the cell keeps data: one customer-managed key each. */
    regions: string[];
    /** Tags for the keys. */
    tags: Record<string, string>;
}

/** Customer-managed KMS keys for the cell's data, one per region; losing a key loses its data, so each is protected. */
export class KeyRing extends pulumi.ComponentResource {
    private readonly keys = new Map<string, aws.kms.Key>();

    constructor(name: string, args: KeyRingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:KeyRing", name, {}, opts);
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
                        tags: args.tags,
                    },
                    { parent: this, protect: true },
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
