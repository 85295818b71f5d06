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
 * included (what the issue's rule compares).
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { fitProgram, type FitOptions } from "../src/api/fit.js";
import type { Fit } from "../src/api/fitResult.js";
import { fitFormula } from "../src/api/formulaFit.js";
import { summarizeFit } from "../src/api/fitSummary.js";
import { chainsOf } from "../src/diagnostics/chains.js";
import { essBulk, mean } from "../src/diagnostics/ess.js";
import { sampleVariance } from "../src/diagnostics/essCore.js";
import { mcseMean, mcseSd } from "../src/diagnostics/mcse.js";
import { loadDataTable } from "../src/cli/loadData.js";
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
  /** "written" (reparam/marginalize off) or "default" (both "auto", as users get them). */
  pipeline?: Pipeline;
  /** The metric the main fit actually used (a small marginal fit's default is "dense"). */
  used?: string;
  /** The warnings a user is shown (summarizeFit: divergences, R-hat, ESS, E-BFMI), default pipeline only. */
  warnings?: string[];
  /** Per brms variable: mean, sd, mcse of each (QA data sets, default pipeline only). */
  vars?: Record<string, [number, number, number, number]>;
}

type Pipeline = "written" | "default";

/**
 * The user-sweep data sets (bench/qa/run-hbayes.sh): formula, family, and the brms summary the
 * sweep compared with (bench/qa/results/NAME-brms.csv).
 */
const QA: Record<string, { formula: string; family: string }> = {
  penicillin: { formula: "diameter ~ 1 + (1 | plate) + (1 | sample)", family: "gaussian" },
  epilepsy: { formula: "count ~ zAge + zBase * Trt + (1 | patient)", family: "poisson" },
  grouseticks: { formula: "TICKS ~ factor(YEAR) + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION) + (1 | INDEX)", family: "poisson" },
  cake: { formula: "angle ~ recipe + temp + (1 | recipe:replicate)", family: "gamma" },
  roaches: { formula: "y ~ roach1s + treatment + senior + offset(log(exposure2))", family: "negbinomial" },
};
const QA_SET = Object.keys(QA);

function brmsVariables(model: string): string[] {
  const lines = readFileSync(new URL(`./qa/results/${model}-brms.csv`, import.meta.url), "utf8").split("\n").slice(1).filter((l) => l.trim() !== "");
  return lines.map((l) => JSON.parse(l.split(",")[0]) as string).filter((v) => v !== "lp__" && v !== "lprior");
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Under the default pipeline, kind "diag" means today's default (no metric given: "diag", or
 * "dense" for a marginal fit of ≤ 10 sampled coordinates, src/marginal/fitBeyond.ts) and kind K
 * means "K would be the default": K wherever "diag" is the default today; where today's default fit
 * used "dense" the fit would not change, so that row is the diag row (see run()).
 */
async function fitModel(model: string, options: FitOptions): Promise<Fit> {
  if (model in QA) {
    const q = QA[model];
    return fitFormula({ formula: q.formula, family: q.family, data: loadDataTable(new URL(`./qa/data/${model}.csv`, import.meta.url).pathname) }, options);
  }
  return fitProgram(findModel(model).hbayes(), options);
}

async function runOne(model: string, kind: MetricKind, seed: number, pipeline: Pipeline = "written"): Promise<Row> {
  const base: FitOptions = { chains: CHAINS, warmup: WARMUP, draws: DRAWS, seed, threads: 1 };
  const options: FitOptions =
    pipeline === "written" ? { ...base, metric: kind, reparam: "none", marginalize: "none" } : kind === "diag" ? base : { ...base, metric: kind };
  const c0 = process.cpuUsage();
  const fit = await fitModel(model, options);
  const c = process.cpuUsage(c0);
  let vars: Record<string, [number, number, number, number]> | undefined;
  if (model in QA) {
    vars = {};
    for (const name of brmsVariables(model)) {
      const v = fit.draws.names.indexOf(name);
      if (v < 0) throw new Error(`bench/metric.ts: ${model} has no variable ${name} (brms's name)`);
      const ch = chainsOf(fit.draws, v);
      const all = ch.flatMap((c) => Array.from(c));
      vars[name] = [mean(all), Math.sqrt(sampleVariance(all)), mcseMean(ch), mcseSd(ch)];
    }
  }
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
    pipeline,
    used: fit.result.settings.metric,
    ...(vars !== undefined ? { vars } : {}),
    ...(pipeline === "default" ? { warnings: [...summarizeFit(fit).warnings] } : {}),
  };
}

