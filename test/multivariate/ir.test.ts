import { describe, expect, it } from "vitest";
import { buildMultivariateModel } from "../../src/api/multivariateFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceLogDensity } from "../../src/compiler/reference.js";
import type { Expr, Program, ProgramData } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";

// Seeded data: 30 rows, 5 groups, predictors x and z, three gaussian responses, a count and a binary one.
const rng = createRng(23, 0);
const n = 30;
const x = Array.from({ length: n }, () => rng.normal());
const z = Array.from({ length: n }, () => rng.uniform());
const g = Array.from({ length: n }, (_, i) => `g${i % 5}`);
const y1 = x.map((v) => 1 + v + rng.normal());
const y2 = x.map((v, i) => -v + 0.5 * y1[i] + rng.normal());
const y3 = z.map((v, i) => 2 * v + 0.3 * y2[i] + 0.5 * rng.normal());
const count = x.map((v) => Math.floor(3 * Math.exp(0.3 * v) * rng.uniform() + 0.5));
const hit = x.map((v) => (v + rng.normal() > 0 ? 1 : 0));
const data = { x, z, g, y1, y2, y3, count, hit };

const c = (value: number): Expr => ({ op: "const", value });

/**
 * The same model with its K chained normal statements replaced by the IR's own multi_normal_cholesky over
 * rows of K values: μ interleaved from each response's predictor (read back from the chain's statements:
 * the first statement's mean is η_1, later ones add σ_m·Σ L w to η_m), scale = (σ_1 … σ_K), L the rescor factor.
 * Parameters keep their positions, so both programs take the same unconstrained vector.
 */
function withMultiNormal(program: Program, values: ProgramData, K: number): { program: Program; data: ProgramData } {
  const last = program.statements.length - K;
  const chain = program.statements.slice(last);
  const etas = chain.map((s, m) => {
    if (s.kind !== "distribution" || s.family !== "normal") throw new Error("expected the normal chain last");
    const mean = s.args[0];
    if (m === 0) return mean;
    if (mean.op !== "binary") throw new Error("expected η_m + σ_m·shift");
    return mean.a;
  });
  const yIds = chain.map((s) => ((s as { lhs: Expr }).lhs as { id: number }).id);
  const n = (chain[0] as { n: number }).n;
  const data = [...program.data];
  const vals = [...values];
  const add = (name: string, type: "real" | "int", dims: number[], v: Float64Array | Int32Array): number => {
    data.push({ name, type, dims });
    vals.push(v);
    return data.length - 1;
  };
  const Y = new Float64Array(n * K);
  yIds.forEach((id, m) => values[id].forEach((v, i) => (Y[i * K + m] = v)));
  const yId = add("Yall", "real", [n * K], Y);
  const rowId = add("row", "int", [n * K], Int32Array.from({ length: n * K }, (_, t) => Math.floor(t / K) + 1));
  const ind = Array.from({ length: K }, (_, m) => add(`ind${m}`, "real", [n * K], Float64Array.from({ length: n * K }, (_, t) => (t % K === m ? 1 : 0))));
  const indK = Array.from({ length: K }, (_, m) => add(`indK${m}`, "real", [K], Float64Array.from({ length: K }, (_, t) => (t === m ? 1 : 0))));
  const tparams = [...program.tparams];
  const etaIds = etas.map((e, m) => tparams.push({ name: `eta${m}`, n, expr: e }) - 1);
  const sum = (es: Expr[]): Expr => es.reduce((a, b) => ({ op: "binary", fn: "add", a, b }));
  const muId = tparams.push({ name: "mu", n: n * K, expr: sum(etaIds.map((id, m) => ({ op: "binary", fn: "mul", a: { op: "gather", src: "tparam", id, by: rowId }, b: { op: "ref", src: "data", id: ind[m] } }))) }) - 1;
  const sigmaIds = Array.from({ length: K }, (_, m) => program.params.findIndex((p) => p.name === `sigma_${m + 1}`));
  const scaleId = tparams.push({ name: "scale", n: K, expr: sum(sigmaIds.map((id, m) => ({ op: "binary", fn: "mul", a: { op: "ref", src: "param", id }, b: { op: "ref", src: "data", id: indK[m] } }))) }) - 1;
  const L = program.params.findIndex((p) => p.name === "Lrescor");
  return {
    program: {
      ...program,
      data,
      tparams,
      statements: [...program.statements.slice(0, last), { kind: "multiNormalCholesky", n, k: K, y: { src: "data", id: yId }, mu: { src: "tparam", id: muId }, L: { src: "param", id: L }, scale: { src: "tparam", id: scaleId } }],
    },
    data: vals,
  };
}

