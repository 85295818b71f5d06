import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import type { Expr, Program, ProgramData, Statement } from "../../src/ir/types.js";
import { validateData, validateProgram } from "../../src/ir/validate.js";
import { normalLccdf, normalLcdf, normalLogIntervalProb } from "../../src/distributions/normalCdf.js";
import { lognormalLccdf, lognormalLcdf, lognormalLogIntervalProb } from "../../src/distributions/lognormalCdf.js";
import { exponentialLccdf, exponentialLcdf, exponentialLogIntervalProb, weibullLccdf, weibullLcdf, weibullLogIntervalProb } from "../../src/distributions/weibullCdf.js";
import { exponentialLpdf, lognormalLpdf, normalLpdf, weibullLpdf } from "../../src/distributions/index.js";
import { createRng } from "../../src/random/rng.js";
import { CENSORED_FAMILIES } from "../../src/ir/families.js";
import { CENSORED_TEMPLATES } from "../../src/compiler/censoredFamilies.js";
import { TRUNC_SUPPORT } from "../../src/distributions/truncated.js";
import { expectAgrees } from "./support/agreement.js";
import { wasmAt, wasmOf } from "./wasm/compare.js";

// Censored and weighted distribution statements (brms's cens() and weights()): the compiled value and
// gradient against the reference evaluator's textbook forms (referenceCensored.ts) and against
// src/distributions, per row through log_lik. Rows cycle through codes 0, 1, −1, 2.
const N = 12;
const x = Float64Array.from({ length: N }, (_, i) => Math.cos(i) * 0.8);
const code = Int32Array.from({ length: N }, (_, i) => [0, 1, -1, 2][i % 4]);
const w = Float64Array.from({ length: N }, (_, i) => (i % 5 === 3 ? 0 : 0.5 + (i % 3)));

const ref = (src: "data" | "param", id: number): Expr => ({ op: "ref", src, id });
const lin: Expr = { op: "binary", fn: "add", a: ref("param", 0), b: { op: "binary", fn: "mul", a: ref("param", 1), b: ref("data", 1) } };
const expLin: Expr = { op: "unary", fn: "exp", arg: lin };

interface Case {
  family: string;
  y: Float64Array;
  /** Arguments given the linear predictor, and the scalar parameter (index 2) when the family has one. */
  args: Expr[];
  rows: (eta: number, aux: number) => { lp: (y: number) => number; lcdf: (y: number) => number; lccdf: (y: number) => number; lint: (lo: number, hi: number) => number };
}
const positive = Float64Array.from({ length: N }, (_, i) => 0.3 + 2 * ((i * 0.37) % 1));
const CASES: Case[] = [
  {
    family: "normal",
    y: Float64Array.from({ length: N }, (_, i) => Math.sin(i) * 2),
    args: [lin, ref("param", 2)],
    rows: (eta, s) => ({ lp: (y) => normalLpdf(y, eta, s), lcdf: (y) => normalLcdf(y, eta, s), lccdf: (y) => normalLccdf(y, eta, s), lint: (a, b) => normalLogIntervalProb(a, b, eta, s) }),
  },
  {
    family: "lognormal",
    y: positive,
    args: [lin, ref("param", 2)],
    rows: (eta, s) => ({ lp: (y) => lognormalLpdf(y, eta, s), lcdf: (y) => lognormalLcdf(y, eta, s), lccdf: (y) => lognormalLccdf(y, eta, s), lint: (a, b) => lognormalLogIntervalProb(a, b, eta, s) }),
  },
  {
    family: "weibull",
    y: positive,
    args: [ref("param", 2), expLin],
    rows: (eta, a) => {
      const s = Math.exp(eta);
      return { lp: (y) => weibullLpdf(y, a, s), lcdf: (y) => weibullLcdf(y, a, s), lccdf: (y) => weibullLccdf(y, a, s), lint: (lo, hi) => weibullLogIntervalProb(lo, hi, a, s) };
    },
  },
  {
    family: "exponential",
    y: positive,
    args: [expLin],
    rows: (eta) => {
      const l = Math.exp(eta);
      return { lp: (y) => exponentialLpdf(y, l), lcdf: (y) => exponentialLcdf(y, l), lccdf: (y) => exponentialLccdf(y, l), lint: (lo, hi) => exponentialLogIntervalProb(lo, hi, l) };
    },
  },
];

