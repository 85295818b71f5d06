/**
 * Metric adaptation benchmark (issue 12 item 3): Stan's windowed diagonal ("diag") against the
 * gradient-informed kinds ("fisher-diag", "fisher-lowrank") on the benchmark set, each model as
 * written (reparam and marginalize off, so only the metric differs), chains run in this thread so
 * process.cpuUsage() is the fit's CPU time.
 *
 *   npx tsx bench/metric.ts run OUT.json [--models a,b] [--seeds 1,2] [--kinds diag,fisher-diag]
 *       appends one JSON line per (model, kind, seed) to OUT.json
 *   npx tsx bench/metric.ts report OUT.json [more.json …]
 *       prints the tables and rewrites bench/RESULTS.md's metric section (keeping its
 *       <!-- metric-notes:begin -->…<!-- metric-notes:end --> block)
 *
 * ESS per gradient = min bulk ESS over the reported variables ÷ every gradient of the fit, warmup
 * included (what the rule compares).
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { fitProgram } from "../src/api/fit.js";
import { chainsOf } from "../src/diagnostics/chains.js";
import { essBulk } from "../src/diagnostics/ess.js";
import type { MetricKind } from "../src/inference/metric.js";
import { findModel } from "./full/models.js";

const BENCH_SET = ["eight_schools_noncentered", "eight_schools_centered", "pumps", "radon_intercept", "radon_slope", "sleepstudy", "cbpp"];
const KINDS: MetricKind[] = ["diag", "fisher-diag", "fisher-lowrank"];
const CHAINS = 4;
const WARMUP = 1000;
const DRAWS = 1000;

interface Row {
  model: string;
  kind: MetricKind;
  seed: number;
  minBulk: number;
  gradients: number;
  essPerGrad: number;
  divergences: number;
  cpu_s: number;
  stepSizes: number[];
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function runOne(model: string, kind: MetricKind, seed: number): Promise<Row> {
  const built = findModel(model).hbayes();
  const c0 = process.cpuUsage();
  const fit = await fitProgram(built, { chains: CHAINS, warmup: WARMUP, draws: DRAWS, seed, threads: 1, metric: kind, reparam: "none", marginalize: "none" });
  const c = process.cpuUsage(c0);
  let minBulk = Infinity;
  fit.draws.names.forEach((name, v) => {
    if (name.endsWith("__")) return;
    const b = essBulk(chainsOf(fit.draws, v));
    // NaN (a constant variable) is left out, as posterior's min(..., na.rm = TRUE).
    if (b < minBulk) minBulk = b;
  });
  const gradients = fit.result.timing.gradients;
  return {
    model,
    kind,
    seed,
    minBulk,
    gradients,
    essPerGrad: minBulk / gradients,
    divergences: fit.result.divergences,
    cpu_s: (c.user + c.system) / 1e6,
    stepSizes: fit.result.chains.map((ch) => ch.stepSize),
  };
}

async function run(args: string[]): Promise<void> {
  const out = args[0];
  const models = flag(args, "--models")?.split(",") ?? BENCH_SET;
  const seeds = (flag(args, "--seeds") ?? "1").split(",").map(Number);
  const kinds = (flag(args, "--kinds")?.split(",") as MetricKind[] | undefined) ?? KINDS;
  for (const seed of seeds) {
    for (const model of models) {
      for (const kind of kinds) {
        const row = await runOne(model, kind, seed);
        appendFileSync(out, JSON.stringify(row) + "\n");
        console.log(`${model} ${kind} seed ${seed}: ESS/grad ${(1000 * row.essPerGrad).toFixed(2)}e-3, min bulk ${row.minBulk.toFixed(0)}, ${row.gradients} gradients, ${row.divergences} div, ${row.cpu_s.toFixed(2)} CPU s`);
      }
    }
  }
}

const fmt = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : "–");

function geoMean(xs: number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/** The table and the verdict for each new kind: wins on most models, loses ≤ 10 % on every one. */
function report(files: string[]): string {
  const rows: Row[] = files.flatMap((f) => readFileSync(f, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Row));
  const models = BENCH_SET.filter((m) => rows.some((r) => r.model === m));
  const kinds = KINDS.filter((k) => rows.some((r) => r.kind === k));
  const cell = (m: string, k: MetricKind) => rows.filter((r) => r.model === m && r.kind === k);
  const lines: string[] = [];
  const seeds = [...new Set(rows.map((r) => r.seed))].sort((a, b) => a - b);
  lines.push(`Each model as written (reparam/marginalize off), ${CHAINS} chains × (${WARMUP} + ${DRAWS}), chains in one thread; seeds ${seeds.join(", ")}. ` +
    "ESS/grad = min bulk ESS over reported variables ÷ all gradients incl. warmup (×10⁻³, geometric mean over seeds); " +
    "div = post-warmup divergences summed over seeds; CPU s = process CPU time per fit (mean over seeds). Ratio = kind ÷ diag of ESS/grad.");
  lines.push("");
  const head = ["model", ...kinds.flatMap((k) => [`${k} ESS/grad`, "div", "CPU s"]), ...kinds.filter((k) => k !== "diag").map((k) => `${k} ÷ diag`)];
  lines.push(`| ${head.join(" | ")} |`);
  lines.push(`|${head.map(() => "---").join("|")}|`);
  const ratios = new Map<MetricKind, number[]>();
  for (const m of models) {
    const cells: string[] = [m];
    const base = cell(m, "diag");
    const baseE = base.length ? geoMean(base.map((r) => r.essPerGrad)) : NaN;
    for (const k of kinds) {
      const c = cell(m, k);
      const e = c.length ? geoMean(c.map((r) => r.essPerGrad)) : NaN;
      cells.push(fmt(1000 * e), String(c.reduce((s, r) => s + r.divergences, 0)), fmt(c.reduce((s, r) => s + r.cpu_s, 0) / Math.max(c.length, 1)));
    }
    for (const k of kinds) {
      if (k === "diag") continue;
      const c = cell(m, k);
      const ratio = c.length ? geoMean(c.map((r) => r.essPerGrad)) / baseE : NaN;
      if (Number.isFinite(ratio)) ratios.set(k, [...(ratios.get(k) ?? []), ratio]);
      cells.push(fmt(ratio));
    }
    lines.push(`| ${cells.join(" | ")} |`);
  }
  lines.push("");
  lines.push("ESS per CPU second (min bulk ESS ÷ the fit's CPU seconds, geometric mean over seeds), and each kind ÷ diag:");
  lines.push("");
  const head2 = ["model", ...kinds, ...kinds.filter((k) => k !== "diag").map((k) => `${k} ÷ diag`)];
  lines.push(`| ${head2.join(" | ")} |`);
  lines.push(`|${head2.map(() => "---").join("|")}|`);
  for (const m of models) {
    const perS = (k: MetricKind) => {
      const c = cell(m, k);
      return c.length ? geoMean(c.map((r) => r.minBulk / r.cpu_s)) : NaN;
    };
    const base = perS("diag");
    lines.push(`| ${[m, ...kinds.map((k) => fmt(perS(k), 0)), ...kinds.filter((k) => k !== "diag").map((k) => fmt(perS(k) / base))].join(" | ")} |`);
  }
  lines.push("");
  for (const [k, rs] of ratios) {
    const wins = rs.filter((r) => r > 1).length;
    const worst = Math.min(...rs);
    const ok = wins > rs.length / 2 && worst >= 0.9;
    lines.push(`- ${k}: higher ESS/grad than diag on ${wins} of ${rs.length} models, worst ratio ${fmt(worst)}, geometric mean ratio ${fmt(geoMean(rs))} → ${ok ? "meets" : "does not meet"} the issue's rule (most models better, none more than 10 % worse).`);
  }
  return lines.join("\n");
}

function writeSection(text: string): void {
  const path = new URL("./RESULTS.md", import.meta.url);
  const md = readFileSync(path, "utf8");
  const section = `<!-- metric:begin -->\n## Metric adaptation: Stan's diagonal vs gradient-informed (bench/metric.ts)\n\n${text}\n<!-- metric:end -->`;
  const re = /<!-- metric:begin -->[\s\S]*?<!-- metric:end -->/;
  // Hand-written notes (the decision, what surprised) survive a regenerated table.
  const notes = /<!-- metric-notes:begin -->[\s\S]*?<!-- metric-notes:end -->/.exec(re.exec(md)?.[0] ?? "")?.[0];
  const full = notes === undefined ? section : section.replace("\n<!-- metric:end -->", `\n\n${notes}\n<!-- metric:end -->`);
  writeFileSync(path, re.test(md) ? md.replace(re, () => full) : `${md.trimEnd()}\n\n${full}\n`);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === "run") await run(rest);
else if (mode === "report") {
  const text = report(rest);
  console.log(text);
  writeSection(text);
} else throw new Error(`bench/metric.ts: mode must be "run" or "report", got ${JSON.stringify(mode)}`);
