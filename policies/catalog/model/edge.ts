import { LEGACY_DEFAULT_TTL, LEGACY_MAX_TTL, MANAGED_CACHE_POLICIES } from "../edge";
import { perModel } from "./cache";
import { ModelResource, StackModel, TYPES, UNKNOWN, Unknown, list, record, text } from "./resources";

/**
 * The global tier in front of a cell: Global Accelerators (which regions their endpoint groups send traffic to) and
 * CloudFront distributions (where each origin leads, which behaviors cache, which run edge functions). Read from the
 * resources themselves, in our program or a user's; names are followed through the stack's Route 53 records.
 */

/** Where traffic for a name ends up: a load balancer, or an accelerator's endpoint group, in a region. */
export interface TrafficDestination {
    resource: ModelResource;
    region: string | Unknown;
}

/** An accelerator and the load balancers its endpoint groups send to, with each group's traffic dial. */
export interface AcceleratorView {
    accelerator: ModelResource;
    groups: { group: ModelResource; region: string | Unknown; dial: number; loadBalancers: ModelResource[] }[];
}

const LOAD_BALANCERS: string[] = [TYPES.loadBalancer, TYPES.albLoadBalancer];

export const accelerators = perModel((model: StackModel): AcceleratorView[] =>
    model.ofType(TYPES.accelerator).map((accelerator) => ({
        accelerator,
        groups: model
            .referrers(accelerator, TYPES.acceleratorListener, "acceleratorArn")
            .flatMap((listener) => model.referrers(listener, TYPES.endpointGroup, "listenerArn"))
            .map((group) => {
                const region = text(group.props.endpointGroupRegion);
                // A traffic dial left unset is 100. https://docs.aws.amazon.com/global-accelerator/latest/api/API_CreateEndpointGroup.html
                const dial = typeof group.props.trafficDialPercentage === "number" ? group.props.trafficDialPercentage : 100;
                return {
                    group,
                    region: region ?? model.regionOf(group) ?? UNKNOWN,
                    dial,
                    loadBalancers: model.deps(group, "endpointConfigurations", ...LOAD_BALANCERS),
                };
            }),
    })),
);

/**
 * An accelerator that moves the cell's traffic from home to the DR region by itself: a group with a load balancer in
 * each. A group without a healthy endpoint fails over to the next even at a traffic dial of 0.
 * https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoints-endpoint-weights.unhealthy-endpoints.html
 */
export function acceleratorBetween(model: StackModel, home: string, drRegion: string): AcceleratorView | undefined {
    const serves = (view: AcceleratorView, region: string) =>
        view.groups.some((g) => g.region === region && g.loadBalancers.some((lb) => model.regionOf(lb) === region));
    return accelerators(model).find((view) => serves(view, home) && serves(view, drRegion));
}

function normalized(name: string): string {
    return name.toLowerCase().replace(/\.$/, "");
}

/** The stack's Route 53 records by the name they answer, built once. */
const recordsByName = perModel((model: StackModel) => {
    const byName = new Map<string, ModelResource[]>();
    for (const r of model.ofType(TYPES.record)) {
        const name = text(r.props.name);
        if (typeof name === "string") {
            byName.set(normalized(name), [...(byName.get(normalized(name)) ?? []), r]);
        }
    }
    return byName;
});

/** Where a resource an alias or origin names sends traffic: a load balancer itself, or an accelerator's groups. */
function destinationsOf(model: StackModel, target: ModelResource): TrafficDestination[] {
    if (LOAD_BALANCERS.includes(target.type)) {
        return [{ resource: target, region: model.regionOf(target) ?? UNKNOWN }];
    }
    const view = accelerators(model).find((a) => a.accelerator.urn === target.urn);
    return (view?.groups ?? []).flatMap((g) =>
        g.loadBalancers.length > 0
            ? g.loadBalancers.map((lb) => ({ resource: lb, region: g.region }))
            : [{ resource: g.group, region: g.region }],
    );
}

const MAX_HOPS = 4;

/**
 * Where traffic for a DNS name ends up, following the stack's records (their aliases and CNAME values, by what they
 * were built from or by name) to load balancers and accelerators; a load balancer's own DNS name counts too. Empty
 * when the stack holds nothing that answers the name.
 */
export function destinationsOfName(model: StackModel, name: string, hops = 0): TrafficDestination[] {
    const own = model
        .ofType(...LOAD_BALANCERS, TYPES.accelerator)
        .filter((r) => typeof r.props.dnsName === "string" && normalized(r.props.dnsName) === normalized(name));
    if (own.length > 0 || hops >= MAX_HOPS) {
        return own.flatMap((r) => destinationsOf(model, r));
    }
    return (recordsByName(model).get(normalized(name)) ?? []).flatMap((r) => {
        const built = model.deps(r, "aliases", ...LOAD_BALANCERS, TYPES.accelerator).flatMap((t) => destinationsOf(model, t));
        if (built.length > 0) {
            return built;
        }
        const names = [...list(r.props.aliases).map((a) => text(record(a).name)), ...list(r.props.records).map(text)];
        return names.flatMap((n) => (typeof n === "string" ? destinationsOfName(model, n, hops + 1) : []));
    });
}

