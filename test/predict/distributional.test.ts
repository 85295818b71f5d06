// Distributional models (`sigma ~ z`, `shape ~ z`) downstream of the IR: predict/'s log_lik, epred
// and response draws use each row's own family parameter; new data need the distributional part's
// columns; model.json keeps its encoding; the normal–normal marginalisation integrates the group
// effects out exactly with a per-row sigma (checked against the closed-form marginal likelihood),
// while the correlated and crossed reductions (one sigma only) decline.
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { normalLpdf } from "../../src/distributions/index.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { marginalLogDensity } from "../../src/marginal/target.js";
import { createDraws, setValue, type Draws } from "../../src/posterior/draws.js";
import { logLikFromDraws, predictFromDraws } from "../../src/predict/formulaPredict.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";
import { createRng } from "../../src/random/rng.js";
import { onePoint as onePointOf } from "./support/onePoint.js";

const rng = createRng(20261129, 43);
const N = 30;
const data = { y: [] as number[], x: [] as number[], z: [] as number[], g: [] as string[], h: [] as string[], count: [] as number[] };
for (let i = 0; i < N; i++) {
  const x = rng.normal();
  const z = (i % 3) - 1;
  data.x.push(x);
  data.z.push(z);
  data.g.push("abcde"[i % 5]);
  data.h.push("pq"[i % 2]);
  data.y.push(1 + 0.5 * x + Math.exp(0.3 * z) * rng.normal());
  data.count.push((i * 7) % 6);
}

const onePoint = (m: ReturnType<typeof buildFormulaModel>, seed: number) => onePointOf(m, seed, N);

describe("predictions of distributional models", () => {
  for (const [family, formula, y] of [
    ["gaussian", "y ~ x + (1 | g), sigma ~ z", data.y],
    ["negbinomial", "bf(count ~ x + (1 | g), shape ~ z + h)", data.count],
    ["zero_inflated_poisson", "count ~ x, zi ~ z", data.count],
    ["student", "y ~ x, nu ~ z, sigma ~ h", data.y],
  ] as const) {
    it(`${family}: predict/'s log_lik (per-row parameter from the draws) equals the compiled model's generated log_lik`, () => {
      const m = buildFormulaModel({ formula, data: { ...data, y: [...y] }, family });
      const { draws, logLik } = onePoint(m, 3);
      const ll = logLikFromDraws(draws, m.design);
      // Two evaluations of the same densities (src/distributions vs the compiler's templates): 1e-10.
      for (let i = 0; i < N; i++) expect(ll.data[i], `row ${i + 1}`).toBeCloseTo(logLik[i], 10);
    });
  }

  it("gaussian: epred is the mean, and response draws spread with each row's exp(b_sigma_Intercept + b_sigma_z z)", () => {
    const m = buildFormulaModel({ formula: "y ~ x, sigma ~ z", data });
    const S = 4000;
    const names = ["b_Intercept", "b_sigma_Intercept", "b_x", "b_sigma_z"];
    expect(m.built.outputs.rename.map(([, b]) => b)).toEqual(names);
    const draws = createDraws(names, 1, S);
    const values = [1, 0.2, 0.5, 0.8];
    for (let s = 0; s < S; s++) names.forEach((_, k) => setValue(draws, k, 0, s, values[k]));
    const nd = { x: [0, 0], z: [-1, 1] };
    const ep = predictFromDraws(draws, m.design, "epred", nd);
    expect(ep.data[0]).toBe(1);
    const pr = predictFromDraws(draws, m.design, "predict", nd, { seed: 5 });
    for (const [i, z] of [[0, -1], [1, 1]]) {
      let ss = 0;
      for (let s = 0; s < S; s++) ss += (pr.data[s * 2 + i] - 1) ** 2;
      const sd = Math.sqrt(ss / S);
      // sd estimate from 4000 normal draws: relative standard error 1/sqrt(2S) ≈ 1.1 %; 5 % is > 4 SE.
      expect(sd / Math.exp(0.2 + 0.8 * z)).toBeGreaterThan(0.95);
      expect(sd / Math.exp(0.2 + 0.8 * z)).toBeLessThan(1.05);
    }
  });

  it("new data need the distributional part's columns (the missing one is named), and model.json round-trips them", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ x, sigma ~ scale(z) + h)", data });
    const { draws } = onePoint(m, 5);
    expect(() => predictFromDraws(draws, m.design, "epred", { x: [1, 2] })).toThrow(/the new data have no column 'z'/);
    const saved = JSON.parse(JSON.stringify(saveFormulaModel(m.design, [], null)));
    expect(saved.dpars[0]).toMatchObject({ dpar: "sigma", intercept: true, X: { names: ["scalez", "hq"] } });
    const back = designFromSaved(saved);
    const nd = { x: data.x.slice(0, 6), z: data.z.slice(0, 6), h: data.h.slice(0, 6) };
    const a = predictFromDraws(draws, m.design, "predict", nd, { seed: 2 });
    const b = predictFromDraws(draws, back, "predict", nd, { seed: 2 });
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    // The fitted rows through new data give the fitted rows' log densities (same scale() centre).
    const ll = logLikFromDraws(draws, m.design);
    const sigma0 = Math.exp(draws.data[1] + m.design.dpars[0].X.values[0] * draws.data[3] + m.design.dpars[0].X.values[1] * draws.data[4]);
    expect(ll.data[0]).toBeCloseTo(normalLpdf(data.y[0], draws.data[0] + draws.data[2] * data.x[0], sigma0), 10);
  });
});

