/**
 * The pilot's choice on censored kidney data (bench/qa/2026-11-29-censoring.md, "Finding for the
 * reparameterisation pilot"), deterministic at fixed seeds (counted in draws, no timing):
 * - weibull, seed 20261129: warmup left the pilot's chain at lp__ ≈ −1e17 with step size 3e-12; the
 *   curvature there (1e7–1e18) gave λ ≥ 0.999 for all 38 patients and the fit's sd_patient came out
 *   0.594 ± 0.210 (brms 0.537 ± 0.244). A pilot that has not mixed (`pilotMixed`) now decides nothing.
 * - exponential, seed 1: the pilot's τ draws reach below half their median (23 % of them), λ up to 0.39
 *   made a funnel the fit fell into at τ ≈ 0.004 (39 divergences; non-centred 1). Such a scale now stays
 *   non-centred (`PILOT_ZERO_REACH`). The whole fits are in test/slow/reparam/kidney.test.ts.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { createDraws, type Draws } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";
import { autoReparam, belowHalfMedian, PILOT_RHAT, PILOT_ZERO_REACH, pilotMixed } from "../../src/reparam/auto.js";

/** One chain of lp__ and τ draws, as the pilot's Draws hold them (variable-major). */
function chainOf(lp: ArrayLike<number>, tau: ArrayLike<number>): Draws {
  const d = createDraws(["lp__", "r.scale__"], 1, lp.length);
  d.data.set(lp, 0);
  d.data.set(tau, lp.length);
  return d;
}

const n = 200;
const rng = createRng(7, 0);
const iid = Float64Array.from({ length: n }, () => rng.normal());
const tau = Float64Array.from({ length: n }, () => Math.exp(0.2 * rng.normal()));

describe("pilotMixed", () => {
  it("accepts independent draws (split R-hat ≈ 1, far below PILOT_RHAT)", () => {
    expect(PILOT_RHAT).toBeGreaterThan(1);
    expect(pilotMixed(chainOf(iid, tau), ["r.scale__"])).toBe(true);
  });

  it("rejects a chain still drifting from its initial point (the kidney pilot's lp__: −7e17 → −7e16)", () => {
    const drift = Float64Array.from(iid, (x, i) => -7e17 / (1 + i / 20) + x);
    expect(pilotMixed(chainOf(drift, tau), ["r.scale__"])).toBe(false);
  });

  it("rejects a frozen chain (constant lp__: R-hat NaN) and halves of the scale at different levels", () => {
    expect(pilotMixed(chainOf(new Float64Array(n).fill(-3), tau), ["r.scale__"])).toBe(false);
    const shifted = Float64Array.from(tau, (t, i) => (i < n / 2 ? t : 3 + t));
    expect(pilotMixed(chainOf(iid, shifted), ["r.scale__"])).toBe(false);
  });

  it("skips a constant scale (given as data) and names the draws lack", () => {
    expect(pilotMixed(chainOf(iid, new Float64Array(n).fill(5)), ["r.scale__"])).toBe(true);
    expect(pilotMixed(chainOf(iid, tau), ["absent.scale__"])).toBe(true);
  });
});

describe("belowHalfMedian", () => {
  it("counts the draws below half the median", () => {
    expect(belowHalfMedian(Float64Array.of(0.1, 0.2, 1, 1.1, 1.2))).toBeCloseTo(0.4, 15);
    expect(belowHalfMedian(new Float64Array(0))).toBe(0);
    // A scale tightly determined (log-sd 0.2): no draw below half the median (that is 3.5 sd away).
    expect(belowHalfMedian(tau)).toBe(0);
    // |N(0, 1)|: P(|Z| < 0.674 / 2) = 0.264, the half-normal's share; 200 draws, ± 4 binomial sd (0.12).
    const half = Float64Array.from(iid, Math.abs);
    expect(Math.abs(belowHalfMedian(half) - 0.264)).toBeLessThan(0.12);
    expect(belowHalfMedian(half)).toBeGreaterThan(PILOT_ZERO_REACH);
  });
});

describe("autoReparam on censored kidney data (bench/qa/data/kidney.csv)", () => {
  const data = readCsvFile(fileURLToPath(new URL("../../bench/qa/data/kidney.csv", import.meta.url)));
  const build = (family: string) => buildFormulaModel({ formula: "time | cens(censored) ~ age + sex + disease + (1 | patient)", family, data }).built;

  it("weibull, seed 20261129: the pilot's stuck chain no longer centres r_patient; the program stays as written", async () => {
    const built = build("weibull");
    const r = await autoReparam(built.program, built.data, 20261129, compileModel);
    // Before: r_1_1 partial with λ ≥ 0.999 for every patient (centred in effect).
    expect(r.choices.every((c) => c.lambda.every((l) => l === 0))).toBe(true);
    expect(r.program).toBe(built.program);
    expect(r.restore).toBeNull();
  });

  it("exponential, seed 1: τ reaching down to 0 keeps r_patient non-centred (before: partial, λ 0.03–0.48)", async () => {
    const built = build("exponential");
    const r = await autoReparam(built.program, built.data, 1, compileModel);
    expect(r.choices.map((c) => `${c.param}:${c.parameterisation}`).join(" ")).toBe("r_1_1:noncentred");
    expect(r.program).toBe(built.program);
  });
});
