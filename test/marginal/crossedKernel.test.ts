import { describe, expect, it } from "vitest";
import { crossedStats } from "../../src/marginal/crossedStats.js";
import { crossedConditional, normalCrossedLogDensity } from "../../src/marginal/normalCrossed.js";
import type { MarginalBlock, MarginalInput } from "../../src/marginal/types.js";
import { choleskyDecompose, forwardSolve, logDetFromCholesky } from "../../src/math/cholesky.js";
import { createRng } from "../../src/random/rng.js";
import { centralDerivative, centralGradient } from "../support/finiteDifferences.js";

const input = (role: string): MarginalInput => ({ role, tparam: 0, adjointSlot: 0, length: 1 });

interface Case {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly Ja: number;
  readonly Jb: number;
  readonly x: Float64Array;
  readonly K: number;
  readonly y: Float64Array;
}

function makeBlock(c: Case): MarginalBlock {
  const roles = ["sigma", "scale_a", "scale_b", "loc_a", "loc_b", ...Array.from({ length: c.K }, () => "coef")];
  return {
    kind: "normal_normal",
    name: "alpha",
    groups: c.Ja,
    observations: c.y.length,
    group: c.a,
    y: c.y,
    weight: c.x,
    constant: 0,
    inputs: roles.map(input),
    linear: c.K,
    crossed: { name: "gamma", groups: c.Jb, group: c.b },
  };
}

/** log N(y | Wγ, σ²I + τa² ZaZaᵀ + τb² ZbZbᵀ) from the dense n × n covariance: the reference. */
function denseLogDensity(c: Case, p: readonly number[]): number {
  const [s, ta, tb, la, lb, ...beta] = p;
  const n = c.y.length;
  const V = new Float64Array(n * n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = la + lb;
    for (let k = 0; k < c.K; k++) m += c.x[i * c.K + k] * beta[k];
    r[i] = c.y[i] - m;
    for (let j = 0; j < n; j++) {
      V[i * n + j] = (i === j ? s * s : 0) + (c.a[i] === c.a[j] ? ta * ta : 0) + (c.b[i] === c.b[j] ? tb * tb : 0);
    }
  }
  const L = new Float64Array(n * n);
  expect(choleskyDecompose(V, n, L)).toBe(true);
  const z = new Float64Array(n);
  forwardSolve(L, n, r, z);
  const q = z.reduce((acc, v) => acc + v * v, 0);
  return -0.5 * (n * Math.log(2 * Math.PI) + logDetFromCholesky(L, n) + q);
}

function randomCase(seed: number, n: number, Ja: number, Jb: number, K: number, level: number, nested = false): Case {
  const rng = createRng(seed, 0);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // Every level is seen at least once; the rest unbalanced.
    b[i] = i < Jb ? i : Math.floor(rng.uniform() * Jb);
    // Nested: a level of a (the inner factor, e.g. class) lies inside one level of b (school).
    a[i] = nested ? b[i] + Jb * (i % Math.floor(Ja / Jb)) : i < Ja ? i : Math.floor(rng.uniform() * Ja);
  }
  const x = Float64Array.from({ length: n * K }, () => rng.normal());
  const y = Float64Array.from({ length: n }, () => level + 2 * rng.normal());
  return { a, b, Ja, Jb, x, K, y };
}

function evaluate(c: Case, p: readonly number[]): { lp: number; grad: number[] } {
  const blk = makeBlock(c);
  const st = crossedStats(blk);
  const v = p.map((x) => Float64Array.of(x));
  const adj = p.map(() => new Float64Array(1));
  const lp = normalCrossedLogDensity(blk, v, adj, st);
  return { lp, grad: adj.map((g) => g[0]) };
}

const CASES: [string, Case, number[]][] = [
  // p = [σ, τa, τb, loc_a, loc_b, β…]
  ["crossed, a larger (12 rows, 4 × 3 levels)", randomCase(1, 12, 4, 3, 2, 0.5), [1.3, 0.8, 1.7, 0.2, -0.4, 0.3, -0.6]],
  ["crossed, b larger (the factors swap roles)", randomCase(2, 12, 3, 5, 1, -1), [0.7, 2.1, 0.4, -0.5, 0.1, 1.1]],
  ["nested (6 classes in 3 schools)", randomCase(3, 12, 6, 3, 1, 2), [0.9, 0.6, 1.2, 0.3, 0.2, -0.2]],
  ["no predictors, tiny τ_b (the Schur complement → I)", randomCase(4, 12, 4, 3, 0, 0), [1.1, 0.9, 1e-7, 0.1, 0.05]],
];

