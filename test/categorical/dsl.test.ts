// The DSL's categoricalLogit constructor: a multinomial-logit likelihood over K − 1 per-row predictors
// compiles to Σ categorical lpmf + priors, refuses no predictors, and a short seeded fit recovers the
// simulation's coefficients with category draws and per-row log-likelihoods.
import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { categoricalLogitLpmf, categoricalLogitRng } from "../../src/distributions/categorical.js";
import { normalLpdf } from "../../src/distributions/index.js";
import { buildModel, categoricalLogit, model, normal } from "../../src/model/index.js";
import { logLikDsl, posteriorPredictDsl } from "../../src/predict/index.js";
import { createRng } from "../../src/random/rng.js";

/** y ~ categorical_logit(a2 + b2·x, a3 + b3·x), all four ~ normal(0, 2). */
const multinomial = model("multinomial", ({ data, param, observe }) => {
  const y = data.ints("y", { lower: 1 });
  const x = data.reals("x");
  const [a2, a3, b2, b3] = ["a2", "a3", "b2", "b3"].map((name) => param(name, normal(0, 2)));
  observe(y, categoricalLogit(a2.add(b2.mul(x)), a3.add(b3.mul(x))));
});

const TRUTH = { a: [0.4, -0.3], b: [1.2, -0.8] };

function simulated(): { y: number[]; x: number[] } {
  const rng = createRng(41, 1);
  const out = { y: [] as number[], x: [] as number[] };
  for (let i = 0; i < 300; i++) {
    const x = rng.normal();
    out.x.push(x);
    out.y.push(categoricalLogitRng(rng, [TRUTH.a[0] + TRUTH.b[0] * x, TRUTH.a[1] + TRUTH.b[1] * x]));
  }
  return out;
}

describe("DSL categoricalLogit", () => {
  it("the log density is Σ categorical lpmf + the priors", () => {
    const d = simulated();
    const built = buildModel(multinomial, d);
    const m = compileModel(built.program, built.data);
    const theta = Float64Array.from({ length: m.dim }, (_, j) => 0.4 * Math.sin(j + 1));
    let want = Array.from(theta).reduce((s, v) => s + normalLpdf(v, 0, 2), 0);
    for (let i = 0; i < d.y.length; i++) want += categoricalLogitLpmf(d.y[i], [theta[0] + theta[2] * d.x[i], theta[1] + theta[3] * d.x[i]]);
    expect(m.logDensityGradient(theta, new Float64Array(m.dim))).toBeCloseTo(want, 9);
  });

  it("needs at least one predictor", () => {
    expect(() => categoricalLogit()).toThrow(/at least one/);
  });

  it("a short seeded fit recovers the coefficients; draws are categories 1..3 and log_lik is per row", async () => {
    const d = simulated();
    const f = await fit(multinomial, d, { chains: 2, warmup: 300, draws: 300, seed: 5, threads: 1 });
    for (const [name, truth] of [["a2", TRUTH.a[0]], ["a3", TRUTH.a[1]], ["b2", TRUTH.b[0]], ["b3", TRUTH.b[1]]] as const) {
      const v = f.get(name);
      const mean = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
      // Within 4 posterior sds of the simulation's value (300 rows; the seeded fit is deterministic).
      expect(Math.abs(mean - truth), name).toBeLessThan(4 * sd);
    }
    const yrep = posteriorPredictDsl(f);
    expect(yrep.observations).toBe(300);
    expect(yrep.data.every((v) => v === 1 || v === 2 || v === 3)).toBe(true);
    const ll = logLikDsl(f);
    expect(ll.data.every((v) => v < 0 && Number.isFinite(v))).toBe(true);
  });
});
