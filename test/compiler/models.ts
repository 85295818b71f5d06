/** Small IR programs shared by the compiler tests and the benchmark. */
import type { Expr, Program, ProgramData } from "../../src/ir/types.js";

export const c = (value: number): Expr => ({ op: "const", value });
export const data = (id: number): Expr => ({ op: "ref", src: "data", id });
export const param = (id: number): Expr => ({ op: "ref", src: "param", id });
export const tparam = (id: number): Expr => ({ op: "ref", src: "tparam", id });
export const gather = (src: "data" | "param" | "tparam", id: number, by: number): Expr => ({ op: "gather", src, id, by });
export const addE = (a: Expr, b: Expr): Expr => ({ op: "binary", fn: "add", a, b });
export const mulE = (a: Expr, b: Expr): Expr => ({ op: "binary", fn: "mul", a, b });

export const EIGHT_Y = Float64Array.from([28, 8, -3, 7, -1, 1, 18, 12]);
export const EIGHT_SIGMA = Float64Array.from([15, 10, 16, 11, 9, 11, 10, 18]);

/** Eight schools, non-centred through offset/multiplier: theta = mu + tau·z, theta ~ normal(mu, tau). */
export function eightSchoolsOffsetMultiplier(): { program: Program; data: ProgramData } {
  return {
    program: {
      data: [
        { name: "y", type: "real", dims: [8] },
        { name: "sigma", type: "real", dims: [8] },
      ],
      params: [
        { name: "mu", shape: { kind: "scalar" }, transform: { kind: "identity" } },
        { name: "tau", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
        { name: "theta", shape: { kind: "vector", n: 8 }, transform: { kind: "offsetMultiplier", offset: param(0), multiplier: param(1) } },
      ],
      tparams: [],
      statements: [
        { kind: "distribution", family: "normal", n: 1, lhs: param(0), args: [c(0), c(5)] },
        { kind: "distribution", family: "cauchy", n: 1, lhs: param(1), args: [c(0), c(5)] },
        { kind: "distribution", family: "normal", n: 8, lhs: param(2), args: [param(0), param(1)] },
        { kind: "distribution", family: "normal", n: 8, lhs: data(0), args: [param(2), data(1)] },
      ],
    },
    data: [EIGHT_Y, EIGHT_SIGMA],
  };
}

/** Eight schools, non-centred by hand (posteriordb's eight_schools_noncentered; bench/stan/ has the Stan twin). */
export function eightSchoolsNoncentered(): { program: Program; data: ProgramData } {
  return {
    program: {
      data: [
        { name: "y", type: "real", dims: [8] },
        { name: "sigma", type: "real", dims: [8] },
      ],
      params: [
        { name: "mu", shape: { kind: "scalar" }, transform: { kind: "identity" } },
        { name: "tau", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
        { name: "theta_tilde", shape: { kind: "vector", n: 8 }, transform: { kind: "identity" } },
      ],
      tparams: [{ name: "theta", n: 8, expr: addE(param(0), mulE(param(1), param(2))) }],
      statements: [
        { kind: "distribution", family: "normal", n: 1, lhs: param(0), args: [c(0), c(5)] },
        { kind: "distribution", family: "cauchy", n: 1, lhs: param(1), args: [c(0), c(5)] },
        { kind: "distribution", family: "normal", n: 8, lhs: param(2), args: [c(0), c(1)] },
        { kind: "distribution", family: "normal", n: 8, lhs: data(0), args: [tparam(0), data(1)] },
      ],
    },
    data: [EIGHT_Y, EIGHT_SIGMA],
  };
}

/**
 * Pumps: failures x_i ~ Poisson(lambda_i t_i), lambda_i ~ Gamma(alpha, beta), alpha ~ exponential(1),
 * beta ~ gamma(0.1, 1) (the BUGS example).
 */
export const PUMP_X = Int32Array.from([5, 1, 5, 14, 3, 19, 1, 1, 4, 22]);
export const PUMP_T = Float64Array.from([94.3, 15.7, 62.9, 126, 5.24, 31.4, 1.05, 1.05, 2.1, 10.5]);
export function pumps(): { program: Program; data: ProgramData } {
  return {
    program: {
      data: [
        { name: "x", type: "int", dims: [10] },
        { name: "t", type: "real", dims: [10] },
      ],
      params: [
        { name: "alpha", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
        { name: "beta", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
        { name: "lambda", shape: { kind: "vector", n: 10 }, transform: { kind: "lower", lb: 0 } },
      ],
      tparams: [],
      statements: [
        { kind: "distribution", family: "exponential", n: 1, lhs: param(0), args: [c(1)] },
        { kind: "distribution", family: "gamma", n: 1, lhs: param(1), args: [c(0.1), c(1)] },
        { kind: "distribution", family: "gamma", n: 10, lhs: param(2), args: [param(0), param(1)] },
        { kind: "distribution", family: "poisson", n: 10, lhs: data(0), args: [mulE(param(2), data(1))] },
      ],
    },
    data: [PUMP_X, PUMP_T],
  };
}

/**
 * Radon varying intercept with a floor slope, brms-style non-centred:
 * y ~ normal(b0 + b1·floor + sd·z[county], sigma). Data: y, floor, county (1-based), J.
 */
export function radonProgram(N: number, J: number): Program {
  return {
    data: [
      { name: "y", type: "real", dims: [N] },
      { name: "floor", type: "real", dims: [N] },
      { name: "county", type: "int", dims: [N] },
    ],
    params: [
      { name: "b_Intercept", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "b_floor", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "sd_county", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
      { name: "z_county", shape: { kind: "vector", n: J }, transform: { kind: "identity" } },
      { name: "sigma", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
    ],
    tparams: [{ name: "r_county", n: J, expr: mulE(param(2), param(3)) }],
    statements: [
      {
        kind: "distribution",
        family: "normal",
        n: N,
        lhs: data(0),
        args: [addE(addE(param(0), mulE(param(1), data(1))), gather("tparam", 0, 2)), param(4)],
      },
      { kind: "distribution", family: "normal", n: 1, lhs: param(0), args: [c(1), c(10)] },
      { kind: "distribution", family: "normal", n: 1, lhs: param(1), args: [c(0), c(10)] },
      { kind: "distribution", family: "student_t", n: 1, lhs: param(2), args: [c(3), c(0), c(2.5)] },
      { kind: "distribution", family: "student_t", n: 1, lhs: param(4), args: [c(3), c(0), c(2.5)] },
      { kind: "distribution", family: "normal", n: J, lhs: param(3), args: [c(0), c(1)] },
    ],
  };
}

/** Varying-intercept logistic regression with a GLM core: y ~ bernoulli_logit(b0 + X·b + sd·z[g]). */
export function logisticProgram(N: number, J: number, K: number): Program {
  return {
    data: [
      { name: "X", type: "real", dims: [N, K] },
      { name: "y", type: "int", dims: [N] },
      { name: "g", type: "int", dims: [N] },
    ],
    params: [
      { name: "b_Intercept", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "b", shape: { kind: "vector", n: K }, transform: { kind: "identity" } },
      { name: "sd_g", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
      { name: "z_g", shape: { kind: "vector", n: J }, transform: { kind: "identity" } },
    ],
    tparams: [{ name: "r_g", n: J, expr: mulE(param(2), param(3)) }],
    statements: [
      {
        kind: "distribution",
        family: "bernoulli_logit",
        n: N,
        lhs: data(1),
        args: [addE(addE(param(0), { op: "dotRow", matrix: 0, src: "param", id: 1 }), gather("tparam", 0, 2))],
      },
      { kind: "distribution", family: "normal", n: 1, lhs: param(0), args: [c(0), c(5)] },
      { kind: "distribution", family: "normal", n: K, lhs: param(1), args: [c(0), c(2)] },
      { kind: "distribution", family: "student_t", n: 1, lhs: param(2), args: [c(3), c(0), c(2.5)] },
      { kind: "distribution", family: "normal", n: J, lhs: param(3), args: [c(0), c(1)] },
    ],
  };
}

/**
 * sleepstudy, Reaction ~ Days + (Days | Subject), brms-style r = diag(sd)·L·z with K = 2. Until
 * choleskyCorr parameters compile, L is written through its one free entry rho ∈ (-1, 1):
 * L = [[1, 0], [rho, sqrt(1 - rho²)]], and LKJ(2) on L is, for K = 2, (η − 1)·log(1 − rho²) up to a constant.
 */
export function sleepstudyProgram(N: number, J: number): Program {
  const z = (row: number): Expr => ({ op: "row", src: "param", id: 3, row });
  const sd = (k: number): Expr => ({ op: "elem", src: "param", id: 2, index: k });
  const rho = param(4);
  const oneMinusRho2: Expr = { op: "binary", fn: "sub", a: c(1), b: { op: "unary", fn: "square", arg: rho } };
  return {
    data: [
      { name: "Reaction", type: "real", dims: [N] },
      { name: "Days", type: "real", dims: [N] },
      { name: "Subject", type: "int", dims: [N] },
    ],
    params: [
      { name: "b_Intercept", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "b_Days", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "sd_1", shape: { kind: "vector", n: 2 }, transform: { kind: "lower", lb: 0 } },
      { name: "z_1", shape: { kind: "matrix", rows: 2, cols: J }, transform: { kind: "identity" } },
      { name: "rho", shape: { kind: "scalar" }, transform: { kind: "interval", lb: -1, ub: 1 } },
      { name: "sigma", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
    ],
    tparams: [
      { name: "r_1_1", n: J, expr: mulE(sd(0), z(0)) },
      {
        name: "r_1_2",
        n: J,
        expr: mulE(sd(1), addE(mulE(rho, z(0)), mulE({ op: "unary", fn: "sqrt", arg: oneMinusRho2 }, z(1)))),
      },
    ],
    statements: [
      {
        kind: "distribution",
        family: "normal",
        n: N,
        lhs: data(0),
        args: [addE(addE(addE(param(0), mulE(param(1), data(1))), gather("tparam", 0, 2)), mulE(gather("tparam", 1, 2), data(1))), param(5)],
      },
      { kind: "distribution", family: "normal", n: 1, lhs: param(0), args: [c(250), c(100)] },
      { kind: "distribution", family: "normal", n: 1, lhs: param(1), args: [c(0), c(50)] },
      { kind: "distribution", family: "student_t", n: 2, lhs: param(2), args: [c(3), c(0), c(50)] },
      { kind: "distribution", family: "student_t", n: 1, lhs: param(5), args: [c(3), c(0), c(50)] },
      { kind: "distribution", family: "normal", n: J, lhs: z(0), args: [c(0), c(1)] },
      { kind: "distribution", family: "normal", n: J, lhs: z(1), args: [c(0), c(1)] },
      { kind: "target", n: 1, expr: { op: "unary", fn: "log", arg: oneMinusRho2 } },
    ],
  };
}

/**
 * sleepstudy as brms writes it: r = (diag(sd)·L·z)ᵀ with L a cholesky_factor_corr[2] parameter and
 * lkj_corr_cholesky(2) on it — the same model as bench/stan/sleepstudy_slopes.stan.
 */
export function sleepstudyCholeskyProgram(N: number, J: number): Program {
  const z = (row: number): Expr => ({ op: "row", src: "param", id: 3, row });
  const sd = (k: number): Expr => ({ op: "elem", src: "param", id: 2, index: k });
  const L = (index: number): Expr => ({ op: "elem", src: "param", id: 4, index });
  const p = sleepstudyProgram(N, J);
  return {
    ...p,
    params: [
      ...p.params.slice(0, 4),
      { name: "L_1", shape: { kind: "choleskyCorr", k: 2 }, transform: { kind: "choleskyCorr" } },
      p.params[5],
    ],
    tparams: [
      { name: "r_1_1", n: J, expr: mulE(sd(0), z(0)) },
      { name: "r_1_2", n: J, expr: mulE(sd(1), addE(mulE(L(2), z(0)), mulE(L(3), z(1)))) },
    ],
    statements: [...p.statements.slice(0, 7), { kind: "lkjCorrCholesky", param: 4, eta: c(2) }],
  };
}

/**
 * The shape of posteriordb's dogs_nonhierarchical prior: J rows beta_j ~ multi_normal_cholesky(mu,
 * diag(sigma) L), L ~ lkj_corr_cholesky(eta), here with eta a parameter too.
 * params 0: B[J, K] identity; 1: mu[K] identity; 2: L choleskyCorr K; 3: sigma[K] lower 0; 4: eta lower 0.
 */
export function mvnProgram(J: number, K: number): Program {
  return {
    data: [],
    params: [
      { name: "B", shape: { kind: "matrix", rows: J, cols: K }, transform: { kind: "identity" } },
      { name: "mu", shape: { kind: "vector", n: K }, transform: { kind: "identity" } },
      { name: "L", shape: { kind: "choleskyCorr", k: K }, transform: { kind: "choleskyCorr" } },
      { name: "sigma", shape: { kind: "vector", n: K }, transform: { kind: "lower", lb: 0 } },
      { name: "eta", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
    ],
    tparams: [],
    statements: [
      {
        kind: "multiNormalCholesky", n: J, k: K,
        y: { src: "param", id: 0 }, mu: { src: "param", id: 1 }, L: { src: "param", id: 2 }, scale: { src: "param", id: 3 },
      },
      { kind: "lkjCorrCholesky", param: 2, eta: { op: "ref", src: "param", id: 4 } },
    ],
    generated: [
      { kind: "logLik", name: "log_lik", statement: 0 },
      { kind: "rngMultiNormalCholesky", name: "B_rep", n: J, k: K, mu: { src: "param", id: 1 }, L: { src: "param", id: 2 }, scale: { src: "param", id: 3 } },
    ],
  };
}
