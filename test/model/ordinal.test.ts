// The DSL's orderedLogistic / orderedProbit constructors: an ordinal likelihood with an `ordered`
// cutpoint parameter compiles to the sum of the distribution functions, and a small hierarchical
// ordinal model fits, with posterior-predictive categories and pointwise log-likelihoods.
import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { normalLpdf, orderedLogisticLpmf, orderedLogisticRng, orderedProbitLpmf } from "../../src/distributions/index.js";
import { buildModel, exponential, model, normal, orderedLogistic, orderedProbit } from "../../src/model/index.js";
import { logLikDsl, posteriorPredictDsl } from "../../src/predict/index.js";
import { createRng } from "../../src/random/rng.js";

/** y ~ ordered_*(b·x + a[g], c): c ordered ~ normal(0, 3), b ~ normal(0, 2), a ~ normal(0, tau), tau ~ exponential(1). */
function ordinal(link: "logit" | "probit") {
  return model(`ord_${link}`, ({ data, param, observe }) => {
    const y = data.ints("y", { lower: 1 });
    const x = data.reals("x");
    const g = data.index("g", { groups: 6 });
    const c = param("c", normal(0, 3), { size: 3, constraint: "ordered" });
    const b = param("b", normal(0, 2));
    const tau = param("tau", exponential(1), { lower: 0 });
    const a = param("a", normal(0, tau), { size: 6 });
    const eta = b.mul(x).add(a.at(g));
    observe(y, link === "logit" ? orderedLogistic(eta, c) : orderedProbit(eta, c));
  });
}

function simulated(): { y: number[]; x: number[]; g: number[] } {
  const rng = createRng(99, 1);
  const a = Array.from({ length: 6 }, () => 0.7 * rng.normal());
  const out = { y: [] as number[], x: [] as number[], g: [] as number[] };
  for (let i = 0; i < 120; i++) {
    const x = rng.normal();
    out.x.push(x);
    out.g.push(1 + (i % 6));
    out.y.push(orderedLogisticRng(rng, 0.9 * x + a[i % 6], [-1, 0.5, 2]));
  }
  return out;
}

describe("DSL orderedLogistic / orderedProbit", () => {
  it.each(["logit", "probit"] as const)("%s: the log density is Σ lpmf + the priors + the ordered transform's log|J|", (link) => {
    const d = simulated();
    const built = buildModel(ordinal(link), d);
    const m = compileModel(built.program, built.data);
    const theta = Float64Array.from({ length: m.dim }, (_, j) => 0.3 * Math.sin(j + 1));
    const x = new Float64Array(m.outputNames.length);
    m.constrain(theta, x);
    const c = [x[0], x[1], x[2]];
    const [b, tau] = [x[3], x[4]];
    const a = x.slice(5, 11);
    const lpmf = link === "logit" ? orderedLogisticLpmf : orderedProbitLpmf;
    let want = c.reduce((s, v) => s + normalLpdf(v, 0, 3), 0) + normalLpdf(b, 0, 2) + (Math.log(1) - tau) + Array.from(a).reduce((s, v) => s + normalLpdf(v, 0, tau), 0);
    for (let i = 0; i < d.y.length; i++) want += lpmf(d.y[i], b * d.x[i] + a[d.g[i] - 1], c);
    // The transforms' log|J|: ordered adds u_2 + u_3 (the log increments), lower(0) adds log tau.
    want += theta[1] + theta[2] + theta[4];
    expect(m.logDensityGradient(theta, new Float64Array(m.dim))).toBeCloseTo(want, 9);
  });

  it("refuses cutpoints that are not a named vector", () => {
    const bad = model("bad", ({ data, param, observe }) => {
      const y = data.ints("y", { lower: 1 });
      const b = param("b", normal(0, 1));
      observe(y, orderedLogistic(b, b.mul(2)));
    });
    expect(() => buildModel(bad, { y: [1, 2] })).toThrow("the cutpoints of ordered_logistic must be a named vector");
  });

  it("a short fit recovers the cutpoints; predictions are categories 1..4 and log_lik is per row", async () => {
    const d = simulated();
    const f = await fit(ordinal("logit"), d, { chains: 2, warmup: 300, draws: 300, seed: 5, threads: 1 });
    for (const [k, truth] of [[1, -1], [2, 0.5], [3, 2]] as const) {
      const v = f.get(`c[${k}]`);
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
      // Within 4 posterior sds of the simulation's value (120 rows; the seeded fit is deterministic).
      expect(Math.abs(m - truth), `c[${k}]`).toBeLessThan(4 * sd);
    }
    const yrep = posteriorPredictDsl(f);
    expect(yrep.observations).toBe(120);
    expect(yrep.data.every((v) => v >= 1 && v <= 4 && Number.isInteger(v))).toBe(true);
    const ll = logLikDsl(f);
    expect(ll.observations).toBe(120);
    expect(ll.data.every((v) => v < 0 && Number.isFinite(v))).toBe(true);
  });
});
