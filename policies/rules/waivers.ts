import { Finding, Waiver, expiredNote, isActive, readWaivers, todayUtc, waives } from "../catalog/waivers";
import { stackConfigObject } from "./stackConfig";

/** The stack's waivers as the pack reads them, and how they judge a finding today. */
export class WaiverSet {
    constructor(
        readonly all: Waiver[],
        readonly today: string,
        /** Why dr:waivers could not be read; then nothing is waived. */
        readonly problem?: string,
    ) {}

    /** The first waiver covering the finding: active, or expired (with what the finding says of it). */
    judge(finding: Finding): { active?: Waiver; expired?: string } {
        const covering = this.all.filter((w) => waives(w, finding));
        const active = covering.find((w) => isActive(w, this.today));
        if (active) {
            return { active };
        }
        return covering.length > 0 ? { expired: expiredNote(covering[0]) } : {};
    }
}

let cached: WaiverSet | undefined;

/**
 * dr:waivers from the stack config the policy SDK gives the pack. A list the program would refuse waives
 * nothing here (the preview stops at the program's own config error first).
 */
export function packWaivers(): WaiverSet {
    if (!cached) {
        const today = todayUtc();
        try {
            const raw = stackConfigObject<unknown>("dr", "waivers");
            cached = new WaiverSet(
                readWaivers(raw, (key, value, allowed) => {
                    throw new Error(`${key} is ${JSON.stringify(value)}; expected ${allowed}`);
                }),
                today,
            );
        } catch (e) {
            cached = new WaiverSet([], today, (e as Error).message);
        }
    }
    return cached;
}
