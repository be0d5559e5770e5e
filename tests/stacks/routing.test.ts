import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { outputsOf } from "../support/deployedOutputs";
import { StackView, runStack } from "./stack";

const RECORD = "aws:route53/record:Record";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const KEY = "aws:kms/key:Key";
const HOST = "app.example.com";

type Location = { continent?: string; country?: string };

const captures = new Map<string, Promise<StackView>>();
/** A shipped stack, captured once for the whole file. */
function shipped(stack: string): Promise<StackView> {
    if (!captures.has(stack)) {
        captures.set(stack, runStack(stack));
    }
    return captures.get(stack)!;
}

const dnsName = (name: unknown) => String(name).toLowerCase().replace(/\.$/, "");
const inputs = (r: CapturedResource) => r.inputs as Record<string, any>;

/** The resources of `type` that `resource`'s input `key` was built from. */
function referenced(view: StackView, resource: CapturedResource, key: string, type: string): CapturedResource[] {
    return (resource.propertyDependencies[key] ?? []).map((urn) => view.byUrn(urn)).filter((r): r is CapturedResource => r?.type === type);
}

/** The one resource of `type` behind `resource`'s input `key`. */
function onlyReferenced(view: StackView, resource: CapturedResource, key: string, type: string): CapturedResource {
    const found = referenced(view, resource, key, type);
    assert.equal(
        found.length,
        1,
        `${resource.name}.${key} should refer to one ${type}, refers to ${found.map((r) => r.name).join(", ") || "none"}`,
    );
    return found[0];
}

function recordsNamed(view: StackView, name: string): CapturedResource[] {
    return view.ofType(RECORD).filter((r) => dnsName(inputs(r).name) === dnsName(name));
}

function geoRecords(view: StackView): CapturedResource[] {
    return recordsNamed(view, HOST).filter((r) => inputs(r).geolocationRoutingPolicies);
}

/** Regions of the load balancers `name` can resolve to, following alias chains through the captured records. */
function resolve(view: StackView, name: string, seen = new Set<string>()): Set<string> {
    assert.ok(!seen.has(dnsName(name)), `alias loop through ${name}`);
    seen.add(dnsName(name));
    const records = recordsNamed(view, name);
    assert.ok(records.length > 0, `${name} is an alias target, but no record of that name exists`);
    const regions = new Set<string>();
    for (const record of records) {
        const [alias] = inputs(record).aliases ?? [];
        assert.ok(alias, `${record.name} is not an alias`);
        const balancers = referenced(view, record, "aliases", LOAD_BALANCER);
        const next =
            balancers.length > 0
                ? balancers.map((lb) => new Set([inputs(lb).region as string]))
                : [resolve(view, alias.name, new Set(seen))];
        next.forEach((set) => set.forEach((region) => regions.add(region)));
    }
    return regions;
}

/** Regions a user at `location` reaches through this stack's geolocation records (empty: the stack does not claim it). */
function resolveLocation(view: StackView, location: Location): Set<string> {
    const regions = new Set<string>();
    for (const record of geoRecords(view)) {
        const [policy] = inputs(record).geolocationRoutingPolicies;
        if (policy.continent === location.continent && policy.country === location.country) {
            resolve(view, inputs(record).aliases[0].name).forEach((r) => regions.add(r));
        }
    }
    return regions;
}

/** The cell's own records: what the geolocation records alias to. */
function cellRecords(view: StackView, cell: string): CapturedResource[] {
    return recordsNamed(view, `${cell}.${HOST}`);
}

/** The region of the load balancer a record aliases, and the region of the load balancer its health check probes. */
function targetOf(view: StackView, record: CapturedResource): { region: string; checkedRegion?: string } {
    const balancer = onlyReferenced(view, record, "aliases", LOAD_BALANCER);
    const check = referenced(view, record, "healthCheckId", HEALTH_CHECK)[0];
    return { region: inputs(balancer).region, checkedRegion: check && inputs(onlyReferenced(view, check, "fqdn", LOAD_BALANCER)).region };
}

