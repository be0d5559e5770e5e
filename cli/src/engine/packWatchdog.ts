/**
 * Preloaded into every policy pack process `dr` starts (`node --require`). `dr` holds the write end of
 * the pack's stdin and never writes to it; when `dr` goes away — by exit, a signal, SIGKILL or the OOM
 * killer — the kernel closes that pipe, and the pack follows instead of serving on with nobody to ask.
 */
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