function build(c: Case, weighted: boolean): { program: Program; data: ProgramData } {
  const upper = Float64Array.from(c.y, (v, i) => (code[i] === 2 ? v + 0.4 + 0.1 * i : 0));
  const st: Statement = { kind: "distribution", family: c.family, n: N, lhs: ref("data", 0), args: c.args, cens: { code: 2, upper: 3 }, ...(weighted ? { weights: 4 } : {}) };
  const program: Program = {
    data: [
      { name: "y", type: "real", dims: [N] },
      { name: "x", type: "real", dims: [N] },
      { name: "cens", type: "int", dims: [N] },
      { name: "upper", type: "real", dims: [N] },
      { name: "w", type: "real", dims: [N] },
    ],
    params: [
      { name: "a", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "b", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "s", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
    ],
    tparams: [],
    statements: [st],
    generated: [{ kind: "logLik", name: "log_lik", statement: 0 }],
  };
  return { program, data: [c.y, x, code, upper, w] };
}

describe("censored and weighted distribution statements", () => {
  it("validation admits exactly the families that have a censored template", () => {
    // CENSORED_FAMILIES (src/ir) cannot import the compiler's table, so the two lists are kept equal here.
    expect([...CENSORED_FAMILIES].sort()).toEqual(Object.keys(CENSORED_TEMPLATES).sort());
  });
  it("validation admits exactly the families truncation has a support entry for (its draws, means and normaliser)", () => {
    // Truncation is validated against CENSORED_FAMILIES too; TRUNC_SUPPORT (src/distributions) is the third copy of the list.
    expect([...CENSORED_FAMILIES].sort()).toEqual(Object.keys(TRUNC_SUPPORT).sort());
  });
  for (const c of CASES) {
    for (const weighted of [false, true]) {
      it(`${c.family}${weighted ? " weighted" : ""}: value and gradient equal the reference evaluator at 20 seeded points`, () => {
        const { program, data } = build(c, weighted);
        validateProgram(program);
        validateData(program, data);
        const model = compileModel(program, data);
        const rng = createRng(20261129, CASES.indexOf(c));
        const grad = new Float64Array(3);
        for (let p = 0; p < 20; p++) {
          const theta = Float64Array.from([rng.normal() * 0.5, rng.normal() * 0.5, rng.normal() * 0.4]);
          const lp = model.logDensityGradient(theta, grad);
          // Textbook forms (log of 1 − Φ, of e^(−t1) − e^(−t2)) at moderate z lose a few digits: 1e-9.
          expectAgrees(lp, grad, referenceGradient(program, data, theta), `reference at ${theta}`, { value: 1e-9, grad: 1e-8 });
        }
      });
    }
    it(`${c.family}: log_lik per row is the row's log density / CDF / CCDF / interval probability, times its weight`, () => {
      const { program, data } = build(c, true);
      const model = compileModel(program, data);
      const theta = Float64Array.from([0.2, -0.3, 0.25]);
      const out = new Float64Array(N);
      model.generate(createRng(1, 0), theta, out);
      const upper = data[3];
      const aux = Math.exp(0.25);
      for (let i = 0; i < N; i++) {
        const f = c.rows(0.2 - 0.3 * x[i], aux);
        const y = c.y[i];
        const row = code[i] === 0 ? f.lp(y) : code[i] === 1 ? f.lccdf(y) : code[i] === -1 ? f.lcdf(y) : f.lint(y, upper[i]);
        expect(out[i], `row ${i} code ${code[i]}`).toBeCloseTo(w[i] * row, 11);
      }
      // The log density is the sum of the pointwise terms (no prior here; the Jacobian of s is log s).
      const lp = model.logDensityGradient(theta, new Float64Array(3));
      expect(lp).toBeCloseTo(out.reduce((a, b) => a + b, 0) + 0.25, 10);
    });
  }

  it("weights multiply hoisted and compile-time terms too: weights of 2 give twice the unweighted log density", () => {
    // A gaussian with data-only sigma (its −log σ summed at compile time) and a scalar-parameter sigma (hoisted).
    const y = Float64Array.from({ length: 5 }, (_, i) => i * 0.3);
    const two = new Float64Array(5).fill(2);
    for (const sigma of [{ op: "const", value: 1.3 } as Expr, ref("param", 1)]) {
      const prog = (weights?: number): Program => ({
        data: [{ name: "y", type: "real", dims: [5] }, { name: "w", type: "real", dims: [5] }],
        params: [{ name: "mu", shape: { kind: "scalar" }, transform: { kind: "identity" } }, { name: "s", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } }],
        tparams: [],
        statements: [{ kind: "distribution", family: "normal", n: 5, lhs: ref("data", 0), args: [ref("param", 0), sigma], ...(weights === undefined ? {} : { weights }) }],
      });
      const g1 = new Float64Array(2);
      const g2 = new Float64Array(2);
      const theta = Float64Array.from([0.4, -0.2]);
      const a = compileModel(prog(), [y, two]).logDensityGradient(theta, g1);
      const b = compileModel(prog(1), [y, two]).logDensityGradient(theta, g2);
      // Both include the log-Jacobian −0.2 of s once.
      expect(b + 0.2).toBeCloseTo(2 * (a + 0.2), 12);
      expect(g2[0]).toBeCloseTo(2 * g1[0], 12);
      expect(g2[1] - 1).toBeCloseTo(2 * (g1[1] - 1), 12);
    }
  });

  it("the wasm translation (when built) gives the JS values and gradients bit for bit", () => {
    let built = 0;
    for (const c of CASES) {
      const { program, data } = build(c, true);
      const model = compileModel(program, data);
      const wasm = wasmOf(model, program, data);
      if (!wasm) continue;
      built++;
      const theta = Float64Array.from([0.1, 0.2, -0.3]);
      const g = new Float64Array(3);
      const lp = model.logDensityGradient(theta, g);
      const r = wasmAt(wasm, theta);
      expect(Object.is(r.lp, lp), c.family).toBe(true);
      expect(Array.from(r.grad)).toEqual(Array.from(g));
    }
    // The tails are imported helpers (logPhi, logDiffPhi, log1mExpNegT, tOverExpm1): every family translates.
    expect(built).toBe(CASES.length);
  });

  it("validation refuses an uncensorable family, a bad code, interval rows without bounds, negative weights", () => {
    const c = CASES[0];
    const { program, data } = build(c, true);
    const st = program.statements[0] as Extract<Statement, { kind: "distribution" }>;
    expect(() => validateProgram({ ...program, statements: [{ ...st, family: "cauchy" }] })).toThrow("cauchy cannot be censored");
    expect(() => validateProgram({ ...program, statements: [{ ...st, lhs: ref("param", 0) }] })).toThrow("a censored outcome must be data");
    const bad = [...data];
    bad[2] = Int32Array.from(code, (v, i) => (i === 3 ? 5 : v));
    expect(() => validateData(program, bad)).toThrow("censoring code 4 is 5");
    const noUpper = { ...program, statements: [{ ...st, cens: { code: 2 } }] };
    expect(() => validateData(noUpper, data)).toThrow("interval-censored but the statement has no upper bounds");
    const low = [...data];
    low[3] = Float64Array.from(data[3], (v, i) => (code[i] === 2 ? c.y[i] - 1 : v));
    expect(() => validateData(program, low)).toThrow("must be finite and above the outcome");
    const negW = [...data];
    negW[4] = Float64Array.from(w, (v, i) => (i === 0 ? -1 : v));
    expect(() => validateData(program, negW)).toThrow("weight 1 is -1");
  });
});
