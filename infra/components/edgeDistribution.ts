import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ALL_VIEWER_EXCEPT_HOST_HEADER,
    MANAGED_CACHE_POLICIES,
    ORIGIN_GROUP_METHODS,
    PRICE_CLASSES,
    SECURITY_HEADERS_POLICY,
} from "../../policies/catalog";

/** The DR region's load balancer, the origin reads fail over to. */
export interface EdgeFallback {
    region: string;
    loadBalancer: aws.lb.LoadBalancer;
}

export interface EdgeDistributionArgs {
    /** Stack name: the fallback origin's name and the distribution's comment. */
    cell: string;
    /** The distribution's own name, one label below `hostName` (dr:edge.hostName): CloudFront takes a name on one distribution only. */
    edgeName: string;
    /** The name every cell serves (dr:routing.hostName); the origins' names sit one label below it. */
    hostName: string;
    /** The shared public zone, looked up by the program. */
    zoneId: pulumi.Input<string>;
    /** The cell's own name (GlobalRouting's), which fails over by itself: the origin of every request. */
    cellName: string;
    /** Records of the cell's own name: the origin must resolve before CloudFront sends it a request. */
    cellRecords: pulumi.Resource[];
    /** The DR region's load balancer: public reads fail over to it on an error; absent: no origin group. */
    fallback?: EdgeFallback;
    /** A certificate in us-east-1 covering `edgeName`. */
    certificateArn: pulumi.Input<string>;
    /** Which edge locations serve it (dr:edge.priceClass). */
    priceClass: (typeof PRICE_CLASSES)[number];
    /** Path patterns that serve only public content, cached at the edge (dr:edge.publicPaths); default: none. */
    publicPaths: string[];
    /** Tags for the distribution. */
    tags: Record<string, string>;
}

/** Status codes that send a read to the fallback origin: the origin's own failures, never a client's. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html */
const FAILOVER_STATUS_CODES = [500, 502, 503, 504];

/** TLS 1.2 or later, to viewers and to origins. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html */
const TLS_ONLY = "https-only";

/**
 * The cell's CloudFront distribution, TLS only to viewers and to origins. Every request goes to the cell's own name,
 * which Route 53 health checks or Global Accelerator move to the DR region, and nothing is cached
 * (CachingDisabled) except the paths declared public (CachingOptimized, no cookies or query strings reach the origin).
 * Those public reads sit behind an origin group that retries the DR region's load balancer on a 5xx or a failed
 * connection: CloudFront fails over GET, HEAD and OPTIONS only, and refuses writes on an origin group at all, so writes
 * and personal reads follow the cell's name and its failover. Its origins are the cell's own load balancers, so EU
 * viewers' requests reach only the EU cell; edge locations are not regions, and a price class is a cost lever, not a
 * residency control: no personal response is cached at any of them.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PriceClass.html
 */
export class EdgeDistribution extends pulumi.ComponentResource {
    readonly distribution: aws.cloudfront.Distribution;

    constructor(name: string, args: EdgeDistributionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:edge:EdgeDistribution", name, {}, opts);
        const parent = { parent: this };
        const custom = { httpPort: 80, httpsPort: 443, originProtocolPolicy: TLS_ONLY, originSslProtocols: ["TLSv1.2"] };
        const origins: aws.types.input.cloudfront.DistributionOrigin[] = [
            // Two 5-second attempts before a public read fails over, instead of CloudFront's default three of 10 seconds.
            { originId: "cell", domainName: args.cellName, customOriginConfig: custom, connectionAttempts: 2, connectionTimeout: 5 },
        ];
        const dependsOn = [...args.cellRecords];
        if (args.fallback) {
            // The fallback's own name, which the DR region's certificate covers (`*.<hostName>`), aliasing its load balancer.
            const fallbackName = `${args.cell}-${args.fallback.region}.${args.hostName}`;
            dependsOn.push(
                new aws.route53.Record(
                    `${name}-${args.fallback.region}`,
                    {
                        zoneId: args.zoneId,
                        name: fallbackName,
                        type: "A",
                        aliases: [
                            {
                                name: args.fallback.loadBalancer.dnsName,
                                zoneId: args.fallback.loadBalancer.zoneId,
                                evaluateTargetHealth: true,
                            },
                        ],
                    },
                    parent,
                ),
            );
            origins.push({ originId: "fallback", domainName: fallbackName, customOriginConfig: custom });
        }
        const publicTarget = args.fallback ? "failover" : "cell";
        const tls = { viewerProtocolPolicy: TLS_ONLY, compress: true, responseHeadersPolicyId: SECURITY_HEADERS_POLICY };

        this.distribution = new aws.cloudfront.Distribution(
            name,
            {
                enabled: true,
                comment: `DR cell ${args.cell}`,
                aliases: [args.edgeName],
                origins,
                originGroups: args.fallback
                    ? [
                          {
                              originId: "failover",
                              failoverCriteria: { statusCodes: FAILOVER_STATUS_CODES },
                              members: [{ originId: "cell" }, { originId: "fallback" }],
                          },
                      ]
                    : [],
                defaultCacheBehavior: {
                    ...tls,
                    targetOriginId: "cell",
                    allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                    cachedMethods: ["GET", "HEAD"],
                    cachePolicyId: MANAGED_CACHE_POLICIES.cachingDisabled,
                    originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
                },
                orderedCacheBehaviors: args.publicPaths.map((pathPattern) => ({
                    ...tls,
                    pathPattern,
                    targetOriginId: publicTarget,
                    allowedMethods: [...ORIGIN_GROUP_METHODS],
                    cachedMethods: ["GET", "HEAD"],
                    cachePolicyId: MANAGED_CACHE_POLICIES.cachingOptimized,
                })),
                priceClass: args.priceClass,
                restrictions: { geoRestriction: { restrictionType: "none" } },
                viewerCertificate: {
                    acmCertificateArn: args.certificateArn,
                    sslSupportMethod: "sni-only",
                    minimumProtocolVersion: "TLSv1.2_2021",
                },
                httpVersion: "http2and3",
                tags: args.tags,
            },
            { parent: this, dependsOn },
        );
        new aws.route53.Record(
            name,
            {
                zoneId: args.zoneId,
                name: args.edgeName,
                type: "A",
                aliases: [{ name: this.distribution.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false }],
            },
            parent,
        );
        this.registerOutputs({ edgeName: args.edgeName, domainName: this.distribution.domainName, publicPaths: args.publicPaths });
    }
}
