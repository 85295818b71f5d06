/** Posterior mean and 90 % interval of one quantity, and the shrinkage factor built from three of them. */
import { meanOf, quantileSorted, sortedFinite } from "../plots/quantile.js";
import type { Interval } from "./types.js";

/** Mean, 5 % and 95 % type-7 quantiles (R's default, posterior::quantile2) of the finite draws. */
export function interval(draws: ArrayLike<number>): Interval {
  const s = sortedFinite(draws);
  return { mean: meanOf(s), q5: quantileSorted(s, 0.05), q95: quantileSorted(s, 0.95) };
}

export const NAN_INTERVAL: Interval = Object.freeze({ mean: NaN, q5: NaN, q95: NaN });

/**
 * Below this fraction of the no-pooling interval's width, |no − complete| is treated as 0: the
 * ratio (no − partial)/(no − complete) would then be Monte Carlo noise over noise.
 */
export const SHRINKAGE_MIN_GAP = 0.05;

/**
 * Shrinkage factor: the share of the way from the group's own estimate (no pooling) to the
 * population estimate (complete pooling) that partial pooling travels,
 *   s = (no − partial) / (no − complete)   on posterior means, response scale,
 * so 0 = the group keeps its own estimate and 1 = it is replaced by the population's. Clamped to
 * [0, 1] (Monte Carlo error, and a nonlinear link, can push it slightly outside). NaN when the
 * group has no data or when |no − complete| < SHRINKAGE_MIN_GAP × (q95 − q5) of the no-pooling
 * interval: then the group's own estimate already sits at the population's and "how far it moved"
 * is undefined.
 *
 * The target is complete pooling, whose estimate weights every observation equally. With unequal
 * group sizes the hierarchical model's own population mean sits elsewhere (nearer the unweighted mean
 * of the groups), so small groups can be pulled past complete pooling and clamp at 1 (radon by county:
 * 9 of 85 counties, population 1.38 vs complete pooling 1.26).
 */
export function shrinkageFactor(no: Interval, complete: Interval, partial: Interval): number {
  const gap = no.mean - complete.mean;
  const width = no.q95 - no.q5;
  if (!Number.isFinite(gap) || !Number.isFinite(partial.mean) || !(Math.abs(gap) >= SHRINKAGE_MIN_GAP * width) || gap === 0) return NaN;
  const s = (no.mean - partial.mean) / gap;
  return Math.min(1, Math.max(0, s));
}
