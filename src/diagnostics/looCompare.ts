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
  const compared = comparePointwise(loos.map((l) => l.pointwise.map((p) => p.elpd_loo)), "looCompare");
  return compared.map(({ model: j, elpd_diff, se_diff }) => {
    const l = loos[j];
    return { model: j, elpd_diff, se_diff, elpd_loo: l.elpd_loo, se_elpd_loo: l.se_elpd_loo, p_loo: l.p_loo, looic: l.looic };
  });
}

/**
 * The pairing behind loo_compare, for any pointwise elpd (PSIS-LOO, K-fold): models ordered by their
 * total, best first (ties keep argument order); each one's Σ_i (elpd_i − best_i) and √n · sd of those
 * differences.
 */
export function comparePointwise(pointwise: readonly ArrayLike<number>[], what = "comparePointwise"): { model: number; elpd_diff: number; se_diff: number }[] {
  const n = pointwise[0].length;
  pointwise.forEach((p, j) => {
    if (p.length !== n) throw new RangeError(`${what}: all models must have the same number of observations, got ${n} and ${p.length} (model ${j})`);
  });
  const total = pointwise.map((p) => {
    let t = 0;
    for (let i = 0; i < p.length; i++) t += p[i];
    return t;
  });
  const order = pointwise.map((_, j) => j).sort((a, b) => total[b] - total[a]);
  const best = pointwise[order[0]];
  return order.map((j) => {
    const diffs = Array.from(pointwise[j], (v, i) => v - best[i]);
    return { model: j, elpd_diff: diffs.reduce((a, b) => a + b, 0), se_diff: Math.sqrt(n) * Math.sqrt(sampleVariance(diffs)) };
  });
}
