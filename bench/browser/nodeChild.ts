/**
 * One Node run of the radon job, compiled to JavaScript with src/ by bench/browser.ts (so Node, like
 * the page, runs plain JS, not TypeScript through tsx):
 *   node nodeChild.js fit THREADS CSV      → one JSON line: RadonRun plus process_ms (process start → summary)
 *                                            and CPU seconds of the run and of the whole process
 *   node nodeChild.js gradient MS CSV      → one JSON line: { us_per_gradient }
 *   node nodeChild.js probe - CSV          → one JSON line: log density and gradients at seeded points
 */
import { readFileSync } from "node:fs";
import { radonGradientMicros, radonProbe, runRadon } from "./radon.js";

const [mode, arg, csvPath] = process.argv.slice(2);
const now = (): number => performance.now();
const csv = readFileSync(csvPath, "utf8");
if (mode === "fit") {
  // process.cpuUsage() is the whole process's (every worker thread included).
  const c0 = process.cpuUsage();
  const run = await runRadon(csv, Number(arg), now);
  const c = process.cpuUsage(c0);
  const all = process.cpuUsage();
  // performance.now() counts from the process's time origin, so this is start-up + load + run.
  process.stdout.write(`${JSON.stringify({ ...run, process_ms: now(), run_cpu_s: (c.user + c.system) / 1e6, process_cpu_s: (all.user + all.system) / 1e6 })}\n`);
} else if (mode === "gradient") {
  process.stdout.write(`${JSON.stringify({ us_per_gradient: radonGradientMicros(csv, Number(arg), now) })}\n`);
} else if (mode === "probe") {
  process.stdout.write(`${JSON.stringify(radonProbe(csv))}\n`);
} else {
  throw new Error(`nodeChild: mode must be fit, gradient or probe, got ${mode}`);
}
