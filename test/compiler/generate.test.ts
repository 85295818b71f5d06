import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import type { Program } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";
import { lgamma } from "../../src/math/lgamma.js";
import { EIGHT_SIGMA, PUMP_T, PUMP_X, eightSchoolsOffsetMultiplier, pumps, radonProgram } from "./models.js";

describe("CompiledModel.generate", () => {
  it("log_lik of the Poisson statement equals the closed form per observation", () => {
    const { program, data } = pumps();
    const withGq: Program = { ...program, generated: [{ kind: "logLik", name: "log_lik", statement: 3 }] };
    const model = compileModel(withGq, data);
    expect(model.generatedNames).toEqual(Array.from({ length: 10 }, (_, i) => `log_lik[${i + 1}]`));
    const theta = Float64Array.from({ length: 12 }, (_, k) => 0.1 * k - 0.4);
    const out = new Float64Array(10);
    model.generate(createRng(1, 0), theta, out);
    for (let i = 0; i < 10; i++) {
      const mean = Math.exp(theta[2 + i]) * PUMP_T[i];
      expect(out[i]).toBeCloseTo(PUMP_X[i] * Math.log(mean) - mean - lgamma(PUMP_X[i] + 1), 12);
    }
  });

  it("log_lik with loop-invariant terms (scalar sigma) equals the normal density per observation", () => {
    const N = 9;
    const J = 3;
    const y = Float64Array.from({ length: N }, (_, i) => Math.sin(i));
    const floor = Float64Array.from({ length: N }, (_, i) => i % 2);
    const county = Int32Array.from({ length: N }, (_, i) => 1 + (i % J));
    const program: Program = { ...radonProgram(N, J), generated: [{ kind: "logLik", name: "log_lik", statement: 0 }] };
    const model = compileModel(program, [y, floor, county]);
    const theta = Float64Array.from({ length: model.dim }, (_, k) => 0.15 * k - 0.3);
    const out = new Float64Array(N);
    model.generate(createRng(1, 0), theta, out);
    const sd = Math.exp(theta[2]);
    const sigma = Math.exp(theta[3 + J]);
    for (let i = 0; i < N; i++) {
      const mu = theta[0] + theta[1] * floor[i] + sd * theta[3 + county[i] - 1];
      const expected = -0.5 * ((y[i] - mu) / sigma) ** 2 - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
      expect(out[i]).toBeCloseTo(expected, 12);
    }
  });

  it("y_rep ~ normal(theta, sigma) is seeded and has standardised residuals with mean 0 and sd 1", () => {
    const { program, data } = eightSchoolsOffsetMultiplier();
    const withGq: Program = {
      ...program,
      generated: [{ kind: "rng", name: "y_rep", family: "normal", n: 8, args: [{ op: "ref", src: "param", id: 2 }, { op: "ref", src: "data", id: 1 }] }],
    };
    const model = compileModel(withGq, data);
    const theta = Float64Array.from({ length: 10 }, (_, k) => 0.2 * k - 0.5);
    const constrained = new Float64Array(model.outputNames.length);
    model.constrain(theta, constrained);
    const rng = createRng(5, 0);
    const out = new Float64Array(8);
    const draws = 4000;
    let sum = 0;
    let sumSq = 0;
    for (let d = 0; d < draws; d++) {
      model.generate(rng, theta, out);
      for (let j = 0; j < 8; j++) {
        const r = (out[j] - constrained[2 + j]) / EIGHT_SIGMA[j];
        sum += r;
        sumSq += r * r;
      }
    }
    const n = draws * 8;
    // Mean of n standard normals: sd 1/√n, so 4/√n ≈ 0.022 is a 4-sigma bound; var estimate sd ≈ √(2/n).
    expect(Math.abs(sum / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    const a = new Float64Array(8);
    const b = new Float64Array(8);
    model.generate(createRng(9, 2), theta, a);
    model.generate(createRng(9, 2), theta, b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
