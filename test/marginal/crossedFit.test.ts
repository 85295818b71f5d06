import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { buildFormulaModel, fitFormulaModel, type FormulaModelInput } from "../../src/api/formulaFit.js";
import { beyondFooter } from "../../src/api/fitSummary.js";
import { CROSSED_MAX_SMALL } from "../../src/marginal/detectCrossed.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { model, normal } from "../../src/model/index.js";
import { createRng } from "../../src/random/rng.js";
import { penicillinData as penicillin, simulateCrossed } from "./support/crossed.js";
import { expectLogLikRoutesAgree } from "./support/logLikRoutes.js";
import { expectSamePosterior } from "../support/samePosterior.js";

/**
 * Students in classes in schools: `(1 | school/class)`, 8 schools × 4 classes × 6 students. (With 6
 * schools and τ_school = 1, sd_school's posterior reaches 0 and the model as written diverges, 41–180
 * times in 4 × 5000 draws, and its sd of sd_school moved 0.27 ↔ 0.43 between seeds while the
 * marginalised fit's stayed 0.29: no reference to compare with.)
 */
function simulateNested(seed: number) {
  const rng = createRng(seed, 0);
  const school: string[] = [];
  const cls: string[] = [];
  const y: number[] = [];
  for (let s = 0; s < 8; s++) {
    const us = 2.0 * rng.normal();
    for (let c = 0; c < 4; c++) {
      const uc = 0.8 * rng.normal();
      for (let k = 0; k < 6; k++) {
        school.push(`s${s}`);
        cls.push(`c${c}`);
        y.push(10 + us + uc + 0.8 * rng.normal());
      }
    }
  }
  return { y, school, cls };
}

const OPTS = { chains: 4, warmup: 500, draws: 1000, seed: 11, threads: 1 } as const;

async function compare(input: FormulaModelInput, marginalized: unknown) {
  const full = (await fitFormulaModel(input, { ...OPTS, marginalize: "none", reparam: "none" })).fit;
  const marg = (await fitFormulaModel(input, OPTS)).fit;
  expect(marg.beyond?.marginalized).toEqual(marginalized);
  expect(marg.names).toEqual(full.names);
  expect(marg.divergences).toBe(0);
  return { full, marg };
}

describe("fit with crossed / nested gaussian intercepts integrated out", () => {
  it("Penicillin, diameter ~ 1 + (1|plate) + (1|sample): same posterior as marginalize 'none', group effects included; z, log_lik consistent", async () => {
    const input = { formula: "diameter ~ 1 + (1 | plate) + (1 | sample)", data: penicillin() };
    const { full, marg } = await compare(input, [
      { param: "r_1_1", kind: "normal_normal", groups: 24, crossedWith: "r_2_1" },
      { param: "r_2_1", kind: "normal_normal", groups: 6, crossedWith: "r_1_1" },
    ]);
    // The footer names both factors under the user's names (one entry per factor).
    expect(beyondFooter(marg)).toBe("marginalised: r_plate (normal–normal, 24 groups, jointly with r_sample), r_sample (normal–normal, 6 groups, jointly with r_plate); reparam: auto");
    // Every reported name, the conditional draws of all 30 group effects among them.
    expectSamePosterior(marg, full, marg.names);
    expect(marg.names).toContain("r_plate[a,Intercept]");
    expect(marg.names).toContain("r_sample[F,Intercept]");
    // The program's own z = r / sd is filled in for both factors (log_lik and predictions read it).
    const raw = marg.result.draws;
    const S = raw.chains * raw.draws;
    const col = (n: string) => raw.data.subarray(raw.names.indexOf(n) * S, (raw.names.indexOf(n) + 1) * S);
    for (const [z, r, sd] of [["z_1_1[3]", "r_1_1[3]", "sd_1[1]"], ["z_2_1[6]", "r_2_1[6]", "sd_2[1]"]]) {
      for (const s of [0, 1234, S - 1]) expect(col(z)[s]).toBeCloseTo(col(r)[s] / col(sd)[s], 12);
    }
    // Values ~23 through centred vs uncentred predictor arithmetic: rounding only.
    await expectLogLikRoutesAgree(marg, input, 37, 1e-9);
  }, 60_000);

  it("a simulated crossed design with a predictor (30 × 12 levels, 400 rows): same posterior as 'none'", async () => {
    const input = { formula: "y ~ x + (1 | a) + (1 | b)", data: simulateCrossed(3, 400, 30, 12, 0.8, 1.2, 1) };
    const { full, marg } = await compare(input, [
      { param: "r_1_1", kind: "normal_normal", groups: 30, crossedWith: "r_2_1" },
      { param: "r_2_1", kind: "normal_normal", groups: 12, crossedWith: "r_1_1" },
    ]);
    expectSamePosterior(marg, full, marg.names);
  }, 60_000);

  it("a nested design, y ~ 1 + (1 | school/class): same posterior as 'none'", async () => {
    const input = { formula: "y ~ 1 + (1 | school/cls)", data: simulateNested(5) };
    const { full, marg } = await compare(input, [
      { param: "r_1_1", kind: "normal_normal", groups: 8, crossedWith: "r_2_1" },
      { param: "r_2_1", kind: "normal_normal", groups: 32, crossedWith: "r_1_1" },
    ]);
    expectSamePosterior(marg, full, marg.names);
  }, 60_000);

  it("a DSL model written centred with a population mean (α ~ N(mu, τa), γ ~ N(0, τb)): integrated out, same posterior", async () => {
    const crossed = model("crossed_centred", ({ data, param, observe }) => {
      const y = data.reals("y");
      const { index: a, levels: la } = data.factor("a");
      const { index: b, levels: lb } = data.factor("b");
      const mu = param("mu", normal(0, 10));
      const tauA = param("tau_a", normal(0, 2), { lower: 0 });
      const tauB = param("tau_b", normal(0, 2), { lower: 0 });
      const alpha = param("alpha", normal(mu, tauA), { size: la.length });
      const gamma = param("gamma", normal(0, tauB), { size: lb.length });
      const sigma = param("sigma", normal(0, 2), { lower: 0 });
      observe(y, normal(alpha.at(a).add(gamma.at(b)), sigma));
    });
    const { y, a, b } = simulateCrossed(8, 150, 10, 5, 1, 1, 0.7);
    const data = { y, a, b };
    const full = await fit(crossed, data, { ...OPTS, marginalize: "none", reparam: "none" });
    const marg = await fit(crossed, data, OPTS);
    expect(marg.beyond?.marginalized.map((m) => m.param)).toEqual(["alpha", "gamma"]);
    expect(marg.names).toEqual(full.names);
    // The centred full model may diverge in its funnel; the comparison is of the posteriors.
    expect(marg.divergences).toBe(0);
    expectSamePosterior(marg, full, marg.names);
  }, 60_000);

  it("same seed → the same draws bit for bit in this thread and in 2 workers", async () => {
    const input = { formula: "diameter ~ 1 + (1 | plate) + (1 | sample)", data: penicillin() };
    const short = { chains: 2, warmup: 100, draws: 100, seed: 5 } as const;
    const a = (await fitFormulaModel(input, { ...short, threads: 1 })).fit;
    const b = (await fitFormulaModel(input, { ...short, threads: 2 })).fit;
    expect(b.beyond?.marginalized.length).toBe(2);
    expect(Array.from(b.result.draws.data)).toEqual(Array.from(a.result.draws.data));
  }, 60_000);
});

