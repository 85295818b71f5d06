import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../../src/api/formulaFit.js";
import { expectSamePosterior } from "../../support/samePosterior.js";
import { radonData } from "../../marginal/support/models.js";

describe("fit with correlated varying intercepts and slopes integrated out (radon, 85 counties)", () => {
  it("log_radon ~ floor + (1 + floor | county): same posterior as marginalize: 'none' for every reported parameter", async () => {
    const input = { formula: "log_radon ~ floor + (1 + floor | county)", data: radonData() } as const;
    const opts = { chains: 4, warmup: 500, draws: 1000, seed: 11, threads: 1 } as const;
    const full = (await fitFormulaModel(input, { ...opts, marginalize: "none", reparam: "none" })).fit;
    const marg = (await fitFormulaModel(input, opts)).fit;
    expect(marg.beyond?.marginalized).toEqual([{ param: "r_1_1", kind: "normal_normal", groups: 85, effects: 2 }]);
    expect(marg.names).toEqual(full.names);
    expect(marg.names.length).toBe(6 + 2 * 85);
    expectSamePosterior(marg, full, marg.names);
  });
});
