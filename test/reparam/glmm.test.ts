/**
 * Automatic parameterisation of formula programs' uncorrelated group effects (brms's z/sd pair):
 * the rewrites keep the density, the pilot's choice keeps the posterior, and the draws keep the
 * user's program's layout (z, r, order), so log_lik, predictions and the CSV are unaffected.
 */
import { describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel, type FormulaModelInput } from "../../src/api/formulaFit.js";
import { beyondFooter, beyondSettings } from "../../src/api/fitSummary.js";
import type { Fit } from "../../src/api/fitResult.js";
import { compileModel } from "../../src/compiler/compile.js";
import { chainsOf } from "../../src/diagnostics/chains.js";
import { essBulk } from "../../src/diagnostics/ess.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import type { Program } from "../../src/ir/types.js";
import { centreGlmmGroups } from "../../src/marginal/glmmShape.js";
import { pointwiseLogLik } from "../../src/pooling/logLik.js";
import { logLikFormula, posteriorLinpred } from "../../src/predict/index.js";
import { createDraws, SAMPLER_VARIABLES } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";
import { absorbLocation } from "../../src/reparam/absorbLocation.js";
import { findLocationScale } from "../../src/reparam/detect.js";
import { restoreOutputs } from "../../src/reparam/restore.js";
import { applyVip } from "../../src/reparam/vip.js";
import { buildModel } from "../../src/model/model.js";
import radonExample from "../../examples/radon/model.js";
import { radonData } from "../marginal/support/models.js";
import { POISSON_FORMULA, poissonExposureData } from "./support/glmmData.js";
import { expectSameDensity } from "./support/sameDensity.js";
import { expectSameOutputs } from "../support/samePosterior.js";

const CBPP: FormulaModelInput = {
  formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)",
  family: "binomial",
  data: readCsvFile(new URL("../../data/cbpp.csv", import.meta.url).pathname),
};
const POISSON: FormulaModelInput = { formula: POISSON_FORMULA, family: "poisson", data: poissonExposureData() };
const FULL = { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1 } as const;

const noGenerated = (p: Program): Program => ({ ...p, generated: [] });

describe("findLocationScale(centreGlmmGroups(program))", () => {
  it("a formula program's (1 | herd) is a candidate written non-centred; correlated effects are not", () => {
    const { built } = buildFormulaModel(CBPP);
    const cands = findLocationScale(centreGlmmGroups(built.program).program);
    expect(cands.map((c) => [c.name, c.n, c.written])).toEqual([["r_1_1", 15, "noncentred"]]);
    const corr = buildFormulaModel({ ...CBPP, formula: "cbind(incidence, size - incidence) ~ period + (1 + period | herd)" });
    expect(findLocationScale(centreGlmmGroups(corr.built.program).program)).toEqual([]);
  });
});

describe("absorbLocation(program, candidate)", () => {
  const { built } = buildFormulaModel(POISSON);
  const shaped = centreGlmmGroups(built.program).program;
  const [cand] = findLocationScale(shaped);
  const moved = absorbLocation(shaped, cand);

  it("moves the Intercept into r's prior and out of the linear predictor", () => {
    expect(moved?.location).toBe("Intercept");
    expect(moved?.candidate.loc).toEqual({ op: "ref", src: "param", id: 0 });
  });

  it("non-centred (λ = 0) it is the brms program itself: same log density and gradient at the same point", () => {
    if (moved === null) throw new Error("no absorption");
    const a = compileModel(noGenerated(built.program), built.data);
    const b = compileModel(noGenerated(moved.program), built.data);
    // The same sum in another order ((Intercept + sd·z) + … vs Intercept + … + sd·z): rounding of ~100 terms.
    expectSameDensity(a, b, 5, 1e-9);
  });

  it("centred (λ = 1): a_j = Intercept + sd·z_j gives the brms density plus the Jacobian J·log sd", () => {
    if (moved === null) throw new Error("no absorption");
    const centred = applyVip(moved.program, built.data, moved.candidate, new Float64Array(cand.n).fill(1));
    expect(centred.program.params[cand.param].transform).toEqual({ kind: "identity" });
    const a = compileModel(noGenerated(built.program), built.data);
    const b = compileModel(noGenerated(centred.program), centred.data);
    const zOff = a.layout.params[cand.param].uOff;
    const sdOff = a.layout.params[2].uOff;
    const rng = createRng(6, 0);
    const u = Float64Array.from({ length: a.dim }, () => 0.5 * rng.normal());
    const v = Float64Array.from(u);
    const sd = Math.exp(u[sdOff]);
    for (let j = 0; j < cand.n; j++) v[zOff + j] = u[0] + sd * u[zOff + j];
    const la = a.logDensityGradient(u, new Float64Array(a.dim));
    const lb = b.logDensityGradient(v, new Float64Array(b.dim));
    expect(lb).toBeCloseTo(la - cand.n * Math.log(sd), 8);
  });

  it("refuses when the location is read outside the sums with the group effect", () => {
    const [c] = findLocationScale(shaped);
    // An extra statement reading the Intercept alone (say a second likelihood term).
    const extra: Program = { ...shaped, statements: [...shaped.statements, { kind: "target", n: 1, expr: { op: "unary", fn: "neg", arg: { op: "ref", src: "param", id: 0 } } }] };
    expect(absorbLocation(extra, c)).toBeNull();
  });
});

