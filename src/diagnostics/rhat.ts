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

/**
 * rhatCore on m chains of n draws stored chain-major in `x`, with the same arithmetic (so the
 * summary and `rhat` agree to the last bit); `means` is scratch of length m.
 */
export function rhatFlat(x: Float64Array, m: number, n: number, means: Float64Array): number {
  if (shouldReturnNaN([x.subarray(0, m * n)])) return NaN;
  let within = 0;
  for (let c = 0; c < m; c++) {
    const base = c * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += x[base + i];
    means[c] = s / n;
    within += chainVariance(x, base, n);
  }
  within /= m;
  const between = n * sampleVariance(means.subarray(0, m));
  return Math.sqrt((between / within + n - 1) / n);
}

/** sampleVariance of x[base … base + n), same two passes. */
function chainVariance(x: Float64Array, base: number, n: number): number {
  if (n < 2) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[base + i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[base + i] - mean) * (x[base + i] - mean);
  return ss / (n - 1);
}
