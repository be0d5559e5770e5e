import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_VIEWER_EXCEPT_HOST_HEADER, DEFAULT_RESIDENCY_ZONES, MANAGED_CACHE_POLICIES } from "../../policies/catalog";
import { ModelResource, UNKNOWN, distributions } from "../../policies/catalog/model";
import { edgeFindings } from "../../policies/rules/data-residency-edge";
import { T, model, resource } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();
const LB = "aws:lb/loadBalancer:LoadBalancer";

interface Edge {
    /** Where the second origin leads: eu-west-1 (default), another region, or a name the stack does not hold. */
    fallback?: "eu-west-1" | "us-east-1" | "elsewhere";
    /** The default behavior's cache policy; default CachingDisabled. */
    cachePolicyId?: string;
    /** Functions on the default behavior. */
    lambdaEdge?: boolean;
    cloudFrontFunction?: boolean;
}

/** An EU distribution: its cell's name (a record to the eu-west-1 load balancer) and a fallback origin; every viewer's request reaches them, /static/* cached blind to the viewer. */
function distribution(e: Edge = {}): ModelResource[] {
    const home = resource(LB, "lb-eu", { region: "eu-west-1", dnsName: UNKNOWN });
    const other = resource(LB, "lb-other", { region: e.fallback === "us-east-1" ? "us-east-1" : "eu-west-1", dnsName: UNKNOWN });
    const record = (name: string, target: ModelResource) =>
        resource(T.record, name, { name: `${name}.app.example.com`, aliases: [{ name: UNKNOWN }] }, { aliases: [target] });
    const edge = resource(T.distribution, "eu-edge", {
        origins: [
            { originId: "cell", domainName: "eu.app.example.com" },
            { originId: "fallback", domainName: e.fallback === "elsewhere" ? "api.partner.example" : "fallback.app.example.com" },
        ],
        originGroups: [{ originId: "failover", members: [{ originId: "cell" }, { originId: "fallback" }] }],
        defaultCacheBehavior: {
            targetOriginId: "cell",
            allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
            cachePolicyId: e.cachePolicyId ?? MANAGED_CACHE_POLICIES.cachingDisabled,
            originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
            lambdaFunctionAssociations: e.lambdaEdge
                ? [{ eventType: "origin-request", lambdaArn: "arn:aws:lambda:us-east-1:1:function:f:1" }]
                : [],
            functionAssociations: e.cloudFrontFunction
                ? [{ eventType: "viewer-request", functionArn: "arn:aws:cloudfront::1:function/f" }]
                : [],
        },
        orderedCacheBehaviors: [
            {
                pathPattern: "/static/*",
                targetOriginId: "failover",
                allowedMethods: ["GET", "HEAD"],
                cachePolicyId: MANAGED_CACHE_POLICIES.cachingOptimized,
            },
        ],
    });
    return [home, other, record("eu", home), record("fallback", other), edge];
}

const findings = (e: Edge, zone = "eu") => edgeFindings(distributions(model(...distribution(e)))[0], zone, DEFAULT_RESIDENCY_ZONES);

