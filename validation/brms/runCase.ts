/** Fit one brms validation case with hbayes and time it from formula text to finished summary. */
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
}

export interface CaseRun {
  readonly fit: Fit;
  readonly summary: FitSummary;
  /** Seconds from the formula text (data already in memory) to the finished summary. */
  readonly total_s: number;
  readonly summary_s: number;
}

export async function runCase(c: BrmsCase, s: RunSettings): Promise<CaseRun> {
  const data = loadCaseData(c);
  const t0 = performance.now();
  const { fit } = await fitFormulaModel(
    { formula: c.formula, data, family: c.family, priors: c.priors },
    { chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed, threads: s.threads },
  );
  const t1 = performance.now();
  const summary = summarizeFit(fit);
  const t2 = performance.now();
  return { fit, summary, total_s: (t2 - t0) / 1000, summary_s: (t2 - t1) / 1000 };
}
