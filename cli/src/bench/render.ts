/** bench/results.json: seconds, MiB and ratios, as numbers. */
export interface BenchResults {
    planSeconds: { tokyo: number; us: number; eu: number; all: number };
    /** The shipped stacks captured side by side without packs: the floor of `dr plan --stack all`. */
    captureOnlyAllSeconds: number;
    /**
     * Per size: capture, and each pack's analyzer phase over the same resources; peak RSS in MiB over a pack's first
     * judge (one preview), and over all rounds in the one process for ours.
     */
    evaluation: {
        cells: number;
        resources: number;
        captureSeconds: number;
        oursSeconds: number;
        emptySeconds: number;
        awsguardSeconds: number;
        packPeakMb: number | null;
        packPeakMbAllRounds: number | null;
        emptyPeakMb: number | null;
        awsguardPeakMb: number | null;
    }[];
    /** The `@pulumi/awsguard` release measured. */
    awsguardVersion: string;
    /** Our pack's analyzer phase over the empty pack's, at 100 cells. */
    ratioAt100: number | null;
    /** Our pack's analyzer phase over AWSGuard's, at 100 cells. */
    ratioToAwsguardAt100: number | null;
    /** Our pack process's peak RSS at 100 cells over one preview (its first judge), in MiB. */
    packPeakMbAt100: number | null;
    planOverCaptureAll: number;
    /** Capture plus our analyzer phase, at 100 cells over 10. */
    scaling100over10: number | null;
    /** `npm test` CPU (user + system, children included) over `npm run plan`'s; null unless BENCH_TEST_CPU asked. */
    testCpuOverPlanCpu: number | null;
    cpuSeconds: { test: number; plan: number } | null;
    /** Peak resident memory: the harness (the capture worker or dr itself, whichever is larger) and our pack's process at the largest size. */
    peakRssMb: { harness: number; pack: number | null };
    runs: number;
    capturesAt100: number;
    testCpuRounds: number;
}

// The targets of issue #27, and of #15 where #27 sets none; memory in MiB.
const TARGETS = {
    ratioToAwsguardAt100: 1.0,
    ratioAt100: 1.3,
    planOverCaptureAll: 1.5,
    scaling100over10: 11,
    packMbAt100: 512,
    testCpuOverPlanCpu: 8,
};

const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const x = (ratio: number | null) => (ratio === null ? "—" : ratio.toFixed(2));
const mb = (value: number | null) => (value === null ? "—" : value.toFixed(0));
const verdict = (value: number | null, limit: number) =>
    value === null ? "not measured" : value <= limit ? `≤ ${limit}: met` : `≤ ${limit}: MISSED`;

export function render(r: BenchResults): string {
    const rows = r.evaluation.map((e) =>
        [
            String(e.cells).padStart(7),
            String(e.resources).padStart(9),
            s(e.captureSeconds).padStart(9),
            s(e.oursSeconds).padStart(9),
            s(e.emptySeconds).padStart(9),
            s(e.awsguardSeconds).padStart(9),
            x(e.oursSeconds / e.emptySeconds).padStart(10),
            x(e.oursSeconds / e.awsguardSeconds).padStart(13),
            mb(e.packPeakMb).padStart(9),
            mb(e.packPeakMbAllRounds).padStart(11),
            mb(e.emptyPeakMb).padStart(10),
            mb(e.awsguardPeakMb).padStart(13),
        ].join("  "),
    );
    const cpu = r.cpuSeconds === null ? "" : ` (${s(r.cpuSeconds.test)} against ${s(r.cpuSeconds.plan)}, median of ${r.testCpuRounds})`;
    return [
        `dr plan (median of ${r.runs}): tokyo ${s(r.planSeconds.tokyo)}, us ${s(r.planSeconds.us)}, eu ${s(r.planSeconds.eu)}, all ${s(r.planSeconds.all)}; capture only, all: ${s(r.captureOnlyAllSeconds)}`,
        "",
        `analyzer phase over the same resources: our pack, an empty pack, AWSGuard ${r.awsguardVersion} (median of ${r.runs}; captures at 100 cells: ${r.capturesAt100});`,
        "peak RSS in MiB over one preview (a pack's first judge), and over every round in one process for ours",
        "    cells  resources    capture       ours      empty   awsguard  ours/empty  ours/awsguard  ours MiB  ours, all  empty MiB  awsguard MiB",
        ...rows,
        "",
        `analyzer phase ours/AWSGuard at 100 cells  ${x(r.ratioToAwsguardAt100).padStart(6)}   ${verdict(r.ratioToAwsguardAt100, TARGETS.ratioToAwsguardAt100)}`,
        `analyzer phase ours/empty at 100 cells     ${x(r.ratioAt100).padStart(6)}   ${verdict(r.ratioAt100, TARGETS.ratioAt100)}`,
        `our pack's peak RSS, one preview, MiB      ${mb(r.packPeakMbAt100).padStart(6)}   ${verdict(r.packPeakMbAt100, TARGETS.packMbAt100)}`,
        `dr plan --stack all / capture only         ${x(r.planOverCaptureAll).padStart(6)}   ${verdict(r.planOverCaptureAll, TARGETS.planOverCaptureAll)}`,
        `t(100 cells) / t(10 cells)                 ${x(r.scaling100over10).padStart(6)}   ${verdict(r.scaling100over10, TARGETS.scaling100over10)}`,
        `npm test CPU / npm run plan CPU            ${x(r.testCpuOverPlanCpu).padStart(6)}   ${r.testCpuOverPlanCpu === null ? "not measured (BENCH_TEST_CPU=1 measures it)" : verdict(r.testCpuOverPlanCpu, TARGETS.testCpuOverPlanCpu)}${cpu}`,
        `peak RSS of the harness (capture worker or dr), MiB: ${mb(r.peakRssMb.harness)}`,
        "",
        "written to bench/results.json",
        "",
    ].join("\n");
}
