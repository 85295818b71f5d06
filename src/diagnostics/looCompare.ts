import { sampleVariance } from "./essCore.js";
import type { LooResult } from "./loo.js";

export interface LooCompareRow {
  /** Position of the model among the arguments (0-based). */
  readonly model: number;
  /** Σ_i (elpd_i(model) − elpd_i(best)); 0 for the best model. */
  readonly elpd_diff: number;
  /** √n · sd of those pointwise differences. */
  readonly se_diff: number;
  readonly elpd_loo: number;
  readonly se_elpd_loo: number;
  readonly p_loo: number;
  readonly looic: number;
}

/**
 * loo's `loo_compare`: models ordered by elpd_loo, best first (ties keep argument order), each
 * compared with the best through paired pointwise differences.
 */
export function looCompare(...loos: LooResult[]): LooCompareRow[] {
  if (loos.length < 2) throw new RangeError(`looCompare: needs at least two models, got ${loos.length}`);
  const n = loos[0].pointwise.length;
  loos.forEach((l, j) => {
    if (l.pointwise.length !== n) throw new RangeError(`looCompare: all models must have the same number of observations, got ${n} and ${l.pointwise.length} (model ${j})`);
  });
  const order = loos.map((_, j) => j).sort((a, b) => loos[b].elpd_loo - loos[a].elpd_loo);
  const best = loos[order[0]];
  return order.map((j) => {
    const l = loos[j];
    const diffs = l.pointwise.map((p, i) => p.elpd_loo - best.pointwise[i].elpd_loo);
    const sum = diffs.reduce((a, b) => a + b, 0);
    return {
      model: j,
      elpd_diff: sum,
      se_diff: Math.sqrt(n) * Math.sqrt(sampleVariance(diffs)),
      elpd_loo: l.elpd_loo,
      se_elpd_loo: l.se_elpd_loo,
      p_loo: l.p_loo,
      looic: l.looic,
    };
  });
}
