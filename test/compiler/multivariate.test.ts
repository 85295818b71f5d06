import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import { dirichletLpdf, lkjCorrCholeskyLpdfGrad, multiNormalCholeskyLpdf, multiNormalCholeskyLpdfGrad } from "../../src/distributions/index.js";
import { UserError } from "../../src/errors.js";
import type { Program, ProgramData } from "../../src/ir/types.js";
import { dirichletRng, multiNormalCholeskyRng } from "../../src/random/index.js";
import { createRng } from "../../src/random/rng.js";
import { mvnProgram } from "./models.js";
import { choleskyFactorCorr } from "../../src/transforms/choleskyFactorCorr.js";
import { simplex } from "../../src/transforms/simplex.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** diag(s) L, row-major. */
function scaled(L: Float64Array, s: Float64Array, K: number): Float64Array {
  return Float64Array.from(L, (v, r) => s[Math.floor(r / K)] * v);
}

describe("multiNormalCholesky statements", () => {
  const J = 5;
  const K = 3;
  const program = mvnProgram(J, K);
  const model = compileModel(program, []);
  const r = createRng(31, 0);
  const theta = Float64Array.from({ length: model.dim }, () => 0.6 * r.normal());
  const x = new Float64Array(model.outputNames.length);
  model.constrain(theta, x);
  const B = x.subarray(0, J * K);
  const mu = x.subarray(J * K, J * K + K);
  const L = x.subarray(J * K + K, J * K + K + K * K);
  const sigma = x.subarray(J * K + K + K * K, J * K + 2 * K + K * K);
  const eta = x[J * K + 2 * K + K * K];
  const LS = scaled(L, sigma, K);

  it("has the expected layout: J·K + K + K(K−1)/2 + K + 1 free coordinates", () => {
    expect(model.dim).toBe(J * K + K + (K * (K - 1)) / 2 + K + 1);
    expect(model.generatedNames.slice(J, J + 2)).toEqual(["B_rep[1,1]", "B_rep[1,2]"]);
  });

  it("log density = Σ_j multiNormalCholeskyLpdf(B_j | mu, diag(sigma) L) + LKJ + log-Jacobians", () => {
    let expected = 0;
    for (let j = 0; j < J; j++) expected += multiNormalCholeskyLpdf(B.subarray(j * K, j * K + K), mu, LS, K);
    const dL = new Float64Array(K * K + 1);
    expected += lkjCorrCholeskyLpdfGrad(L, K, eta, dL);
    const scratch = new Float64Array(K * K);
    const uL = theta.subarray(J * K + K, J * K + K + (K * (K - 1)) / 2);
    expected += choleskyFactorCorr.constrain(Float64Array.from(uL), 0, scratch, 0, K);
    for (let k = J * K + K + (K * (K - 1)) / 2; k < theta.length; k++) expected += theta[k]; // lower-bound Jacobians
    const grad = new Float64Array(model.dim);
    // Different algorithms (the registry's solve and LKJ constant through lbeta): agreement to 1e-12 relative.
    expect(rel(model.logDensityGradient(theta, grad), expected)).toBeLessThan(1e-12);
    // ∂/∂B and ∂/∂mu are identity-transformed, so they are the registry's partials directly.
    const dy = new Float64Array(K);
    const dmu = new Float64Array(K);
    const dLL = new Float64Array(K * K);
    const gmu = new Float64Array(K);
    for (let j = 0; j < J; j++) {
      multiNormalCholeskyLpdfGrad(B.subarray(j * K, j * K + K), mu, LS, K, dy, dmu, dLL);
      for (let k = 0; k < K; k++) {
        expect(rel(grad[j * K + k], dy[k])).toBeLessThan(1e-12);
        gmu[k] += dmu[k];
      }
    }
    for (let k = 0; k < K; k++) expect(rel(grad[J * K + k], gmu[k])).toBeLessThan(1e-12);
    // ∂/∂(log eta) = eta · ∂lkj/∂eta + 1 (its Jacobian).
    expect(rel(grad[model.dim - 1], eta * dL[K * K] + 1)).toBeLessThan(1e-10);
  });

  it("gradient equals the reference tape everywhere (L and sigma included)", () => {
    const grad = new Float64Array(model.dim);
    const lp = model.logDensityGradient(theta, grad);
    const ref = referenceGradient(program, [], theta);
    expect(rel(lp, ref.value)).toBeLessThan(1e-12);
    for (let k = 0; k < model.dim; k++) expect(rel(grad[k], ref.grad[k]), `grad[${k}]`).toBeLessThan(1e-10);
  });

  it("log_lik is each row's density and B_rep equals multiNormalCholeskyRng draw for draw", () => {
    const out = new Float64Array(J + J * K);
    model.generate(createRng(4, 1), theta, out);
    for (let j = 0; j < J; j++) expect(rel(out[j], multiNormalCholeskyLpdf(B.subarray(j * K, j * K + K), mu, LS, K))).toBeLessThan(1e-12);
    const mirror = createRng(4, 1);
    const want = new Float64Array(K);
    for (let j = 0; j < J; j++) {
      multiNormalCholeskyRng(mirror, mu, LS, want);
      for (let k = 0; k < K; k++) expect(rel(out[J + j * K + k], want[k])).toBeLessThan(1e-12);
    }
  });

  it("a data Cholesky factor with a non-positive diagonal gives -Infinity", () => {
    const p: Program = {
      data: [{ name: "Lk", type: "real", dims: [2, 2] }],
      params: [{ name: "y", shape: { kind: "vector", n: 2 }, transform: { kind: "identity" } }],
      tparams: [],
      statements: [{ kind: "multiNormalCholesky", n: 1, k: 2, y: { src: "param", id: 0 }, L: { src: "data", id: 0 } }],
    };
    const good: ProgramData = [Float64Array.from([1, 0, 0.5, 2])];
    const bad: ProgramData = [Float64Array.from([1, 0, 0.5, -2])];
    const y = Float64Array.from([0.3, -0.2]);
    const expected = multiNormalCholeskyLpdf(y, [0, 0], good[0], 2);
    expect(rel(compileModel(p, good).logDensityGradient(y, new Float64Array(2)), expected)).toBeLessThan(1e-14);
    expect(compileModel(p, bad).logDensityGradient(y, new Float64Array(2))).toBe(-Infinity);
  });
});

