import { drawsPerChain, mapChains, pooled, shouldReturnNaN, splitChains, type Chains } from "./chains.js";
import { essCore } from "./essCore.js";
import { quantile7 } from "./quantile7.js";
import { zScale } from "./ranks.js";

/** Bulk ESS: ESS of the z-scaled split chains (posterior's `ess_bulk`). */
export function essBulk(chains: Chains): number {
  drawsPerChain("essBulk", chains);
  return essCore(zScale(splitChains(chains)));
}

/** Tail ESS: the smaller of the 5% and 95% quantile ESS (posterior's `ess_tail`). */
export function essTail(chains: Chains): number {
  return Math.min(essQuantile(chains, 0.05), essQuantile(chains, 0.95));
}

/** ESS of the raw draws, split by default (posterior's `ess_basic`). */
export function essBasic(chains: Chains, options: { split?: boolean } = {}): number {
  drawsPerChain("essBasic", chains);
  return essCore(options.split === false ? chains : splitChains(chains));
}

/** ESS for the mean (posterior's `ess_mean`: split chains, raw draws). */
export function essMean(chains: Chains): number {
  drawsPerChain("essMean", chains);
  return essCore(splitChains(chains));
}

/** ESS for the standard deviation (posterior 1.4.0's `ess_sd`: split chains of |x − mean|). */
export function essSd(chains: Chains): number {
  drawsPerChain("essSd", chains);
  const m = mean(pooled(chains));
  return essCore(splitChains(mapChains(chains, (x) => Math.abs(x - m))));
}

/**
 * ESS of the indicator x ≤ q_p (posterior's `ess_quantile`), q_p the type-7 quantile of all draws.
 * p = 1 is replaced by (S − ½)/S as posterior does.
 */
export function essQuantile(chains: Chains, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`essQuantile: p must be in [0, 1], got ${p}`);
  drawsPerChain("essQuantile", chains);
  if (shouldReturnNaN(chains)) return NaN;
  const all = pooled(chains);
  const prob = p === 1 ? (all.length - 0.5) / all.length : p;
  return essBelow(chains, quantile7(all, prob));
}

/** ESS of the indicator x ≤ q over split chains (essQuantile once q is known). */
export function essBelow(chains: Chains, q: number): number {
  return essCore(splitChains(mapChains(chains, (x) => (x <= q ? 1 : 0))));
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}