describe("restoreOutputs(draws, restore)", () => {
  it("puts columns back in the user's order and fills r = a − location, z = r / sd", () => {
    const d = createDraws([...SAMPLER_VARIABLES, "Intercept", "sd_1[1]", "r_1_1[1]", "r_1_1[2]", "b_Intercept"], 1, 2);
    const S = 2;
    const set = (name: string, v: number[]) => d.data.set(v, d.names.indexOf(name) * S);
    set("Intercept", [1, 2]);
    set("sd_1[1]", [0.5, 4]);
    set("r_1_1[1]", [1.5, 0]);
    set("r_1_1[2]", [0, 6]);
    set("b_Intercept", [7, 8]);
    const out = restoreOutputs(d, {
      outputNames: ["Intercept", "sd_1[1]", "z_1_1[1]", "z_1_1[2]", "r_1_1[1]", "r_1_1[2]", "b_Intercept"],
      pairs: [{ z: "z_1_1", r: "r_1_1", scale: "sd_1[1]", location: "Intercept" }],
    });
    expect(out.names).toEqual([...SAMPLER_VARIABLES, "Intercept", "sd_1[1]", "z_1_1[1]", "z_1_1[2]", "r_1_1[1]", "r_1_1[2]", "b_Intercept"]);
    const get = (name: string) => Array.from(out.data.subarray(out.names.indexOf(name) * S, (out.names.indexOf(name) + 1) * S));
    expect(get("r_1_1[1]")).toEqual([0.5, -2]);
    expect(get("r_1_1[2]")).toEqual([-1, 4]);
    expect(get("z_1_1[1]")).toEqual([1, -0.5]);
    expect(get("z_1_1[2]")).toEqual([-2, 1]);
    expect(get("b_Intercept")).toEqual([7, 8]);
  });
});

function minEssPerGradient(f: Fit): number {
  const ess = f.names.map((n) => essBulk(chainsOf(f.draws, f.draws.names.indexOf(n))));
  return Math.min(...ess) / f.timing.gradients;
}

