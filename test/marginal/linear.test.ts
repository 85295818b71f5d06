import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { linearEta } from "../../src/marginal/linearEta.js";
import { linearStats, normalLinearConditional, normalLinearLogDensity } from "../../src/marginal/normalLinear.js";
import { createNormalNormalWorkspace, normalNormalConditional, normalNormalLogDensity } from "../../src/marginal/normalNormal.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { marginalLogDensity } from "../../src/marginal/target.js";
import { groupTotals, poissonGammaLogDensity } from "../../src/marginal/poissonGamma.js";
import type { MarginalBlock, MarginalInput, MarginalPlan } from "../../src/marginal/types.js";
import { digamma } from "../../src/math/digamma.js";
import { lgamma } from "../../src/math/lgamma.js";
import { buildModel } from "../../src/model/model.js";
import { createRng } from "../../src/random/rng.js";
import * as M from "./support/models.js";

const input = (role: string, length: number): MarginalInput => ({ role, tparam: 0, adjointSlot: 0, length });

describe("normalLinearLogDensity (sufficient statistics) vs normalNormalLogDensity (row by row)", () => {
  it("same value, loc/scale/sigma adjoints, and coefficient adjoints Σ_i ∂/∂η_i · x_ik, on random blocks", () => {
    const rng = createRng(17, 0);
    for (const [J, K, locLen, scaleLen] of [[5, 0, 1, 1], [7, 1, 1, 1], [6, 3, 6, 6], [4, 2, 1, 4]] as const) {
      const n = 40;
      const group = Int32Array.from({ length: n }, (_, i) => (i < J ? i : Math.floor(rng.uniform() * J)));
      const y = Float64Array.from({ length: n }, () => 2 * rng.normal());
      const x = Float64Array.from({ length: n * K }, () => rng.normal());
      const beta = Float64Array.from({ length: K }, () => rng.normal());
      const loc = Float64Array.from({ length: locLen }, () => rng.normal());
      const scale = Float64Array.from({ length: scaleLen }, () => 0.3 + rng.uniform());
      const sigma = Float64Array.of(0.5 + rng.uniform());
      const eta = Float64Array.from({ length: n }, (_, i) => beta.reduce((s, b, k) => s + b * x[i * K + k], 0));
      const base = { kind: "normal_normal" as const, name: "a", groups: J, observations: n, group, y, constant: 0 };
      const rows: MarginalBlock = { ...base, weight: new Float64Array(0), inputs: [input("loc", locLen), input("scale", scaleLen), input("sigma", 1), input("eta", n)] };
      const lin: MarginalBlock = { ...base, weight: x, linear: K, inputs: [input("loc", locLen), input("scale", scaleLen), input("sigma", 1), ...Array.from({ length: K }, () => input("coef", 1))] };
      const ws = createNormalNormalWorkspace(J, n);
      const adjR = [new Float64Array(locLen), new Float64Array(scaleLen), new Float64Array(1), new Float64Array(n)];
      const lpR = normalNormalLogDensity(rows, [loc, scale, sigma, eta], adjR, ws);
      const st = linearStats(lin, K);
      const vL = [loc, scale, sigma, ...Array.from(beta, (b) => Float64Array.of(b))];
      const adjL = vL.map((v) => new Float64Array(v.length));
      const lpL = normalLinearLogDensity(lin, vL, adjL, st);
      // Two algebraically equal routes (sums of squares expanded vs accumulated): rounding ~1e-12 relative.
      expect(lpL).toBeCloseTo(lpR, 9);
      for (const k of [0, 1, 2]) adjR[k].forEach((a, i) => expect(adjL[k][i]).toBeCloseTo(a, 8));
      for (let k = 0; k < K; k++) {
        let g = 0;
        for (let i = 0; i < n; i++) g += adjR[3][i] * x[i * K + k];
        expect(adjL[3 + k][0]).toBeCloseTo(g, 8);
      }
      const [m1, s1, m2, s2] = [new Float64Array(J), new Float64Array(J), new Float64Array(J), new Float64Array(J)];
      normalNormalConditional(rows, [loc, scale, sigma, eta], ws, m1, s1);
      normalLinearConditional(lin, vL, st, m2, s2);
      m1.forEach((m, j) => expect(m2[j]).toBeCloseTo(m, 10));
      s1.forEach((s, j) => expect(s2[j]).toBeCloseTo(s, 12));
    }
  });
});

