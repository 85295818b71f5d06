/** IR statement kinds beyond `distribution`: the multivariate normal, the normal-normal, Poisson-Gamma and beta-binomial marginals, dirichlet, target. */
import type { Expr, Program, ProgramData, Statement } from "../../../src/ir/types.js";
import { c, data, mvnProgram, param } from "../models.js";
import { twoScaleProgram } from "../support/countMarginal.js";

/** Four rows of y ~ multi_normal_cholesky(mu, L), K = 3, L a Cholesky-factor correlation parameter. */
export function multiNormalProgram(): { program: Program; data: ProgramData } {
  return {
    program: {
      data: [{ name: "y", type: "real", dims: [4, 3] }],
      params: [
        { name: "mu", shape: { kind: "vector", n: 3 }, transform: { kind: "identity" } },
        { name: "L", shape: { kind: "choleskyCorr", k: 3 }, transform: { kind: "choleskyCorr" } },
      ],
      tparams: [],
      statements: [
        { kind: "lkjCorrCholesky", param: 1, eta: c(2) },
        { kind: "multiNormalCholesky", n: 4, k: 3, y: { src: "data", id: 0 }, mu: { src: "param", id: 0 }, L: { src: "param", id: 1 } },
      ],
    },
    data: [Float64Array.from([0.1, -0.4, 1.2, 0.7, 0.3, -1.1, -0.2, 0.9, 0.4, 1.5, -0.6, 0.0])],
  };
}

/** Gaussian varying intercepts integrated out (rows sorted by group, as the run-length sums expect and also unsorted). */
export function marginalProgram(sorted: boolean): { program: Program; data: ProgramData } {
  const codes = sorted ? Int32Array.from([1, 1, 1, 2, 2, 3, 3, 3]) : Int32Array.from([2, 1, 3, 1, 2, 3, 1, 3]);
  return {
    program: {
      data: [
        { name: "y", type: "real", dims: [8] },
        { name: "g", type: "int", dims: [8] },
      ],
      params: [
        { name: "mu", shape: { kind: "scalar" }, transform: { kind: "identity" } },
        { name: "tau", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
        { name: "sigma", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
      ],
      tparams: [],
      statements: [
        { kind: "distribution", family: "normal", n: 1, lhs: param(1), args: [c(0), c(1)] },
        { kind: "distribution", family: "normal", n: 1, lhs: param(2), args: [c(0), c(1)] },
        { kind: "normalNormalMarginal", n: 8, J: 3, group: 1, y: data(0), sigma: param(2), mu: param(0), tau: param(1) },
      ],
    },
    data: [Float64Array.from([1.2, 0.8, 1.9, -0.3, 0.1, 2.2, 2.9, 2.4]), codes],
  };
}

/** A simplex with a Dirichlet prior and a `target +=` statement on it. */
export function dirichletProgram(): { program: Program; data: ProgramData } {
  return {
    program: {
      data: [],
      params: [{ name: "p", shape: { kind: "vector", n: 4 }, transform: { kind: "simplex" } }],
      tparams: [],
      statements: [
        { kind: "dirichlet", k: 4, y: param(0), alpha: c(1.5) },
        { kind: "target", n: 4, expr: { op: "unary", fn: "log1p", arg: param(0) } },
      ],
    },
    data: [],
  };
}

/**
 * Rows of a parameter matrix B ~ multi_normal_cholesky(mu, diag(sigma) L) with L ~ lkj(eta), eta a
 * parameter (the shape of test/compiler/multivariate.test.ts's program): every adjoint array non-null.
 */
export function multiNormalParamsProgram(): { program: Program; data: ProgramData } {
  return { program: mvnProgram(5, 3), data: [] };
}

/**
 * Two positive parameters a (exponential(1) prior) and b feeding one count-marginal statement over 8
 * groups: test/compiler/support/countMarginal.ts's program (a or a·u_j, b·v_j with per-group data
 * multipliers u, v) with a's prior in front.
 */
function countMarginalProgram(second: { name: string; values: Int32Array | Float64Array }, Y: Int32Array, perA: boolean, statement: (a: Expr, b: Expr) => Statement): { program: Program; data: ProgramData } {
  const two = twoScaleProgram(Y, second, perA, true, statement);
  const prior: Statement = { kind: "distribution", family: "exponential", n: 1, lhs: param(0), args: [c(1)] };
  return { program: { ...two.program, statements: [prior, ...two.program.statements] }, data: two.data };
}

/**
 * Gamma-Poisson rates integrated out from per-group totals (small and large, one group without
 * exposure): shape a (shared, pooled rising factorials) or a·u_j (per group), rate b·v_j.
 */
export function poissonGammaProgram(perGroupShape: boolean): { program: Program; data: ProgramData } {
  return countMarginalProgram({ name: "T", values: Float64Array.from([2.5, 0, 8.1, 1.2, 300, 4.4, 0.3, 9]) }, Int32Array.from([0, 3, 41, 7, 1500, 22, 1, 33]), perGroupShape, (shape, rate) => ({
    kind: "poissonGammaMarginal", J: 8, y: 0, t: 1, shape, rate,
  }));
}

/** Beta-distributed binomial probabilities integrated out from success and trial totals: a shared or a·u_j, b·v_j. */
export function betaBinomialProgram(perGroupA: boolean): { program: Program; data: ProgramData } {
  return countMarginalProgram({ name: "N", values: Int32Array.from([2, 3, 50, 20, 1500, 30, 1, 0]) }, Int32Array.from([0, 3, 41, 7, 900, 22, 1, 0]), perGroupA, (a, b) => ({
    kind: "betaBinomialMarginal", J: 8, y: 0, n: 1, a, b,
  }));
}