describe("fit(formula, { reparam: 'auto' }) on GLMMs", () => {
  it("cbpp binomial: partial centring with the intercept absorbed, same posterior as 'none', more ESS per gradient", async () => {
    const off = (await fitFormulaModel(CBPP, { ...FULL, reparam: "none" })).fit;
    const { fit: on, model } = await fitFormulaModel(CBPP, FULL);
    const choice = on.beyond?.reparam[0];
    expect(choice?.param).toBe("r_1_1");
    // Pilot at seed 1: λ_j 0.57 … 0.83 (herds of 2–34 animals in 1–4 periods, sd ≈ 0.74).
    expect(choice?.parameterisation).toBe("partial");
    expect(beyondSettings(on).parameterisation).toEqual([{ param: "r_herd", choice: "partial" }]);
    expect(beyondFooter(on)).toContain("parameterisation: r_herd partial");
    expectSameOutputs(on, off);
    // Measured at seed 1: min bulk ESS per 1000 gradients 12.8 off, 57 on (bench/RESULTS.md, beyond);
    // asserted loosely (≥ 2×) so that only a lost advantage fails, not noise.
    expect(minEssPerGradient(on)).toBeGreaterThan(2 * minEssPerGradient(off));
    // The user's program reads the restored draws: z = r / sd, log_lik by program and by formula agree.
    const raw = on.result.draws;
    const S = raw.chains * raw.draws;
    const col = (n: string) => raw.data.subarray(raw.names.indexOf(n) * S, (raw.names.indexOf(n) + 1) * S);
    const [z, r, sd] = [col("z_1_1[4]"), col("r_1_1[4]"), col("sd_1[1]")];
    for (const s of [0, 1234, S - 1]) expect(z[s] * sd[s]).toBeCloseTo(r[s], 12);
    const viaProgram = pointwiseLogLik(on, model.built);
    const viaFormula = logLikFormula(on, model);
    let worst = 0;
    for (let k = 0; k < viaFormula.data.length; k++) worst = Math.max(worst, Math.abs(viaFormula.data[k] - viaProgram.data[k]));
    // (Intercept + X b + sd·z) vs (Intercept + X b + r) with r = a − Intercept: rounding only.
    expect(worst).toBeLessThan(1e-9);
    expect(posteriorLinpred(on, model).draws).toBe(S);
  }, 60_000);

  it("Poisson with long exposures: centred with the intercept absorbed, same posterior, far more ESS per gradient", async () => {
    const off = (await fitFormulaModel(POISSON, { ...FULL, reparam: "none" })).fit;
    const on = (await fitFormulaModel(POISSON, FULL)).fit;
    expect(on.beyond?.reparam.map((c) => [c.param, c.parameterisation])).toEqual([["r_1_1", "centred"]]);
    expectSameOutputs(on, off);
    // Measured at seed 1: 1.1 vs 81 per 1000 gradients; asserted at ≥ 10×.
    expect(minEssPerGradient(on)).toBeGreaterThan(10 * minEssPerGradient(off));
  }, 60_000);

  it("a pilot that keeps every group non-centred leaves the program as it was: the same draws as 'none', bit for bit", async () => {
    // sd ~ normal(0, 0.05): τ²I ≈ 0.0025 · 3 per herd, λ ≈ 0.01 → non-centred.
    const input = { ...CBPP, priors: ["sd ~ normal(0, 0.05)"] };
    const opts = { chains: 2, warmup: 300, draws: 300, seed: 3, threads: 1 } as const;
    const off = (await fitFormulaModel(input, { ...opts, reparam: "none" })).fit;
    const { fit: on, model } = await fitFormulaModel(input, opts);
    expect(on.beyond?.reparam.map((c) => c.parameterisation)).toEqual(["noncentred"]);
    expect(on.beyond?.pilot.gradients).toBeGreaterThan(0);
    expect(on.model.program).toBe(model.built.program);
    expect(on.result.draws.names).toEqual(off.result.draws.names);
    expect(on.result.draws.data).toEqual(off.result.draws.data);
  }, 60_000);

  it("initial values name z: formula groups are left alone (the DSL candidates still count)", async () => {
    const { fit } = await fitFormulaModel(CBPP, { chains: 1, warmup: 100, draws: 100, seed: 2, threads: 1 });
    const init = [Object.fromEntries(fit.model.program.params.map((p) => [p.name, p.shape.kind === "vector" ? new Array(p.shape.n).fill(0.1) : 0.1]))];
    const withInit = (await fitFormulaModel(CBPP, { chains: 1, warmup: 100, draws: 100, seed: 2, threads: 1, init })).fit;
    expect(withInit.beyond?.reparam).toEqual([]);
  }, 30_000);
});

describe("findLocationScale(program) on DSL models", () => {
  it("a parameter declared noncentered (offset = loc, multiplier = scale) is a candidate written non-centred", () => {
    const m = buildModel(radonExample, radonData());
    expect(findLocationScale(m.program).map((c) => [c.name, c.written])).toEqual([["a", "noncentred"]]);
  });
});