describe("planMarginal: the crossed shape and what stays as written", () => {
  const n = 60;
  const data = {
    y: Array.from({ length: n }, (_, i) => Math.sin(i)),
    x: Array.from({ length: n }, (_, i) => Math.cos(i)),
    a: Array.from({ length: n }, (_, i) => `a${i % 4}`),
    b: Array.from({ length: n }, (_, i) => `b${i % 5}`),
    c: Array.from({ length: n }, (_, i) => `c${i % 7}`),
    k: Array.from({ length: n }, (_, i) => i % 9),
  };
  const plan = (formula: string, family?: string) => {
    const { built } = buildFormulaModel({ formula, data, ...(family ? { family } : {}) });
    return planMarginal(built.program, built.data);
  };

  it("two intercepts, crossed or nested, with predictors: one joint block", () => {
    for (const f of ["y ~ x + (1 | a) + (1 | b)", "y ~ 1 + (1 | a/b)", "y ~ 0 + x + (1 | b) + (1 | a)"]) {
      const blocks = plan(f)?.blocks ?? [];
      expect(blocks.length, f).toBe(1);
      expect(blocks[0].crossed, f).toBeDefined();
    }
  });

  it("past the size limit (min(J_a, J_b) > crossedMaxSmall, default CROSSED_MAX_SMALL = 100) the model is left as written", () => {
    const { built } = buildFormulaModel({ formula: "y ~ x + (1 | a) + (1 | b)", data });
    expect(CROSSED_MAX_SMALL).toBe(100);
    expect(planMarginal(built.program, built.data, { crossedMaxSmall: 4 })?.blocks.length).toBe(1);
    expect(planMarginal(built.program, built.data, { crossedMaxSmall: 3 })).toBeNull();
  });

  it("slopes in either term, a third grouping, or a non-gaussian family: left as written (no plan)", () => {
    for (const f of ["y ~ x + (1 + x | a) + (1 | b)", "y ~ x + (1 | a) + (1 + x || b)", "y ~ x + (1 | a) + (1 | b) + (1 | c)"]) expect(plan(f), f).toBeNull();
    expect(plan("k ~ x + (1 | a) + (1 | b)", "poisson")).toBeNull();
  });

  it("bad input still gets the usual errors: an unknown switch value, a missing grouping column", async () => {
    const input = { formula: "y ~ x + (1 | a) + (1 | nope)", data };
    expect(() => buildFormulaModel(input)).toThrow(/nope/);
    await expect(fitFormulaModel({ formula: "y ~ x + (1 | a) + (1 | b)", data }, { marginalize: "yes" as never })).rejects.toThrow(
      'fit: marginalize must be one of "auto", "none", got "yes"',
    );
  });
});
