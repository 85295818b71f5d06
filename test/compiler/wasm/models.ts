/**
 * Every model the wasm bit-identity test builds, by name: posteriordb's DSL examples on their own
 * data, examples/pumps, the benchmark's models (not the 100k-row one: too slow for the default
 * suite), a small GLMM of every family, one statement of every IR family, and the other statement
 * kinds (normal-normal, Poisson-Gamma and beta-binomial marginals, dirichlet, target, multi_normal_cholesky), and
 * the fused marginal programs of pumps and of radon's varying intercepts (linear normal–normal, K = 1 and 2).
 */
import type { Program, ProgramData } from "../../../src/ir/types.js";
import { buildModel } from "../../../src/model/index.js";
import { POSTERIORDB_MODELS } from "../../../examples/posteriordb/index.js";
import { readReference } from "../../../validation/posteriordb/cases.js";
import pumpsModel from "../../../examples/pumps/model.js";
import { findModel, MODELS } from "../../../bench/full/models.js";
import { buildGlmmIr } from "../../../src/glmm/buildIr.js";
import { FAMILY_AUX, GLMM_FAMILIES, type GlmmFamily, type GlmmSpec } from "../../../src/glmm/types.js";
import { CATEGORICAL_FAMILIES, FAMILY_SIGNATURES, ORDINAL_FAMILIES } from "../../../src/ir/families.js";
import { createRng } from "../../../src/random/rng.js";
import type { DataSlot, Expr, ParamBlock } from "../../../src/ir/types.js";
import { eightSchoolsOffsetMultiplier, pumps, PUMP_T, PUMP_X } from "../models.js";
import { betaBinomialProgram, dirichletProgram, marginalProgram, multiNormalParamsProgram, multiNormalProgram, poissonGammaProgram } from "./irModels.js";
import { fuseMarginals } from "../../../src/marginal/fuse.js";
import { planMarginal } from "../../../src/marginal/plan.js";
import type { MarginalPlan } from "../../../src/marginal/types.js";

export interface NamedModel {
  name: string;
  build(): { program: Program; data: ProgramData };
}

function posteriordb(): NamedModel[] {
  return Object.keys(POSTERIORDB_MODELS).map((name) => ({
    name: `posteriordb/${name}`,
    build() {
      const ref = readReference(name);
      const entry = POSTERIORDB_MODELS[name];
      return buildModel(entry.model, entry.fromPosteriordb ? entry.fromPosteriordb(ref.data) : ref.data);
    },
  }));
}

/** The zero-inflated and hurdle families (GLMM and IR); bitIdentity.test.ts seeds each model by its name, so order does not matter. */
const ZERO_GLMM: readonly GlmmFamily[] = ["zero_inflated_poisson", "zero_inflated_negbinomial", "hurdle_poisson", "hurdle_negbinomial"];
const ZERO_IR = ["zero_inflated_poisson_log", "zero_inflated_neg_binomial_2_log", "hurdle_poisson_log", "hurdle_neg_binomial_2_log"];
/** The ordinal families. */
const ORDINAL_GLMM: readonly GlmmFamily[] = ["cumulative"];
const ORDINAL_IR = ORDINAL_FAMILIES;

/** y for a GLMM family: values inside each family's support. */
function glmmY(family: GlmmFamily, n: number): { y: Float64Array; trials?: Float64Array } {
  const r = createRng(41, GLMM_FAMILIES.indexOf(family));
  const y = new Float64Array(n);
  const trials = family === "binomial" ? new Float64Array(n).fill(10) : undefined;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    y[i] =
      family === "binomial" ? Math.floor(11 * u)
      : family === "bernoulli" ? (u < 0.4 ? 1 : 0)
      : family === "poisson" || family === "negbinomial" || ZERO_GLMM.includes(family) ? Math.floor(8 * u)
      : family === "gamma" || family === "lognormal" || family === "weibull" || family === "exponential" ? 0.2 + 3 * u
      : family === "beta" ? 0.05 + 0.9 * u
      // The semicontinuous hurdles: a third zeros, the rest positive.
      : family === "hurdle_gamma" || family === "hurdle_lognormal" ? (u < 0.3 ? 0 : 0.2 + 3 * u)
      : family === "cumulative" || family === "categorical" ? 1 + Math.floor(3 * u)
      : 2 * r.normal();
  }
  return { y, trials };
}

