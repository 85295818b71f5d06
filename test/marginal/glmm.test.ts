import { describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { chainsOf } from "../../src/diagnostics/chains.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { centreGlmmGroups } from "../../src/marginal/glmmShape.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { createRng } from "../../src/random/rng.js";
import { expectLogLikRoutesAgree } from "./support/logLikRoutes.js";
import { radonData } from "./support/models.js";

const RADON = { formula: "log_radon ~ floor + (1 | county)", data: radonData() } as const;

describe("centreGlmmGroups(program)", () => {
  it("rewrites brms's z ~ N(0,1), r = sd·z into a parameter r ~ N(0, sd) with the same log density and gradient", () => {
    const { built } = buildFormulaModel(RADON);
    const c = centreGlmmGroups(built.program);
    expect(c.rewritten).toEqual(["r_1_1"]);
    expect(c.program.params.map((p) => p.name)).toEqual(["Intercept", "b", "sd_1", "r_1_1", "sigma"]);
    const a = compileModel({ ...built.program, generated: [] }, built.data);
    const b = compileModel({ ...c.program, generated: [] }, built.data);
    expect(b.dim).toBe(a.dim);
    const rng = createRng(3, 0);
    const ga = new Float64Array(a.dim);
    const gb = new Float64Array(b.dim);
    for (let k = 0; k < 5; k++) {
      const theta = Float64Array.from({ length: a.dim }, () => rng.normal());
      const la = a.logDensityGradient(theta, ga);
      const lb = b.logDensityGradient(theta, gb);
      // Same function of z computed two ways (r²/sd² vs z²): agreement to rounding of a sum of ~1000 terms.
      expect(Math.abs(lb - la)).toBeLessThan(1e-9 * Math.abs(la));
      for (let i = 0; i < a.dim; i++) expect(Math.abs(gb[i] - ga[i])).toBeLessThan(1e-9 * (1 + Math.abs(ga[i])));
    }
  });

  it("leaves correlated slopes (r = sd · L z) alone", () => {
    const { built } = buildFormulaModel({ formula: "log_radon ~ floor + (1 + floor | county)", data: radonData() });
    expect(centreGlmmGroups(built.program).rewritten).toEqual([]);
  });
});

describe("formula fits with marginalize: 'auto'", () => {
  it("plans a normal–normal block for (1 | county)", () => {
    const { built } = buildFormulaModel(RADON);
    const plan = planMarginal(built.program, built.data);
    expect(plan?.blocks.map((b) => [b.name, b.kind, b.groups, b.observations])).toEqual([["r_1_1", "normal_normal", 85, 919]]);
  });

  it("crossed groups (1 | a) + (1 | b): both integrated out as one block; with a third, no plan (integrating one out while another is sampled diverged on brms's penicillin case)", () => {
    const n = 40;
    const data = { y: Array.from({ length: n }, (_, i) => Math.sin(i)), a: Array.from({ length: n }, (_, i) => `a${i % 4}`), b: Array.from({ length: n }, (_, i) => `b${i % 5}`), c: Array.from({ length: n }, (_, i) => `c${i % 3}`) };
    const { built } = buildFormulaModel({ formula: "y ~ 1 + (1 | a) + (1 | b)", data });
    expect(centreGlmmGroups(built.program).rewritten).toEqual(["r_1_1", "r_2_1"]);
    expect(planMarginal(built.program, built.data)?.blocks.map((b) => [b.name, b.groups, b.crossed?.name, b.crossed?.groups])).toEqual([["r_1_1", 4, "r_2_1", 5]]);
    const three = buildFormulaModel({ formula: "y ~ 1 + (1 | a) + (1 | b) + (1 | c)", data }).built;
    expect(planMarginal(three.program, three.data)).toBeNull();
  });

  it("radon varying intercepts: same posterior as the unmarginalised brms-parametrised fit, same reported names", async () => {
    const opts = { chains: 4, warmup: 500, draws: 1000, seed: 11, threads: 1 } as const;
    const full = (await fitFormulaModel(RADON, { ...opts, marginalize: "none", reparam: "none" })).fit;
    const marg = (await fitFormulaModel(RADON, { ...opts, marginalize: "auto" })).fit;
    expect(marg.beyond?.marginalized).toEqual([{ param: "r_1_1", kind: "normal_normal", groups: 85 }]);
    // The formula program's own z = r / sd is filled in, so log_lik and predictions recompiled from it
    // (pooling's pointwiseLogLik) agree with the formula route (linear predictor from the reported r).
    const raw = marg.result.draws;
    const col = (n: string) => raw.data.subarray(raw.names.indexOf(n) * 4000, (raw.names.indexOf(n) + 1) * 4000);
    const [z, r, sdv] = [col("z_1_1[7]"), col("r_1_1[7]"), col("sd_1[1]")];
    for (const s of [0, 1234, 3999]) expect(z[s]).toBeCloseTo(r[s] / sdv[s], 12);
    // Centred vs uncentred predictor arithmetic and r = sd · (r / sd): rounding only.
    await expectLogLikRoutesAgree(marg, RADON, 97, 1e-9);
    expect(marg.names).toEqual(full.names);
    const names = ["b_Intercept", "b_floor", "sd_county__Intercept", "sigma", "r_county[c01,Intercept]", "r_county[c50,Intercept]"];
    for (const n of names) {
      const xa = marg.get(n);
      const xb = full.get(n);
      const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
      const sd = (x: Float64Array) => Math.sqrt(x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1));
      // posteriordb's pass rule: |Δmean| < 4 combined MCSE, sd within 10 %.
      const mcse = Math.hypot(mcseMean(chainsOf(marg.draws, marg.draws.names.indexOf(n))), mcseMean(chainsOf(full.draws, full.draws.names.indexOf(n))));
      expect(Math.abs(mean(xa) - mean(xb)), n).toBeLessThan(4 * mcse);
      expect(Math.abs(sd(xa) / sd(xb) - 1), n).toBeLessThan(0.1);
    }
  }, 30_000);
});