async function run(args: string[]): Promise<void> {
  const out = args[0];
  const pipeline = (flag(args, "--pipeline") ?? "written") as Pipeline;
  if (pipeline !== "written" && pipeline !== "default") throw new Error(`bench/metric.ts: --pipeline must be "written" or "default", got ${JSON.stringify(pipeline)}`);
  const models = flag(args, "--models")?.split(",") ?? (pipeline === "default" ? [...BENCH_SET, ...QA_SET] : BENCH_SET);
  const seeds = (flag(args, "--seeds") ?? "1").split(",").map(Number);
  const kinds = (flag(args, "--kinds")?.split(",") as MetricKind[] | undefined) ?? KINDS;
  for (const seed of seeds) {
    for (const model of models) {
      let diagRow: Row | undefined;
      for (const kind of kinds) {
        // Today's default chose "dense" (a small marginal fit): with K as the default it still would,
        // so the fit is the same one — not rerun.
        const row = pipeline === "default" && kind !== "diag" && diagRow?.used === "dense" ? { ...diagRow, kind } : await runOne(model, kind, seed, pipeline);
        if (kind === "diag") diagRow = row;
        appendFileSync(out, JSON.stringify(row) + "\n");
        console.log(`${model} ${kind}${row.used !== kind ? ` (${row.used})` : ""} seed ${seed}: ESS/grad ${(1000 * row.essPerGrad).toFixed(2)}e-3, min bulk ${row.minBulk.toFixed(0)}, ${row.gradients} gradients, ${row.divergences} div, ${row.cpu_s.toFixed(2)} CPU s`);
      }
    }
  }
}

const fmt = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : "–");
/** ESS per CPU second: whole numbers, except a failed fit's fraction (grouseticks, cake) would print as 0. */
const fmtPerS = (x: number): string => fmt(x, x < 10 ? 2 : 0);

function geoMean(xs: number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/** The table and the issue's verdict for each new kind: wins on most models, loses ≤ 10 % on every one. */
function reportWritten(rows: Row[]): string {
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


/** Brms's summary of a QA data set: variable → [mean, sd, mcse_mean, mcse_sd]. */
function brmsSummary(model: string): Map<string, [number, number, number, number]> {
  const lines = readFileSync(new URL(`./qa/results/${model}-brms.csv`, import.meta.url), "utf8").split("\n").slice(1).filter((l) => l.trim() !== "");
  const out = new Map<string, [number, number, number, number]>();
  for (const l of lines) {
    const f = l.split(",");
    out.set(JSON.parse(f[0]) as string, [Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4])]);
  }
  return out;
}

/** Warnings a user sees, by kind (the first words of each of diagnose's sentences). */
function warningKinds(r: Row): string[] {
  return (r.warnings ?? []).map((w) => (/divergen/i.test(w) ? "div" : /R-hat/.test(w) ? "R-hat" : /Bulk ESS/.test(w) ? "bulk ESS" : /Tail ESS/.test(w) ? "tail ESS" : /E-BFMI/.test(w) ? "E-BFMI" : /tree ?depth/i.test(w) ? "treedepth" : "other"));
}

/**
 * The default pipeline (reparam and marginalize "auto"): today's default against "K as the
 * default" (see fitModel), the issue's rule, user-visible warnings, and agreement with brms.
 */
