import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clip, quote } from "../../policies/catalog/quote";
import { parseCommandArgs } from "../../cli/src/args";
import { InputError } from "../../cli/src/errors";
import { progressOn } from "../../cli/src/progress";
import { selectStacks } from "../../cli/src/commands/plan/args";
import { PolicyPackProcess } from "../../cli/src/engine/analyzer";
import { ROOT } from "../helpers";
import * as path from "node:path";

describe("values in messages are bounded", () => {
    it("quotes short values whole, as JSON", () => {
        assert.equal(quote("gold"), '"gold"');
        assert.equal(quote(3), "3");
        assert.equal(quote({ copyTo: "region" }), '{"copyTo":"region"}');
        assert.equal(quote(undefined), "missing");
    });

    it("cuts a long string at about 80 characters and says how long it was", () => {
        const quoted = quote("x".repeat(1_000_000));
        assert.equal(quoted, `"${"x".repeat(78)}… (1000000 characters)`);
    });

    it("cuts a huge object or list to the same bound", () => {
        const huge = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key${i}`, "value".repeat(10)]));
        const quoted = quote(huge);
        assert.equal(quoted.length, 80);
        assert.ok(quoted.startsWith('{"key0":"valuevalue'));
        assert.equal(quote(Array.from({ length: 100_000 }, (_, i) => i)).length, 80);
    });

    it("clips keys, flags and paths the same way", () => {
        assert.equal(clip("dr:tier"), "dr:tier");
        assert.equal(clip("k".repeat(100)), `${"k".repeat(79)}… (100 characters)`);
    });
});

describe("command-line flags", () => {
    const options = { stack: { type: "string" as const, multiple: true }, json: { type: "boolean" as const } };

    it("an unknown flag names itself and every flag the command takes", () => {
        assert.throws(
            () => parseCommandArgs("plan", ["--stacks", "eu"], options),
            (e: unknown) =>
                e instanceof InputError &&
                e.message === "dr plan: unknown option --stacks; expected one of --stack, --json (dr plan --help).",
        );
    });

    it("an argument where none is taken, and a flag missing its value", () => {
        assert.throws(
            () => parseCommandArgs("plan", ["eu"], options),
            /^InputError: dr plan: unexpected argument eu; dr plan takes only --stack, --json/,
        );
        assert.throws(
            () => parseCommandArgs("plan", ["--stack"], options),
            /^InputError: dr plan: Option '--stack <value>' argument missing/,
        );
    });
});

describe("progress", () => {
    function stream(isTTY: boolean) {
        const written: string[] = [];
        return { isTTY, columns: 60, written, write: (text: string) => written.push(text) };
    }

    it("shows what each stack is doing on a terminal, on one line, and clears it", () => {
        const tty = stream(true);
        const progress = progressOn(tty, "plan");
        progress.update("eu", "capturing");
        progress.update("us", "capturing");
        progress.update("eu", "judging 90 resources");
        progress.done();
        assert.deepEqual(tty.written, [
            "\r\x1b[2Kdr plan: eu capturing",
            "\r\x1b[2Kdr plan: eu capturing · us capturing",
            "\r\x1b[2Kdr plan: eu judging 90 resources · us capturing",
            "\r\x1b[2K",
        ]);
    });

    it("writes nothing when the stream is not a terminal", () => {
        const pipe = stream(false);
        const progress = progressOn(pipe, "plan");
        progress.update("eu", "capturing");
        progress.done();
        assert.deepEqual(pipe.written, []);
    });
});

describe("--stack, given several times", () => {
    const known = ["eu", "tokyo", "us"];

    it("plans each named stack once, in the order named", () => {
        assert.deepEqual(selectStacks(["us", "eu", "us"], known, "/p"), ["us", "eu"]);
    });

    it("plans every stack for all, given alone, and refuses all beside a name", () => {
        assert.deepEqual(selectStacks(["all"], known, "/p"), known);
        assert.throws(
            () => selectStacks(["all", "eu"], known, "/p"),
            /--stack all: given with other stacks \(eu\); give all alone, or name each stack\./,
        );
    });

    it("names an unknown stack and the ones there are", () => {
        assert.throws(
            () => selectStacks(["eu", "mars"], known, "/p"),
            /^InputError: --stack mars: no such stack here; expected one of eu, tokyo, us, all/,
        );
    });
});

describe("a stack config too large to hand to a pack", () => {
    it("is bad input, named with its size, before any process starts", async () => {
        const config = {
            "dr:tables": JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ name: `table-${i}`, classification: "internal" }))),
        };
        const context = { project: "dr", stack: "big", organization: "organization", dryRun: true, config, secretKeys: [] };
        await assert.rejects(
            PolicyPackProcess.start(path.join(ROOT, "policies"), context),
            (e: unknown) =>
                e instanceof InputError &&
                /^stack big: its config is \d+ KiB, more than the 128 KiB a policy pack can be handed in PULUMI_CONFIG/.test(e.message),
        );
    });
});