/** An origin of a distribution, and where requests to it end up. */
export interface OriginView {
    id: string;
    domainName: string | Unknown | undefined;
    destinations: TrafficDestination[];
}

/** A Lambda@Edge function or a CloudFront Function a behavior runs. */
export interface EdgeFunction {
    kind: "lambda-at-edge" | "cloudfront-function";
    arn: string | Unknown | undefined;
}

/** A cache behavior: which paths, which origins it reaches, whether it may cache, what it runs at the edge. */
export interface BehaviorView {
    /** The property that holds it, as a fix names it: `defaultCacheBehavior`, `orderedCacheBehaviors[0]`. */
    property: string;
    pathPattern: string | Unknown;
    /** The origins a request may reach: its target, or both members of the origin group it targets. */
    origins: OriginView[];
    /** Whether it allows writes (POST, PUT, PATCH, DELETE). */
    writes: boolean;
    /** Whether a response may be cached at an edge location; `UNKNOWN` when its cache policy cannot be read. */
    caches: boolean | Unknown;
    /**
     * Whether its requests reach the origin with nothing that tells one viewer from another — no cookie, no header that
     * identifies (any but a named few), no query string, no signed URL — so every viewer gets the same response, which is
     * therefore nobody's personal data; `UNKNOWN` when a policy it names cannot be read.
     */
    viewerBlind: boolean | Unknown;
    functions: EdgeFunction[];
}

export interface DistributionView {
    distribution: ModelResource;
    origins: OriginView[];
    behaviors: BehaviorView[];
}

/** A cache policy's TTLs cache nothing only when the maximum is 0 (the default maximum is a year). https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/controlling-the-cache-key.html */
function ttlsCache(props: Record<string, any>, defaultMax: number): boolean | Unknown {
    const max = props.maxTtl;
    if (max === UNKNOWN || props.defaultTtl === UNKNOWN) {
        return UNKNOWN;
    }
    return (typeof max === "number" ? max : defaultMax) > 0;
}

/**
 * Whether a behavior may cache a response: CachingDisabled never does; a cache policy of the stack caches unless its
 * maximum TTL is 0; any other policy may; without a policy, the legacy TTLs decide (a day, up to a year, by default).
 */
function behaviorCaches(
    model: StackModel,
    distribution: ModelResource,
    property: string,
    behavior: Record<string, any>,
): boolean | Unknown {
    const id = behavior.cachePolicyId;
    if (id === undefined || id === null) {
        return ttlsCache(
            { maxTtl: behavior.maxTtl ?? LEGACY_MAX_TTL, defaultTtl: behavior.defaultTtl ?? LEGACY_DEFAULT_TTL },
            LEGACY_MAX_TTL,
        );
    }
    if (id === MANAGED_CACHE_POLICIES.cachingDisabled) {
        return false;
    }
    const policy = policyOf(model, distribution, property, TYPES.cachePolicy, id);
    if (policy) {
        return ttlsCache(policy.props, LEGACY_MAX_TTL);
    }
    return id === UNKNOWN ? UNKNOWN : true;
}

/** Headers that carry who the viewer is. */
const IDENTIFYING_HEADERS = ["authorization", "cookie", "*"];

/** Whether cookie, header and query string settings send nothing that tells viewers apart: none of each, or only harmless headers. */
function blindSettings(cookies: unknown, headers: unknown, headerItems: unknown, queries: unknown): boolean | Unknown {
    if ([cookies, headers, queries].includes(UNKNOWN)) {
        return UNKNOWN;
    }
    const named = list(headerItems).map((h) => String(h).toLowerCase());
    return (
        cookies === "none" &&
        queries === "none" &&
        (headers === "none" || (headers === "whitelist" && !named.some((h) => IDENTIFYING_HEADERS.includes(h))))
    );
}

/** A cache or origin request policy of the stack by the id a behavior names (at preview, the one it was built from). */
function policyOf(model: StackModel, distribution: ModelResource, property: string, type: string, id: unknown): ModelResource | undefined {
    const built = model.deps(distribution, property.replace(/\[\d+\]$/, ""), type);
    return (
        (typeof id === "string" ? model.ofType(type).find((p) => p.props.id === id) : undefined) ??
        (id === UNKNOWN && built.length === 1 ? built[0] : undefined)
    );
}

/** What a cache policy (its cache key, which it also forwards) or an origin request policy sends of the viewer. */
function policyBlind(config: Record<string, any>): boolean | Unknown {
    const cookies = record(config.cookiesConfig);
    const headers = record(config.headersConfig);
    const queries = record(config.queryStringsConfig);
    return blindSettings(cookies.cookieBehavior, headers.headerBehavior, record(headers.headers).items, queries.queryStringBehavior);
}

