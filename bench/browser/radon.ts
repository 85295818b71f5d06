/**
 * The measured job, shared by the page and the Node child so both run the same code path: CSV text
 * (already parsed, as the app parses it on load) → formula model → fit (chains in workers) → the
 * CLI's / app's summary. Only the clock and the worker factory differ between the two sides.
 */
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { fitProgram } from "../../src/api/fit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { compileModel } from "../../src/compiler/compile.js";
import type { BrowserWorker } from "../../src/inference/threads.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { createRng } from "../../src/random/rng.js";
import { variableIndex, variableOf } from "../../src/posterior/draws.js";
import { medianGradientMicros } from "./gradientLoop.js";

export const RADON = Object.freeze({ formula: "log_radon ~ floor + (1 | county)", chains: 4, warmup: 1000, draws: 1000, seed: 1 });

export interface RadonRun {
  /** Formula → design → IR, fit, summary: the span a Run button covers (ms). */
  readonly run_ms: number;
  readonly build_ms: number;
  readonly fit_ms: number;
  readonly summary_ms: number;
  /** The fit's own timing (sample's wall includes starting the workers). */
  readonly compile_s: number;
  readonly wall_s: number;
  /** Summed over chains. */
  readonly warmup_s: number;
  readonly sampling_s: number;
  readonly gradients: number;
  readonly sampling_leapfrogs: number;
  /** sampling_s / post-warmup leapfrogs: includes NUTS's per-step work, as bench/full reports it. */
  readonly us_per_gradient_fit: number;
  readonly divergences: number;
  readonly max_rhat: number;
  /** Full precision, to check both sides drew the same chains (same seed → same draws, any thread count). */
  readonly b_floor_mean: number;
  readonly sigma_mean: number;
}

export async function runRadon(csvText: string, threads: number, now: () => number, createWorker?: () => BrowserWorker): Promise<RadonRun> {
  const table = readCsvText(csvText);
  const t0 = now();
  const model = buildFormulaModel({ formula: RADON.formula, data: table });
  const t1 = now();
  const built = model.built;
  const fit = await fitProgram(
    { name: RADON.formula, program: built.program, data: built.data, rename: built.outputs.rename },
    { chains: RADON.chains, warmup: RADON.warmup, draws: RADON.draws, seed: RADON.seed, threads, ...(createWorker ? { createWorker } : {}) },
  );
  const t2 = now();
  const summary = summarizeFit(fit);
  const t3 = now();
  const leapfrogs = variableOf(fit.draws, variableIndex(fit.draws, "n_leapfrog__")).reduce((s, x) => s + x, 0);
  const row = (name: string) => {
    const r = summary.rows.find((x) => x.name === name);
    if (r === undefined) throw new Error(`runRadon: the summary has no ${name}`);
    return r;
  };
  const tm = fit.timing;
  return {
    run_ms: t3 - t0,
    build_ms: t1 - t0,
    fit_ms: t2 - t1,
    summary_ms: t3 - t2,
    compile_s: tm.compile_s,
    wall_s: tm.wall_s,
    warmup_s: tm.warmup_s,
    sampling_s: tm.sampling_s,
    gradients: tm.gradients,
    sampling_leapfrogs: leapfrogs,
    us_per_gradient_fit: (1e6 * tm.sampling_s) / leapfrogs,
    divergences: fit.divergences,
    max_rhat: Math.max(...summary.rows.map((r) => r.rhat).filter(Number.isFinite)),
    b_floor_mean: row("b_floor").mean,
    sigma_mean: row("sigma").mean,
  };
}

/** Bare gradient of the same compiled radon model, on this thread. */
export function radonGradientMicros(csvText: string, targetMs: number, now: () => number): number {
  const built = buildFormulaModel({ formula: RADON.formula, data: readCsvText(csvText) }).built;
  const program = { ...built.program, generated: [] };
  return medianGradientMicros(compileModel(program, built.data), targetMs, now);
}

/**
 * Log density and gradient at the gradient loop's 16 seeded points: the two engines should agree to
 * the last bit if Math.exp/log and friends do; the first point where they do not shows why draws differ.
 */
export function radonProbe(csvText: string): number[] {
  const built = buildFormulaModel({ formula: RADON.formula, data: readCsvText(csvText) }).built;
  const model = compileModel({ ...built.program, generated: [] }, built.data);
  const rng = createRng(1, 0);
  const grad = new Float64Array(model.dim);
  const out: number[] = [];
  for (let k = 0; k < 16; k++) {
    const theta = Float64Array.from({ length: model.dim }, () => 0.3 * rng.normal());
    out.push(model.logDensityGradient(theta, grad), ...grad);
  }
  return out;
}
