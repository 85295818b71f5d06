/**
 * Scaling in N (`npx tsx bench/scaling.ts [--max 1e6] [--no-md]`): the varying-intercept logistic
 * and gaussian models at N = 10⁴, 10⁵, 10⁶ rows with N/100 groups. For each: hbayes µs per gradient
 * and peak RSS (one child process per point), and lme4's lmer fit time for the gaussian model on the
 * same data. Gradient cost should grow linearly in N (ns per row constant). Writes
 * bench/results/<date>-scaling.json and the "scaling" section of bench/RESULTS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { column, simulateGaussianVi, toCsv } from "./full/datasets.js";
import { loadAverage, runMeasured } from "./full/measure.js";
import { writeSection } from "./full/report.js";
import { detectTools } from "./full/tools.js";

const repo = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");
const argv = process.argv.slice(2);
const maxIdx = argv.indexOf("--max");
const maxN = maxIdx >= 0 ? Number(argv[maxIdx + 1]) : 1e6;
const sizes = [1e4, 1e5, 1e6].filter((n) => n <= maxN);
const cache = `${repo}/tmp/bench/scaling`;
mkdirSync(cache, { recursive: true });

interface Point {
  kind: string;
  N: number;
  J?: number;
  dim?: number;
  compile_s?: number;
  us_per_gradient?: number;
  cpu_us_per_gradient?: number;
  ns_per_row?: number;
  cpu_ns_per_row?: number;
  max_rss_mb?: number;
  lmer_fit_s?: number;
  lmer_rss_mb?: number;
  load: number;
  error?: string;
}

const points: Point[] = [];
const installed = detectTools();
for (const kind of ["logistic", "gaussian"]) {
  for (const N of sizes) {
    const load = loadAverage();
    const m = await runMeasured(process.execPath, ["--import", "tsx", `${repo}/bench/full/scalingChild.ts`, kind, String(N)], { cwd: repo, timeoutS: 1800 });
    let p: Point;
    try {
      p = { ...(JSON.parse(m.stdout.trim().split("\n").pop() ?? "") as Point), load };
    } catch {
      p = { kind, N, load, error: m.stderr.trim().split("\n").slice(-3).join(" | ") };
    }
    if (kind === "gaussian" && installed.lme4) {
      const s = simulateGaussianVi(N, N / 100, 2);
      const csv = `${cache}/gaussian-${N}.csv`;
      writeFileSync(csv, toCsv({ y: s.y, x1: column(s.X, 2, 0), x2: column(s.X, 2, 1), g: s.g }));
      const job = `${cache}/lmer-${N}.json`;
      const out = `${cache}/lmer-${N}.out.json`;
      writeFileSync(job, JSON.stringify({ csv, factors: ["g"], formula: "y ~ x1 + x2 + (1 | g)", family: "gaussian", repeats: N >= 1e6 ? 1 : 3, out }));
      writeFileSync(out, "");
      const r = await runMeasured("Rscript", [`${repo}/bench/r/lme4-run.R`, job], { cwd: repo, timeoutS: 1800 });
      try {
        const res = JSON.parse(readFileSync(out, "utf8")) as { fit_s: number };
        p.lmer_fit_s = res.fit_s;
        p.lmer_rss_mb = r.max_rss_mb ?? undefined;
      } catch {
        p.error = `${p.error ?? ""} lmer failed: ${r.stderr.trim().split("\n").slice(-2).join(" | ")}`;
      }
    }
    points.push(p);
    console.log(JSON.stringify(p));
  }
}

const f = (x: number | undefined, d = 3) => (x === undefined ? "–" : x >= 100 ? x.toFixed(0) : x.toPrecision(d));
const table = [
  "| model | N | groups | dim | hbayes µs/gradient (wall median) | CPU µs/gradient | CPU ns per row | hbayes peak RSS MB | lmer fit s | lmer peak RSS MB | load |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...points.map((p) => `| ${p.kind} | ${p.N.toExponential(0)} | ${p.J ?? "–"} | ${p.dim ?? "–"} | ${f(p.us_per_gradient)} | ${f(p.cpu_us_per_gradient)} | ${f(p.cpu_ns_per_row)} | ${f(p.max_rss_mb)} | ${f(p.lmer_fit_s)} | ${f(p.lmer_rss_mb)} | ${p.load.toFixed(1)} |`),
].join("\n");
console.log(table);
const date = new Date().toISOString().slice(0, 10);
mkdirSync(`${repo}/bench/results`, { recursive: true });
writeFileSync(`${repo}/bench/results/${date}-scaling.json`, `${JSON.stringify({ schema: 1, date, points }, null, 2)}\n`);
if (!argv.includes("--no-md")) {
  writeSection(`${repo}/bench/RESULTS.md`, "scaling", [
    "## Scaling in N (`npx tsx bench/scaling.ts`)",
    "",
    `${date}. Varying-intercept models with N rows and N/100 groups (logistic: 3 predictors, data of bench/data/datasets.ts; gaussian: 2 predictors, bench/full/datasets.ts), built by the GLMM builder. ` +
      "µs/gradient: warm median wall time (method of bench/gradient.ts), and CPU time per gradient over the same run (process.cpuUsage; robust to waiting for a core on a busy machine); peak RSS: `process.resourceUsage().maxRSS` of a child process that builds the data, compiles and times (so it includes the simulated data and Node itself, ~50–60 MB); lmer: median fit time of `lmer(y ~ x1 + x2 + (1 | g))` (REML) on the same rows, with summary(). \"load\" is the 1-minute load average when the point started.",
    "",
    table,
  ].join("\n"));
}