describe("simplex parameters and dirichlet statements", () => {
  const K = 4;
  const alpha = Float64Array.from([0.8, 2, 3.5, 1.2]);
  const program: Program = {
    data: [{ name: "alpha", type: "real", dims: [K] }],
    params: [{ name: "p", shape: { kind: "vector", n: K }, transform: { kind: "simplex" } }],
    tparams: [],
    statements: [{ kind: "dirichlet", k: K, y: { op: "ref", src: "param", id: 0 }, alpha: { op: "ref", src: "data", id: 0 } }],
    generated: [{ kind: "rngDirichlet", name: "p_rep", k: K, alpha: { op: "ref", src: "data", id: 0 } }],
  };
  const model = compileModel(program, [alpha]);

  it("a simplex of K elements has K − 1 free coordinates and constrains onto the simplex", () => {
    expect(model.dim).toBe(K - 1);
    const x = new Float64Array(K);
    model.constrain(Float64Array.from([0.3, -1.2, 2]), x);
    expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    for (const v of x) expect(v).toBeGreaterThan(0);
    const back = model.unconstrain([x]);
    expect(Array.from(back).map((v) => v.toFixed(12))).toEqual(["0.300000000000", "-1.200000000000", "2.000000000000"]);
    expect(() => model.unconstrain([[0.5, 0.5, 0.5, -0.5]])).toThrow(/simplex.unconstrain: element 4 must be >= 0/);
  });

  it("log density = dirichletLpdf(p | alpha) + the stick-breaking log-Jacobian", () => {
    const theta = Float64Array.from([0.4, -0.7, 1.1]);
    const x = new Float64Array(K);
    const logJ = simplex.constrain(theta, 0, x, 0, K);
    const lp = model.logDensityGradient(theta, new Float64Array(K - 1));
    expect(rel(lp, dirichletLpdf(x, alpha, K) + logJ)).toBeLessThan(1e-13);
  });

  it("p_rep equals dirichletRng draw for draw", () => {
    const out = new Float64Array(K);
    model.generate(createRng(6, 0), new Float64Array(K - 1), out);
    const want = dirichletRng(createRng(6, 0), alpha, new Float64Array(K));
    expect(Array.from(out)).toEqual(Array.from(want));
  });
});

