// Group terms in distributional formulas downstream of the IR (`sigma ~ z + (1 | g)`): predict/'s
// log_lik equals the compiled generated log_lik; unseen levels of the part's grouping factor follow
// the mean's --new-levels rule (refused unless allowed, then drawn from N(0, sd_g__sigma_Intercept));
// model.json keeps the part's groups; and the marginalisation declines: the sigma part's effects are
// not conjugate, and a block whose inputs gather another group's sampled effects is not applied
// (src/marginal/plan.ts, the penicillin rule), so the model is sampled as written.
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { createDraws, setValue, type Draws } from "../../src/posterior/draws.js";
import { logLikFromDraws, predictFromDraws } from "../../src/predict/formulaPredict.js";
import { dparLinpredDraws } from "../../src/predict/linpred.js";
import { newDataRows } from "../../src/predict/rows.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";
import { resolvePredictOptions } from "../../src/predict/types.js";
import { createRng } from "../../src/random/rng.js";
import { onePoint as onePointOf } from "./support/onePoint.js";

const rng = createRng(20261129, 45);
const N = 30;
const data = { y: [] as number[], x: [] as number[], z: [] as number[], g: [] as string[], h: [] as string[], count: [] as number[] };
for (let i = 0; i < N; i++) {
  const x = rng.normal();
  const z = (i % 3) - 1;
  data.x.push(x);
  data.z.push(z);
  data.g.push("abcde"[i % 5]);
  data.h.push("pq"[i % 2]);
  data.y.push(1 + 0.5 * x + Math.exp(0.3 * z + 0.2 * ((i % 5) - 2)) * rng.normal());
  data.count.push((i * 7) % 6);
}

const onePoint = (m: ReturnType<typeof buildFormulaModel>, seed: number) => onePointOf(m, seed, N);

/** S identical draws of the given brms-named values. */
function constantDraws(values: Record<string, number>, S: number): Draws {
  const names = Object.keys(values);
  const draws = createDraws(names, 1, S);
  for (let s = 0; s < S; s++) names.forEach((n, k) => setValue(draws, k, 0, s, values[n]));
  return draws;
}

