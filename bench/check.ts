/**
 * `npm run bench:check` (= `tsx bench/check.ts`): the latest run in bench/results/*.json against
 * the runs before it. Prints every model × tool of the latest run with its ESS/s then and now, marks
 * each that fell by more than the threshold, and exits 1 if any did (0 otherwise, 2 when there is
 * nothing to compare). See bench/README.md, "Regression guard".
 *
 *   --threshold 0.2   the allowed fall in ESS/s (fraction)
 *   --dir PATH        the results folder (default bench/results)
 *   --cpu             compare ESS per CPU second instead (robust to a loaded machine)
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkRuns, measureOf, type CheckMeasure, type Comparison, type ResultsFile } from "./full/check.js";

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir = option("dir") ?? fileURLToPath(new URL("./results", import.meta.url));
const threshold = Number(option("threshold") ?? 0.2);
const measure: CheckMeasure = argv.includes("--cpu") ? "ess_per_cpu_s" : "ess_per_s";
const label = measure === "ess_per_s" ? "ESS/s" : "ESS/CPU s";

/**
 * Results written before runs recorded their start time: the time git first saw the file stands in
 * for it (a checkout gives every file the same mtime, so mtimes cannot order them).
 */
function addedAt(path: string): string | undefined {
  try {
    const out = execFileSync("git", ["log", "--diff-filter=A", "--format=%cI", "--", path], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const last = out.split("\n").pop();
    return last ? new Date(last).toISOString() : undefined;
  } catch {
    return undefined;
  }
}

const files: ResultsFile[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => {
    const path = `${dir}/${file}`;
    let d: Partial<ResultsFile>;
    try {
      d = JSON.parse(readFileSync(path, "utf8")) as Partial<ResultsFile>;
    } catch {
      // Not one JSON document (e.g. another script's JSON-lines log): not a benchmark run.
      return { file, mtimeMs: 0, info: {}, rows: [] };
    }
    const info = d.info ?? {};
    const started = info.started ?? addedAt(path);
    return { file, mtimeMs: statSync(path).mtimeMs, info: started ? { ...info, started } : info, rows: Array.isArray(d.rows) ? d.rows : [] };
  });

const result = checkRuns(files, threshold, measure);
if (result === null || result.comparisons.every((c) => c.previous === null)) {
  console.log(`bench:check: nothing to compare in ${dir} (${result === null ? "no benchmark runs" : `run ${result.latest} has no model × tool that an earlier run also measured with the same budget`})`);
  process.exit(2);
}

const f = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? "–" : x >= 100 ? x.toFixed(0) : x.toPrecision(3));
const line = (c: Comparison): string => {
  const change = c.ratio === undefined ? "no earlier row" : `${c.ratio >= 1 ? "+" : ""}${((c.ratio - 1) * 100).toFixed(1)} %`;
  const loads = c.previous ? `load ${f(c.previous.load_before)} → ${f(c.latest.load_before)}` : "";
  return `${c.regressed ? "FELL" : "    "}  ${c.model.padEnd(26)} ${c.tool.padEnd(12)} ${label} ${f(c.previous ? measureOf(c.previous, measure) : undefined).padStart(7)} → ${f(measureOf(c.latest, measure)).padStart(7)}  ${change.padEnd(15)} ${c.previousRun ? `vs ${c.previousRun}` : ""}  ${loads}`;
};

console.log(`bench:check: run ${result.latest} vs the most recent earlier run with the same model × tool and budget; threshold −${(threshold * 100).toFixed(0)} % ${label}`);
for (const c of result.comparisons) console.log(line(c));
if (result.regressions.length > 0) {
  console.log(`\n${result.regressions.length} model × tool row(s) fell by more than ${(threshold * 100).toFixed(0)} % in ${label}: ${result.regressions.map((c) => `${c.model}/${c.tool}`).join(", ")}`);
  process.exit(1);
}
console.log(`\nno model × tool fell by more than ${(threshold * 100).toFixed(0)} % in ${label}`);