describe("ordered and positive_ordered parameters", () => {
  const program: Program = {
    data: [],
    params: [
      { name: "c", shape: { kind: "vector", n: 3 }, transform: { kind: "ordered" } },
      { name: "d", shape: { kind: "vector", n: 3 }, transform: { kind: "positiveOrdered" } },
    ],
    tparams: [],
    statements: [],
  };
  const model = compileModel(program, []);

  it("constrain gives Stan's x₁ = u₁ (or exp u₁), x_k = x_{k−1} + exp(u_k), and log|J| is the sum of the exponentiated u's", () => {
    const theta = Float64Array.from([-0.5, 0.2, -1, 0.3, 0.1, -2]);
    const x = new Float64Array(6);
    model.constrain(theta, x);
    const c1 = -0.5;
    const c2 = c1 + Math.exp(0.2);
    const d1 = Math.exp(0.3);
    const d2 = d1 + Math.exp(0.1);
    expect(Array.from(x)).toEqual([c1, c2, c2 + Math.exp(-1), d1, d2, d2 + Math.exp(-2)]);
    const grad = new Float64Array(6);
    expect(model.logDensityGradient(theta, grad)).toBeCloseTo(0.2 - 1 + 0.3 + 0.1 - 2, 14);
    expect(Array.from(grad)).toEqual([0, 1, 1, 1, 1, 1]);
    expect(Array.from(model.unconstrain([x.subarray(0, 3), x.subarray(3)])).map((v) => +v.toFixed(12))).toEqual(Array.from(theta));
    expect(() => model.unconstrain([[1, 0, 2], [1, 2, 3]])).toThrow(/ordered.unconstrain: element 2 must be >= element 1/);
  });
});

describe("validation of the new constraints and statements", () => {
  const base = (): Program => ({
    data: [{ name: "Y", type: "real", dims: [2, 3] }],
    params: [
      { name: "mu", shape: { kind: "vector", n: 3 }, transform: { kind: "identity" } },
      { name: "L", shape: { kind: "choleskyCorr", k: 3 }, transform: { kind: "choleskyCorr" } },
      { name: "s", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
    ],
    tparams: [],
    statements: [{ kind: "multiNormalCholesky", n: 2, k: 3, y: { src: "data", id: 0 }, mu: { src: "param", id: 0 }, L: { src: "param", id: 1 } }],
  });
  const fails = (p: Program, msg: RegExp): void => {
    const f = () => compileModel(p, [new Float64Array(6)]);
    expect(f).toThrow(UserError);
    expect(f).toThrow(msg);
  };

  it("accepts the base program", () => {
    expect(() => compileModel(base(), [new Float64Array(6)])).not.toThrow();
  });

  it("rejects constraints on the wrong shape", () => {
    const p = base();
    p.params[2] = { name: "s", shape: { kind: "scalar" }, transform: { kind: "ordered" } };
    fails(p, /parameter 2: ordered applies to vectors/);
    const q = base();
    q.params[0] = { name: "mu", shape: { kind: "vector", n: 0 }, transform: { kind: "simplex" } };
    fails(q, /parameter 0: simplex applies to vectors of length at least 1/);
  });

  it("rejects multiNormalCholesky arrays of the wrong size or a scalar parameter as an array", () => {
    const p = base();
    p.statements[0] = { kind: "multiNormalCholesky", n: 3, k: 3, y: { src: "data", id: 0 }, L: { src: "param", id: 1 } };
    fails(p, /statement 0 y: array of 6 values where 9 are expected/);
    const q = base();
    q.statements[0] = { kind: "multiNormalCholesky", n: 2, k: 3, y: { src: "data", id: 0 }, L: { src: "param", id: 1 }, scale: { src: "param", id: 2 } };
    fails(q, /statement 0 scale: a scalar parameter cannot be read as an array/);
    const r = base();
    r.statements[0] = { kind: "multiNormalCholesky", n: 2, k: 3, y: { src: "data", id: 0 }, L: { src: "param", id: 0 } };
    fails(r, /statement 0 L: array of 3 values where 9 are expected/);
  });

  it("rejects a dirichlet of size 0 and a logLik on a target statement", () => {
    const p = base();
    p.statements.push({ kind: "dirichlet", k: 0, y: { op: "const", value: 1 }, alpha: { op: "const", value: 1 } });
    fails(p, /statement 1: dirichlet size k must be a positive integer, got 0/);
    const q = base();
    q.statements.push({ kind: "target", n: 1, expr: { op: "const", value: 1 } });
    q.generated = [{ kind: "logLik", name: "ll", statement: 1 }];
    fails(q, /generated 0: logLik needs a distribution or multiNormalCholesky statement/);
  });
});
