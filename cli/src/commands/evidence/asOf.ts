import { InputError } from "../../errors";
import { quote } from "../../text";

/** `--as-of`: an ISO 8601 date or time; absent, now. */
export function readAsOf(command: string, value: string | undefined): Date {
    if (value === undefined) {
        return new Date();
    }
    const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
    if (!Number.isFinite(ms)) {
        throw new InputError(
            `dr ${command}: --as-of ${quote(value)}; expected an ISO 8601 date or time, e.g. 2026-11-20 or 2026-11-20T09:00:00Z.`,
        );
    }
    return new Date(ms);
}