describe("predictions with group terms in a distributional formula", () => {
  for (const [family, formula, y] of [
    ["gaussian", "bf(y ~ x + (1 | g), sigma ~ z + (1 + z | g) + (1 | h))", data.y],
    ["negbinomial", "bf(count ~ x, shape ~ (1 | g))", data.count],
    ["zero_inflated_poisson", "count ~ x + (1 | h), zi ~ (1 | g)", data.count],
  ] as const) {
    it(`${family}: predict/'s log_lik (the part's r_g__… from the draws) equals the compiled model's generated log_lik`, () => {
      const m = buildFormulaModel({ formula, data: { ...data, y: [...y] }, family });
      const { draws, logLik } = onePoint(m, 3);
      const ll = logLikFromDraws(draws, m.design);
      // Two evaluations of the same densities (src/distributions vs the compiler's templates): 1e-10.
      for (let i = 0; i < N; i++) expect(ll.data[i], `row ${i + 1}`).toBeCloseTo(logLik[i], 10);
    });
  }

  it("a level of the sigma part's factor the fit did not see is refused unless allowed; then its effect is drawn from N(0, sd)", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ x, sigma ~ (1 | g))", data });
    const names = m.built.outputs.rename.map(([, b]) => b);
    const values: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    Object.assign(values, { b_Intercept: 1, b_x: 0, b_sigma_Intercept: 0.2, sd_g__sigma_Intercept: 0.3, "r_g__sigma[b,Intercept]": 0.5 });
    const S = 8000;
    const draws = constantDraws(values, S);
    const nd = { x: [0, 0, 0], g: ["b", "new", "new"] };
    expect(() => predictFromDraws(draws, m.design, "predict", nd)).toThrow(/level 'new' of g was not in the fitted data/);
    const pr = predictFromDraws(draws, m.design, "predict", nd, { seed: 4, allowNewLevels: true, newLevels: "gaussian" });
    const sdOf = (i: number) => {
      let ss = 0;
      for (let s = 0; s < S; s++) ss += (pr.data[s * 3 + i] - 1) ** 2;
      return Math.sqrt(ss / S);
    };
    // Fitted level: sd exp(0.2 + 0.5). New level: E[exp(2(0.2 + 0.3 u))] = exp(0.4 + 2 · 0.09), u ~ N(0, 1).
    // Relative SE of these sd estimates from 8000 draws: ≤ 1.2 % (fourth moments); 5 % is > 4 SE.
    expect(sdOf(0) / Math.exp(0.7)).toBeGreaterThan(0.95);
    expect(sdOf(0) / Math.exp(0.7)).toBeLessThan(1.05);
    expect(sdOf(1) / Math.exp(0.2 + 0.09)).toBeGreaterThan(0.95);
    expect(sdOf(1) / Math.exp(0.2 + 0.09)).toBeLessThan(1.05);
    // Seeded: the same seed gives the same draws.
    const again = predictFromDraws(draws, m.design, "predict", nd, { seed: 4, allowNewLevels: true, newLevels: "gaussian" });
    expect(Array.from(again.data)).toEqual(Array.from(pr.data));
    // Rows of one new level share its drawn sigma effect (the sigma part's linear predictor is equal per draw),
    // and it varies over draws with sd 0.3 (SE of an sd from 8000 normal draws ≈ 0.8 %; 5 % is > 4 SE).
    const rows = newDataRows(m.design, nd, true);
    const [eta] = dparLinpredDraws(draws, m.design, rows, resolvePredictOptions({ seed: 4 }));
    let ss = 0;
    for (let s = 0; s < S; s++) {
      expect(eta.data[s * 3 + 2]).toBe(eta.data[s * 3 + 1]);
      ss += (eta.data[s * 3 + 1] - 0.2) ** 2;
    }
    expect(Math.sqrt(ss / S) / 0.3).toBeGreaterThan(0.95);
    expect(Math.sqrt(ss / S) / 0.3).toBeLessThan(1.05);
  });

  it("drawn new-level effects of the sigma part leave the mean's new-level draws as they were", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ x + (1 | g), sigma ~ (1 | g))", data });
    const values: Record<string, number> = Object.fromEntries(m.built.outputs.rename.map(([, b]) => [b, 0.1]));
    const draws = constantDraws(values, 50);
    const nd = { x: [0], g: ["new"] };
    const lin = predictFromDraws(draws, m.design, "linpred", nd, { seed: 9, allowNewLevels: true });
    const plain = buildFormulaModel({ formula: "y ~ x + (1 | g)", data });
    const base = constantDraws(Object.fromEntries(plain.built.outputs.rename.map(([, b]) => [b, 0.1]).concat([["sigma", 1]])), 50);
    const lin0 = predictFromDraws(base, plain.design, "linpred", nd, { seed: 9, allowNewLevels: true });
    expect(Array.from(lin.data)).toEqual(Array.from(lin0.data));
  });

  it("model.json keeps the part's groups (levels, terms, correlation) and predictions from it are identical", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ x, sigma ~ z + (1 + z | g))", data });
    const { draws } = onePoint(m, 5);
    const saved = JSON.parse(JSON.stringify(saveFormulaModel(m.design, [], null)));
    expect(saved.dpars[0].groups).toEqual([{ group: "g", terms: ["Intercept", "z"], levels: ["a", "b", "c", "d", "e"], correlated: true }]);
    const back = designFromSaved(saved);
    expect(back.dpars[0].groups[0].names).toEqual(m.design.dpars[0].groups[0].names);
    const nd = { x: data.x.slice(0, 6), z: data.z.slice(0, 6), g: ["a", "b", "zz", "c", "zz", "e"] };
    const a = predictFromDraws(draws, m.design, "predict", nd, { seed: 2, allowNewLevels: true });
    const b = predictFromDraws(draws, back, "predict", nd, { seed: 2, allowNewLevels: true });
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    // A model.json whose sigma formula has a group term but no saved groups is refused.
    expect(() => designFromSaved({ ...saved, dpars: [{ ...saved.dpars[0], groups: undefined }] })).toThrow("the formula of the sigma formula has 1 group terms but 0 groups are listed");
  });
});

describe("marginalisation with sigma ~ (1 | g)", () => {
  it("declines every reduction: normal–normal (its sigma gathers the part's sampled effects), correlated, and sigma-only terms", () => {
    const kinds = (formula: string) => {
      const m = buildFormulaModel({ formula, data });
      return (planMarginal(m.built.program, m.built.data)?.blocks ?? []).map((b) => (b.correlated ? "correlated" : b.crossed ? "crossed" : b.kind));
    };
    // The same models with sigma ~ z take them (test/predict/distributional.test.ts), so the decline is the group term's.
    expect(kinds("y ~ 1 + (1 | g), sigma ~ z")).toEqual(["normal_normal"]);
    expect(kinds("y ~ 1 + (1 | g), sigma ~ (1 | g)")).toEqual([]);
    expect(kinds("y ~ 1 + (1 | g), sigma ~ (1 | h)")).toEqual([]);
    expect(kinds("y ~ x + (1 + x | g), sigma ~ (1 | g)")).toEqual([]);
    expect(kinds("y ~ x, sigma ~ (1 | g)")).toEqual([]);
  });
});
