import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RegionalCertificatesArgs {
    /** The name users resolve; every regional load balancer serves it. */
    hostName: string;
    /** Route 53 zone that holds the DNS validation record. */
    zoneId: pulumi.Input<string>;
    /** Regions with a load balancer, and us-east-1 for a CloudFront distribution: ACM certificates are regional. */
    regions: string[];
    /** Whether the certificates also cover the names one label below the host name (the cell's own name, its distribution's); default false. */
    wildcard?: boolean;
    /** Tags for the certificates. */
    tags: Record<string, string>;
}

/**
 * A DNS-validated ACM certificate for the host name in each region of the cell, so every listener is TLS; with
 * `wildcard`, for `*.<hostName>` too, which ACM validates by the host name's own CNAME record (a wildcard name and the
 * name it covers share one). https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
 */
export class RegionalCertificates extends pulumi.ComponentResource {
    private readonly validated = new Map<string, pulumi.Output<string>>();

    constructor(name: string, args: RegionalCertificatesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:tls:RegionalCertificates", name, {}, opts);
        const certificates = args.regions.map(
            (region) =>
                [
                    region,
                    new aws.acm.Certificate(
                        `${name}-${region}`,
                        {
                            region,
                            domainName: args.hostName,
                            subjectAlternativeNames: args.wildcard ? [`*.${args.hostName}`] : undefined,
                            validationMethod: "DNS",
                            keyAlgorithm: "EC_prime256v1",
                            tags: args.tags,
                        },
                        { parent: this },
                    ),
                ] as const,
        );
        if (certificates.length === 0) {
            this.registerOutputs({});
            return;
        }
        // ACM's validation record for a name is the same in every region of an account, and other cells
        // validating the same host name write the very same record: one record, overwritable, serves all.
        const option = certificates[0][1].domainValidationOptions.apply((options) => options?.[0]);
        const record = new aws.route53.Record(
            `${name}-validation`,
            {
                zoneId: args.zoneId,
                name: option.apply((o) => o?.resourceRecordName ?? ""),
                type: option.apply((o) => o?.resourceRecordType ?? "CNAME"),
                records: [option.apply((o) => o?.resourceRecordValue ?? "")],
                ttl: 300,
                allowOverwrite: true,
            },
            // Other cells' certificates renew against this same record: destroying one stack must not take it away.
            { parent: this, retainOnDelete: true },
        );
        for (const [region, certificate] of certificates) {
            const validation = new aws.acm.CertificateValidation(
                `${name}-${region}`,
                { region, certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
                { parent: this },
            );
            this.validated.set(region, validation.certificateArn);
        }
        this.registerOutputs({ hostName: args.hostName, regions: args.regions });
    }

    /** The certificate for `region`, available once ACM has validated it. */
    certificateArn(region: string): pulumi.Output<string> {
        const arn = this.validated.get(region);
        if (!arn) {
            throw new Error(`no certificate for ${region}; certificates exist for ${[...this.validated.keys()].join(", ")}`);
        }
        return arn;
    }
}
