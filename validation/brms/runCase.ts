/** Fit one brms validation case with hbayes and time it from formula text to finished summary. */
import type { MetricKind } from "../../src/inference/metric.js";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit, type FitSummary } from "../../src/api/fitSummary.js";
import type { Fit } from "../../src/api/fitResult.js";
import { loadCaseData, type BrmsCase } from "./cases.js";

export interface RunSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly threads: number;
  /** The sampler's metric; the library's default when left out. */
  readonly metric?: MetricKind;
}

export interface CaseRun {
  readonly fit: Fit;
  readonly summary: FitSummary;
  /** Seconds from the formula text (data already in memory) to the finished summary. */
  readonly total_s: number;
  readonly summary_s: number;
  /** CPU seconds of the whole process (worker threads included) from formula to finished summary. */
  readonly cpu_s: number;
  /** CPU seconds of the fit alone (build, compile, workers, warmup and sampling), without the summary. */
  readonly fit_cpu_s: number;
}

export async function runCase(c: BrmsCase, s: RunSettings): Promise<CaseRun> {
  const data = loadCaseData(c);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { fit } = await fitFormulaModel(
    { formula: c.formula, data, family: c.family, priors: c.priors },
    { chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed, threads: s.threads, ...(s.metric !== undefined ? { metric: s.metric } : {}) },
  );
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const summary = summarizeFit(fit);
  const t2 = performance.now();
  const c2 = process.cpuUsage(c0);
  const seconds = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;
  return { fit, summary, total_s: (t2 - t0) / 1000, summary_s: (t2 - t1) / 1000, cpu_s: seconds(c2), fit_cpu_s: seconds(c1) };
}
