import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { InputError } from "../../cli/src/errors";
import { tempDir } from "../helpers";
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
        "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n  capacity: 3\n  shop:tables:\n    - name: users\n  shop:token:\n    secure: AAABAKz9\n",
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
        const broken = project({ "Pulumi.yaml": "name: shop\nruntime: nodejs\n", "Pulumi.bad.yaml": "config:\n  aws:region: [eu-west-1\n" });
        assert.throws(() => readStackConfig(broken, readProject(broken), "bad"), (e: unknown) => e instanceof InputError && /Pulumi\.bad\.yaml: not valid YAML/.test(e.message));
    });
});

describe("config types the project declares, checked as the Pulumi CLI checks them", () => {
    const dir = project({
        "Pulumi.yaml": "name: shop\nruntime: nodejs\nconfig:\n  shop:capacity:\n    type: integer\n  shop:tables:\n    type: array\n    items:\n      type: object\n  shop:backup:\n    type: object\n",
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
            assert.throws(() => readStackConfig(dir, readProject(dir), stack), (e: unknown) => e instanceof InputError && e.message === message);
        });
    }
});
