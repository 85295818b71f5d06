import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { DISTRIBUTIONS, type DistributionInfo } from "../../src/distributions/index.js";
import { CATEGORICAL_FAMILIES, FAMILY_SIGNATURES, ORDINAL_FAMILIES } from "../../src/ir/families.js";
import type { DataSlot, Expr, ParamBlock, Program, ProgramData } from "../../src/ir/types.js";
import { createRng, type Rng } from "../../src/random/rng.js";

/**
 * Each family's inline template against src/distributions (an independent implementation, with its
 * own numerically careful forms): value and every partial at seeded random in-support points, -Infinity
 * outside the support, per-observation log_lik, and predictive draws equal to the registry's sampler.
 */

// The ordinal families take a cutpoint vector, not per-element operands: test/compiler/ordinal.test.ts;
// categorical_logit K − 1 predictors (no DistributionInfo record): test/categorical/compiler.test.ts.
const FAMILIES = Object.keys(FAMILY_SIGNATURES).filter((f) => !ORDINAL_FAMILIES.includes(f) && !CATEGORICAL_FAMILIES.includes(f));
const info = (family: string): DistributionInfo => DISTRIBUTIONS[family] as DistributionInfo;

/** A random in-support point (outcome, then arguments) for a family, from its registry metadata. */
function point(family: string, r: Rng): number[] {
  const d = info(family);
  const args = d.argSupport.map((kind) => {
    switch (kind) {
      case "real":
        return 1.5 * r.normal();
      case "positive":
      case "nonnegative":
        return Math.exp(0.8 * r.normal());
      case "probability":
        return 0.05 + 0.9 * r.uniform();
      case "nonnegative_int":
        return 1 + Math.floor(20 * r.uniform());
    }
  });
  let y: number;
  switch (d.support) {
    case "real":
      y = args[0] + 2 * r.normal();
      break;
    case "positive":
    case "nonnegative":
      y = Math.exp(0.8 * r.normal());
      break;
    case "unit":
      y = 0.02 + 0.96 * r.uniform();
      break;
    case "interval":
      // uniform(alpha, beta): beta above alpha, y strictly between.
      args[1] = args[0] + Math.exp(r.normal());
      y = args[0] + (0.05 + 0.9 * r.uniform()) * (args[1] - args[0]);
      break;
    case "nonnegative_int":
      y = Math.floor(12 * r.uniform());
      break;
    case "binary":
      y = r.uniform() < 0.5 ? 0 : 1;
      break;
    case "int_range":
      y = Math.floor((args[0] + 1) * r.uniform());
      break;
    default:
      throw new Error(`no point generator for support ${d.support}`);
  }
  return [y, ...args];
}

/**
 * One statement family(y | args) with every real operand a scalar identity parameter (so the gradient
 * is the vector of partials) and every int operand int data; returns the program and the theta index of
 * each operand (-1 for data).
 */