describe("normalCrossedLogDensity", () => {
  for (const [label, c, p] of CASES) {
    it(`equals the dense N × N multivariate normal log density: ${label}`, () => {
      const { lp } = evaluate(c, p);
      // Both routes are exact up to rounding of O(n³) dense vs O(J³) sums on values ~1: 1e-10 relative.
      const ref = denseLogDensity(c, p);
      expect(Math.abs(lp - ref) / Math.abs(ref)).toBeLessThan(1e-10);
    });

    it(`gradient agrees with central finite differences of the dense density: ${label}`, () => {
      const { grad } = evaluate(c, p);
      const fd = centralGradient((x) => denseLogDensity(c, Array.from(x)), Float64Array.from(p), (x) => 1e-5 * Math.max(1, Math.abs(x)));
      // Central differences: O(h²) truncation ~1e-10 plus rounding ~1e-16/h ~1e-11 on lp ~ 30.
      p.forEach((_, k) => expect(Math.abs(grad[k] - fd[k]), `∂/∂p[${k}]`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd[k]))));
    });
  }

  it("keeps full precision with y ≈ 1e6 (sums about a reference fit)", () => {
    const c0 = randomCase(5, 12, 4, 3, 1, 0);
    const c = { ...c0, y: Float64Array.from(c0.y, (v) => v + 1e6) };
    const p = [1.2, 0.7, 0.9, 1e6 - 3, 3.2, 0.4];
    const { lp, grad } = evaluate(c, p);
    // The dense route works on r = y − Wγ row by row, so it has no cancellation: the same 1e-10.
    expect(Math.abs(lp - denseLogDensity(c, p)) / Math.abs(lp)).toBeLessThan(1e-10);
    // ∂/∂σ at y ~ 1e6: raw sums would lose ~1e6² · 1e-16 ~ 1e-4 absolute; about the reference fit, 1e-6.
    const fd = centralDerivative((s) => denseLogDensity(c, [s, ...p.slice(1)]), p[0], 1e-5);
    expect(Math.abs(grad[0] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
  });

  it("returns −∞ off the support (σ, τ ≤ 0)", () => {
    const c = CASES[0][1];
    for (const k of [0, 1, 2]) {
      const p = [...CASES[0][2]];
      p[k] = k === 0 ? -1 : 0;
      expect(evaluate(c, p).lp).toBe(-Infinity);
    }
  });
});

describe("crossedConditional", () => {
  it("draws both intercepts from their exact joint conditional (mean and covariance of 40,000 draws)", () => {
    const c = CASES[0][1];
    const p = CASES[0][2];
    const blk = makeBlock(c);
    const st = crossedStats(blk);
    const v = p.map((x) => Float64Array.of(x));
    const J = c.Ja + c.Jb;
    // Exact conditional of u = (u_a, u_b): precision D⁻¹ + ZᵀZ/σ², mean Σ Zᵀ r / σ² (dense, by hand).
    const [s, ta, tb, la, lb, ...beta] = p;
    const prec = new Float64Array(J * J);
    const zr = new Float64Array(J);
    for (let k = 0; k < c.Ja; k++) prec[k * J + k] = 1 / (ta * ta);
    for (let k = 0; k < c.Jb; k++) prec[(c.Ja + k) * J + c.Ja + k] = 1 / (tb * tb);
    for (let i = 0; i < c.y.length; i++) {
      let m = la + lb;
      for (let k = 0; k < c.K; k++) m += c.x[i * c.K + k] * beta[k];
      const idx = [c.a[i], c.Ja + c.b[i]];
      for (const q of idx) {
        zr[q] += (c.y[i] - m) / (s * s);
        for (const r of idx) prec[q * J + r] += 1 / (s * s);
      }
    }
    // Covariance = prec⁻¹ by solving against unit vectors.
    const L = new Float64Array(J * J);
    expect(choleskyDecompose(prec, J, L)).toBe(true);
    const cov = new Float64Array(J * J);
    const e = new Float64Array(J);
    for (let q = 0; q < J; q++) {
      e.fill(0);
      e[q] = 1;
      forwardSolve(L, J, e, e);
      for (let i = J - 1; i >= 0; i--) {
        let t = e[i];
        for (let k = i + 1; k < J; k++) t -= L[k * J + i] * e[k];
        e[i] = t / L[i * J + i];
      }
      for (let r = 0; r < J; r++) cov[r * J + q] = e[r];
    }
    const mean = Array.from({ length: J }, (_, r) => cov.subarray(r * J, (r + 1) * J).reduce((acc, x, q) => acc + x * zr[q], 0) + (r < c.Ja ? la : lb));
    const outA = new Float64Array(c.Ja);
    const outB = new Float64Array(c.Jb);
    crossedConditional(null, blk, v, st, outA, outB);
    const m0 = [...outA, ...outB];
    m0.forEach((x, r) => expect(x).toBeCloseTo(mean[r], 10));
    const rng = createRng(7, 0);
    const S = 40000;
    const sum = new Float64Array(J);
    const sum2 = new Float64Array(J * J);
    for (let d = 0; d < S; d++) {
      crossedConditional(rng, blk, v, st, outA, outB);
      const u = [...outA, ...outB].map((x, r) => x - mean[r]);
      for (let r = 0; r < J; r++) {
        sum[r] += u[r];
        for (let q = 0; q < J; q++) sum2[r * J + q] += u[r] * u[q];
      }
    }
    for (let r = 0; r < J; r++) {
      const sdr = Math.sqrt(cov[r * J + r]);
      // Sample mean: 5 standard errors (sd/√S).
      expect(Math.abs(sum[r] / S), `mean ${r}`).toBeLessThan((5 * sdr) / Math.sqrt(S));
      for (let q = 0; q < J; q++) {
        const sdq = Math.sqrt(cov[q * J + q]);
        // Sample covariance: se ≈ sd_r sd_q √((1 + ρ²)/S) ≤ sd_r sd_q √(2/S); 5 of them.
        expect(Math.abs(sum2[r * J + q] / S - cov[r * J + q]), `cov ${r},${q}`).toBeLessThan(5 * sdr * sdq * Math.sqrt(2 / S));
      }
    }
  });
});
