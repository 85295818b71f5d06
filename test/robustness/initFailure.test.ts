import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { diagnosePoint, explainInitFailure, type DiagnosableModel } from "../../src/api/initDiagnosis.js";
import { UserError } from "../../src/errors.js";
import { model, normal, poisson } from "../../src/model/index.js";
import { createRng } from "../../src/random/rng.js";

const quick = { chains: 2, warmup: 50, draws: 50, seed: 4, threads: 1 } as const;

// A rate declared without { lower: 0 }: each of 30 elements is negative in half of uniform(−2, 2),
// so no random point in 100 tries has all 30 positive (probability 100 · 2⁻³⁰).
const unboundedRate = model("unbounded_rate", ({ data, param, observe }) => {
  const y = data.ints("y", { lower: 0 });
  param("mu", normal(0, 1));
  const lambda = param("lambda", normal(3, 1), { size: y.length });
  observe(y, poisson(lambda));
});
const counts = { y: Array.from({ length: 30 }, (_, i) => i % 5) };

const dataScale = model("data_scale", ({ data, param, observe }) => {
  const y = data.reals("y");
  const s = data.reals("s");
  const mu = param("mu", normal(0, 1));
  observe(y, normal(mu, s));
});

async function failure(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(() => null, (x: unknown) => x as Error);
  if (e === null) throw new Error("expected the fit to fail");
  return e;
}

describe("fit: initialisation failures name the parameter", () => {
  it("a rate without a lower bound: the message names lambda and suggests the constraint", async () => {
    const e = await failure(fit(unboundedRate, counts, quick));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/found no initial values/);
    expect(e.message).toMatch(/because of parameter "lambda" \(10 of 10\)/);
    expect(e.message).toMatch(/\{ lower: 0 \}/);
    expect(e.message).not.toMatch(/"mu"/);
  });

  it("the same in worker threads (the diagnosis runs on the main thread's compiled model)", async () => {
    const e = await failure(fit(unboundedRate, counts, { ...quick, threads: 2 }));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/because of parameter "lambda"/);
  });

  it("a negative scale given as data: no parameter is blamed, the data are", async () => {
    const e = await failure(fit(dataScale, { y: [1, 2, 3], s: [1, -1, 2] }, quick));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/not finite even with every parameter at typical values, so the data or a constant argument is outside/);
  });

  it("user initial values outside the likelihood's support name the parameter at the given point", async () => {
    const init = [{ mu: 0, lambda: counts.y.map((_, i) => (i === 3 ? -1 : 2)) }];
    const e = await failure(fit(unboundedRate, counts, { ...quick, init }));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/initial values given for chain 1/);
    expect(e.message).toMatch(/At 2 of 2 given initial points: .*parameter "lambda"/);
  });

  it("a fit that starts is not touched (no diagnosis text on other user errors)", async () => {
    const e = await failure(fit(dataScale, { y: [1, 2, 3], s: [1, 1, 2] }, { ...quick, chains: 0 }));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe("sample: chains must be a positive integer, got 0");
  });
});

describe("diagnosePoint / explainInitFailure on hand-written densities", () => {
  // a: a scale (must be > 0); b: harmless; c: its gradient is infinite at 0 (sqrt(|c|)).
  const m: DiagnosableModel = {
    dim: 3,
    params: [
      { name: "a", shape: { kind: "scalar" }, transform: "identity", uOff: 0, uSize: 1, xOff: 0, xSize: 1, names: ["a"] },
      { name: "b", shape: { kind: "scalar" }, transform: "identity", uOff: 1, uSize: 1, xOff: 1, xSize: 1, names: ["b"] },
      { name: "c", shape: { kind: "scalar" }, transform: "identity", uOff: 2, uSize: 1, xOff: 2, xSize: 1, names: ["c"] },
    ],
    logDensityGradient(t, g) {
      g[0] = 1 / t[0];
      g[1] = -t[1];
      g[2] = t[2] === 0 ? Infinity : 0.5 / Math.sqrt(Math.abs(t[2]));
      return t[0] > 0 ? Math.log(t[0]) - 0.5 * t[1] * t[1] + Math.sqrt(Math.abs(t[2])) : -Infinity;
    },
  };
  it("blames the value of a, the gradient of c, and nothing at a good point", () => {
    expect(diagnosePoint(m, Float64Array.from([-1, 0.3, 0.5]))).toEqual({ usable: false, valueCulprits: ["a"], gradientCulprits: [] });
    expect(diagnosePoint(m, Float64Array.from([1, 0.3, 0]))).toEqual({ usable: false, valueCulprits: [], gradientCulprits: ["c"] });
    expect(diagnosePoint(m, Float64Array.from([1, 0.3, 0.5])).usable).toBe(true);
  });
  it("random points: explains only a systematic failure (a is negative in about half of them)", () => {
    expect(explainInitFailure(m, null, createRng(1, 9), (n) => n)).toBeNull();
    const msg = explainInitFailure(m, [Float64Array.from([1, 0, 0])], createRng(1, 9), (n) => `name of ${n}`);
    expect(msg).toMatch(/At 1 of 1 given initial point: the gradient is not finite with respect to "name of c"/);
  });
});