describe("normalLinearLogDensity far from 0", () => {
  it("radon's log_radon + 1e6 (level in loc for the DSL model, in the Intercept for the formula): same value and adjoints (raw sums lost 0.045 of lp)", () => {
    const d = M.radonData();
    const up = { ...d, log_radon: d.log_radon.map((v) => v + 1e6) };
    const dsl = (data: typeof d) => planMarginal(buildModel(M.radonCentered, data).program, buildModel(M.radonCentered, data).data)!.blocks[0];
    const formula = (data: typeof d) => {
      const { built } = buildFormulaModel({ formula: "log_radon ~ floor + (1 | county)", data });
      return planMarginal(built.program, built.data)!.blocks[0];
    };
    // Inputs in block order: DSL loc, scale, sigma, b; formula loc (0), scale, sigma, Intercept, b.
    for (const [make, values, levelAt] of [[dsl, [1.5, 0.3, 0.7, -0.6], 0], [formula, [0, 0.3, 0.7, 1.3, -0.6], 3]] as const) {
      const run = (b: MarginalBlock, shift: number) => {
        const v = values.map((x, k) => Float64Array.of(k === levelAt ? x + shift : x));
        const adj = v.map(() => new Float64Array(1));
        return { lp: normalLinearLogDensity(b, v, adj, linearStats(b, b.linear!)), adj: adj.map((a) => a[0]) };
      };
      const a = run(make(d), 0);
      const b = run(make(up), 1e6);
      // The level 1e6 + 1.5 is stored to its ulp ~1e-10: lp moves by ~n · 1e-10 / σ² ≈ 2e-7.
      expect(Math.abs(b.lp - a.lp)).toBeLessThan(1e-6);
      a.adj.forEach((x, k) => expect(Math.abs(b.adj[k] - x), `input ${k}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(x))));
    }
  });
});

describe("marginalLogDensity on sufficient statistics vs the fused row-by-row statement", () => {
  it("radon (DSL centred, DSL non-centred, formula): same value and gradient at 5 random points", () => {
    const f = buildFormulaModel({ formula: "log_radon ~ floor + (1 | county)", data: M.radonData() }).built;
    for (const m of [buildModel(M.radonCentered, M.radonData()), buildModel(M.radonNoncentered, M.radonData()), f]) {
      const lin = marginalLogDensity(planMarginal(m.program, m.data) as MarginalPlan);
      const rows = marginalLogDensity(planMarginal(m.program, m.data, { sufficientStatistics: false }) as MarginalPlan);
      expect(lin.dim).toBe(rows.dim);
      const rng = createRng(8, 0);
      for (let p = 0; p < 5; p++) {
        const theta = Float64Array.from({ length: lin.dim }, () => 0.5 * rng.normal());
        const g1 = new Float64Array(lin.dim);
        const g2 = new Float64Array(lin.dim);
        const a = lin.logDensityGradient(theta, g1);
        const b = rows.logDensityGradient(theta, g2);
        // Expanded sums of squares vs accumulated residuals: ~1e-12 relative on 919 rows.
        expect(Math.abs(a - b) / Math.abs(b)).toBeLessThan(1e-10);
        for (let k = 0; k < lin.dim; k++) expect(Math.abs(g1[k] - g2[k]) / Math.max(1, Math.abs(g2[k])), `grad[${k}]`).toBeLessThan(1e-8);
        const o1 = new Float64Array(lin.outputNames.length);
        const o2 = new Float64Array(rows.outputNames.length);
        lin.constrain(theta, o1);
        rows.constrain(theta, o2);
        // Conditional means and sds of the intercepts (the hidden slots) agree too.
        o2.forEach((v, k) => expect(Math.abs(o1[k] - v)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v))));
      }
    }
  });
});

describe("linearEta / planMarginal", () => {
  it("radon: η = floor · b (DSL) and Intercept + Xc · b (formula) become linear blocks; y keeps the offset off", () => {
    const d = buildModel(M.radonCentered, M.radonData());
    expect(planMarginal(d.program, d.data)?.blocks.map((b) => b.linear)).toEqual([1]);
    const f = buildFormulaModel({ formula: "log_radon ~ floor + (1 | county)", data: M.radonData() }).built;
    expect(planMarginal(f.program, f.data)?.blocks.map((b) => b.linear)).toEqual([2]);
  });

  it("an offset and a constant go into the data part; a product of two parameters is not linear", () => {
    const program = {
      data: [{ name: "x", type: "real" as const, dims: [3] }, { name: "o", type: "real" as const, dims: [3] }],
      params: [{ name: "b", shape: { kind: "scalar" as const }, transform: { kind: "identity" as const } }, { name: "c", shape: { kind: "scalar" as const }, transform: { kind: "identity" as const } }],
      tparams: [],
      statements: [],
    };
    const data = [Float64Array.of(1, 2, 3), Float64Array.of(10, 20, 30)];
    const lin = linearEta(program, data, { op: "binary", fn: "add", a: { op: "binary", fn: "mul", a: { op: "ref", src: "data", id: 0 }, b: { op: "ref", src: "param", id: 0 } }, b: { op: "binary", fn: "add", a: { op: "ref", src: "data", id: 1 }, b: { op: "const", value: 1 } } }, 3);
    expect(lin?.coefs).toEqual([{ op: "ref", src: "param", id: 0 }]);
    expect(Array.from(lin?.columns[0] ?? [])).toEqual([1, 2, 3]);
    expect(Array.from(lin?.offset ?? [])).toEqual([11, 21, 31]);
    expect(linearEta(program, data, { op: "binary", fn: "mul", a: { op: "ref", src: "data", id: 0 }, b: { op: "binary", fn: "mul", a: { op: "ref", src: "param", id: 0 }, b: { op: "ref", src: "data", id: 1 } } }, 3)).toBeNull();
  });
});

describe("poissonGammaLogDensity: rising factorials for small counts", () => {
  it("equals the lgamma/digamma form for counts 0..40 (both branches)", () => {
    for (const Y of [0, 1, 5, 32, 33, 40]) {
      const b: MarginalBlock = { kind: "poisson_gamma", name: "l", groups: 1, observations: 1, group: Int32Array.of(0), y: Float64Array.of(Y), weight: Float64Array.of(2.5), constant: 0, inputs: [input("shape", 1), input("rate", 1)] };
      for (const a of [0.05, 1.3, 17]) {
        const adj = [new Float64Array(1), new Float64Array(1)];
        const lp = poissonGammaLogDensity(b, [Float64Array.of(a), Float64Array.of(0.7)], adj, groupTotals(b));
        const ref = a * Math.log(0.7) - lgamma(a) + lgamma(a + Y) - (a + Y) * Math.log(3.2);
        // lgamma differences vs the log of a product: agreement to ~1e-13 relative.
        expect(lp).toBeCloseTo(ref, 10);
        expect(adj[0][0]).toBeCloseTo(Math.log(0.7) - Math.log(3.2) + digamma(a + Y) - digamma(a), 10);
      }
    }
  });
});
