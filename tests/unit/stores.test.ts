import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readStackConfig, readProject } from "../../cli/src/engine/stackConfig";
import { loadConfig } from "../../infra/config";
import { STATEFUL_TYPES, STORE_TYPES, isStatefulType, storeTypeOf } from "../../policies/catalog";
import { TYPES } from "../../policies/catalog/model";
import { ROOT } from "../helpers";

const tokyo = () => ({ ...readStackConfig(ROOT, readProject(ROOT), "tokyo").config });

describe("the store-type vocabulary", () => {
    it("names each type once, and the model's type tokens are its tokens", () => {
        assert.equal(new Set(STORE_TYPES.map((s) => s.type)).size, STORE_TYPES.length);
        for (const entry of STORE_TYPES) {
            assert.ok(Object.values(TYPES).includes(entry.type as never), entry.type);
            assert.equal(storeTypeOf(entry.type), entry);
        }
    });

    it("its stateful types are the ones dr-classification requires tags on, and nothing else is", () => {
        assert.deepEqual(
            STATEFUL_TYPES,
            STORE_TYPES.filter((s) => s.stateful).map((s) => s.type),
        );
        assert.equal(isStatefulType("aws:rds/globalCluster:GlobalCluster"), false);
        assert.equal(isStatefulType("aws:ec2/vpc:Vpc"), false);
    });

    for (const entry of STORE_TYPES.filter((s) => s.config)) {
        it(`${entry.type}: its config list ${entry.config!.list} takes the keys it names, as the schema reads them`, () => {
            const config = tokyo();
            const key = entry.config!.list;
            const list = JSON.parse(config[key] ?? "[]") as Record<string, unknown>[];
            const keys = entry.config!.keys;
            // A key the schema does not know is refused as "no such key": each named key must be one it reads.
            const added = { ...list[0], name: "vocabularyprobe", [keys.rpo]: "1h", [keys.classification]: "internal" };
            added[keys.replicas] = keys.replicas === "replicationRegion" ? "ap-northeast-3" : ["ap-northeast-3"];
            config[key] = JSON.stringify([...list, added]);
            const read = loadConfig(config, "tokyo");
            const entries = (read as unknown as Record<string, { name: string }[]>)[key.slice("dr:".length)];
            assert.ok(
                entries.some((e) => e.name === "vocabularyprobe"),
                `${key} holds the probe entry`,
            );
        });
    }

    it("backed-up types name restore testing's protected resource types, where restore testing takes them", () => {
        const allowed = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"];
        for (const entry of STORE_TYPES.filter((s) => s.backup?.protectedResourceType !== undefined)) {
            assert.ok(allowed.includes(entry.backup!.protectedResourceType!), `${entry.type}: ${entry.backup!.protectedResourceType}`);
        }
        // AWS Backup backs Redshift up, but restore testing takes no Redshift cluster.
        assert.deepEqual(storeTypeOf("aws:redshift/cluster:Cluster")?.backup?.protectedResourceType, undefined);
        assert.equal(storeTypeOf("aws:redshift/cluster:Cluster")?.backup?.arnService, "redshift");
    });

    it("types without our config entry say what to change on the resource when a target is missed", () => {
        for (const entry of STORE_TYPES.filter((s) => s.stateful && !s.config && s.type !== "aws:ebs/volume:Volume")) {
            assert.ok(entry.remedies, `${entry.type} has remedies`);
            assert.match(entry.remedies!.regionCopy("eu-west-1"), /eu-west-1|no cross-region/, entry.type);
        }
    });
});
