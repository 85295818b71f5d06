/**
 * essCore sums autocovariances directly up to the lag Geyer's sequence reads and falls back to the
 * FFT for long sequences; both must give posterior's FFT-based ESS. Reference here: the FFT path
 * written out (autocovariance per chain, chain average, essFromAutocovariance), which is what
 * essCore computed before the direct sums. Tolerance 1e-12 relative: the two differ only in the
 * rounding of the lagged sums (~n·eps relative of S_0 for the FFT), far inside the 1e-8 used against R.
 */
import { describe, expect, it } from "vitest";
import { autocovariance } from "../../src/diagnostics/autocovariance.js";
import { essCore, essFromAutocovariance } from "../../src/diagnostics/essCore.js";
import { createRng } from "../../src/random/rng.js";

function fftEss(chains: Float64Array[]): number {
  const m = chains.length;
  const n = chains[0].length;
  const acovMeans = new Float64Array(n);
  const means = new Float64Array(m);
  chains.forEach((c, k) => {
    const a = autocovariance(c);
    for (let i = 0; i < n; i++) acovMeans[i] += a[i];
    means[k] = c.reduce((s, v) => s + v, 0) / n;
  });
  for (let i = 0; i < n; i++) acovMeans[i] /= m;
  return essFromAutocovariance(acovMeans, means, n);
}

function ar1(rho: number, m: number, n: number, seed: number): Float64Array[] {
  const rng = createRng(seed, 0);
  return Array.from({ length: m }, () => {
    let x = rng.normal();
    return Float64Array.from({ length: n }, () => (x = rho * x + Math.sqrt(1 - rho * rho) * rng.normal()));
  });
}

describe("essCore", () => {
  it("essCore(chains) equals the FFT-autocovariance ESS to 1e-12 from iid to sticky chains (direct sums and fallback)", () => {
    for (const rho of [-0.6, 0, 0.3, 0.7, 0.9, 0.97, 0.995]) {
      for (const [m, n] of [[8, 500], [2, 50], [4, 7]] as const) {
        const chains = ar1(rho, m, n, 31);
        const got = essCore(chains);
        const want = fftEss(chains);
        expect(Math.abs(got - want) / want, `rho ${rho}, ${m} × ${n}: ${got} vs ${want}`).toBeLessThan(1e-12);
      }
    }
  });
  it("essCore treats a constant chain among varying ones as zero autocovariance, as the FFT path", () => {
    const chains = ar1(0.5, 4, 200, 5);
    chains[2].fill(0.25);
    expect(Math.abs(essCore(chains) - fftEss(chains)) / fftEss(chains)).toBeLessThan(1e-12);
  });
});
