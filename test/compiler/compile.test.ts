import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import type { Program, ProgramData } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";
import { lgamma } from "../../src/math/lgamma.js";
import {
  EIGHT_SIGMA, EIGHT_Y, PUMP_T, PUMP_X, eightSchoolsNoncentered, eightSchoolsOffsetMultiplier, logisticProgram, pumps, radonProgram, sleepstudyProgram,
} from "./models.js";
import type { LogDensity } from "../../src/logDensity.js";
import { centralGradient, logDensityOf } from "../support/finiteDifferences.js";

// Closed forms written out here, independently of the compiler's templates and the reference tape.
const normalLpdf = (y: number, mu: number, s: number) => -0.5 * ((y - mu) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
const cauchyLpdf = (y: number, mu: number, s: number) => -Math.log(Math.PI * s * (1 + ((y - mu) / s) ** 2));
const gammaLpdf = (y: number, a: number, b: number) => a * Math.log(b) - lgamma(a) + (a - 1) * Math.log(y) - b * y;
const poissonLpmf = (n: number, l: number) => n * Math.log(l) - l - lgamma(n + 1);
const studentTLpdf = (y: number, nu: number, mu: number, s: number) =>
  lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(s) - ((nu + 1) / 2) * Math.log1p(((y - mu) / s) ** 2 / nu);

function randomPoint(dim: number, seed: number, scale = 0.5): Float64Array {
  const rng = createRng(seed, 0);
  return Float64Array.from({ length: dim }, () => scale * rng.normal());
}

/** Central differences, h = 1e-6: truncation error O(h² f''') ≈ 1e-12 and rounding ≈ 1e-16·|f|/h ≈ 1e-9 here. */
const finiteDiff = (model: LogDensity, theta: Float64Array): Float64Array => centralGradient(logDensityOf(model), theta, 1e-6);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < actual.length; k++) {
    expect(Math.abs(actual[k] - expected[k]), `coordinate ${k}: ${actual[k]} vs ${expected[k]}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected[k])));
  }
}

function checkAgainstReference(program: Program, data: ProgramData, seed: number): void {
  const model = compileModel(program, data);
  for (let rep = 0; rep < 3; rep++) {
    const theta = randomPoint(model.dim, seed + rep);
    const grad = new Float64Array(model.dim);
    const lp = model.logDensityGradient(theta, grad);
    const ref = referenceGradient(program, data, theta);
    // Same formulas summed in a different order: agreement to ~1e-12 relative.
    expect(Math.abs(lp - ref.value)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(ref.value)));
    expectClose(grad, ref.grad, 1e-9);
    const fd = finiteDiff(model, theta);
    expectClose(grad, fd, 1e-6);
  }
}

describe("compileModel on hand-written models", () => {
  it("eight schools (non-centred) equals its closed form and its gradient equals finite differences", () => {
    const { program, data } = eightSchoolsNoncentered();
    const model = compileModel(program, data);
    expect(model.dim).toBe(10);
    const theta = randomPoint(10, 11);
    const [mu, logTau] = theta;
    const tau = Math.exp(logTau);
    let expected = normalLpdf(mu, 0, 5) + cauchyLpdf(tau, 0, 5) + logTau;
    for (let j = 0; j < 8; j++) expected += normalLpdf(theta[2 + j], 0, 1) + normalLpdf(EIGHT_Y[j], mu + tau * theta[2 + j], EIGHT_SIGMA[j]);
    const grad = new Float64Array(10);
    expect(model.logDensityGradient(theta, grad)).toBeCloseTo(expected, 11);
    expectClose(grad, finiteDiff(model, theta), 1e-6);
  });

  it("eight schools through offset/multiplier has the same log density and gradient as the hand non-centred form", () => {
    const a = eightSchoolsNoncentered();
    const b = eightSchoolsOffsetMultiplier();
    const ma = compileModel(a.program, a.data);
    const mb = compileModel(b.program, b.data);
    const theta = randomPoint(10, 12);
    const ga = new Float64Array(10);
    const gb = new Float64Array(10);
    // normal(mu + tau·z | mu, tau) + log tau = normal(z | 0, 1): equal up to rounding.
    expect(mb.logDensityGradient(theta, gb)).toBeCloseTo(ma.logDensityGradient(theta, ga), 11);
    expectClose(gb, ga, 1e-12);
    const out = new Float64Array(mb.outputNames.length);
    mb.constrain(theta, out);
    expect(out[2 + 3]).toBeCloseTo(theta[0] + Math.exp(theta[1]) * theta[2 + 3], 14);
  });

  it("pumps (Poisson with exposure, Gamma population) equals its closed form", () => {
    const { program, data } = pumps();
    const model = compileModel(program, data);
    const theta = randomPoint(12, 13);
    const alpha = Math.exp(theta[0]);
    const beta = Math.exp(theta[1]);
    let expected = -alpha + gammaLpdf(beta, 0.1, 1) + theta[0] + theta[1];
    for (let i = 0; i < 10; i++) {
      const lambda = Math.exp(theta[2 + i]);
      expected += theta[2 + i] + gammaLpdf(lambda, alpha, beta) + poissonLpmf(PUMP_X[i], lambda * PUMP_T[i]);
    }
    const grad = new Float64Array(12);
    expect(model.logDensityGradient(theta, grad)).toBeCloseTo(expected, 10);
    expectClose(grad, finiteDiff(model, theta), 1e-6);
  });

  it("radon-style varying intercept equals its closed form", () => {
    const rng = createRng(7, 0);
    const N = 60;
    const J = 7;
    const y = Float64Array.from({ length: N }, () => 1 + rng.normal());
    const floor = Float64Array.from({ length: N }, (_, i) => i % 2);
    const county = Int32Array.from({ length: N }, (_, i) => 1 + (i % J));
    const program = radonProgram(N, J);
    const model = compileModel(program, [y, floor, county]);
    const theta = randomPoint(model.dim, 14);
    const [b0, b1, logSd] = theta;
    const z = theta.subarray(3, 3 + J);
    const logSigma = theta[3 + J];
    const sd = Math.exp(logSd);
    const sigma = Math.exp(logSigma);
    let expected = normalLpdf(b0, 1, 10) + normalLpdf(b1, 0, 10) + studentTLpdf(sd, 3, 0, 2.5) + studentTLpdf(sigma, 3, 0, 2.5) + logSd + logSigma;
    for (let j = 0; j < J; j++) expected += normalLpdf(z[j], 0, 1);
    for (let i = 0; i < N; i++) expected += normalLpdf(y[i], b0 + b1 * floor[i] + sd * z[county[i] - 1], sigma);
    expect(model.logDensityGradient(theta, new Float64Array(model.dim))).toBeCloseTo(expected, 10);
    checkAgainstReference(program, [y, floor, county], 100);
  });

  it("pumps, logistic GLM and sleepstudy-style models agree with the reference evaluator and finite differences", () => {
    checkAgainstReference(pumps().program, pumps().data, 200);
    const rng = createRng(8, 0);
    const N = 50;
    const J = 5;
    const K = 3;
    const X = Float64Array.from({ length: N * K }, () => rng.normal());
    const y = Int32Array.from({ length: N }, () => (rng.uniform() < 0.4 ? 1 : 0));
    const g = Int32Array.from({ length: N }, (_, i) => 1 + (i % J));
    checkAgainstReference(logisticProgram(N, J, K), [X, y, g], 300);
    const days = Float64Array.from({ length: N }, (_, i) => i % 10);
    const reaction = Float64Array.from({ length: N }, (_, i) => 250 + 10 * days[i] + 30 * rng.normal());
    checkAgainstReference(sleepstudyProgram(N, J), [reaction, days, g], 400);
  });

  it("a structured clone of (program, data), as a Worker receives it, compiles to the same function", () => {
    const { program, data } = pumps();
    const [p2, d2] = structuredClone([program, data]) as [Program, ProgramData];
    expect(d2[0]).toBeInstanceOf(Int32Array);
    const a = compileModel(program, data);
    const b = compileModel(p2, d2);
    expect(b.source).toBe(a.source);
    const theta = randomPoint(a.dim, 16);
    const ga = new Float64Array(a.dim);
    const gb = new Float64Array(a.dim);
    expect(b.logDensityGradient(theta, gb)).toBe(a.logDensityGradient(theta, ga));
    expect(Array.from(gb)).toEqual(Array.from(ga));
  });

  it("returns -Infinity outside the support without throwing", () => {
    const program: Program = {
      data: [{ name: "y", type: "real", dims: [3] }],
      params: [{ name: "s", shape: { kind: "scalar" }, transform: { kind: "identity" } }],
      tparams: [],
      statements: [{ kind: "distribution", family: "normal", n: 3, lhs: { op: "ref", src: "data", id: 0 }, args: [{ op: "const", value: 0 }, { op: "ref", src: "param", id: 0 }] }],
    };
    const model = compileModel(program, [Float64Array.from([1, 2, 3])]);
    expect(model.logDensityGradient(Float64Array.from([-1]), new Float64Array(1))).toBe(-Infinity);
    expect(model.logDensityGradient(Float64Array.from([NaN]), new Float64Array(1))).toBe(-Infinity);
    expect(Number.isFinite(model.logDensityGradient(Float64Array.from([1]), new Float64Array(1)))).toBe(true);
  });

  it("outputNames are Stan-style and unconstrain inverts constrain", () => {
    const { program, data } = pumps();
    const model = compileModel(program, data);
    expect(model.outputNames.slice(0, 4)).toEqual(["alpha", "beta", "lambda[1]", "lambda[2]"]);
    const theta = randomPoint(model.dim, 15);
    const out = new Float64Array(model.outputNames.length);
    model.constrain(theta, out);
    const back = model.unconstrain([out.subarray(0, 1), out.subarray(1, 2), out.subarray(2, 12)]);
    expectClose(back, theta, 1e-12);
    const s = compileModel(sleepstudyProgram(4, 2), [Float64Array.from([1, 2, 3, 4]), Float64Array.from([0, 1, 0, 1]), Int32Array.from([1, 1, 2, 2])]);
    expect(s.outputNames).toContain("z_1[2,1]");
    expect(s.outputNames).toContain("r_1_2[2]");
    expect(s.params[3]).toMatchObject({ name: "z_1", uOff: 4, uSize: 4, xOff: 4, xSize: 4 });
  });
});
