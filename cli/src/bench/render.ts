/** bench/results.json: seconds and ratios, as numbers. */
export interface BenchResults {
    planSeconds: { tokyo: number; us: number; eu: number; all: number };
    /** The shipped stacks captured side by side without packs: the floor of `dr plan --stack all`. */
    captureOnlyAllSeconds: number;
    evaluation: { cells: number; resources: number; oursSeconds: number; emptySeconds: number; captureSeconds: number }[];
    /** Our pack's analyzer phase over the empty pack's, at 100 cells. */
    ratioAt100: number | null;
    planOverCaptureAll: number;
    /** Capture plus our analyzer phase, at 100 cells over 10. */
    scaling100over10: number | null;
    /** Peak resident memory: the harness (the capture worker or dr itself, whichever is larger) and our pack's process at the largest size. */
    peakRssMb: { harness: number; pack: number | null };
    runs: number;
    capturesAt100: number;
}

// The targets of issue #15; the pack's memory in MiB (1 GiB).
const TARGETS = { ratioAt100: 1.3, planOverCaptureAll: 1.3, scaling100over10: 11, packMb: 1024 };

const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const x = (ratio: number | null) => (ratio === null ? "—" : ratio.toFixed(2));
const verdict = (value: number | null, limit: number) =>
    value === null ? "not measured" : value <= limit ? `≤ ${limit}: met` : `≤ ${limit}: MISSED`;

export function render(r: BenchResults): string {
    const rows = r.evaluation.map(
        (e) =>
            `  ${String(e.cells).padStart(5)}  ${String(e.resources).padStart(9)}  ${s(e.captureSeconds).padStart(9)}  ${s(e.oursSeconds).padStart(9)}  ${s(e.emptySeconds).padStart(9)}  ${x(e.oursSeconds / e.emptySeconds).padStart(10)}`,
    );
    return [
        `dr plan (median of ${r.runs}): tokyo ${s(r.planSeconds.tokyo)}, us ${s(r.planSeconds.us)}, eu ${s(r.planSeconds.eu)}, all ${s(r.planSeconds.all)}; capture only, all: ${s(r.captureOnlyAllSeconds)}`,
        "",
        `analyzer phase, our pack against an empty pack over the same resources (median of ${r.runs}; captures at 100 cells: ${r.capturesAt100})`,
        "  cells  resources    capture       ours      empty  ours/empty",
        ...rows,
        "",
        `analyzer phase ours/empty at 100 cells   ${x(r.ratioAt100).padStart(6)}   ${verdict(r.ratioAt100, TARGETS.ratioAt100)}`,
        `dr plan --stack all / capture only       ${x(r.planOverCaptureAll).padStart(6)}   ${verdict(r.planOverCaptureAll, TARGETS.planOverCaptureAll)}`,
        `t(100 cells) / t(10 cells)               ${x(r.scaling100over10).padStart(6)}   ${verdict(r.scaling100over10, TARGETS.scaling100over10)}`,
        `peak RSS: pack ${r.peakRssMb.pack === null ? "not measured" : `${r.peakRssMb.pack.toFixed(0)} MiB (${verdict(r.peakRssMb.pack, TARGETS.packMb)})`}, harness ${r.peakRssMb.harness.toFixed(0)} MiB`,
        "",
        "written to bench/results.json",
        "",
    ].join("\n");
}
