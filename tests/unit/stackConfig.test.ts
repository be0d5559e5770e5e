import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { InputError } from "../../cli/src/errors";
import { ROOT, tempDir } from "../helpers";
import { SECRET_PLACEHOLDER, listStacks, readProject, readStackConfig } from "../../cli/src/engine/stackConfig";

function project(files: Record<string, string>): string {
    const dir = tempDir("dr-config-");
    for (const [name, text] of Object.entries(files)) {
        writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

describe("reading stack config as the Pulumi CLI hands it to a program", () => {
    const dir = project({
        "Pulumi.yaml": "name: shop\nruntime: nodejs\nconfig:\n  shop:tier:\n    type: string\n    default: pilot-light\n",
        "Pulumi.dev.yaml":
            "config:\n  aws:region: eu-west-1\n  capacity: 3\n  shop:tables:\n    - name: users\n  shop:token:\n    secure: AAABAKz9\n",
        "Pulumi.prod.yml": "config: {}\n",
    });

    it("namespaces bare keys with the project, keeps values as strings and objects as JSON", () => {
        const { config } = readStackConfig(dir, readProject(dir), "dev");
        assert.equal(config["aws:region"], "eu-west-1");
        assert.equal(config["shop:capacity"], "3");
        assert.equal(config["shop:tables"], '[{"name":"users"}]');
    });

    it("applies the project's declared defaults", () => {
        assert.equal(readStackConfig(dir, readProject(dir), "dev").config["shop:tier"], "pilot-light");
    });

    it("marks a secure value as a secret it cannot read", () => {
        const { config, secretKeys } = readStackConfig(dir, readProject(dir), "dev");
        assert.equal(config["shop:token"], SECRET_PLACEHOLDER);
        assert.deepEqual(secretKeys, ["shop:token"]);
    });

    it("lists the stacks of a folder", () => {
        assert.deepEqual(listStacks(dir), ["dev", "prod"]);
    });

    it("names the file and the problem when YAML is broken", () => {
        const broken = project({
            "Pulumi.yaml": "name: shop\nruntime: nodejs\n",
            "Pulumi.bad.yaml": "config:\n  aws:region: [eu-west-1\n",
        });
        assert.throws(
            () => readStackConfig(broken, readProject(broken), "bad"),
            (e: unknown) => e instanceof InputError && /Pulumi\.bad\.yaml: not valid YAML/.test(e.message),
        );
    });
});

describe("config types the project declares, checked as the Pulumi CLI checks them", () => {
    const dir = project({
        "Pulumi.yaml":
            "name: shop\nruntime: nodejs\nconfig:\n  shop:capacity:\n    type: integer\n    default: 1\n  shop:tables:\n    type: array\n    items:\n      type: object\n    default: []\n  shop:backup:\n    type: object\n    default: {}\n",
        "Pulumi.good.yaml": "config:\n  shop:capacity: 3\n  shop:tables:\n    - name: users\n  shop:backup:\n    retentionDays: 35\n",
        "Pulumi.text.yaml": "config:\n  shop:capacity: three\n",
        "Pulumi.items.yaml": "config:\n  shop:tables: [users]\n",
        "Pulumi.scalar.yaml": "config:\n  shop:backup: daily\n",
    });

    it("accepts values of their declared types", () => {
        assert.equal(readStackConfig(dir, readProject(dir), "good").config["shop:capacity"], "3");
    });

    for (const [stack, message] of [
        ["text", 'Pulumi.text.yaml: shop:capacity is "three"; expected an integer (Pulumi.yaml declares shop:capacity as integer).'],
        ["items", 'Pulumi.items.yaml: shop:tables[0] is "users"; expected an object (Pulumi.yaml declares shop:tables as array).'],
        ["scalar", 'Pulumi.scalar.yaml: shop:backup is "daily"; expected an object (Pulumi.yaml declares shop:backup as object).'],
    ]) {
        it(`rejects ${stack}: one line naming the key, the value and the type`, () => {
            assert.throws(
                () => readStackConfig(dir, readProject(dir), stack),
                (e: unknown) => e instanceof InputError && e.message === message,
            );
        });
    }
});

describe("config keys the project declares without a default, which the Pulumi CLI requires", () => {
    const dir = project({
        "Pulumi.yaml":
            "name: shop\nruntime: nodejs\nconfig:\n  shop:zone:\n    type: string\n    description: the residency zone, eu or us\n  shop:tier: warm\n  shop:size:\n    type: integer\n    default: 2\n",
        "Pulumi.set.yaml": "config:\n  shop:zone: eu\n",
        "Pulumi.unset.yaml": "config:\n  aws:region: eu-west-1\n",
    });

    it("requires a key declared as a mapping with no default; a bare value and a default are defaults", () => {
        assert.deepEqual(readStackConfig(dir, readProject(dir), "set").config, {
            "shop:zone": "eu",
            "shop:tier": "warm",
            "shop:size": "2",
        });
        assert.throws(
            () => readStackConfig(dir, readProject(dir), "unset"),
            (e: unknown) =>
                e instanceof InputError &&
                e.message ===
                    "Pulumi.unset.yaml: shop:zone is missing; expected the residency zone, eu or us (Pulumi.yaml declares shop:zone with no default, so the Pulumi CLI requires it).",
        );
    });

    it("holds the shipped project: every key it requires is set in each shipped stack, and no optional key is declared required", () => {
        const shipped = readProject(ROOT);
        assert.deepEqual(Object.keys(shipped.required).sort(), [
            "dr:backup",
            "dr:capacity",
            "dr:oncall",
            "dr:residency",
            "dr:routing",
            "dr:rpo",
            "dr:rto",
            "dr:tier",
        ]);
        for (const stack of ["eu", "tokyo", "us"]) {
            assert.doesNotThrow(() => readStackConfig(ROOT, shipped, stack), stack);
        }
    });
});
