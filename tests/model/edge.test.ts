import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelResource, PROMOTES_TAG, UNKNOWN, cellRecovery, distributions } from "../../policies/catalog/model";
import { MANAGED_CACHE_POLICIES } from "../../policies/catalog";
import { T, euTable, model, resource } from "./build";

const HOME = "us-east-1";
const DR = "us-west-2";
const LB = "aws:lb/loadBalancer:LoadBalancer";

const lb = (region: string) => resource(LB, `lb-${region}`, { region, dnsName: UNKNOWN });

interface Cell {
    /** Route 53 failover records, or an accelerator in front of both regions. */
    traffic?: "records" | "accelerator";
    /** A distribution whose writes go to this origin: the cell's own name, or the home load balancer's name. */
    edgeOrigin?: "cell" | "home";
    /** A global datastore with a secondary in the DR region; `plan`: what promotes it. */
    cache?: { plan?: "promotes" | "skips-ungraceful" | "untagged" };
}

/** A warm-standby us-east-1 → us-west-2 cell, both regions serving at full capacity, one replicated table. */
function cell(c: Cell = {}): ModelResource[] {
    const [home, dr] = [lb(HOME), lb(DR)];
    const cells = [HOME, DR].map((region) =>
        resource(T.cell, `c-${region}`, {
            region,
            role: region === HOME ? "primary" : "standby",
            tier: "warm-standby",
            rto: "1h",
            rpo: "15m",
        }),
    );
    const services = [HOME, DR].map((region) => resource(T.service, `svc-${region}`, { region, desiredCount: 2 }));
    const targetGroup = resource(T.targetGroup, "tg-home", { region: HOME, healthCheck: { interval: 15, unhealthyThreshold: 3 } });
    const users = euTable("users", { region: HOME, replicas: [{ regionName: DR }] });
    const resources = [...cells, ...services, home, dr, targetGroup, users];
    if (c.traffic === "accelerator") {
        const accelerator = resource(T.accelerator, "ga", { dnsName: UNKNOWN });
        const listener = resource(T.acceleratorListener, "ga", { acceleratorArn: UNKNOWN }, { acceleratorArn: [accelerator] });
        const group = (region: string, target: ModelResource, dial: number) =>
            resource(
                T.endpointGroup,
                `ga-${region}`,
                { endpointGroupRegion: region, trafficDialPercentage: dial, endpointConfigurations: [{ endpointId: UNKNOWN }] },
                { listenerArn: [listener], endpointConfigurations: [target] },
            );
        const record = resource(T.record, "cell", { name: "us.app.example.com", aliases: [{ name: UNKNOWN }] }, { aliases: [accelerator] });
        resources.push(accelerator, listener, group(HOME, home, 100), group(DR, dr, 0), record);
    } else {
        const check = resource(T.healthCheck, "hc", { fqdn: UNKNOWN, requestInterval: 10, failureThreshold: 3 }, { fqdn: [home] });
        const record = (type: string, target: ModelResource, health?: ModelResource) =>
            resource(
                T.record,
                `cell-${type}`,
                {
                    name: "us.app.example.com",
                    failoverRoutingPolicies: [{ type }],
                    aliases: [{ name: UNKNOWN }],
                    healthCheckId: health && UNKNOWN,
                },
                { aliases: [target], ...(health ? { healthCheckId: [health] } : {}) },
            );
        resources.push(check, record("PRIMARY", home, check), record("SECONDARY", dr));
    }
    if (c.edgeOrigin) {
        const homeName = resource(
            T.record,
            "origin-home",
            { name: "us-home.app.example.com", aliases: [{ name: UNKNOWN }] },
            { aliases: [home] },
        );
        const origin = c.edgeOrigin === "cell" ? "us.app.example.com" : "us-home.app.example.com";
        const distribution = resource(T.distribution, "edge", {
            origins: [{ originId: "cell", domainName: origin }],
            defaultCacheBehavior: {
                targetOriginId: "cell",
                allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                cachePolicyId: MANAGED_CACHE_POLICIES.cachingDisabled,
            },
        });
        resources.push(homeName, distribution);
    }
    if (c.cache) {
        const tags = { ...users.props.tags, "dr:classification": "personal" };
        const primary = resource(T.cacheReplicationGroup, "sessions", { region: HOME, replicationGroupId: "us-sessions", tags });
        const datastore = resource(
            T.cacheGlobalDatastore,
            "sessions",
            { region: HOME, globalReplicationGroupIdSuffix: "us-sessions", primaryReplicationGroupId: UNKNOWN },
            { primaryReplicationGroupId: [primary] },
        );
        const secondary = resource(
            T.cacheReplicationGroup,
            "sessions-dr",
            { region: DR, globalReplicationGroupId: UNKNOWN, tags },
            { globalReplicationGroupId: [datastore] },
        );
        resources.push(primary, datastore, secondary);
        if (c.cache.plan) {
            const promoter = resource(T.lambdaFunction, "promote", {
                region: DR,
                tags: c.cache.plan === "untagged" ? {} : { [PROMOTES_TAG]: "us-sessions" },
            });
            const alarm = resource(T.metricAlarm, "home-lost", { region: DR, period: 60, evaluationPeriods: 3 });
            const block = {
                executionBlockType: "CustomActionLambda",
                customActionLambdaConfigs: [
                    {
                        lambdas: [{ arn: UNKNOWN }],
                        regionToRun: "activatingRegion",
                        ungracefuls: c.cache.plan === "skips-ungraceful" ? [{ behavior: "skip" }] : undefined,
                    },
                ],
            };
            const plan = resource(
                T.regionSwitchPlan,
                "failover",
                {
                    regions: [HOME, DR],
                    recoveryApproach: "activePassive",
                    workflows: [{ workflowTargetAction: "activate", steps: [block] }],
                    associatedAlarms: [{ mapBlockKey: "lost", resourceIdentifier: UNKNOWN }],
                    triggers: [{ action: "activate", targetRegion: DR, conditions: [{ associatedAlarmName: "lost", condition: "red" }] }],
                },
                { workflows: [promoter], associatedAlarms: [alarm] },
            );
            resources.push(promoter, alarm, plan);
        }
    }
    return resources;
}

