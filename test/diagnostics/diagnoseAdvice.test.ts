/**
 * diagnose's advice after divergences (and low E-BFMI) follows how the fit sampled its groups. Found in
 * the 2026-11-29 user sweep (bench/qa/, grouseticks): the parameterisation pilot had non-centred all
 * three groups, and the warning still said "non-centre the group-level parameters (sd_BROOD__Intercept, …)".
 */
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnostics/diagnose.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { Fit } from "../../src/api/fitResult.js";
import { createDraws, SAMPLER_VARIABLES, type Draws } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";

const CHAINS = 4;
const DRAWS = 200;

/** iid normal draws of three group sds and an intercept, `divergent` transitions flagged, energy iid (E-BFMI ≈ 2). */
function drawsWith(divergent: number): Draws {
  const names = [...SAMPLER_VARIABLES, "b_Intercept", "sd_BROOD__Intercept", "sd_INDEX__Intercept", "sd_LOCATION__Intercept"];
  const d = createDraws(names, CHAINS, DRAWS);
  const rng = createRng(7, 0);
  for (let k = 0; k < d.data.length; k++) d.data[k] = rng.normal();
  const at = (name: string) => names.indexOf(name) * CHAINS * DRAWS;
  d.data.fill(0, at("divergent__"), at("divergent__") + CHAINS * DRAWS);
  for (let k = 0; k < divergent; k++) d.data[at("divergent__") + 37 * k] = 1;
  d.data.fill(3, at("treedepth__"), at("treedepth__") + CHAINS * DRAWS);
  return d;
}

const all = (parameterisation: "centred" | "noncentred" | "partial") =>
  ["r_BROOD", "r_INDEX", "r_LOCATION"].map((name) => ({ name, parameterisation }));

describe("diagnose: advice after divergences", () => {
  it("every group already non-centred (grouseticks): no advice to non-centre; raise adapt_delta or give the sds more informative priors", () => {
    const [w] = diagnose(drawsWith(5), { maxTreeDepth: 10, groups: all("noncentred") });
    expect(w).toMatch(/^5 of 800 transitions after warmup were divergent/);
    expect(w).toMatch(/The group-level parameters are already sampled non-centred \(r_BROOD, r_INDEX, r_LOCATION\), so non-centring will not help: increase adapt_delta toward 0\.99/);
    expect(w).toMatch(/give the group-level sds \(sd_BROOD__Intercept, sd_INDEX__Intercept, sd_LOCATION__Intercept\) more informative priors/);
    expect(w).not.toMatch(/non-centre the/);
  });
  it("some groups sampled centred or partially: names only those", () => {
    const groups = [
      { name: "r_BROOD", parameterisation: "centred" as const },
      { name: "r_INDEX", parameterisation: "noncentred" as const },
      { name: "r_LOCATION", parameterisation: "partial" as const },
    ];
    const [w] = diagnose(drawsWith(5), { maxTreeDepth: 10, groups });
    expect(w).toMatch(/Increase adapt_delta toward 0\.99, or non-centre the group-level parameters sampled centred \(r_BROOD, r_LOCATION \(partially centred\)\)\.$/);
    expect(w).not.toMatch(/r_INDEX/);
  });
  it("no group parameter left to sample (all integrated out): adapt_delta and sd priors, nothing about non-centring", () => {
    const [w] = diagnose(drawsWith(2), { maxTreeDepth: 10, groups: [] });
    expect(w).toMatch(/may be biased\. Increase adapt_delta toward 0\.99, or give the group-level sds \(sd_BROOD__Intercept, .*\) more informative priors/);
    expect(w).not.toMatch(/non-centr/);
  });
  it("no group sd in the model (no pooling's fixed-prior intercepts): no sd advice either", () => {
    const d = drawsWith(3);
    const plain = { ...d, names: d.names.map((n) => n.replace(/^sd_(\w+)__Intercept$/, "b_$1")) };
    const [w] = diagnose(plain, { maxTreeDepth: 10, groups: [] });
    expect(w).toMatch(/may be biased\. Increase adapt_delta toward 0\.99, or give the parameters the data barely inform more informative priors\.$/);
    expect(w).not.toMatch(/sds|non-centr/);
  });
  it("without the fit's parameterisation the advice stays the generic one", () => {
    const [w] = diagnose(drawsWith(1), { maxTreeDepth: 10 });
    expect(w).toMatch(/Increase adapt_delta toward 0\.99, or non-centre the group-level parameters \(sd_BROOD__Intercept, sd_INDEX__Intercept, sd_LOCATION__Intercept\)\.$/);
  });
});

describe("summarizeFit passes the pilot's choices to diagnose", () => {
  it("a fit whose pilot non-centred its group is not told to non-centre it; one that centred it is", async () => {
    // A small Poisson fit with one group (not conjugate, so the pilot chooses its parameterisation),
    // then the same fit with one transition marked divergent and the pilot's choice set each way.
    const n = 48;
    const g = Array.from({ length: n }, (_, i) => `g${i % 6}`);
    const y = Array.from({ length: n }, (_, i) => (i * 3 + (i % 6) * 2) % 5);
    const { fit } = await fitFormulaModel({ formula: "y ~ 1 + (1 | g)", family: "poisson", data: { y, g } }, { chains: 1, warmup: 60, draws: 20, seed: 4, threads: 1 });
    const beyond = fit.beyond;
    if (beyond === null || beyond.reparam.length !== 1) throw new Error("expected the pilot to have chosen r_g's parameterisation");
    const raw = fit.result.draws;
    const data = raw.data.slice();
    data[raw.names.indexOf("divergent__") * raw.chains * raw.draws] = 1;
    const as = (parameterisation: "centred" | "noncentred") =>
      new Fit(fit.model, fit.compiled, { ...fit.result, draws: { ...raw, data } }, 0, fit.model.rename, { ...beyond, reparam: [{ ...beyond.reparam[0], parameterisation }] });
    const divergent = (f: Fit) => summarizeFit(f).warnings.find((w) => /divergent/.test(w)) ?? "";
    expect(divergent(as("noncentred"))).toMatch(/already sampled non-centred \(r_g\), so non-centring will not help/);
    expect(divergent(as("centred"))).toMatch(/non-centre the group-level parameters sampled centred \(r_g\)\.$/);
  });
});