describe("data-residency-edge: a distribution in front of a zone's personal data", () => {
    it("passes one whose origins lead into the zone and that caches only what no viewer's request tells apart", () => {
        assert.deepEqual(findings({}), []);
    });

    it("rejects one that may cache personal responses, naming the behavior's property for any program", () => {
        const [finding, ...others] = findings({ cachePolicyId: MANAGED_CACHE_POLICIES.cachingOptimized });
        assert.deepEqual(others, []);
        assert.match(
            finding,
            /may keep personal data of zone eu \(allowed: eu-west-1\) at edge locations outside it: the behavior for \* \(defaultCacheBehavior\)/,
        );
        assert.match(
            finding,
            /Fix: set defaultCacheBehavior\.cachePolicyId on the aws\.cloudfront\.Distribution to the managed CachingDisabled policy/,
        );
    });

    it("rejects a cached path whose requests tell viewers apart: cookies forwarded, or a signed URL", () => {
        const cached = (change: Record<string, unknown>) => {
            const resources = distribution({});
            const edge = resources[resources.length - 1];
            Object.assign(edge.props.orderedCacheBehaviors[0], change);
            return edgeFindings(distributions(model(...resources))[0], "eu", DEFAULT_RESIDENCY_ZONES).join("\n");
        };
        assert.match(
            cached({ originRequestPolicyId: "216adef6-5c7f-47e4-b989-5492eafa07d3" }),
            /the behavior for \/static\/\* \(orderedCacheBehaviors\[0\]\)/,
        );
        assert.match(cached({ trustedKeyGroups: ["kg-1"] }), /orderedCacheBehaviors\[0\]/);
        assert.match(
            cached({ cachePolicyId: undefined, forwardedValues: { queryString: false, cookies: { forward: "all" } } }),
            /carry what tells one viewer from another/,
        );
        assert.equal(cached({ cachePolicyId: undefined, forwardedValues: { queryString: false, cookies: { forward: "none" } } }), "");
    });

    it("reads a stack's own cache policy for what it keys on", () => {
        const policy = (cookieBehavior: string) =>
            resource(T.cachePolicy, "p", {
                id: UNKNOWN,
                maxTtl: 86400,
                parametersInCacheKeyAndForwardedToOrigin: {
                    cookiesConfig: { cookieBehavior },
                    headersConfig: { headerBehavior: "none" },
                    queryStringsConfig: { queryStringBehavior: "none" },
                },
            });
        const judged = (cookieBehavior: string) => {
            const p = policy(cookieBehavior);
            const [home, other, r1, r2, edge] = distribution({});
            edge.props.orderedCacheBehaviors[0].cachePolicyId = UNKNOWN;
            edge.propertyDependencies.orderedCacheBehaviors = [p.urn];
            return edgeFindings(distributions(model(home, other, r1, r2, p, edge))[0], "eu", DEFAULT_RESIDENCY_ZONES);
        };
        assert.deepEqual(judged("none"), []);
        assert.equal(judged("all").length, 1);
    });

    it("rejects an origin that leads outside the zone", () => {
        const [finding] = findings({ fallback: "us-east-1" });
        assert.match(finding, /but origin fallback \(fallback\.app\.example\.com\) leads to us-east-1: every request through it/);
        assert.match(finding, /Fix: point origins\[1\]\.domainName on the aws\.cloudfront\.Distribution at a load balancer in eu-west-1/);
    });

    it("rejects an origin the stack does not hold beside its own: where it serves from cannot be verified", () => {
        assert.match(
            findings({ fallback: "elsewhere" })[0],
            /origin fallback \(api\.partner\.example\) resolves to nothing this stack holds/,
        );
    });

    it("rejects an edge function that logs outside the zone: Lambda@Edge anywhere, a CloudFront Function in us-east-1 unless the zone holds it", () => {
        assert.match(findings({ lambdaEdge: true })[0], /runs a Lambda@Edge function .* in each region where it runs/);
        assert.match(
            findings({ cloudFrontFunction: true })[0],
            /CloudFront Functions write their logs to CloudWatch Logs in us-east-1, outside the zone/,
        );
        assert.deepEqual(
            findings({ cloudFrontFunction: true }, "us").filter((f) => f.includes("CloudFront Function")),
            [],
        );
    });

    it("does not judge a distribution that reaches none of the stack's services", () => {
        const alone = resource(T.distribution, "cdn", {
            origins: [{ originId: "site", domainName: "site.s3.amazonaws.com" }],
            defaultCacheBehavior: {
                targetOriginId: "site",
                allowedMethods: ["GET"],
                cachePolicyId: MANAGED_CACHE_POLICIES.cachingOptimized,
            },
        });
        assert.deepEqual(edgeFindings(distributions(model(alone))[0], "eu", DEFAULT_RESIDENCY_ZONES), []);
    });
});

describe("data-residency-edge through the real program and pack", () => {
    it("passes the shipped stacks: each caches only /static/*, from its own cell's origins", async () => {
        for (const s of await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "data-residency-edge").length, 0, mandatory(s));
        }
    });

    it("rejects eu's distribution caching its personal origin at all edges", async () => {
        const { context, resources } = await lab.preview("eu");
        const s = await lab.scenario(
            context,
            varied(resources, T.distribution, "eu-edge", (p) => {
                p.defaultCacheBehavior.cachePolicyId = MANAGED_CACHE_POLICIES.cachingOptimized;
                p.priceClass = "PriceClass_All";
            }),
        );
        assert.equal(s.code, 1);
        const [v, ...others] = of(s, "data-residency-edge");
        assert.deepEqual(others, []);
        assert.match(v.urn, /cloudfront\/distribution:Distribution::eu-edge$/);
        assert.match(
            v.message,
            /aws:cloudfront\/distribution:Distribution "eu-edge" may keep personal data of zone eu \(allowed: eu-west-1\) at edge locations outside it: the behavior for \* \(defaultCacheBehavior\) reaches origin cell \(eu\.app\.example\.com\)/,
        );
        assert.match(v.message, /its requests carry what tells one viewer from another/);
        assert.match(v.message, /Fix: list in dr:edge\.publicPaths only paths that serve public content/);
    });
});
