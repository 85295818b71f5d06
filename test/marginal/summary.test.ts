import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { beyondFooter, summarizeFit } from "../../src/api/fitSummary.js";
import { fit } from "../../src/api/fit.js";
import * as M from "./support/models.js";

const SHORT = { chains: 2, warmup: 150, draws: 100, seed: 2, threads: 1 } as const;

describe("summary settings report reparam / marginalize", () => {
  it("a formula fit by default: both switches auto, r_county integrated out (brms name), in summary.json and the footer", async () => {
    const { fit: f } = await fitFormulaModel({ formula: "log_radon ~ floor + (1 | county)", data: M.radonData() }, SHORT);
    const s = summarizeFit(f).json.settings;
    expect(s.reparam).toBe("auto");
    expect(s.marginalize).toBe("auto");
    expect(s.marginalized).toEqual([{ param: "r_county", kind: "normal_normal", groups: 85 }]);
    expect(s.parameterisation).toEqual([]);
    expect(beyondFooter(f)).toBe("marginalised: r_county (normal–normal, 85 groups); reparam: auto");
  });

  it("correlated intercepts and slopes integrated out say so: effects per group in summary.json, 'multivariate' in the footer", async () => {
    const { fit: f } = await fitFormulaModel({ formula: "Reaction ~ Days + (Days | Subject)", data: M.sleepstudyData() }, SHORT);
    const s = summarizeFit(f).json.settings;
    expect(s.marginalized).toEqual([{ param: "r_Subject", kind: "normal_normal", groups: 18, effects: 2 }]);
    expect(beyondFooter(f)).toBe("marginalised: r_Subject (multivariate normal–normal, 2 correlated effects, 18 groups); reparam: auto");
  });

  it("switched off: both none, nothing chosen; JSON round-trips", async () => {
    const f = await fit(M.pumps, M.pumpsData(), { ...SHORT, reparam: "none", marginalize: "none" });
    const s = summarizeFit(f).json.settings;
    expect(JSON.parse(JSON.stringify(s))).toMatchObject({ chains: 2, warmup: 150, draws: 100, seed: 2, reparam: "none", marginalize: "none", marginalized: [], parameterisation: [] });
    expect(beyondFooter(f)).toBe("marginalize: none; reparam: none");
  });

  it("reparam auto without marginalising reports the parameterisation chosen", async () => {
    const f = await fit(M.eightCentered, M.EIGHT_SCHOOLS, { ...SHORT, marginalize: "none" });
    const s = summarizeFit(f).json.settings;
    expect(s.marginalized).toEqual([]);
    expect(s.parameterisation?.map((c) => c.param)).toEqual(["theta"]);
    expect(beyondFooter(f)).toMatch(/^marginalize: none; parameterisation: theta (centred|noncentred|partial)$/);
  });
});
