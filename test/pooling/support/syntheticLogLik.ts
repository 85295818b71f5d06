/**
 * Seeded synthetic pointwise log-likelihood matrices for the PSIS-LOO speed and equality checks:
 * normal observations whose location draws follow AR(1) chains (autocorrelation from 0 to 0.97, so
 * Geyer's sequence stops early for some observations and runs long for others), some outliers (long
 * importance-ratio tails, high k̂), a few observations whose log-likelihood takes only a handful of
 * values (ties in the sort), and optionally one constant column (a constant tail: k̂ = Inf).
 */
import { createRng } from "../../../src/random/rng.js";
import type { LogLikMatrix } from "../../../src/diagnostics/loo.js";

export interface SyntheticLogLik extends LogLikMatrix {
  readonly chainIds: Int32Array;
}

export function syntheticLogLik(seed: number, chains: number, perChain: number, observations: number, withConstant = true): SyntheticLogLik {
  const rng = createRng(seed, 0);
  const S = chains * perChain;
  const n = observations;
  const data = new Float64Array(S * n);
  const chainIds = new Int32Array(S);
  for (let s = 0; s < S; s++) chainIds[s] = Math.floor(s / perChain) + 1;
  const logSigma = new Float64Array(S);
  for (let c = 0; c < chains; c++) {
    let z = rng.normal();
    for (let d = 0; d < perChain; d++) {
      z = 0.6 * z + 0.8 * rng.normal();
      logSigma[c * perChain + d] = 0.05 * z;
    }
  }
  for (let i = 0; i < n; i++) {
    const rho = [0, 0.3, 0.7, 0.9, 0.97][i % 5];
    const innov = Math.sqrt(1 - rho * rho);
    const sd = 0.1 + 0.5 * rng.uniform();
    const y = i % 17 === 3 ? 4 + 3 * rng.uniform() : rng.normal();
    const ties = i % 23 === 5;
    for (let c = 0; c < chains; c++) {
      let z = rng.normal();
      for (let d = 0; d < perChain; d++) {
        z = rho * z + innov * rng.normal();
        const s = c * perChain + d;
        const sigma = Math.exp(logSigma[s]);
        const r = (y - sd * z) / sigma;
        let v = -0.9189385332046728 - logSigma[s] - 0.5 * r * r;
        if (ties) v = Math.round(v * 2) / 2;
        data[s * n + i] = v;
      }
    }
  }
  if (withConstant && n > 2) for (let s = 0; s < S; s++) data[s * n + 1] = -1.25;
  return { data, draws: S, observations: n, chainIds };
}
