import { DR_TAGS, MANAGED_CACHE_POLICIES, ResidencyZones } from "../catalog";
import {
    BehaviorView,
    DistributionView,
    OriginView,
    StackModel,
    UNKNOWN,
    cellIntent,
    distributions,
    record,
    stores,
} from "../catalog/model";
import { stackPolicy } from "./define";
import { stackModel } from "./model";
import { remedyFor } from "./remedies";
import { packZones } from "./scopes";
import { describeStore } from "./words";

/**
 * The residency of personal data at the edge (DESIGN §7): a CloudFront distribution in front of a stack that holds
 * personal data of a zone serves that data from its origins and may keep it at edge locations, which are not regions
 * and which no price class confines. So its origins must lead into the zone, it may cache a response only where the
 * request tells the origin nothing of who asks (the same response for everyone is no one's personal data), and no
 * edge function may write what it sees to logs outside the zone.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PriceClass.html
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-logs.html
 */

/** The zone of the personal data the stack's services serve: the stack's, when it holds a personal store. */
function personalZone(model: StackModel): string | undefined {
    const personal = stores(model).some((s) => record(s.props.tags)[DR_TAGS.classification] === "personal");
    return personal ? cellIntent(model).residency : undefined;
}

/** An origin that leads to this stack's load balancers: it serves what the stack's services serve. */
function servesTheStack(origin: OriginView): boolean {
    return origin.destinations.length > 0;
}

function originWords(origin: OriginView): string {
    return `origin ${origin.id} (${typeof origin.domainName === "string" ? origin.domainName : "a name computed at deployment"})`;
}

function cachingFinding(name: string, d: DistributionView, b: BehaviorView, zone: string, allowed: string[]): string {
    const how =
        b.caches === UNKNOWN || b.viewerBlind === UNKNOWN
            ? "a cache or origin request policy it names cannot be read before deployment, so whether it caches responses personal to a viewer cannot be verified"
            : "it caches responses, and its requests carry what tells one viewer from another (cookies, identifying headers, query strings or signed URLs) to the origin";
    return (
        `${name} may keep personal data of zone ${zone} (allowed: ${allowed.join(", ")}) at edge locations outside it: the behavior for ${String(b.pathPattern)} (${b.property}) ` +
        `reaches ${b.origins.filter(servesTheStack).map(originWords).join(" and ")}, which serve the stack's personal data, and ${how}. ` +
        `Edge locations are not regions, and a price class lowers cost without confining where a request is served. Fix: ${remedyFor(
            d.distribution.urn,
            {
                ours: "list in dr:edge.publicPaths only paths that serve public content (EdgeDistribution caches those without cookies, headers or query strings, and nothing else)",
                theirs: `set ${b.property}.cachePolicyId on the aws.cloudfront.Distribution to the managed CachingDisabled policy (${MANAGED_CACHE_POLICIES.cachingDisabled}) or a cache policy with maxTtl 0; or, for a path that serves only public content, cache it with a policy that keys on and forwards no cookie, header or query string, and no ${b.property}.originRequestPolicyId`,
            },
        )}.`
    );
}

function originFinding(name: string, d: DistributionView, origin: OriginView, zone: string, allowed: string[]): string | undefined {
    const index = d.origins.indexOf(origin);
    const fix = remedyFor(d.distribution.urn, {
        ours: `keep the cell's regions in zone ${zone} (dr:drRegion), or, if counsel allows, widen the zone in a policy pack config file passed with --policy-pack-config`,
        theirs: `point origins[${index}].domainName on the aws.cloudfront.Distribution at a load balancer in ${allowed.join(" or ")}, or a Route 53 record of this stack that resolves only there`,
    });
    if (!servesTheStack(origin)) {
        return (
            `${name} serves personal data of zone ${zone} through ${d.origins.filter(servesTheStack).map(originWords).join(" and ")}, but ${originWords(origin)} ` +
            `resolves to nothing this stack holds, so where requests through it are served cannot be verified. Fix: ${fix}.`
        );
    }
    const outside = [...new Set(origin.destinations.map((t) => t.region))].filter((r) => r === UNKNOWN || !allowed.includes(r));
    if (outside.length === 0) {
        return undefined;
    }
    return (
        `${name} serves personal data of zone ${zone} (allowed: ${allowed.join(", ")}), but ${originWords(origin)} leads to ` +
        `${outside.map((r) => (r === UNKNOWN ? "a region not known before deployment" : r)).join(", ")}: every request through it, and the personal data it carries, is served from there. Fix: ${fix}.`
    );
}

function functionFinding(name: string, d: DistributionView, b: BehaviorView, zone: string, allowed: string[]): string[] {
    return b.functions.flatMap((f) => {
        const where =
            f.kind === "lambda-at-edge"
                ? "Lambda@Edge writes its logs to CloudWatch Logs in each region where it runs, near whichever edge location served the request"
                : "CloudFront Functions write their logs to CloudWatch Logs in us-east-1";
        if (f.kind === "cloudfront-function" && allowed.includes("us-east-1")) {
            return [];
        }
        const property = f.kind === "lambda-at-edge" ? "lambdaFunctionAssociations" : "functionAssociations";
        return [
            `${name} runs ${f.kind === "lambda-at-edge" ? "a Lambda@Edge function" : "a CloudFront Function"} on the behavior for ${String(b.pathPattern)} (${b.property}), which reaches personal data of zone ${zone} (allowed: ${allowed.join(", ")}): ` +
                `${where}, outside the zone, and each request it sees carries that data. Its code is replicated from us-east-1 to every edge location; code is not data, its logs are. Fix: ${remedyFor(
                    d.distribution.urn,
                    {
                        ours: "run no edge function on the cell's distribution (EdgeDistribution runs none: each cell's distribution has only its own cell's origins, so no function needs to route by geography)",
                        theirs: `remove ${b.property}.${property} from the aws.cloudfront.Distribution, routing by origin instead (a distribution per zone, each with its own zone's origins)`,
                    },
                )}.`,
        ];
    });
}

/** Findings for one distribution of a stack that holds personal data of `zone`; none for one that reaches none of the stack's services. */
export function edgeFindings(d: DistributionView, zone: string, zones: ResidencyZones): string[] {
    if (!d.origins.some(servesTheStack)) {
        return [];
    }
    const allowed = zones[zone] ?? [];
    const name = describeStore(d.distribution);
    const findings = d.origins.map((o) => originFinding(name, d, o, zone, allowed)).filter((f): f is string => f !== undefined);
    for (const b of d.behaviors.filter((b) => b.origins.some(servesTheStack))) {
        if (b.caches !== false && b.viewerBlind !== true) {
            findings.push(cachingFinding(name, d, b, zone, allowed));
        }
        findings.push(...functionFinding(name, d, b, zone, allowed));
    }
    return findings;
}

export const dataResidencyEdge = stackPolicy("data-residency-edge", (args, report, skip) => {
    const model = stackModel(args.resources);
    const views = distributions(model);
    const zone = personalZone(model);
    if (views.length === 0 || zone === undefined) {
        return skip(views.length === 0 ? "the stack has no CloudFront distribution" : "the stack holds no personal data of a zone");
    }
    const zones = packZones();
    if (!zones[zone]) {
        // data-residency reports a zone its config does not define, once for the stack.
        return skip(`zone ${zone} is not defined`);
    }
    for (const d of views) {
        for (const finding of edgeFindings(d, zone, zones)) {
            report(finding, d.distribution.urn);
        }
    }
});
