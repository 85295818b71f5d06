// New data carry their own addition terms, as brms's posterior_predict / posterior_epred / log_lik
// (fit, newdata) read trunc() bounds, cens() codes, weights and the response from newdata.
// Short seeded fits (2 × 150 draws): the checks compare code paths on the same draws, so they do not
// depend on how well the posterior is estimated.
import { beforeAll, describe, expect, it } from "vitest";
import { fitFormulaModel, type FormulaFit } from "../../src/api/formulaFit.js";
import { UserError } from "../../src/errors.js";
import { normalLccdf, normalLcdf, normalLogIntervalProb } from "../../src/distributions/normalCdf.js";
import { normalLpdf } from "../../src/distributions/index.js";
import { Phi } from "../../src/math/Phi.js";
import { conditionalEffects } from "../../src/effects/conditionalEffects.js";
import { logLikFormula, posteriorEpred, posteriorLinpred, posteriorPredict } from "../../src/predict/index.js";
import { censoredData, truncatedData } from "./support/additionData.js";

const SHORT = { chains: 2, warmup: 150, draws: 150, seed: 5, threads: 1 } as const;

function withColumn<T extends Record<string, unknown[]>>(d: T, name: string, f: (v: unknown, i: number) => unknown): T {
  return { ...d, [name]: d[name].map(f) } as T;
}

/** E[Y | lo ≤ Y ≤ hi] of N(mu, sigma), written out: mu + sigma (φ(a) − φ(b)) / (Φ(b) − Φ(a)). */
function truncNormalMean(mu: number, sigma: number, lo: number, hi: number): number {
  const a = (lo - mu) / sigma;
  const b = (hi - mu) / sigma;
  const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return mu + (sigma * (phi(a) - phi(b))) / (Phi(b) - Phi(a));
}

let trunc: FormulaFit;
let cens: FormulaFit;
const td = truncatedData(41, 40);
const cd = censoredData(42, 40);
beforeAll(async () => {
  // A proper prior on b: with both bounds finite, the likelihood tends to a constant (uniform on [L, U])
  // as mu and sigma grow, so flat priors leave far tails that a short fit may wander into.
  trunc = await fitFormulaModel({ formula: "y | trunc(lb = L, ub = U) ~ x", data: td, priors: ["b ~ normal(0, 2)"] }, SHORT);
  cens = await fitFormulaModel({ formula: "y | cens(c, y2) + weights(w) ~ x", data: cd }, SHORT);
});

function sigmaDraws(f: FormulaFit): Float64Array {
  const v = f.fit.draws.names.indexOf("sigma");
  const S = f.fit.draws.chains * f.fit.draws.draws;
  return f.fit.draws.data.subarray(v * S, (v + 1) * S);
}