/** The health checks that probe a load balancer: every one but the calculated gates of a night mode. */
function endpointChecks(view: StackView): CapturedResource[] {
    return view.ofType(HEALTH_CHECK).filter((c) => inputs(c).type !== "CALCULATED");
}

function assertHealthChecks(view: StackView, interval: number): void {
    const checks = endpointChecks(view);
    assert.ok(checks.length > 0, "no health checks");
    for (const check of checks) {
        const i = inputs(check);
        assert.deepEqual(
            {
                type: i.type,
                port: i.port,
                resourcePath: i.resourcePath,
                enableSni: i.enableSni,
                failureThreshold: i.failureThreshold,
                requestInterval: i.requestInterval,
            },
            { type: "HTTPS", port: 443, resourcePath: "/health", enableSni: true, failureThreshold: 3, requestInterval: interval },
            check.name,
        );
        assert.equal(i.region, undefined, "Route 53 is global: no region input");
        onlyReferenced(view, check, "fqdn", LOAD_BALANCER);
    }
}

/** Checks every record that has a routing policy names itself, uniquely, and that geolocation records alias only the cell's own name. */
function assertWellFormed(view: StackView, cell: string): void {
    const policies = ["latencyRoutingPolicies", "failoverRoutingPolicies", "geolocationRoutingPolicies", "weightedRoutingPolicies"];
    const ids = new Set<string>();
    for (const record of [...recordsNamed(view, HOST), ...cellRecords(view, cell)]) {
        const i = inputs(record);
        assert.equal(i.region, undefined, `${record.name}: Route 53 is global, no region input`);
        if (policies.some((p) => i[p])) {
            assert.ok(i.setIdentifier, `${record.name} has a routing policy but no setIdentifier`);
            const id = `${dnsName(i.name)}/${i.type}/${i.setIdentifier}`;
            assert.ok(!ids.has(id), `setIdentifier ${i.setIdentifier} used twice for ${i.name}`);
            ids.add(id);
        }
    }
    for (const record of geoRecords(view)) {
        const [alias] = inputs(record).aliases;
        assert.equal(dnsName(alias.name), `${cell}.${HOST}`, `${record.name} must alias the cell's own name`);
        assert.equal(alias.evaluateTargetHealth, false, `${record.name}: an unhealthy cell must not spill its geography to another cell`);
        assert.deepEqual(referenced(view, record, "aliases", LOAD_BALANCER), [], `${record.name} aliases a load balancer directly`);
        for (const target of cellRecords(view, cell)) {
            assert.ok(
                record.dependencies.includes(target.urn),
                `${record.name} must wait for ${target.name}: Route 53 rejects an alias to a missing name`,
            );
        }
    }
}

function alarms(view: StackView, metricName: string): CapturedResource[] {
    return view.ofType(ALARM).filter((a) => inputs(a).metricName === metricName);
}

/** The topic an alarm notifies, checked to be the same for alarm and OK actions. */
function topicOf(view: StackView, alarm: CapturedResource): CapturedResource {
    const topic = onlyReferenced(view, alarm, "alarmActions", TOPIC);
    assert.equal(onlyReferenced(view, alarm, "okActions", TOPIC).urn, topic.urn, `${alarm.name}: OK goes elsewhere than ALARM`);
    return topic;
}

