import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDuration } from "../../policies/catalog";
import { FIGURES } from "../../policies/catalog/figures";
import { cronInterval } from "../../policies/catalog/schedule";
import { COLD_STORAGE_MIN_DAYS, backupLifecycle, backupSchedule } from "../../infra/backupSchedule";

const HOUR = 3600;
const LAG = FIGURES.backupCopyLag;

/** The schedule for an RPO as written in config, with no copy lag: the interval alone. */
const schedule = (rpo: string) => backupSchedule(parseDuration(rpo)!, 0);

/** Hours between jobs for an RPO, leaving room for the catalog's copy lag, as the program does. */
const withCopyLag = (rpo: string) => backupSchedule(parseDuration(rpo)!, LAG).everyHours;

describe("backup schedule follows the RPO, with every wait counted", () => {
    const WINDOWS = { startWindowMinutes: 60, completionWindowMinutes: 60 };

    it("RPO 15m → hourly, AWS Backup's floor, with the shortest windows", () => {
        assert.deepEqual(schedule("15m"), { everyHours: 1, expression: "cron(0 * ? * * *)", name: "hourly", ...WINDOWS });
        assert.equal(withCopyLag("15m"), 1);
    });

    it("RPO 12h → every 8 h: 8 h, an hour to start and one to finish leave 2 h, which the completion window takes", () => {
        assert.deepEqual(schedule("12h"), {
            everyHours: 8,
            expression: "cron(0 0/8 ? * * *)",
            name: "every-8h",
            startWindowMinutes: 60,
            completionWindowMinutes: 180,
        });
    });

    it("RPO 1d → every 12 h; more than a day stays daily, and a completion window is at most a day", () => {
        assert.equal(schedule("1d").everyHours, 12);
        for (const rpo of ["36h", "7d"]) {
            assert.equal(schedule(rpo).everyHours, 24, rpo);
        }
        assert.equal(schedule("7d").completionWindowMinutes, 24 * 60);
    });

    it("an RPO the windows alone exceed is hourly", () => {
        for (const rpo of ["30s", "5m", "59m", "1h", "90m", "2h"]) {
            assert.equal(schedule(rpo).everyHours, 1, rpo);
        }
    });

    it("takes the largest even hour step that still meets the RPO", () => {
        assert.deepEqual(
            ["4h", "5h", "7h", "10h", "23h"].map((rpo) => schedule(rpo).everyHours),
            [2, 3, 4, 8, 12],
        );
    });

    it("leaves room for the copy job's lag, so the off-site copy meets the RPO too (eu's 4h: hourly, an hour each)", () => {
        assert.equal(LAG, HOUR);
        assert.deepEqual(["2h", "4h", "12h", "13h", "1d", "25h"].map(withCopyLag), [1, 1, 8, 8, 12, 12]);
        assert.deepEqual(backupSchedule(parseDuration("4h")!, LAG), {
            everyHours: 1,
            expression: "cron(0 * ? * * *)",
            name: "hourly",
            ...WINDOWS,
        });
    });

    it("never lets interval, windows and copy lag exceed an RPO they can meet, as the pack reads the cron expression", () => {
        for (let seconds = 3 * HOUR + LAG; seconds <= 3 * 86400; seconds += 900) {
            const { everyHours, expression, startWindowMinutes, completionWindowMinutes } = backupSchedule(seconds, LAG);
            assert.equal(cronInterval(expression), everyHours * HOUR, expression);
            const worst = everyHours * HOUR + (startWindowMinutes + completionWindowMinutes) * 60 + LAG;
            assert.ok(worst <= seconds || completionWindowMinutes === 24 * 60, `RPO ${seconds} s: every ${everyHours} h, worst ${worst} s`);
            assert.ok(completionWindowMinutes >= 60 && startWindowMinutes >= 60);
            assert.equal(24 % everyHours, 0, `every ${everyHours} h does not repeat evenly through the day`);
        }
    });
});

describe("backup lifecycle", () => {
    it("keeps a recovery point for the retention, warm, when cold storage's 90 days would not fit", () => {
        assert.deepEqual(backupLifecycle(35), { deleteAfter: 35 });
        assert.deepEqual(backupLifecycle(90), { deleteAfter: 90 });
        assert.deepEqual(backupLifecycle(119), { deleteAfter: 119 });
    });

    it("moves to cold storage after a warm month when at least 90 days remain", () => {
        for (const days of [120, 365, 3650]) {
            const lifecycle = backupLifecycle(days);
            assert.equal(lifecycle.deleteAfter, days);
            assert.equal(lifecycle.coldStorageAfter, 30);
            assert.ok(lifecycle.deleteAfter - lifecycle.coldStorageAfter! >= COLD_STORAGE_MIN_DAYS);
        }
    });
});

describe("how often a cron schedule runs, worst gap first", () => {
    it("hours, days of the week and days of the month", () => {
        assert.equal(cronInterval("cron(0 0/4 ? * * *)"), 4 * HOUR);
        assert.equal(cronInterval("cron(0 0,6,12 ? * * *)"), 12 * HOUR);
        assert.equal(cronInterval("cron(0 5 ? * MON *)"), 7 * 24 * HOUR);
        assert.equal(cronInterval("cron(0 3 1 * ? *)"), 31 * 24 * HOUR);
    });

    it("months: every month, every third (a quarter, the restore drills' bound) and once a year", () => {
        assert.equal(cronInterval("cron(0 3 1 1-12 ? *)"), 31 * 24 * HOUR);
        assert.equal(cronInterval("cron(0 3 1 1/3 ? *)"), FIGURES.restoreTestMaxInterval);
        assert.equal(cronInterval("cron(0 3 1 1,4,7,10 ? *)"), FIGURES.restoreTestMaxInterval);
        assert.equal(cronInterval("cron(0 3 1 1 ? *)"), 12 * 31 * 24 * HOUR);
        assert.equal(cronInterval("cron(0 3 1 1,2 ? *)"), 11 * 31 * 24 * HOUR, "the widest gap wraps round the year");
    });

    it("nothing for what is not a six-field AWS cron expression", () => {
        for (const text of ["rate(1 hour)", "cron(0 3 * * ?)", "cron(0 3 1 13 ? *)", undefined]) {
            assert.equal(cronInterval(text), undefined, String(text));
        }
    });
});
