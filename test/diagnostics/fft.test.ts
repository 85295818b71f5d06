import { describe, expect, it } from "vitest";
import { autocovariance } from "../../src/diagnostics/autocovariance.js";
import { fftInPlace } from "../../src/diagnostics/fft.js";
import { qbeta, incompleteBetaRegularized } from "../../src/diagnostics/qbeta.js";
import { averageRanks } from "../../src/diagnostics/ranks.js";
import { createRng } from "../../src/random/rng.js";

describe("fftInPlace", () => {
  it("fftInPlace(x) equals the direct DFT on 16 seeded points (to 1e-12, ~n·eps·|x|)", () => {
    const rng = createRng(11, 0);
    const n = 16;
    const re = new Float64Array(n).map(() => rng.normal());
    const im = new Float64Array(n).map(() => rng.normal());
    const [r0, i0] = [re.slice(), im.slice()];
    fftInPlace(re, im);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * j * k) / n;
        sr += r0[j] * Math.cos(a) - i0[j] * Math.sin(a);
        si += r0[j] * Math.sin(a) + i0[j] * Math.cos(a);
      }
      expect(re[k]).toBeCloseTo(sr, 12);
      expect(im[k]).toBeCloseTo(si, 12);
    }
  });
  it("fftInPlace rejects a length that is not a power of two", () => {
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
  });
});

describe("autocovariance", () => {
  it("autocovariance(x) equals direct lagged sums / n on 1000 seeded AR(1) draws (1e-12 of lag 0)", () => {
    const rng = createRng(5, 1);
    const n = 1000;
    const x = new Float64Array(n);
    for (let i = 1; i < n; i++) x[i] = 0.8 * x[i - 1] + rng.normal();
    const ac = autocovariance(x);
    const m = x.reduce((a, b) => a + b, 0) / n;
    for (const k of [0, 1, 2, 10, 100, 999]) {
      let s = 0;
      for (let i = 0; i + k < n; i++) s += (x[i] - m) * (x[i + k] - m);
      expect(Math.abs(ac[k] - s / n)).toBeLessThan(1e-12 * ac[0]);
    }
  });
  it("autocovariance(constant chain) is all zeros", () => {
    expect(Array.from(autocovariance(new Float64Array(8).fill(0.7)))).toEqual(new Array(8).fill(0));
  });
});

describe("qbeta", () => {
  // Values from R: qbeta(0.1586553, a, b) (see the comment in each case).
  it("qbeta(p, a, b) equals R's qbeta", () => {
    // R: sprintf("%.17g", qbeta(0.1586553, 201, 3801)); qbeta(0.8413447, 2, 3); qbeta(0.5, 0.5, 0.5)
    expect(qbeta(0.1586553, 201, 3801)).toBeCloseTo(0.046774864901282139, 14);
    expect(qbeta(0.8413447, 2, 3)).toBeCloseTo(0.61840238287145977, 14);
    expect(qbeta(0.5, 0.5, 0.5)).toBeCloseTo(0.5, 14);
  });
  // 1e-11: the front factor exp(a·log x + b·log1p(−x) − lbeta) carries ~|a·log x|·eps ≈ 1e-13 here,
  // and qbeta stops at a relative step of 1e-15 where the density is ~1e3.
  it("incompleteBetaRegularized(qbeta(p)) returns p", () => {
    for (const [p, a, b] of [[0.1, 3, 700], [0.9, 1000, 2], [0.5, 40, 40]]) {
      expect(incompleteBetaRegularized(qbeta(p, a, b), a, b)).toBeCloseTo(p, 11);
    }
  });
});

describe("averageRanks", () => {
  it("averageRanks(x) equals R's rank(x, ties.method = 'average') with ties and ±Inf", () => {
    // R: rank(c(3, 1, 4, 1, 5, -Inf, 4, Inf, 4)) gives 4 2.5 6 2.5 8 1 6 9 6
    const x = new Float64Array([3, 1, 4, 1, 5, -Infinity, 4, Infinity, 4]);
    expect(Array.from(averageRanks(x))).toEqual([4, 2.5, 6, 2.5, 8, 1, 6, 9, 6]);
  });
});