describe("routing of the shipped tokyo stack (active-active)", async () => {
    const view = await shipped("tokyo");

    it("pins Asia and Oceania to the tokyo cell's own name", () => {
        assert.deepEqual(
            geoRecords(view).map((r) => inputs(r).geolocationRoutingPolicies[0]),
            [{ continent: "AS" }, { continent: "OC" }],
        );
        assertWellFormed(view, "tokyo");
    });

    it("resolves the cell's name by latency to both regions: Tokyo guarded by its own health check, Osaka by the night gate", () => {
        const records = cellRecords(view, "tokyo");
        const byRegion = new Map(records.map((r) => [inputs(onlyReferenced(view, r, "aliases", LOAD_BALANCER)).region as string, r]));
        assert.deepEqual([...byRegion.keys()].sort(), ["ap-northeast-1", "ap-northeast-3"]);
        for (const [region, record] of byRegion) {
            assert.deepEqual(inputs(record).latencyRoutingPolicies, [{ region }], record.name);
            assert.equal(inputs(record).aliases[0].evaluateTargetHealth, true);
        }
        assert.equal(targetOf(view, byRegion.get("ap-northeast-1")!).checkedRegion, "ap-northeast-1");
        // Osaka's record: a calculated check over Osaka's own check and an inverted check of Tokyo's load balancer.
        const gate = onlyReferenced(view, byRegion.get("ap-northeast-3")!, "healthCheckId", HEALTH_CHECK);
        assert.equal(inputs(gate).type, "CALCULATED");
        assert.equal(inputs(gate).childHealthThreshold, 1, "by day one healthy child keeps Osaka in");
        assert.deepEqual(gate.options.ignoreChanges, ["childHealthThreshold"], "the night mode's schedules own the threshold");
        const children = referenced(view, gate, "childHealthchecks", HEALTH_CHECK).map((c) => [
            inputs(onlyReferenced(view, c, "fqdn", LOAD_BALANCER)).region,
            inputs(c).invertHealthcheck === true,
        ]);
        assert.deepEqual(children, [
            ["ap-northeast-3", false],
            ["ap-northeast-1", true],
        ]);
        assertHealthChecks(view, 10);
    });

    it("sends a user in Japan (continent AS) only to Tokyo or Osaka", () => {
        assert.deepEqual(resolveLocation(view, { continent: "AS" }), new Set(["ap-northeast-1", "ap-northeast-3"]));
    });
});

describe("routing of the shipped us stack (warm standby)", async () => {
    const view = await shipped("us");

    it("pins the Americas and owns the default location", () => {
        assert.deepEqual(
            geoRecords(view).map((r) => inputs(r).geolocationRoutingPolicies[0]),
            [{ continent: "NA" }, { continent: "SA" }, { country: "*" }],
        );
        assertWellFormed(view, "us");
    });

    it("fails over from us-east-1 (PRIMARY) to us-west-2 (SECONDARY), each record health-checked", () => {
        const byType = Object.fromEntries(
            cellRecords(view, "us").map((r) => [inputs(r).failoverRoutingPolicies[0].type, targetOf(view, r)]),
        );
        assert.deepEqual(byType, {
            PRIMARY: { region: "us-east-1", checkedRegion: "us-east-1" },
            SECONDARY: { region: "us-west-2", checkedRegion: "us-west-2" },
        });
        assertHealthChecks(view, 10);
    });

    it("sends users nobody else claims to the us cell only", () => {
        assert.deepEqual(resolveLocation(view, { country: "*" }), new Set(["us-east-1", "us-west-2"]));
    });
});

describe("routing of the shipped eu stack (backup & restore)", async () => {
    const view = await shipped("eu");

    it("pins Europe and Africa to the eu cell", () => {
        assert.deepEqual(
            geoRecords(view).map((r) => inputs(r).geolocationRoutingPolicies[0]),
            [{ continent: "EU" }, { continent: "AF" }],
        );
        assertWellFormed(view, "eu");
    });

    it("resolves the cell's name with one simple record to the eu-west-1 load balancer", () => {
        const [record, ...others] = cellRecords(view, "eu");
        assert.deepEqual(others, []);
        const i = inputs(record);
        assert.equal(targetOf(view, record).region, "eu-west-1");
        // A simple record takes no health check or set identifier: Route 53 would reject them.
        assert.equal(i.setIdentifier, undefined);
        assert.equal(i.healthCheckId, undefined);
        assert.ok(!i.failoverRoutingPolicies && !i.latencyRoutingPolicies);
    });

    it("still health-checks the load balancer (every 30 s), for the alarm", () => {
        assertHealthChecks(view, 30);
        assert.equal(inputs(onlyReferenced(view, view.ofType(HEALTH_CHECK)[0], "fqdn", LOAD_BALANCER)).region, "eu-west-1");
    });

    it("sends a user in France (continent EU) only to eu-west-1", () => {
        assert.deepEqual(resolveLocation(view, { continent: "EU" }), new Set(["eu-west-1"]));
    });
});