function singleton(family: string, values: number[]): { program: Program; data: ProgramData; theta: Float64Array; slot: number[] } {
  const sig = FAMILY_SIGNATURES[family];
  const types = [sig.lhs, ...sig.argTypes];
  const dataSlots: DataSlot[] = [];
  const data: (Float64Array | Int32Array)[] = [];
  const params: ParamBlock[] = [];
  const theta: number[] = [];
  const slot: number[] = [];
  const operands: Expr[] = types.map((t, k) => {
    if (t === "int") {
      dataSlots.push({ name: `d${k}`, type: "int", dims: [] });
      data.push(Int32Array.of(values[k]));
      slot.push(-1);
      return { op: "ref", src: "data", id: dataSlots.length - 1 };
    }
    params.push({ name: `p${k}`, shape: { kind: "scalar" }, transform: { kind: "identity" } });
    theta.push(values[k]);
    slot.push(params.length - 1);
    return { op: "ref", src: "param", id: params.length - 1 };
  });
  const program: Program = {
    data: dataSlots,
    params,
    tparams: [],
    statements: [{ kind: "distribution", family, n: 1, lhs: operands[0], args: operands.slice(1) }],
  };
  return { program, data, theta: Float64Array.from(theta), slot };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe("family templates against src/distributions", () => {
  it("every IR family has a registry entry of the same arity", () => {
    for (const f of FAMILIES) {
      expect(DISTRIBUTIONS[f], f).toBeDefined();
      expect(info(f).args.length, f).toBe(FAMILY_SIGNATURES[f].args.length);
    }
  });

  for (const family of FAMILIES) {
    it(`${family}: value and partials equal ${family}'s lpdfGrad at 40 random points`, () => {
      const r = createRng(7, FAMILIES.indexOf(family));
      const d = info(family);
      const partials = new Float64Array(1 + d.args.length);
      for (let rep = 0; rep < 40; rep++) {
        const values = point(family, r);
        const { program, data, theta, slot } = singleton(family, values);
        const model = compileModel(program, data);
        const grad = new Float64Array(model.dim);
        const lp = model.logDensityGradient(theta, grad);
        const expected = d.lpdfGrad(values[0], ...values.slice(1), partials, 0);
        // Both sides are accurate to a few ulps of their terms; the registry's saddle-point forms (beta,
        // binomial, neg_binomial_2) and the templates' lgamma differences agree to ~1e-12 at these sizes.
        expect(rel(lp, expected), `${family}(${values.join(", ")}): ${lp} vs ${expected}`).toBeLessThan(1e-10);
        slot.forEach((s, k) => {
          if (s < 0) return;
          expect(rel(grad[s], partials[k]), `${family} ∂/∂operand ${k} at (${values.join(", ")})`).toBeLessThan(1e-8);
        });
      }
    });
  }

  it("outcomes and arguments outside the support give -Infinity", () => {
    const r = createRng(8, 0);
    let checked = 0;
    for (const family of FAMILIES) {
      const d = info(family);
      const base = point(family, r);
      const bad: number[][] = [];
      if (d.support === "positive") bad.push([-0.5, ...base.slice(1)]);
      if (d.support === "unit") bad.push([1.5, ...base.slice(1)], [-0.1, ...base.slice(1)]);
      if (d.support === "interval") bad.push([base[2] + 1, base[1], base[2]], [base[0], base[2], base[1]]);
      d.argSupport.forEach((kind, k) => {
        const v = base.slice();
        if (kind === "positive") v[k + 1] = -1;
        else if (kind === "probability") v[k + 1] = 1.25;
        else return;
        bad.push(v);
      });
      for (const values of bad) {
        const { program, data, theta } = singleton(family, values);
        expect(compileModel(program, data).logDensityGradient(theta, new Float64Array(theta.length)), `${family}(${values.join(", ")})`).toBe(-Infinity);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });
});

/** n observations of a family from data, arguments as vector parameters; log_lik and draws generated. */
function observed(family: string, n: number, r: Rng): { program: Program; data: ProgramData; theta: Float64Array; points: number[][] } {
  const sig = FAMILY_SIGNATURES[family];
  const points = Array.from({ length: n }, () => point(family, r));
  const types = [sig.lhs, ...sig.argTypes];
  const dataSlots: DataSlot[] = [];
  const data: (Float64Array | Int32Array)[] = [];
  const params: ParamBlock[] = [];
  const theta: number[] = [];
  const operands: Expr[] = types.map((t, k) => {
    const column = points.map((p) => p[k]);
    if (k === 0 || t === "int") {
      dataSlots.push({ name: `d${k}`, type: t === "int" ? "int" : "real", dims: [n] });
      data.push(t === "int" ? Int32Array.from(column) : Float64Array.from(column));
      return { op: "ref", src: "data", id: dataSlots.length - 1 };
    }
    params.push({ name: `p${k}`, shape: { kind: "vector", n }, transform: { kind: "identity" } });
    theta.push(...column);
    return { op: "ref", src: "param", id: params.length - 1 };
  });
  const program: Program = {
    data: dataSlots,
    params,
    tparams: [],
    statements: [{ kind: "distribution", family, n, lhs: operands[0], args: operands.slice(1) }],
    generated: [
      { kind: "logLik", name: "log_lik", statement: 0 },
      { kind: "rng", name: "y_rep", family, n, args: operands.slice(1) },
    ],
  };
  return { program, data, theta: Float64Array.from(theta), points };
}

describe("generate() for every family", () => {
  for (const family of FAMILIES) {
    it(`${family}: log_lik equals ${family}'s lpdf per observation and y_rep equals its rng draw for draw`, () => {
      const n = 12;
      const { program, data, theta, points } = observed(family, n, createRng(9, FAMILIES.indexOf(family)));
      const model = compileModel(program, data);
      expect(model.generatedNames.length).toBe(2 * n);
      expect(model.generatedNames[n]).toBe("y_rep[1]");
      const out = new Float64Array(2 * n);
      model.generate(createRng(11, 3), theta, out);
      const d = info(family);
      const mirror = createRng(11, 3);
      for (let i = 0; i < n; i++) {
        const [y, ...args] = points[i];
        // Data-only terms are folded at compile time per observation; the rest is the template: 1e-10.
        expect(rel(out[i], d.lpdf(y, ...args)), `log_lik[${i + 1}]`).toBeLessThan(1e-10);
      }
      for (let i = 0; i < n; i++) {
        const args = points[i].slice(1);
        // The same stream consumed in the same order; logit/log links are mapped with exp, which the
        // registry's *_logit / *_log samplers may compute in a different but equal-to-rounding way.
        const want = d.rng(mirror, ...args);
        expect(rel(out[n + i], want), `y_rep[${i + 1}] of ${family}`).toBeLessThan(1e-12);
      }
    });
  }
});
