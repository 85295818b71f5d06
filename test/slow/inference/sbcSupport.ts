/**
 * Helpers for simulation-based calibration (Talts et al. 2018), test-only: prior simulators need
 * gamma and Poisson draws, the Poisson–Gamma model needs lgamma/digamma, and the uniformity test
 * needs the chi-square tail. LOCAL to this suite (src/math and src/random samplers are other areas).
 */
import { logGammaQ } from "../../../src/math/incGamma.js";
import type { Rng } from "../../../src/random/rng.js";

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

export function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

export function digamma(x: number): number {
  let r = 0;
  while (x < 6) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** Gamma(shape, rate) by Marsaglia & Tsang (with the shape < 1 boost). */
export function gammaRng(rng: Rng, shape: number, rate: number): number {
  if (shape < 1) return gammaRng(rng, shape + 1, rate) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Poisson(mean) by Knuth's product method, split in halves for large means (exp(−mean) must not underflow). */
export function poissonRng(rng: Rng, mean: number): number {
  if (mean > 200) return poissonRng(rng, mean / 2) + poissonRng(rng, mean / 2);
  const L = Math.exp(-mean);
  let k = 0;
  let p = rng.uniform();
  while (p > L) {
    k++;
    p *= rng.uniform();
  }
  return k;
}

/** Upper tail of the chi-square distribution with `df` degrees of freedom. */
export function chiSquarePValue(statistic: number, df: number): number {
  return statistic <= 0 ? 1 : Math.exp(logGammaQ(df / 2, statistic / 2));
}

/** Chi-square test of uniformity of `ranks` (0..maxRank) over `bins` equal bins; returns statistic and p-value. */
export function chiSquareUniform(ranks: readonly number[], maxRank: number, bins: number): { statistic: number; pValue: number; counts: number[] } {
  const counts = new Array<number>(bins).fill(0);
  const width = (maxRank + 1) / bins;
  for (const r of ranks) counts[Math.min(bins - 1, Math.floor(r / width))]++;
  const expected = ranks.length / bins;
  const statistic = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  return { statistic, pValue: chiSquarePValue(statistic, bins - 1), counts };
}
