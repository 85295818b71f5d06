import { describe, expect, it } from "vitest";
import { looPredictions, looR2Draws } from "../../src/effects/index.js";
import { createRng } from "../../src/random/rng.js";
import { LOO_R2_STREAM } from "../../src/effects/looR2.js";

describe("looPredictions (loo's E_loo with PSIS weights of −log_lik)", () => {
  it("equal log-likelihoods over draws give equal weights: the plain mean of ŷ", () => {
    const S = 40;
    const yhat = Float64Array.from({ length: S * 2 }, (_, k) => k);
    const ll = new Float64Array(S * 2).fill(-1.5);
    const chainIds = Int32Array.from({ length: S }, (_, s) => (s < 20 ? 1 : 2));
    const r = looPredictions(yhat, ll, chainIds, S, 2);
    // column 0 holds 0, 2, …, 78 (mean 39); column 1 holds 1, 3, …, 79 (mean 40)
    expect(r.values[0]).toBeCloseTo(39, 12);
    expect(r.values[1]).toBeCloseTo(40, 12);
  });
  it("a draw that fits a row badly weighs more when that row is left out (weights ∝ 1 / p(y_i | θ_s))", () => {
    const S = 200;
    const rng = createRng(3);
    const yhat = new Float64Array(S);
    const ll = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      yhat[s] = rng.normal();
      ll[s] = -0.5 * (yhat[s] - 2) ** 2; // the observation sits at 2
    }
    let plain = 0;
    for (let s = 0; s < S; s++) plain += yhat[s] / S;
    const r = looPredictions(yhat, ll, new Int32Array(S).fill(1), S, 1);
    // Leaving y = 2 out moves the prediction away from it.
    expect(r.values[0]).toBeLessThan(plain);
  });
});

describe("looR2Draws (brms's .loo_R2 formulas, Bayesian bootstrap)", () => {
  const y = Float64Array.of(1, 3, 2, 6, 4, 5);
  it("perfect LOO predictions give R² = 1 in every draw", () => {
    expect(Array.from(looR2Draws(y, y, 5, 1))).toEqual([1, 1, 1, 1, 1]);
  });
  it("equals the formulas by hand for the seeded bootstrap weights", () => {
    const yloo = Float64Array.of(1.5, 2.5, 2.5, 5, 4.5, 4);
    const [r] = looR2Draws(y, yloo, 1, 9);
    const rng = createRng(9, 0).split(LOO_R2_STREAM);
    const e = Array.from({ length: 6 }, () => -Math.log(rng.uniform()));
    const t = e.reduce((a, b) => a + b, 0);
    const w = e.map((v) => v / t);
    const sum = (f: (i: number) => number) => w.reduce((a, _, i) => a + f(i), 0);
    const err = Array.from(yloo, (v, i) => v - y[i]);
    const varY = (6 / 5) * (sum((i) => w[i] * y[i] ** 2) - sum((i) => w[i] * y[i]) ** 2);
    // brms 2.18 squares (w e) before summing in the error's second term.
    const varE = (6 / 5) * (sum((i) => w[i] * err[i] ** 2) - sum((i) => (w[i] * err[i]) ** 2));
    expect(r).toBeCloseTo(1 - varE / varY, 14);
  });
  it("is clipped to [−1, 1] and reproducible by seed", () => {
    const awful = Float64Array.of(100, -100, 100, -100, 100, -100);
    expect(Array.from(looR2Draws(y, awful, 3, 2))).toEqual([-1, -1, -1]);
    expect(Array.from(looR2Draws(y, Float64Array.of(2, 2, 3, 5, 4, 4), 4, 7))).toEqual(Array.from(looR2Draws(y, Float64Array.of(2, 2, 3, 5, 4, 4), 4, 7)));
  });
});
