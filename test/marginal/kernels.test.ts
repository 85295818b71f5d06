import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { betaBinomialLogDensity } from "../../src/marginal/betaBinomial.js";
import { createNormalNormalWorkspace, normalNormalConditional, normalNormalLogDensity } from "../../src/marginal/normalNormal.js";
import { groupTotals, poissonGammaLogDensity } from "../../src/marginal/poissonGamma.js";
import type { ConjugateKind, MarginalBlock, MarginalInput } from "../../src/marginal/types.js";
import { lchoose } from "../../src/math/lchoose.js";
import { digamma } from "../../src/math/digamma.js";
import { lgamma } from "../../src/math/lgamma.js";
import { choleskyDecompose, forwardSolve, logDetFromCholesky } from "../../src/math/cholesky.js";
import { createRng } from "../../src/random/rng.js";
import { centralDifference } from "../support/finiteDifferences.js";

interface Ref { kind: ConjugateKind; y: number[]; w: number[]; a: number; b: number; lp: number }
const REFS: Ref[] = JSON.parse(readFileSync(new URL("./fixtures/marginals.json", import.meta.url), "utf8"));

const input = (role: string, length: number): MarginalInput => ({ role, tparam: 0, adjointSlot: 0, length });

function block(kind: ConjugateKind, group: number[], y: number[], weight: number[], groups: number, inputs: MarginalInput[]): MarginalBlock {
  let constant = 0;
  if (kind === "poisson_gamma") y.forEach((v, i) => (constant += (v === 0 ? 0 : v * Math.log(weight[i])) - lgamma(v + 1)));
  if (kind === "binomial_beta") y.forEach((v, i) => (constant += lchoose(weight[i], v)));
  return { kind, name: "x", groups, observations: y.length, group: Int32Array.from(group), y: Float64Array.from(y), weight: Float64Array.from(weight), constant, inputs };
}

function evalKernel(b: MarginalBlock, v: Float64Array[], adj: Float64Array[]): number {
  if (b.kind === "normal_normal") return normalNormalLogDensity(b, v, adj, createNormalNormalWorkspace(b.groups, b.observations));
  if (b.kind === "poisson_gamma") return poissonGammaLogDensity(b, v, adj, groupTotals(b));
  return betaBinomialLogDensity(b, v, adj, groupTotals(b));
}

/** Central differences of the kernel's value in every input element (step 1e-6: error ~1e-9 relative). */
function fdCheck(b: MarginalBlock, v: Float64Array[]): void {
  const adj = v.map((x) => new Float64Array(x.length));
  evalKernel(b, v, adj);
  const scratch = v.map((x) => new Float64Array(x.length));
  // f reads x through v: centralDifference perturbs x[i] in place and restores it.
  const f = (): number => evalKernel(b, v, scratch);
  v.forEach((x, k) => {
    for (let i = 0; i < x.length; i++) expect(adj[k][i]).toBeCloseTo(centralDifference(f, x, i, (xi) => 1e-6 * Math.max(1, Math.abs(xi))), 5);
  });
}