/** 24 rows, one predictor, 4 groups with a varying intercept (and, if asked, a correlated slope). */
export function glmmSpec(family: GlmmFamily, slope: boolean): GlmmSpec {
  const n = 24;
  const x = Float64Array.from({ length: n }, (_, i) => (i % 5) - 2);
  const index = Int32Array.from({ length: n }, (_, i) => 1 + (i % 4));
  const { y, trials } = glmmY(family, n);
  const half = { family: "student_t", args: [3, 0, 2.5] };
  const aux: Record<string, { family: string; args: number[] }> = {
    sigma: half,
    shape: { family: "gamma", args: [0.01, 0.01] },
    nu: { family: "gamma", args: [2, 0.1] },
    phi: { family: "gamma", args: [0.01, 0.01] },
    zi: { family: "beta", args: [1, 1] },
    hu: { family: "beta", args: [1, 1] },
  };
  return {
    family,
    n,
    y,
    trials,
    intercept: { prior: { family: "normal", args: [0, 5] } },
    X: { names: ["x"], values: x, means: Float64Array.of(0), priors: [{ family: "normal", args: [0, 2] }] },
    groups: [
      {
        name: "g",
        levels: ["a", "b", "c", "d"],
        index,
        terms: slope ? ["Intercept", "x"] : ["Intercept"],
        Z: slope ? [new Float64Array(n).fill(1), x] : [new Float64Array(n).fill(1)],
        correlated: slope,
        sdPriors: slope ? [half, half] : [half],
        ...(slope ? { corPrior: { family: "lkj", args: [2] } } : {}),
      },
    ],
    auxPriors: Object.fromEntries(FAMILY_AUX[family].map((a) => [a, aux[a]])),
    ...(family === "cumulative" ? { ordinal: { link: "logit", categories: ["1", "2", "3"] } } : {}),
    // categorical: the mean's parts become each non-reference category's predictor (brms's mu2, mu3).
    ...(family === "categorical"
      ? { intercept: null, X: { names: [], values: new Float64Array(0), means: new Float64Array(0), priors: [] }, groups: [], categorical: { categories: ["1", "2", "3"], mus: ["mu2", "mu3"].map((name) => ({ name, intercept: { prior: { family: "normal", args: [0, 5] } }, X: { names: ["x"], values: x, means: Float64Array.of(0), priors: [{ family: "normal", args: [0, 2] }] }, groups: [{ name: "g", levels: ["a", "b", "c", "d"], index, terms: slope ? ["Intercept", "x"] : ["Intercept"], Z: slope ? [new Float64Array(n).fill(1), x] : [new Float64Array(n).fill(1)], correlated: slope, sdPriors: slope ? [half, half] : [half], ...(slope ? { corPrior: { family: "lkj", args: [2] } } : {}) }] })) } }
      : {}),
  } as GlmmSpec;
}

/**
 * One statement family(y | args), every real operand a scalar identity parameter and every int
 * operand int data (the shape of test/compiler/families.test.ts's programs, whose builder is private
 * to that file); the int values are small positive counts so the statement is in support.
 */
function singleton(family: string): { program: Program; data: ProgramData } {
  const sig = FAMILY_SIGNATURES[family];
  const types = [sig.lhs, ...sig.argTypes];
  const slots: DataSlot[] = [];
  const data: Int32Array[] = [];
  const params: ParamBlock[] = [];
  const operands: Expr[] = types.map((t, k) => {
    if (t === "int") {
      slots.push({ name: `d${k}`, type: "int", dims: [] });
      data.push(Int32Array.of(k === 0 ? 1 : 3));
      return { op: "ref", src: "data", id: slots.length - 1 };
    }
    params.push({ name: `p${k}`, shape: { kind: "scalar" }, transform: { kind: "identity" } });
    return { op: "ref", src: "param", id: params.length - 1 };
  });
  return {
    program: { data: slots, params, tparams: [], statements: [{ kind: "distribution", family, n: 1, lhs: operands[0], args: operands.slice(1) }] },
    data,
  };
}

/** family(y = 2 | eta, c): eta a scalar parameter, c an ordered vector parameter of two cutpoints (K = 3). */
function ordinalSingleton(family: string): { program: Program; data: ProgramData } {
  return {
    program: {
      data: [{ name: "y", type: "int", dims: [] }],
      params: [
        { name: "eta", shape: { kind: "scalar" }, transform: { kind: "identity" } },
        { name: "c", shape: { kind: "vector", n: 2 }, transform: { kind: "ordered" } },
      ],
      tparams: [],
      statements: [{ kind: "distribution", family, n: 1, lhs: { op: "ref", src: "data", id: 0 }, args: [{ op: "ref", src: "param", id: 0 }, { op: "ref", src: "param", id: 1 }] }],
    },
    data: [Int32Array.of(2)],
  };
}

