import { drawsPerChain, shouldReturnNaN, splitChains, type Chains } from "./chains.js";
import { sampleVariance } from "./essCore.js";
import { foldDraws, zScale } from "./ranks.js";

/**
 * posterior's `.rhat`: √((B/W + n − 1)/n) with B = n·var(chain means), W = mean within-chain
 * variance. NaN for NaN/Inf/constant draws, a single chain, or single draws.
 */
export function rhatCore(chains: Chains): number {
  const m = chains.length;
  const n = drawsPerChain("rhatCore", chains);
  if (shouldReturnNaN(chains)) return NaN;
  const means = new Float64Array(m);
  let within = 0;
  for (let c = 0; c < m; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += chains[c][i];
    means[c] = s / n;
    within += sampleVariance(chains[c]);
  }
  within /= m;
  const between = n * sampleVariance(means);
  return Math.sqrt((between / within + n - 1) / n);
}

/**
 * Rank-normalised split R-hat (Vehtari et al. 2021): the larger of the bulk R-hat (z-scaled split
 * chains) and the tail R-hat (z-scaled split chains of |x − median|). As posterior, ±Inf draws are
 * allowed here (ranks are finite); NaN draws or a constant variable give NaN.
 */
export function rhat(chains: Chains): number {
  drawsPerChain("rhat", chains);
  const bulk = rhatCore(zScale(splitChains(chains)));
  const tail = rhatCore(zScale(splitChains(foldDraws(chains))));
  return Math.max(bulk, tail);
}

/** Classic (split by default) R-hat of the raw draws (posterior's `rhat_basic`). */
export function rhatBasic(chains: Chains, options: { split?: boolean } = {}): number {
  drawsPerChain("rhatBasic", chains);
  return rhatCore(options.split === false ? chains : splitChains(chains));
}