/**
 * Whether a behavior's requests reach its origin blind to the viewer: its cache key (a managed policy known to key on
 * nothing of the viewer, a stack policy read, or legacy forwarded values), its origin request policy (none, or a stack
 * one read), and no signed URLs or cookies (trusted key groups or signers restrict content per viewer).
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/controlling-the-cache-key.html
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/controlling-origin-requests.html
 */
function behaviorBlind(model: StackModel, distribution: ModelResource, property: string, b: Record<string, any>): boolean | Unknown {
    if (list(b.trustedKeyGroups).length > 0 || list(b.trustedSigners).length > 0) {
        return false;
    }
    const fold = (parts: (boolean | Unknown)[]) => (parts.includes(false) ? false : parts.includes(UNKNOWN) ? UNKNOWN : true);
    let key: boolean | Unknown;
    if (b.cachePolicyId === undefined || b.cachePolicyId === null) {
        const forwarded = record(b.forwardedValues);
        key = blindSettings(
            record(forwarded.cookies).forward ?? "none",
            list(forwarded.headers).length > 0 ? "whitelist" : "none",
            forwarded.headers,
            forwarded.queryString === true ? "all" : "none",
        );
    } else if (Object.values(MANAGED_CACHE_POLICIES).includes(b.cachePolicyId)) {
        key = true;
    } else {
        const policy = policyOf(model, distribution, property, TYPES.cachePolicy, b.cachePolicyId);
        key = policy
            ? policyBlind(record(policy.props.parametersInCacheKeyAndForwardedToOrigin))
            : b.cachePolicyId === UNKNOWN
              ? UNKNOWN
              : false;
    }
    let forwarded: boolean | Unknown = true;
    if (b.originRequestPolicyId !== undefined && b.originRequestPolicyId !== null) {
        const policy = policyOf(model, distribution, property, TYPES.originRequestPolicy, b.originRequestPolicyId);
        forwarded = policy ? policyBlind(policy.props) : b.originRequestPolicyId === UNKNOWN ? UNKNOWN : false;
    }
    return fold([key, forwarded]);
}

const WRITES = ["POST", "PUT", "PATCH", "DELETE"];

export const distributions = perModel((model: StackModel): DistributionView[] =>
    model.ofType(TYPES.distribution).map((distribution) => {
        const builtFrom = model.deps(distribution, "origins", ...LOAD_BALANCERS, TYPES.accelerator);
        const origins: OriginView[] = list(distribution.props.origins).map((o) => {
            const origin = record(o);
            const domainName = text(origin.domainName);
            const destinations =
                typeof domainName === "string" ? destinationsOfName(model, domainName) : builtFrom.flatMap((t) => destinationsOf(model, t));
            return { id: String(origin.originId), domainName, destinations };
        });
        const groups = new Map(
            list(distribution.props.originGroups).map((g) => [
                String(record(g).originId),
                list(record(g).members).map((m) => String(record(m).originId)),
            ]),
        );
        const behaviors = [
            ["defaultCacheBehavior", record(distribution.props.defaultCacheBehavior)] as const,
            ...list(distribution.props.orderedCacheBehaviors).map((b, i) => [`orderedCacheBehaviors[${i}]`, record(b)] as const),
        ].map(([property, b]): BehaviorView => {
            const target = String(b.targetOriginId);
            const members = groups.get(target) ?? [target];
            return {
                property,
                pathPattern: property === "defaultCacheBehavior" ? "*" : (text(b.pathPattern) ?? UNKNOWN),
                origins: origins.filter((o) => members.includes(o.id)),
                writes: list(b.allowedMethods).some((m) => typeof m === "string" && WRITES.includes(m.toUpperCase())),
                caches: behaviorCaches(model, distribution, property, b),
                viewerBlind: behaviorBlind(model, distribution, property, b),
                functions: [
                    ...list(b.lambdaFunctionAssociations).map((f): EdgeFunction => ({
                        kind: "lambda-at-edge",
                        arn: text(record(f).lambdaArn),
                    })),
                    ...list(b.functionAssociations).map((f): EdgeFunction => ({
                        kind: "cloudfront-function",
                        arn: text(record(f).functionArn),
                    })),
                ],
            };
        });
        return { distribution, origins, behaviors };
    }),
);

/**
 * A distribution whose writes reach the cell's home region only: an origin that takes writes and leads to home and
 * nowhere else (a load balancer's name, not the cell's failover name or an accelerator). Once home is lost, its writes
 * fail until a person points the origin elsewhere and CloudFront deploys the change.
 */
export function pinnedToHome(model: StackModel, home: string, drRegion: string): DistributionView[] {
    return distributions(model).filter((d) =>
        d.behaviors.some(
            (b) =>
                b.writes &&
                b.origins.some((o) => o.destinations.some((t) => t.region === home) && !o.destinations.some((t) => t.region === drRegion)),
        ),
    );
}