describe("marginalisation with a per-row sigma", () => {
  const priors = ["Intercept ~ normal(0, 5)", "sd ~ normal(0, 1)", "Intercept_sigma ~ normal(0, 1)", "b_sigma ~ normal(0, 1)"];

  it("normal–normal integrates r_g out exactly: log density differences equal the closed-form heteroscedastic marginal", () => {
    const m = buildFormulaModel({ formula: "y ~ 1 + (1 | g), sigma ~ z", data, priors });
    const plan = planMarginal(m.built.program, m.built.data);
    expect(plan?.blocks.map((b) => b.kind)).toEqual(["normal_normal"]);
    // The plan's program constrains (same unconstrained layout); the marginal target adds the blocks.
    const c = compileModel(plan!.program, plan!.data);
    const target = marginalLogDensity(plan!);
    const zbar = data.z.reduce((a, b) => a + b) / N;
    const groups = [...new Set(data.g)];
    const hand = (t: Float64Array) => {
      const v = new Float64Array(c.outputNames.length);
      c.constrain(t, v);
      const get = (n: string) => v[c.outputNames.indexOf(n)];
      const [mu, tau, as, bs] = [get("Intercept"), get("sd_1[1]"), get("Intercept_sigma"), get("b_sigma[1]")];
      // Priors, and log|d sd / d log sd| for sd's lower bound (half-normal's constant cancels in differences).
      let lp = normalLpdf(mu, 0, 5) + normalLpdf(tau, 0, 1) + Math.log(tau) + normalLpdf(as, 0, 1) + normalLpdf(bs, 0, 1);
      for (const g of groups) {
        // y_g ~ MVN(mu 1, D + tau² 1 1ᵀ), D = diag(sigma_i²): Sherman–Morrison and the matrix determinant lemma.
        let logDetD = 0, invSum = 0, quad = 0, rs = 0, m = 0;
        for (let i = 0; i < N; i++) {
          if (data.g[i] !== g) continue;
          const s2 = Math.exp(2 * (as + bs * (data.z[i] - zbar)));
          const r = data.y[i] - mu;
          logDetD += Math.log(s2);
          invSum += 1 / s2;
          quad += (r * r) / s2;
          rs += r / s2;
          m++;
        }
        const k = 1 + tau * tau * invSum;
        lp += -0.5 * (m * Math.log(2 * Math.PI) + logDetD + Math.log(k) + quad - (tau * tau * rs * rs) / k);
      }
      return lp;
    };
    const r = createRng(11, 2);
    const grad = new Float64Array(c.dim);
    const t0 = Float64Array.from({ length: c.dim }, () => 0.3 * r.normal());
    const l0 = target.logDensityGradient(t0, grad);
    for (let k = 0; k < 4; k++) {
      const t = Float64Array.from({ length: c.dim }, () => 0.5 * r.normal());
      // Two closed forms of the same Gaussian integral, summed over 30 rows: 1e-9 absolute.
      expect(target.logDensityGradient(t, grad) - l0).toBeCloseTo(hand(t) - hand(t0), 9);
    }
  });

  it("the correlated and crossed reductions (one sigma) decline a per-row sigma; the plain models take them", () => {
    const kinds = (formula: string) => {
      const m = buildFormulaModel({ formula, data });
      return (planMarginal(m.built.program, m.built.data)?.blocks ?? []).map((b) => (b.correlated ? "correlated" : b.crossed ? "crossed" : b.kind));
    };
    expect(kinds("y ~ x + (1 + x | g)")).toEqual(["correlated"]);
    expect(kinds("y ~ x + (1 + x | g), sigma ~ z")).not.toContain("correlated");
    expect(kinds("y ~ 1 + (1 | g) + (1 | h)")).toContain("crossed");
    expect(kinds("y ~ 1 + (1 | g) + (1 | h), sigma ~ z")).not.toContain("crossed");
  });
});

describe("the pooling comparison", () => {
  it("refuses a distributional formula (its plug-in analyses take sigma as one constant)", async () => {
    const { poolingFromFormula } = await import("../../src/pooling/index.js");
    await expect(poolingFromFormula("y ~ 1 + (1 | g), sigma ~ z", data, "gaussian", { chains: 1, warmup: 50, draws: 50 })).rejects.toThrow(
      "pooling: distributional formulas (sigma ~ …) are not supported by the pooling comparison; fit the model with 'hbayes fit' instead",
    );
  });
});