/** examples/pumps with λ integrated out: the gradient program marginalLogDensity compiles. */
function pumpsFused(): { program: Program; data: ProgramData } {
  const m = buildModel(pumpsModel, { failures: Array.from(PUMP_X), time: Array.from(PUMP_T) });
  const fused = fuseMarginals(planMarginal(m.program, m.data) as MarginalPlan);
  return { program: fused.program, data: fused.data };
}

/** A model's gradient program as marginalLogDensity compiles it (every block fused). */
function fusedOf(build: () => { program: Program; data: ProgramData }): () => { program: Program; data: ProgramData } {
  return () => {
    const m = build();
    const fused = fuseMarginals(planMarginal(m.program, m.data) as MarginalPlan);
    return { program: fused.program, data: fused.data };
  };
}

export function allModels(): NamedModel[] {
  return [
    ...posteriordb(),
    { name: "examples/pumps", build: () => buildModel(pumpsModel, { failures: Array.from(PUMP_X), time: Array.from(PUMP_T) }) },
    { name: "test/compiler/models eightSchoolsOffsetMultiplier", build: eightSchoolsOffsetMultiplier },
    { name: "test/compiler/models pumps", build: pumps },
    ...MODELS.filter((m) => m.id !== "logistic_100k").map((m) => ({ name: `bench/${m.id}`, build: () => m.hbayes() })),
    ...glmmModels(GLMM_FAMILIES.filter((f) => !ZERO_GLMM.includes(f) && !ORDINAL_GLMM.includes(f))),
    // categorical_logit's K − 1 predictors: test/categorical/compiler.test.ts checks its wasm form.
    ...Object.keys(FAMILY_SIGNATURES).filter((f) => !ZERO_IR.includes(f) && !ORDINAL_IR.includes(f) && !CATEGORICAL_FAMILIES.includes(f)).map((f) => ({ name: `family/${f}`, build: () => singleton(f) })),
    { name: "ir/normalNormalMarginal sorted groups", build: () => marginalProgram(true) },
    { name: "ir/normalNormalMarginal unsorted groups", build: () => marginalProgram(false) },
    { name: "ir/poissonGammaMarginal shared shape", build: () => poissonGammaProgram(false) },
    { name: "ir/poissonGammaMarginal per-group shape", build: () => poissonGammaProgram(true) },
    { name: "ir/betaBinomialMarginal shared a", build: () => betaBinomialProgram(false) },
    { name: "ir/betaBinomialMarginal per-group a", build: () => betaBinomialProgram(true) },
    { name: "marginal/pumps fused", build: pumpsFused },
    { name: "marginal/bench radon_intercept fused (normalLinearMarginal, K = 2)", build: fusedOf(() => findModel("radon_intercept").hbayes()) },
    ...posteriordb()
      .filter((m) => m.name === "posteriordb/radon_mn-radon_variable_intercept_centered")
      .map((m) => ({ name: `marginal/${m.name.slice("posteriordb/".length)} fused (normalLinearMarginal, K = 1)`, build: fusedOf(m.build) })),
    { name: "ir/dirichlet + target on a simplex", build: dirichletProgram },
    { name: "ir/multiNormalCholesky of data rows", build: multiNormalProgram },
    { name: "ir/multiNormalCholesky of parameter rows, scales, lkj(eta)", build: multiNormalParamsProgram },
    ...glmmModels(ZERO_GLMM),
    ...ZERO_IR.map((f) => ({ name: `family/${f}`, build: () => singleton(f) })),
    ...glmmModels(ORDINAL_GLMM),
    ...[false, true].map((slope) => ({ name: `glmm/cumulative(probit)${slope ? "+slope" : ""}`, build: () => buildGlmmIr({ ...glmmSpec("cumulative", slope), ordinal: { link: "probit", categories: ["1", "2", "3"] } }) })),
    ...ORDINAL_IR.map((f) => ({ name: `family/${f}`, build: () => ordinalSingleton(f) })),
  ];
}

function glmmModels(families: readonly GlmmFamily[]): NamedModel[] {
  return families.flatMap((f) => [false, true].map((slope) => ({ name: `glmm/${f}${slope ? "+slope" : ""}`, build: () => buildGlmmIr(glmmSpec(f, slope)) })));
}