describe("geolocation across the shipped stacks", async () => {
    const views = Object.fromEntries(await Promise.all(["tokyo", "us", "eu"].map(async (s) => [s, await shipped(s)] as const)));

    it("claims each location in exactly one stack, EU in eu and the default in us", () => {
        const owners = new Map<string, string[]>();
        for (const [stack, view] of Object.entries(views)) {
            for (const record of geoRecords(view)) {
                const key = JSON.stringify(inputs(record).geolocationRoutingPolicies[0]);
                owners.set(key, [...(owners.get(key) ?? []), stack]);
            }
        }
        for (const [location, stacks] of owners) {
            assert.equal(stacks.length, 1, `${location} is claimed by ${stacks.join(" and ")}: Route 53 takes one record per location`);
        }
        assert.deepEqual(owners.get(JSON.stringify({ continent: "EU" })), ["eu"]);
        assert.deepEqual(owners.get(JSON.stringify({ country: "*" })), ["us"]);
    });

    it("never resolves a European location outside eu-west-1, from any stack", () => {
        for (const view of Object.values(views)) {
            for (const region of resolveLocation(view, { continent: "EU" })) {
                assert.equal(region, "eu-west-1");
            }
        }
    });

    it("uses set identifiers unique across stacks for the shared host name", () => {
        const ids = Object.values(views).flatMap((view) => geoRecords(view).map((r) => inputs(r).setIdentifier));
        assert.equal(new Set(ids).size, ids.length, `duplicates among ${ids.join(", ")}`);
    });
});

describe("routing when the us stack's config changes", () => {
    it("switches to latency records across both regions for active-active", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:tier"] = "active-active") });
        const records = cellRecords(view, "us");
        for (const record of records) {
            const { region, checkedRegion } = targetOf(view, record);
            assert.deepEqual(inputs(record).latencyRoutingPolicies, [{ region }]);
            assert.equal(checkedRegion, region);
            assert.equal(inputs(record).failoverRoutingPolicies, undefined);
        }
        assert.deepEqual(new Set(records.map((r) => targetOf(view, r).region)), new Set(["us-east-1", "us-west-2"]));
        assertHealthChecks(view, 10);
        assertWellFormed(view, "us");
    });

    it("keeps failover records but attaches no health check when healthCheck is false", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:routing"].healthCheck = false) });
        assert.deepEqual(view.ofType(HEALTH_CHECK), []);
        const records = cellRecords(view, "us");
        assert.deepEqual(records.map((r) => inputs(r).failoverRoutingPolicies[0].type).sort(), ["PRIMARY", "SECONDARY"]);
        for (const record of records) {
            assert.equal(inputs(record).healthCheckId, undefined, record.name);
        }
        assert.deepEqual(alarms(view, "HealthCheckStatus"), []);
        assertWellFormed(view, "us");
    });

    it("checks a pilot light every 30 s and alarms only on the region that serves", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:tier"] = "pilot-light") });
        assertHealthChecks(view, 30);
        assert.deepEqual(
            cellRecords(view, "us")
                .map((r) => inputs(r).failoverRoutingPolicies[0].type)
                .sort(),
            ["PRIMARY", "SECONDARY"],
        );
        const watched = alarms(view, "HealthCheckStatus").map(
            (a) => inputs(onlyReferenced(view, onlyReferenced(view, a, "dimensions", HEALTH_CHECK), "fqdn", LOAD_BALANCER)).region,
        );
        assert.deepEqual(watched, ["us-east-1"]);
    });
});