function reportDefault(rows: Row[]): string {
  const all = [...BENCH_SET, ...QA_SET];
  const models = all.filter((m) => rows.some((r) => r.model === m));
  const kinds = KINDS.filter((k) => k !== "diag" && rows.some((r) => r.kind === k));
  const own = (m: string, k: MetricKind) => rows.filter((r) => r.model === m && r.kind === k).sort((a, b) => a.seed - b.seed);
  // A model whose default fits all used "dense" is the same fit under any K as default: its diag rows
  // stand for every kind (a run given --kinds fisher-lowrank alone does not repeat them).
  const cell = (m: string, k: MetricKind) => {
    const base = own(m, "diag");
    return k !== "diag" && base.length > 0 && base.every((r) => r.used === "dense") ? base.map((r) => ({ ...r, kind: k })) : own(m, k);
  };
  const lines: string[] = [];
  lines.push(`Default pipeline (reparam and marginalize "auto", as users get them), only the metric varied; ${CHAINS} chains × (${WARMUP} + ${DRAWS}), chains in one thread. ` +
    `"diag" = today's default (no metric given: "diag", or "dense" for a marginal fit of ≤ 10 sampled coordinates); "K" = K given where today's default is "diag" — ` +
    `where today's fit used "dense" (column "main metric") it would not change, so its row is today's. ESS/grad = min bulk ESS over reported variables ÷ the fit's gradients incl. warmup (×10⁻³, geometric mean over seeds); ` +
    `ESS/CPU s = min bulk ESS ÷ process CPU s of the whole fit (pilot, compile, sampling; geometric mean); div = post-warmup divergences summed over seeds; warn = fits with at least one warning (of all fits).`);
  lines.push("");
  const head = ["model", "seeds", "main metric", "diag ESS/grad", "div", "warn", "ESS/CPU s", ...kinds.flatMap((k) => [`${k} ESS/grad`, "div", "warn", "ESS/CPU s", "÷ diag (grad)", "÷ diag (CPU s)"])];
  // Seeds column: diag's; a kind's divergences and warnings are over its own seeds (its "warn" says how many).
  lines.push(`| ${head.join(" | ")} |`);
  lines.push(`|${head.map(() => "---").join("|")}|`);
  const ratios = new Map<MetricKind, [string, number][]>();
  for (const m of models) {
    const base = cell(m, "diag");
    const g = (c: Row[]) => (c.length ? geoMean(c.map((r) => r.essPerGrad)) : NaN);
    const pc = (c: Row[]) => (c.length ? geoMean(c.map((r) => r.minBulk / r.cpu_s)) : NaN);
    const div = (c: Row[]) => String(c.reduce((s, r) => s + r.divergences, 0));
    const warn = (c: Row[]) => `${c.filter((r) => (r.warnings ?? []).length > 0).length}/${c.length}`;
    const used = [...new Set(base.map((r) => r.used))].join(", ");
    const cells = [m, String(base.length), used, fmt(1000 * g(base)), div(base), warn(base), fmtPerS(pc(base))];
    for (const k of kinds) {
      const c = cell(m, k);
      // Ratios over the seeds both kinds ran (a run cut short leaves one side's seed alone).
      const both = (xs: Row[], ys: Row[]) => xs.filter((x) => ys.some((y) => y.seed === x.seed));
      const [pb, pk] = [both(base, c), both(c, base)];
      const ratio = g(pk) / g(pb);
      if (Number.isFinite(ratio)) ratios.set(k, [...(ratios.get(k) ?? []), [m, ratio]]);
      cells.push(fmt(1000 * g(c)), div(c), warn(c), fmtPerS(pc(c)), fmt(ratio), fmt(pc(pk) / pc(pb)));
    }
    lines.push(`| ${cells.join(" | ")} |`);
  }
  lines.push("");
  for (const [k, rs] of ratios) {
    const wins = rs.filter(([, r]) => r > 1).length;
    const worst = rs.reduce((a, b) => (b[1] < a[1] ? b : a));
    const losers = rs.filter(([, r]) => r < 0.9).map(([m, r]) => `${m} ${fmt(r)}`);
    const ok = wins > rs.length / 2 && worst[1] >= 0.9;
    lines.push(`- ${k}: higher ESS/grad than today's default on ${wins} of ${rs.length} models (ties are the dense fits, unchanged), worst ${worst[0]} ${fmt(worst[1])}, geometric mean ratio ${fmt(geoMean(rs.map(([, r]) => r)))}` +
      `${losers.length ? `; more than 10 % worse: ${losers.join(", ")}` : ""} → ${ok ? "meets" : "does not meet"} the issue's rule.`);
  }
  lines.push("");
  lines.push("Warnings a user would see (fits with each kind of warning, of all seeds):");
  lines.push("");
  const wk = ["div", "R-hat", "bulk ESS", "tail ESS", "E-BFMI", "treedepth", "other"];
  const head3 = ["model", ...["diag", ...kinds].map((k) => `${k}`)];
  lines.push(`| ${head3.join(" | ")} |`);
  lines.push(`|${head3.map(() => "---").join("|")}|`);
  for (const m of models) {
    const desc = (k: MetricKind) => {
      const c = cell(m, k);
      const counts = wk.map((w) => [w, c.filter((r) => warningKinds(r).includes(w)).length] as const).filter(([, n]) => n > 0);
      return counts.length ? counts.map(([w, n]) => `${w} ${n}/${c.length}`).join(", ") : "none";
    };
    lines.push(`| ${[m, ...["diag" as MetricKind, ...kinds].map(desc)].join(" | ")} |`);
  }
  const qa = QA_SET.filter((m) => rows.some((r) => r.model === m && r.vars !== undefined));
  if (qa.length) {
    lines.push("");
    lines.push("Agreement with brms (bench/qa/results/NAME-brms.csv; z = Δ / sqrt(mcse₁² + mcse₂²), |z| < 4 agrees) per seed: " +
      "\"bad\" = variables with |z| ≥ 4 for the mean / for the sd, of all; \"max |z|\" over means and sds; \"sd ratio\" = geometric mean over variables of hbayes sd ÷ brms sd; " +
      "\"always under\" = variables whose sd is below brms's at every seed (systematic under-dispersion), with the largest shortfall at any seed.");
    lines.push("");
    const head4 = ["data set", "kind", "seeds", "bad mean / sd", "max |z| mean", "max |z| sd", "sd ratio per seed", "always under"];
    lines.push(`| ${head4.join(" | ")} |`);
    lines.push(`|${head4.map(() => "---").join("|")}|`);
    for (const m of qa) {
      const ref = brmsSummary(m);
      for (const k of ["diag" as MetricKind, ...kinds]) {
        const c = cell(m, k).filter((r) => r.vars !== undefined);
        if (!c.length) continue;
        let badM = 0, badS = 0, n = 0, zm = 0, zs = 0;
        const sdRatios: string[] = [];
        const under = new Map<string, number>();
        const names = Object.keys(c[0].vars!);
        for (const name of names) under.set(name, 1);
        for (const r of c) {
          const logs: number[] = [];
          for (const name of names) {
            const [mu, sd, mm, ms] = r.vars![name];
            const b = ref.get(name)!;
            const z1 = (mu - b[0]) / Math.hypot(mm, b[2]);
            const z2 = (sd - b[1]) / Math.hypot(ms, b[3]);
            n++;
            if (Math.abs(z1) >= 4) badM++;
            if (Math.abs(z2) >= 4) badS++;
            zm = Math.max(zm, Math.abs(z1));
            zs = Math.max(zs, Math.abs(z2));
            logs.push(Math.log(sd / b[1]));
            const u = under.get(name);
            if (u !== undefined) {
              if (sd < b[1]) under.set(name, Math.min(u, sd / b[1]));
              else under.delete(name);
            }
          }
          sdRatios.push(fmt(Math.exp(logs.reduce((a, x) => a + x, 0) / logs.length), 3));
        }
        const worstUnder = [...under].sort((a, b) => a[1] - b[1]);
        const underText = worstUnder.length ? `${worstUnder.length} of ${names.length} (${worstUnder.slice(0, 2).map(([v, r]) => `${v} up to ${fmt(100 * (1 - r), 1)} % under`).join("; ")})` : `0 of ${names.length}`;
        lines.push(`| ${[m, k, c.map((r) => r.seed).join(","), `${badM} / ${badS} of ${n}`, fmt(zm, 1), fmt(zs, 1), sdRatios.join(" "), underText].join(" | ")} |`);
      }
    }
  }
  return lines.join("\n");
}

function report(files: string[]): string {
  const read: Row[] = files.flatMap((f) => readFileSync(f, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Row));
  // A (pipeline, model, kind, seed) run twice (two runs overlapping) counts once: the same seed is the same fit.
  const seen = new Set<string>();
  const rows = read.filter((r) => {
    const key = `${r.pipeline ?? "written"} ${r.model} ${r.kind} ${r.seed}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const written = rows.filter((r) => (r.pipeline ?? "written") === "written");
  const dflt = rows.filter((r) => r.pipeline === "default");
  const parts: string[] = [];
  if (written.length) parts.push(reportWritten(written));
  if (dflt.length) parts.push(`### Under the default pipeline\n\n${reportDefault(dflt)}`);
  return parts.join("\n\n");
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