const steps = (c: Cell) => cellRecovery(model(...cell(c))).steps.map((s) => [s.kind, s.seconds, s.manual]);

describe("the recovery model's global tier", () => {
    it("Route 53 failover records: health checks see the loss, DNS moves within one TTL", () => {
        assert.deepEqual(steps({}).slice(0, 2), [
            ["health-check-detection", 30, false],
            ["dns-failover", 60, false],
        ]);
    });

    it("an accelerator in front of both regions: the home target group's checks see the loss, the accelerator moves traffic in 30 s", () => {
        const recovery = cellRecovery(model(...cell({ traffic: "accelerator" })));
        assert.deepEqual(
            recovery.steps.slice(0, 2).map((s) => [s.kind, s.seconds, s.manual]),
            [
                ["accelerator-detection", 45, false],
                ["accelerator-failover", 30, false],
            ],
        );
        assert.equal(recovery.automaticFailover, true);
    });

    it("a distribution whose writes reach the home load balancer alone needs a person to repoint it; one to the cell's own name follows its failover", () => {
        assert.deepEqual(
            steps({ edgeOrigin: "home" }).filter(([kind]) => kind === "operator-reacts" || kind === "edge-origin-change"),
            [
                ["operator-reacts", 1800, true],
                ["edge-origin-change", 900, true],
            ],
        );
        assert.deepEqual(
            steps({ edgeOrigin: "cell" }).filter(([, , manual]) => manual),
            [],
        );
    });

    it("a global datastore's secondary is promoted by a person when no plan does it", () => {
        assert.deepEqual(
            steps({ cache: {} }).filter(([, , manual]) => manual),
            [
                ["operator-reacts", 1800, true],
                ["database-failover", 300, true],
            ],
        );
    });

    it("a plan's function tagged with the datastore's suffix promotes it, started by the trigger: no person", () => {
        const recovery = cellRecovery(model(...cell({ cache: { plan: "promotes" } })));
        assert.deepEqual(
            recovery.steps.slice(-2).map((s) => [s.kind, s.manual]),
            [
                ["plan-triggered", false],
                ["database-failover", false],
            ],
        );
        const [failover] = recovery.steps.filter((s) => s.kind === "database-failover");
        assert.ok(failover.kind === "database-failover" && failover.datastore && failover.by === "plan");
        assert.deepEqual(failover.kind === "database-failover" && [failover.stores, failover.region], [["sessions"], DR]);
    });

    it("a block an ungraceful execution skips, or a function that does not say what it promotes, leaves the datastore to a person", () => {
        for (const plan of ["skips-ungraceful", "untagged"] as const) {
            assert.ok(
                steps({ cache: { plan } }).some(([kind, , manual]) => kind === "database-failover" && manual),
                plan,
            );
        }
    });
});

describe("what a distribution's behaviors cache", () => {
    const behavior = (b: Record<string, unknown>) =>
        distributions(
            model(
                resource(T.distribution, "edge", {
                    origins: [],
                    defaultCacheBehavior: { targetOriginId: "x", allowedMethods: ["GET"], ...b },
                }),
            ),
        )[0].behaviors[0].caches;

    it("CachingDisabled caches nothing, any other managed policy may", () => {
        assert.equal(behavior({ cachePolicyId: MANAGED_CACHE_POLICIES.cachingDisabled }), false);
        assert.equal(behavior({ cachePolicyId: MANAGED_CACHE_POLICIES.cachingOptimized }), true);
    });

    it("legacy cache settings cache for AWS's default TTLs unless the maximum is 0", () => {
        assert.equal(behavior({ forwardedValues: { queryString: false, cookies: { forward: "none" } } }), true);
        assert.equal(behavior({ forwardedValues: { queryString: false, cookies: { forward: "none" } }, maxTtl: 0, defaultTtl: 0 }), false);
    });

    it("a stack's own cache policy, its id unknown before deployment, is read through the dependency", () => {
        const policy = (maxTtl: number) => resource(T.cachePolicy, "p", { id: UNKNOWN, minTtl: 0, defaultTtl: 0, maxTtl });
        const caches = (maxTtl: number) => {
            const p = policy(maxTtl);
            const d = resource(
                T.distribution,
                "edge",
                { origins: [], defaultCacheBehavior: { targetOriginId: "x", allowedMethods: ["GET"], cachePolicyId: UNKNOWN } },
                { defaultCacheBehavior: [p] },
            );
            return distributions(model(p, d))[0].behaviors[0].caches;
        };
        assert.equal(caches(0), false);
        assert.equal(caches(86400), true);
    });
});