describe("trunc() bounds of new rows come from the new data", () => {
  it("new data with as many rows as the fit but other bounds use their own bounds (the fitted rows' were taken before)", () => {
    // Same 40 rows, every bound moved: the old row-count test (n === design.n) took the fitted bounds.
    const nd = { ...td, L: td.L.map((v) => v - 1), U: td.U.map((v) => v + 1.5) };
    const eta = posteriorLinpred(trunc.fit, trunc.model, nd);
    const e = posteriorEpred(trunc.fit, trunc.model, nd);
    const fitted = posteriorEpred(trunc.fit, trunc.model);
    const sigma = sigmaDraws(trunc);
    const n = 40;
    let differs = 0;
    for (const s of [0, 77, 299]) {
      for (const i of [0, 13, 39]) {
        const k = s * n + i;
        // Tolerance: the closed form and the library's truncatedMean agree to rounding (~1e-12 relative).
        expect(e.data[k]).toBeCloseTo(truncNormalMean(eta.data[k], sigma[s], nd.L[i], nd.U[i]), 10);
        if (Math.abs(e.data[k] - fitted.data[k]) > 1e-6) differs++;
      }
    }
    expect(differs).toBe(9);
    const p = posteriorPredict(trunc.fit, trunc.model, nd);
    for (let k = 0; k < p.data.length; k++) {
      const i = k % n;
      expect(p.data[k] >= nd.L[i] && p.data[k] <= nd.U[i]).toBe(true);
    }
    // The wider bounds are used: some draws fall outside the fitted rows' narrower bounds.
    expect(p.data.some((v, k) => v < td.L[k % n] || v > td.U[k % n])).toBe(true);
  });

  it("new data of another length: each row's draws respect its bounds, epred is the truncated normal mean", () => {
    const nd = { x: [-1, 0, 0.5, 2, 1], L: [-3, 0, 0.4, 1.5, -0.2], U: [3, 0.1, 5, 1.6, 0.2] };
    const p = posteriorPredict(trunc.fit, trunc.model, nd);
    const n = 5;
    for (let k = 0; k < p.data.length; k++) expect(p.data[k] >= nd.L[k % n] && p.data[k] <= nd.U[k % n]).toBe(true);
    const eta = posteriorLinpred(trunc.fit, trunc.model, nd);
    const e = posteriorEpred(trunc.fit, trunc.model, nd);
    const sigma = sigmaDraws(trunc);
    for (let s = 0; s < 300; s += 37) {
      for (let i = 0; i < n; i++) expect(e.data[s * n + i]).toBeCloseTo(truncNormalMean(eta.data[s * n + i], sigma[s], nd.L[i], nd.U[i]), 10);
    }
  });

  it("log_lik of new rows subtracts log P(L ≤ Y ≤ U) with the new rows' bounds", () => {
    const nd = { y: [0.2, 1.1], x: [0, 1], L: [-1, 1], U: [1, 4] };
    const ll = logLikFormula(trunc.fit, trunc.model, nd);
    const eta = posteriorLinpred(trunc.fit, trunc.model, nd);
    const sigma = sigmaDraws(trunc);
    for (const s of [0, 150, 299]) {
      for (let i = 0; i < 2; i++) {
        const m = eta.data[s * 2 + i];
        const direct = normalLpdf(nd.y[i], m, sigma[s]) - normalLogIntervalProb(nd.L[i], nd.U[i], m, sigma[s]);
        expect(ll.data[s * 2 + i]).toBeCloseTo(direct, 10);
      }
    }
  });

  it("log_lik with the training data as new data is bit-identical to the fitted rows' log_lik", () => {
    expect(Array.from(logLikFormula(trunc.fit, trunc.model, td).data)).toEqual(Array.from(logLikFormula(trunc.fit, trunc.model).data));
  });

  it("linpred needs no bounds; epred, predict and log_lik name the missing bound column", () => {
    expect(posteriorLinpred(trunc.fit, trunc.model, { x: [0] }).observations).toBe(1);
    expect(() => posteriorEpred(trunc.fit, trunc.model, { x: [0], L: [0] })).toThrow(UserError);
    expect(() => posteriorEpred(trunc.fit, trunc.model, { x: [0], L: [0] })).toThrow(/trunc\(ub = …\) reads column 'U', so the new data must carry it/);
    expect(() => posteriorPredict(trunc.fit, trunc.model, { x: [0], U: [1] })).toThrow(/reads column 'L'/);
    expect(() => logLikFormula(trunc.fit, trunc.model, { x: [0], L: [0], U: [1] })).toThrow(/log_lik scores the response 'y', which reads column 'y'/);
  });

  it("conditional effects hold column bounds at their mean, as brms's conditional_effects", () => {
    const [ce] = conditionalEffects(trunc.fit, trunc.model, td, { effects: ["x"] });
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const grid = Array.from((ce.columns[0] as { values: Float64Array }).values);
    const e = posteriorEpred(trunc.fit, trunc.model, { x: grid, L: grid.map(() => mean(td.L)), U: grid.map(() => mean(td.U)) });
    for (const j of [0, 50, ce.n - 1]) {
      const col = Array.from({ length: e.draws }, (_, s) => e.data[s * ce.n + j]).sort((a, b) => a - b);
      // The median of an even number of draws: the mean of the middle two (R's type 7).
      expect(ce.estimate[j]).toBeCloseTo((col[e.draws / 2 - 1] + col[e.draws / 2]) / 2, 12);
    }
  });

  it("bounds are checked as at fit time: missing, lb ≥ ub", () => {
    expect(() => posteriorEpred(trunc.fit, trunc.model, { x: [0, 1], L: [0, Number.NaN], U: [1, 2] })).toThrow(/column 'L', which is missing in row 2/);
    expect(() => posteriorEpred(trunc.fit, trunc.model, { x: [0, 1], L: [0, 2], U: [1, 2] })).toThrow(/bounds of row 2 are invalid: lb 2 >= ub 2/);
  });
});