describe("marginal kernels", () => {
  it("poissonGamma/betaBinomial/normalNormal log densities equal R's numerical integral over the group parameter (fixtures/make-refs.R)", () => {
    for (const r of REFS) {
      const n = r.y.length;
      if (r.kind === "normal_normal") {
        const b = block(r.kind, r.y.map(() => 0), r.y, [], 1, [input("loc", 1), input("scale", 1), input("sigma", n)]);
        const lp = evalKernel(b, [Float64Array.of(r.a), Float64Array.of(r.b), Float64Array.from(r.w)], [new Float64Array(1), new Float64Array(1), new Float64Array(n)]);
        // integrate() with rel.tol 1e-12: the integral (not its log) is accurate to ~1e-10.
        expect(lp).toBeCloseTo(r.lp, 8);
      } else {
        const b = block(r.kind, r.y.map(() => 0), r.y, r.w, 1, [input("a", 1), input("b", 1)]);
        const lp = evalKernel(b, [Float64Array.of(r.a), Float64Array.of(r.b)], [new Float64Array(1), new Float64Array(1)]);
        expect(lp).toBeCloseTo(r.lp, 8);
      }
    }
  });

  it("normalNormalLogDensity equals the dense N(μ1 + η, D + τ²11ᵀ) density group by group (Cholesky, src/math)", () => {
    const rng = createRng(12, 0);
    const J = 4;
    const group = [0, 0, 0, 1, 2, 2, 3, 3, 3, 3, 1, 0];
    const n = group.length;
    const y = group.map(() => 3 * rng.normal());
    const loc = Float64Array.from({ length: J }, () => rng.normal());
    const scale = Float64Array.from({ length: J }, () => 0.3 + rng.uniform());
    const sigma = Float64Array.from({ length: n }, () => 0.2 + rng.uniform());
    const eta = Float64Array.from({ length: n }, () => rng.normal());
    const b = block("normal_normal", group, y, [], J, [input("loc", J), input("scale", J), input("sigma", n), input("eta", n)]);
    const lp = evalKernel(b, [loc, scale, sigma, eta], [new Float64Array(J), new Float64Array(J), new Float64Array(n), new Float64Array(n)]);
    let dense = 0;
    for (let j = 0; j < J; j++) {
      const idx = group.flatMap((g, i) => (g === j ? [i] : []));
      const m = idx.length;
      const S = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let c = 0; c < m; c++) S[a * m + c] = scale[j] ** 2 + (a === c ? sigma[idx[a]] ** 2 : 0);
      const L = new Float64Array(m * m);
      expect(choleskyDecompose(S, m, L)).toBe(true);
      const r = Float64Array.from(idx, (i) => y[i] - eta[i] - loc[j]);
      const z = new Float64Array(m);
      forwardSolve(L, m, r, z);
      let q = 0;
      for (const v of z) q += v * v;
      dense += -0.5 * (m * Math.log(2 * Math.PI) + logDetFromCholesky(L, m) + q);
    }
    expect(lp).toBeCloseTo(dense, 10);
  });

  it("normalNormalLogDensity adjoints match central differences (per-group loc/scale, per-observation sigma and eta; and all-scalar)", () => {
    const group = [0, 0, 1, 2, 2, 2, 1];
    const n = group.length;
    const y = [0.5, 1.5, -1, 2, 2.5, 1.8, -0.2];
    const per = block("normal_normal", group, y, [], 3, [input("loc", 3), input("scale", 3), input("sigma", n), input("eta", n)]);
    fdCheck(per, [Float64Array.of(0.1, -0.3, 1.2), Float64Array.of(0.7, 1.3, 0.4), Float64Array.from(y, (_, i) => 0.5 + 0.1 * i), Float64Array.from(y, (_, i) => 0.05 * i)]);
    const scalar = block("normal_normal", group, y, [], 3, [input("loc", 1), input("scale", 1), input("sigma", 1)]);
    fdCheck(scalar, [Float64Array.of(0.4), Float64Array.of(0.8), Float64Array.of(0.6)]);
  });

  it("poissonGammaLogDensity and betaBinomialLogDensity adjoints match central differences", () => {
    const pg = block("poisson_gamma", [0, 1, 1, 2], [5, 0, 3, 22], [94.3, 15.7, 3.1, 10.5], 3, [input("shape", 1), input("rate", 1)]);
    fdCheck(pg, [Float64Array.of(0.7), Float64Array.of(0.9)]);
    const bb = block("binomial_beta", [0, 1, 1, 2], [3, 0, 7, 12], [10, 5, 9, 12], 3, [input("a", 3), input("b", 3)]);
    fdCheck(bb, [Float64Array.of(2, 0.5, 7), Float64Array.of(5, 1.5, 0.3)]);
  });

  it("poissonGammaLogDensity with one shared shape (pooled rising factorials) equals Σ_j lgamma terms, with its adjoints", () => {
    // The direct formula per group, lgamma/digamma-free reference: lgamma differences (src/math/lgamma
    // is checked against R in test/math); the pooled path must agree to rounding. Cases: tiny α (the
    // m = 0 term would underflow as a product), 300 groups with α = 5e7 (the running product passes
    // 1e200 and is folded), counts above 32 (lgamma path) mixed with small ones, a per-group rate.
    const rng = createRng(3, 0);
    const cases: { a: number; rate: number[]; y: number[]; w: number[] }[] = [
      { a: 1e-3, rate: [0.8], y: [0, 1, 2, 5, 3, 0, 1], w: [1, 2, 3, 4, 5, 6, 7] },
      { a: 5e7, rate: [2e6], y: Array.from({ length: 300 }, () => Math.floor(30 * rng.uniform())), w: Array.from({ length: 300 }, () => 1 + rng.uniform()) },
      { a: 2.5, rate: [1.3], y: [40, 3, 0, 33, 32, 7.5, 1], w: [2, 1, 1, 3, 2, 1, 1] },
      { a: 0.9, rate: [0.5, 1.5, 2.5, 0.2], y: [5, 0, 14, 22], w: [94.3, 15.7, 62.9, 126] },
    ];
    for (const c of cases) {
      const J = c.y.length;
      const b = block("poisson_gamma", c.y.map((_, j) => j), c.y, c.w, J, [input("shape", 1), input("rate", c.rate.length)]);
      const adj = [new Float64Array(1), new Float64Array(c.rate.length)];
      const lp = evalKernel(b, [Float64Array.of(c.a), Float64Array.from(c.rate)], adj);
      let ref = b.constant;
      for (let j = 0; j < J; j++) {
        const r = c.rate.length === 1 ? c.rate[0] : c.rate[j];
        ref += c.a * Math.log(r) + lgamma(c.a + c.y[j]) - lgamma(c.a) - (c.a + c.y[j]) * Math.log(r + c.w[j]);
      }
      let dShape = 0;
      for (let j = 0; j < J; j++) {
        const r = c.rate.length === 1 ? c.rate[0] : c.rate[j];
        dShape += Math.log(r) - Math.log(r + c.w[j]) + digamma(c.a + c.y[j]) - digamma(c.a);
      }
      expect(Math.abs(lp - ref)).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref)));
      expect(Math.abs(adj[0][0] - dShape)).toBeLessThan(1e-9 * Math.max(1, Math.abs(dShape)));
      // Central differences need h ≪ α: only where α is O(1).
      if (c.a > 0.5 && c.a < 1e7) fdCheck(b, [Float64Array.of(c.a), Float64Array.from(c.rate)]);
    }
  });

  it("non-positive scales give -Infinity", () => {
    const b = block("normal_normal", [0], [1], [], 1, [input("loc", 1), input("scale", 1), input("sigma", 1)]);
    expect(evalKernel(b, [Float64Array.of(0), Float64Array.of(-1), Float64Array.of(1)], [new Float64Array(1), new Float64Array(1), new Float64Array(1)])).toBe(-Infinity);
    const pg = block("poisson_gamma", [0], [1], [1], 1, [input("shape", 1), input("rate", 1)]);
    expect(evalKernel(pg, [Float64Array.of(0), Float64Array.of(1)], [new Float64Array(1), new Float64Array(1)])).toBe(-Infinity);
  });

  it("normalNormalConditional gives the textbook precision-weighted mean and sd", () => {
    // One observation y = 28, σ = 15, μ = 4, τ = 3: mean = (4/9 + 28/225)/(1/9 + 1/225), sd = (1/9 + 1/225)^-1/2.
    const b = block("normal_normal", [0], [28], [], 1, [input("loc", 1), input("scale", 1), input("sigma", 1)]);
    const p1 = new Float64Array(1);
    const p2 = new Float64Array(1);
    normalNormalConditional(b, [Float64Array.of(4), Float64Array.of(3), Float64Array.of(15)], createNormalNormalWorkspace(1, 1), p1, p2);
    const prec = 1 / 9 + 1 / 225;
    expect(p1[0]).toBeCloseTo((4 / 9 + 28 / 225) / prec, 12);
    expect(p2[0]).toBeCloseTo(1 / Math.sqrt(prec), 12);
  });
});