describe("buildMultivariateIr: the chained normals are the multivariate normal", () => {
  for (const formula of ["mvbind(y1, y2) ~ x + (1 | p | g)", "mvbind(y1, y2, y3) ~ x + z + (1 + x | p | g)", "bf(y1 ~ x) + bf(y2 ~ z + (1 | g)) + bf(y3 ~ 1 + (1 | p | g)) + set_rescor(TRUE)"]) {
    it(`${formula}: reference log density equals multi_normal_cholesky's at random points`, () => {
      const model = buildMultivariateModel({ formula, data });
      const K = model.design.model.names.length;
      const mvn = withMultiNormal(model.built.program, model.built.data, K);
      const compiled = compileModel(model.built.program, model.built.data);
      const r = createRng(5, 2);
      for (let rep = 0; rep < 4; rep++) {
        const u = Float64Array.from({ length: compiled.dim }, () => 0.5 * r.normal());
        const a = referenceLogDensity(model.built.program, model.built.data, u);
        const b = referenceLogDensity(mvn.program, mvn.data, u);
        // Same density in two algebraic forms: agreement to rounding (1e-10 relative at |lp| ~ 1e2–1e3).
        expect(Math.abs(a - b)).toBeLessThan(1e-10 * Math.max(1, Math.abs(a)));
      }
    });
  }
});

describe("buildMultivariateIr: the compiled gradient agrees with the reference and central differences", () => {
  const cases: { formula: string; priors?: string[] }[] = [
    { formula: "mvbind(y1, y2, y3) ~ x + (1 + x | p | g)", priors: ["rescor ~ lkj(2)", "normal(0, 2), class = b, resp = y2"] },
    { formula: "bf(count ~ x + (1 | p | g), family = poisson) + bf(hit ~ z + (1 | p | g), family = bernoulli) + bf(y1 ~ x + (1 | g)) + set_rescor(FALSE)" },
  ];
  for (const cs of cases) {
    it(cs.formula, () => {
      const model = buildMultivariateModel({ formula: cs.formula, data, ...(cs.priors ? { priors: cs.priors } : {}) });
      const compiled = compileModel(model.built.program, model.built.data);
      const r = createRng(13, 1);
      for (let rep = 0; rep < 3; rep++) {
        const u = Float64Array.from({ length: compiled.dim }, () => 0.4 * r.normal());
        const grad = new Float64Array(compiled.dim);
        const lp = compiled.logDensityGradient(u, grad);
        expect(Math.abs(lp - referenceLogDensity(model.built.program, model.built.data, u))).toBeLessThan(1e-9 * Math.max(1, Math.abs(lp)));
        // Default relative step ε^(1/3): error ≈ ε^(2/3)·|f| ≈ 1e-10 relative; 1e-6 leaves room.
        expectCentralDifferences(compiled, u, { tol: 1e-6 });
      }
    });
  }
});

describe("buildMultivariateModel: names as brms's", () => {
  it("mvbind with a shared ID and rescor", () => {
    const model = buildMultivariateModel({ formula: "mvbind(y1, y2) ~ x + (1 | p | g)", data });
    const names = model.built.outputs.rename.map(([, b]) => b);
    expect(names.slice(0, 10)).toEqual([
      "b_y1_Intercept", "b_y2_Intercept", "b_y1_x", "b_y2_x", "sd_g__y1_Intercept", "sd_g__y2_Intercept",
      "cor_g__y1_Intercept__y2_Intercept", "sigma_y1", "sigma_y2", "rescor__y1__y2",
    ]);
    expect(names.slice(10)).toEqual([...[0, 1, 2, 3, 4].map((j) => `r_g__y1[g${j},Intercept]`), ...[0, 1, 2, 3, 4].map((j) => `r_g__y2[g${j},Intercept]`)]);
  });
  it("without an ID the responses' group effects are independent (no cor)", () => {
    const model = buildMultivariateModel({ formula: "mvbind(y1, y2) ~ x + (1 | g)", data });
    const names = model.built.outputs.rename.map(([, b]) => b);
    expect(names.filter((s) => s.startsWith("cor_"))).toEqual([]);
    expect(names.filter((s) => s.startsWith("sd_"))).toEqual(["sd_g__y1_Intercept", "sd_g__y2_Intercept"]);
    expect(model.built.program.params.filter((p) => p.shape.kind === "choleskyCorr").length).toBe(1);
  });
  it("set_rescor(FALSE) has no rescor; a response's name drops '_' and '.' as brms", () => {
    const model = buildMultivariateModel({ formula: "bf(y1 ~ x) + bf(y_2 ~ x) + set_rescor(FALSE)", data: { ...data, y_2: y2 } });
    const names = model.built.outputs.rename.map(([, b]) => b);
    expect(names).toEqual(["b_y1_Intercept", "b_y2_Intercept", "b_y1_x", "b_y2_x", "sigma_y1", "sigma_y2"]);
  });
});
