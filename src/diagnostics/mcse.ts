import { drawsPerChain, pooled, type Chains } from "./chains.js";
import { sampleVariance } from "./essCore.js";
import { essMean, essQuantile, mean } from "./ess.js";
import { qbeta } from "./qbeta.js";

/** Monte Carlo standard error of the mean: sd / √ESS_mean (posterior's `mcse_mean`). */
export function mcseMean(chains: Chains): number {
  drawsPerChain("mcseMean", chains);
  return Math.sqrt(sampleVariance(pooled(chains))) / Math.sqrt(essMean(chains));
}

/**
 * Monte Carlo standard error of the sd (posterior 1.4.0's `mcse_sd`): the variance of the second
 * central moment from its ESS, mapped to the sd scale by the delta method.
 */
export function mcseSd(chains: Chains): number {
  drawsPerChain("mcseSd", chains);
  const all = pooled(chains);
  const m = mean(all);
  const n = chains.length === 0 ? 0 : chains[0].length;
  const sq = chains.map((c) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (c[i] - m) * (c[i] - m);
    return out;
  });
  const ess = essMean(sq);
  let e2 = 0;
  let e4 = 0;
  for (let i = 0; i < all.length; i++) {
    const d2 = (all[i] - m) * (all[i] - m);
    e2 += d2;
    e4 += d2 * d2;
  }
  e2 /= all.length;
  e4 /= all.length;
  const varvar = (e4 - e2 * e2) / ess;
  return Math.sqrt(varvar / e2 / 4);
}

/**
 * Monte Carlo standard error of the p-quantile (posterior's `mcse_quantile`): half the width of the
 * ±1 sd interval of the draws' order statistics, whose ranks come from a Beta(ESS·p + 1, ESS·(1 − p) + 1).
 */
export function mcseQuantile(chains: Chains, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`mcseQuantile: p must be in [0, 1], got ${p}`);
  const ess = essQuantile(chains, p);
  if (Number.isNaN(ess)) return NaN;
  // posterior's constants: pnorm(-1) and pnorm(1) to 7 digits.
  const a1 = qbeta(0.1586553, ess * p + 1, ess * (1 - p) + 1);
  const a2 = qbeta(0.8413447, ess * p + 1, ess * (1 - p) + 1);
  const sorted = pooled(chains).sort();
  const s = sorted.length;
  const th1 = sorted[Math.max(Math.floor(a1 * s), 1) - 1];
  const th2 = sorted[Math.min(Math.ceil(a2 * s), s) - 1];
  return (th2 - th1) / 2;
}