describe("replication alarms follow each store's RPO", () => {
    it("watches tokyo's table replication in the home region, at half the 5m RPO in milliseconds", async () => {
        const view = await shipped("tokyo");
        const latency = alarms(view, "ReplicationLatency").filter((a) => inputs(a).namespace === "AWS/DynamoDB");
        for (const table of ["users", "sessions"]) {
            const alarm = latency.find((a) => inputs(a).dimensions.TableName === `tokyo-${table}`);
            assert.ok(alarm, `no replication alarm for ${table}`);
            const i = inputs(alarm);
            assert.deepEqual(
                referenced(view, alarm, "dimensions", "aws:dynamodb/table:Table").map((t) => t.name),
                [table],
            );
            assert.equal(i.dimensions.ReceivingRegion, "ap-northeast-3");
            assert.equal(i.region, "ap-northeast-1");
            assert.equal(i.threshold, 150_000);
            assert.equal(i.comparisonOperator, "GreaterThanThreshold");
            assert.equal(inputs(topicOf(view, alarm)).region, "ap-northeast-1");
        }
    });

    it("watches tokyo's uploads replication (RTC) at half its own 15m RPO, in seconds", async () => {
        const view = await shipped("tokyo");
        for (const metric of ["ReplicationLatency", "OperationsPendingReplication"]) {
            const alarm = alarms(view, metric).find((a) => inputs(a).namespace === "AWS/S3");
            assert.ok(alarm, `no S3 ${metric} alarm`);
            const i = inputs(alarm);
            assert.equal(i.dimensions.RuleId, "everything");
            assert.deepEqual(
                referenced(view, alarm, "dimensions", "aws:s3/bucket:Bucket")
                    .map((b) => b.name)
                    .sort(),
                ["uploads", "uploads-replica"],
            );
            assert.equal(i.dimensions.SourceBucket, inputs(view.one("aws:s3/bucket:Bucket", "uploads")).bucket);
            assert.equal(i.dimensions.DestinationBucket, inputs(view.one("aws:s3/bucket:Bucket", "uploads-replica")).bucket);
            assert.equal(i.region, "ap-northeast-1");
            assert.equal(inputs(topicOf(view, alarm)).region, "ap-northeast-1");
            // Osaka's service writes too: replication back to Tokyo is watched, in Osaka, where S3 reports it.
            const back = alarms(view, metric).find(
                (a) => inputs(a).namespace === "AWS/S3" && inputs(a).dimensions.SourceBucket === i.dimensions.DestinationBucket,
            );
            assert.ok(back, `no S3 ${metric} alarm for replication back to Tokyo`);
            assert.equal(inputs(back).region, "ap-northeast-3");
            assert.equal(inputs(topicOf(view, back)).region, "ap-northeast-3");
        }
        assert.equal(inputs(alarms(view, "ReplicationLatency").find((a) => inputs(a).namespace === "AWS/S3")!).threshold, 450);
        const pending = inputs(alarms(view, "OperationsPendingReplication")[0]);
        assert.equal(pending.period * pending.evaluationPeriods, 7 * 60, "a backlog that has not drained for half of 15m");
    });

    it("moves the thresholds with an edited RPO, the stack's and a table's own", async () => {
        const view = await runStack("us", {
            edit: (c) => {
                c["dr:rpo"] = "1h";
                c["dr:tables"][0].rpo = "10m";
            },
        });
        const threshold = (table: string) =>
            inputs(alarms(view, "ReplicationLatency").find((a) => inputs(a).dimensions.TableName === `us-${table}`)!).threshold;
        assert.equal(threshold("users"), 300_000);
        assert.equal(threshold("sessions"), 1_800_000);
        assert.equal(inputs(alarms(view, "ReplicationLatency").find((a) => inputs(a).namespace === "AWS/S3")!).threshold, 1800);
    });

    it("raises no replication alarm where nothing replicates (eu)", async () => {
        const view = await shipped("eu");
        assert.deepEqual(alarms(view, "ReplicationLatency"), []);
        assert.deepEqual(alarms(view, "OperationsPendingReplication"), []);
    });
});

