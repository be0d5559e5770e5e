import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelResource, UNKNOWN } from "../../policies/catalog/model";
import { cacheAccessFinding, cacheAccessGaps } from "../../policies/rules/dr-cache-access";
import { T, model, resource } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** A replication group with an AUTH token and a security group admitting one client group, with `props` changed. */
function cache(
    props: Record<string, unknown> = {},
    source: Record<string, unknown> = { referencedSecurityGroupId: UNKNOWN },
): ModelResource[] {
    const group = resource(T.securityGroup, "cache", { region: "eu-west-1" });
    const rule = resource(
        INGRESS,
        "from-service",
        { region: "eu-west-1", securityGroupId: UNKNOWN, ...source },
        { securityGroupId: [group] },
    );
    const replicationGroup = resource(
        T.cacheReplicationGroup,
        "sessions",
        { region: "eu-west-1", transitEncryptionEnabled: true, authToken: UNKNOWN, securityGroupIds: [UNKNOWN], ...props },
        { securityGroupIds: [group] },
    );
    return [group, rule, replicationGroup];
}

const gaps = (resources: ModelResource[], inherits = false) =>
    cacheAccessGaps(model(...resources), resources[resources.length - 1], inherits).map((g) => g.what);

describe("dr-cache-access: who can reach a cache's data", () => {
    it("passes an AUTH token and ingress only from its clients' security group", () => {
        assert.deepEqual(gaps(cache()), []);
    });

    it("rejects a group nobody authenticates to; a user group of IAM or password users will do", () => {
        assert.match(gaps(cache({ authToken: undefined })).join(), /no authentication/);
        assert.deepEqual(gaps(cache({ authToken: undefined, userGroupIds: [UNKNOWN] })), []);
    });

    it("rejects a security group that admits the internet, by IPv4 or IPv6", () => {
        assert.match(gaps(cache({}, { cidrIpv4: "0.0.0.0/0" })).join(), /security group cache admits any address/);
        assert.match(gaps(cache({}, { cidrIpv6: "::/0" })).join(), /admits any address/);
        assert.deepEqual(gaps(cache({}, { cidrIpv4: "10.20.0.0/16" })), []);
    });

    it("judges only the network of a global datastore's secondary: its AUTH is its primary's", () => {
        assert.deepEqual(gaps(cache({ authToken: undefined }), true), []);
        assert.match(gaps(cache({ authToken: undefined }, { cidrIpv4: "0.0.0.0/0" }), true).join(), /admits any address/);
    });

    it("names the properties to set on the resource for a program that is not ours", () => {
        const resources = cache({ authToken: undefined });
        const group = resources[2];
        assert.match(
            cacheAccessFinding(group, cacheAccessGaps(model(...resources), group)),
            /Fix: set an authToken \(with transitEncryptionEnabled: true\), or userGroupIds naming an aws\.elasticache\.UserGroup of IAM or password users on the aws\.elasticache\.ReplicationGroup\.$/,
        );
    });
});

describe("dr-cache-access through the real program and pack", () => {
    it("passes the shipped stacks' session caches", async () => {
        for (const s of await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "dr-cache-access").length, 0, mandatory(s));
        }
    });

    it("rejects tokyo's session cache without AUTH, pointing at its dr:sessionCache", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            varied(resources, T.cacheReplicationGroup, "sessions", (p) => delete p.authToken),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-cache-access");
        assert.match(v.message, /aws:elasticache\/replicationGroup:ReplicationGroup "sessions" has no authentication/);
        assert.match(v.message, /Fix: the DR program's SessionCache sets an AUTH token/);
    });
});
