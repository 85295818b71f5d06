/**
 * Pareto-smoothed importance sampling of one vector of log importance ratios (Vehtari, Simpson,
 * Gelman, Yao & Gabry 2024), step for step as loo 2.5.1's `do_psis_i`.
 */
import { gpdfit, qgpd } from "./gpdfit.js";

export interface PsisResult {
  /** Smoothed, truncated, unnormalised log weights (same length as the ratios). */
  readonly logWeights: Float64Array;
  /** Pareto shape k̂; +Inf when the tail is too short (< 5 draws) or constant. */
  readonly paretoK: number;
}

/** loo's tail length: ⌈min(0.2 S, 3 √(S / r_eff))⌉. */
export function psisTailLength(draws: number, rEff: number): number {
  return Math.ceil(Math.min(0.2 * draws, 3 * Math.sqrt(draws / rEff)));
}

export function psis(logRatios: ArrayLike<number>, rEff = 1): PsisResult {
  const s = logRatios.length;
  let max = -Infinity;
  for (let i = 0; i < s; i++) if (logRatios[i] > max) max = logRatios[i];
  const lw = new Float64Array(s);
  for (let i = 0; i < s; i++) lw[i] = logRatios[i] - max;
  const tailLen = psisTailLength(s, rEff);
  let k = Infinity;
  if (tailLen >= 5) {
    const order = new Uint32Array(s);
    for (let i = 0; i < s; i++) order[i] = i;
    // Stable, like R's radix sort.int(index.return = TRUE), so tied ratios keep their order.
    order.sort((a, b) => (lw[a] < lw[b] ? -1 : lw[a] > lw[b] ? 1 : 0));
    const first = s - tailLen;
    const tailMin = lw[order[first]];
    const tailMax = lw[order[s - 1]];
    // loo warns and leaves the weights unsmoothed when the tail is constant.
    if (Math.abs(tailMax - tailMin) >= Number.EPSILON / 100) {
      const cutoff = lw[order[first - 1]];
      const expCutoff = Math.exp(cutoff);
      const exceed = new Float64Array(tailLen);
      for (let j = 0; j < tailLen; j++) exceed[j] = Math.exp(lw[order[first + j]]) - expCutoff;
      const fit = gpdfit(exceed);
      k = fit.k;
      if (Number.isFinite(k)) {
        for (let j = 0; j < tailLen; j++) {
          const p = (j + 1 - 0.5) / tailLen;
          lw[order[first + j]] = Math.log(qgpd(p, k, fit.sigma) + expCutoff);
        }
      }
    }
  }
  // Truncate at the largest raw ratio, then shift back.
  for (let i = 0; i < s; i++) {
    if (lw[i] > 0) lw[i] = 0;
    lw[i] += max;
  }
  return { logWeights: lw, paretoK: k };
}