describe("health-check alarms live in us-east-1", () => {
    for (const stack of ["tokyo", "us", "eu"]) {
        it(`${stack}: every health check of a serving region alarms in us-east-1, to a topic in us-east-1`, async () => {
            const view = await shipped(stack);
            const health = alarms(view, "HealthCheckStatus");
            // A night mode's gate and its inverted check of the home region are unhealthy by design half the day:
            // the endpoint checks they are built from are the ones that page.
            assert.deepEqual(
                new Set(health.map((a) => onlyReferenced(view, a, "dimensions", HEALTH_CHECK).urn)),
                new Set(
                    endpointChecks(view)
                        .filter((c) => inputs(c).invertHealthcheck !== true)
                        .map((c) => c.urn),
                ),
            );
            for (const alarm of health) {
                assert.equal(inputs(alarm).region, "us-east-1");
                assert.equal(inputs(alarm).namespace, "AWS/Route53");
                assert.equal(inputs(alarm).comparisonOperator, "LessThanThreshold");
                assert.equal(inputs(topicOf(view, alarm)).region, "us-east-1");
            }
        });
    }

    it("us: its health alarms go to the same on-call topic as the us-east-1 cell's", async () => {
        const view = await shipped("us");
        const cellTopic = view.one("dr:cell:RegionalCell", "us-us-east-1").outputs?.alarmTopicArn;
        for (const alarm of alarms(view, "HealthCheckStatus")) {
            assert.equal(inputs(topicOf(view, alarm)).region, "us-east-1");
            assert.ok(view.within(view.one("dr:monitoring:OnCall", "us-oncall")).includes(topicOf(view, alarm)));
        }
        const topic = view
            .within(view.one("dr:monitoring:OnCall", "us-oncall"))
            .find((r) => r.type === TOPIC && inputs(r).region === "us-east-1")!;
        assert.equal(cellTopic, outputsOf(topic.type, topic.name, topic.inputs, "us-east-1").arn);
    });

    for (const stack of ["tokyo", "eu"]) {
        it(`${stack}: has an encrypted on-call topic in us-east-1 that CloudWatch of this account may publish to`, async () => {
            const view = await shipped(stack);
            const topic = topicOf(view, alarms(view, "HealthCheckStatus")[0]);
            const key = onlyReferenced(view, topic, "kmsMasterKeyId", KEY);
            assert.equal(inputs(key).region, "us-east-1");
            const statement = JSON.parse(inputs(key).policy).Statement.find((s: any) =>
                [s.Principal?.Service].flat().includes("cloudwatch.amazonaws.com"),
            );
            assert.ok(statement, "the key does not let CloudWatch publish");
            assert.deepEqual(statement.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
            assert.ok(statement.Condition.StringEquals["aws:SourceAccount"]);
        });
    }
});

describe("routing and monitoring in a preview (what dr plan runs)", () => {
    for (const stack of ["tokyo", "us", "eu"]) {
        it(`${stack}: builds with load balancer names and ids unknown, the alias chain still traceable`, async () => {
            const view = await runStack(stack, { preview: true });
            const home = { tokyo: "ap-northeast-1", us: "us-east-1", eu: "eu-west-1" }[stack]!;
            assert.ok(resolveLocation(view, claimedBy(stack)).has(home));
            for (const record of cellRecords(view, stack)) {
                onlyReferenced(view, record, "aliases", LOAD_BALANCER);
            }
            assert.ok(view.ofType(HEALTH_CHECK).length > 0);
            assert.ok(alarms(view, "HealthCheckStatus").every((a) => inputs(a).region === "us-east-1"));
        });
    }
});

/** A location each shipped stack claims. */
function claimedBy(stack: string): Location {
    return { tokyo: { continent: "AS" }, us: { continent: "NA" }, eu: { continent: "EU" } }[stack]!;
}
