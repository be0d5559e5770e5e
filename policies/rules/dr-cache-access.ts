import { ModelResource, StackModel, TYPES, UNKNOWN, admitsAnywhere, cachePrimaries, list } from "../catalog/model";
import { stackPolicy } from "./define";
import { stackModel } from "./model";
import { remedyFor } from "./remedies";
import { describeStore } from "./words";

/**
 * Who can reach a cache's data: a Valkey or Redis OSS replication group takes commands only from a client that
 * authenticates (an AUTH token, or a user group for IAM or RBAC users), and none of its security groups admits the
 * internet. A global datastore's secondary takes its primary's AUTH, so only its network is judged. Encryption in
 * transit, which AUTH needs, is one of the store's guards (dr-store-protection).
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-redis.html
 */

/** What a replication group lacks, each with its fix on the resource; `inherits`: a secondary, whose AUTH is its primary's. */
export function cacheAccessGaps(model: StackModel, group: ModelResource, inherits = false): { what: string; fix: string }[] {
    const p = group.props;
    const gaps: { what: string; fix: string }[] = [];
    const authenticates =
        p.authToken !== undefined || p.authTokenWo !== undefined || list(p.userGroupIds).length > 0 || p.userGroupIds === UNKNOWN;
    if (!inherits && !authenticates) {
        gaps.push({
            what: "no authentication: any client that reaches it reads and writes every key",
            fix: "an authToken (with transitEncryptionEnabled: true), or userGroupIds naming an aws.elasticache.UserGroup of IAM or password users",
        });
    }
    const open = model.deps(group, "securityGroupIds", TYPES.securityGroup).filter((g) => admitsAnywhere(model, g));
    if (open.length > 0) {
        gaps.push({
            what: `security group ${open.map((g) => g.name).join(", ")} admits any address (0.0.0.0/0 or ::/0)`,
            fix: "ingress only from the security groups of its clients (referencedSecurityGroupId on the aws.vpc.SecurityGroupIngressRule)",
        });
    }
    return gaps;
}

export function cacheAccessFinding(group: ModelResource, gaps: { what: string; fix: string }[]): string {
    return `${describeStore(group)} has ${gaps.map((g) => g.what).join("; ")}. Fix: ${remedyFor(group.urn, {
        ours: "the DR program's SessionCache sets an AUTH token and a security group that admits only the cell's service: build the cache with it (dr:sessionCache)",
        theirs: `set ${gaps.map((g) => g.fix).join("; ")} on the aws.elasticache.ReplicationGroup`,
    })}.`;
}

export const drCacheAccess = stackPolicy("dr-cache-access", (args, report, skip) => {
    const model = stackModel(args.resources);
    const groups = model.ofType(TYPES.cacheReplicationGroup);
    if (groups.length === 0) {
        return skip("the stack has no ElastiCache replication group");
    }
    // A secondary joined a global datastore: it answers with its primary's AUTH settings.
    const secondaries = cachePrimaries(model);
    for (const group of groups) {
        const gaps = cacheAccessGaps(model, group, secondaries.has(group.urn));
        if (gaps.length > 0) {
            report(cacheAccessFinding(group, gaps), group.urn);
        }
    }
});