describe("log_lik of new rows reads their cens() codes, y2 and weights", () => {
  it("the training data as new data: bit-identical to the fitted rows' log_lik", () => {
    expect(Array.from(logLikFormula(cens.fit, cens.model, cd).data)).toEqual(Array.from(logLikFormula(cens.fit, cens.model).data));
  });

  it("a changed weight scales that row's log_lik and no other; a changed code changes the row's term", () => {
    const base = logLikFormula(cens.fit, cens.model);
    // Row 5 (index 4) is uncensored with weight 0.5; row 2 (index 1) is right-censored with weight 1.
    const nd = withColumn(withColumn(cd, "w", (v, i) => (i === 4 ? 1.5 : v)), "c", (v, i) => (i === 1 ? "left" : v));
    const ll = logLikFormula(cens.fit, cens.model, nd);
    const eta = posteriorLinpred(cens.fit, cens.model);
    const sigma = sigmaDraws(cens);
    const n = 40;
    for (let s = 0; s < ll.draws; s += 29) {
      for (let i = 0; i < n; i++) {
        const k = s * n + i;
        if (i === 4) expect(ll.data[k]).toBe(1.5 * normalLpdf(cd.y[4] as number, eta.data[k], sigma[s]));
        else if (i === 1) expect(ll.data[k]).toBe(normalLcdf(cd.y[1] as number, eta.data[k], sigma[s]));
        else expect(ll.data[k]).toBe(base.data[k]);
      }
    }
    // The fitted rows' values, for contrast: weight 0.5 and the right tail.
    expect(base.data[4]).toBe(0.5 * normalLpdf(cd.y[4] as number, eta.data[4], sigma[0]));
    expect(base.data[1]).toBe(normalLccdf(cd.y[1] as number, eta.data[1], sigma[0]));
  });

  it("new rows of any length: interval rows use their own y2", () => {
    const nd = { y: [1, 1, 1], y2: [Number.NaN, 2, 3], c: ["right", "interval", "interval"], w: [1, 1, 2], x: [0, 0, 0] };
    const ll = logLikFormula(cens.fit, cens.model, nd);
    const eta = posteriorLinpred(cens.fit, cens.model, { x: [0] });
    const sigma = sigmaDraws(cens);
    for (const s of [0, 299]) {
      const m = eta.data[s];
      expect(ll.data[s * 3]).toBe(normalLccdf(1, m, sigma[s]));
      expect(ll.data[s * 3 + 1]).toBe(normalLogIntervalProb(1, 2, m, sigma[s]));
      expect(ll.data[s * 3 + 2]).toBe(2 * normalLogIntervalProb(1, 3, m, sigma[s]));
    }
  });

  it("missing columns and bad values are UserErrors that say what to do", () => {
    const one = { y: [1], y2: [2], c: ["none"], w: [1], x: [0] };
    const without = (name: string) => Object.fromEntries(Object.entries(one).filter(([k]) => k !== name));
    expect(() => logLikFormula(cens.fit, cens.model, without("w"))).toThrow(/weights\(\) reads column 'w', so the new data must carry it/);
    expect(() => logLikFormula(cens.fit, cens.model, without("c"))).toThrow(/cens\(\) reads column 'c'/);
    expect(() => logLikFormula(cens.fit, cens.model, without("y2"))).toThrow(/upper bound y2 reads column 'y2'/);
    expect(() => logLikFormula(cens.fit, cens.model, without("y"))).toThrow(/response 'y', which reads column 'y'/);
    expect(() => logLikFormula(cens.fit, cens.model, { ...one, c: ["sideways"] })).toThrow(/censoring values must be 'left', 'none', 'right' or 'interval'/);
    expect(() => logLikFormula(cens.fit, cens.model, { ...one, c: ["interval"], y2: [0.5] })).toThrow(/not above the response/);
    expect(() => logLikFormula(cens.fit, cens.model, { ...one, w: [-1] })).toThrow(/weights\(\) must be non-negative/);
    // Predictions need no response, codes or weights.
    expect(posteriorPredict(cens.fit, cens.model, { x: [0, 1] }).observations).toBe(2);
  });
});

describe("log_lik of new rows: responses in the fit's coding", () => {
  const y = [1, 2, 3, 1, 2, 3, 2, 2, 1, 3, 3, 2, 1, 1, 2, 3, 2, 1, 3, 2];
  const x = y.map((v, i) => v * 0.5 + ((i * 7) % 5) / 5);
  const tiny = { chains: 1, warmup: 100, draws: 50, seed: 1, threads: 1 } as const;
  const same = (a: { data: Float64Array }, b: { data: Float64Array }) => expect(Array.from(b.data)).toEqual(Array.from(a.data));

  it("cumulative with integer or labelled categories, bernoulli: the training data as new data give the fitted log_lik bit for bit", async () => {
    const ints = await fitFormulaModel({ formula: "y ~ x", data: { y, x }, family: "cumulative" }, tiny);
    same(logLikFormula(ints.fit, ints.model), logLikFormula(ints.fit, ints.model, { y, x }));
    const lab = y.map((v) => ["low", "mid", "high"][v - 1]);
    const labelled = await fitFormulaModel({ formula: "y ~ x", data: { y: lab, x }, family: "cumulative", levels: ["low", "mid", "high"] }, tiny);
    same(logLikFormula(labelled.fit, labelled.model), logLikFormula(labelled.fit, labelled.model, { y: lab, x }));
    // A category the fit does not have is named, in the fit's order.
    expect(() => logLikFormula(labelled.fit, labelled.model, { y: ["top"], x: [0] })).toThrow(/must be one of the levels low, mid, high, but row 1 has 'top'/);
    const yb = y.map((v) => v % 2);
    const bern = await fitFormulaModel({ formula: "y ~ x", data: { y: yb, x }, family: "bernoulli" }, tiny);
    same(logLikFormula(bern.fit, bern.model), logLikFormula(bern.fit, bern.model, { y: yb, x }));
    expect(() => logLikFormula(bern.fit, bern.model, { y: ["yes"], x: [0] })).toThrow(/needs the response 'y' as numbers \(0 or 1\)/);
  });
});
