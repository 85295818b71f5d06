// Found in the 2026-11-29 user sweep (bench/qa/): `(1 + mode || id)` reported
// "parameterisation: r_id noncentred, r_id noncentred", and summary.json had two entries named r_id.
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";

describe("summarizeFit settings for uncorrelated group terms", () => {
  it("names each term's parameter apart: r_g (Intercept), r_g (x)", async () => {
    const n = 48;
    const g = Array.from({ length: n }, (_, i) => `g${i % 6}`);
    const x = Array.from({ length: n }, (_, i) => ((i * 7) % 5) - 2);
    const y = Array.from({ length: n }, (_, i) => (i * 3 + (i % 6) * 2) % 5);
    const { fit } = await fitFormulaModel({ formula: "y ~ x + (1 + x || g)", family: "poisson", data: { y, x, g } }, { chains: 1, warmup: 60, draws: 20, seed: 4, threads: 1 });
    const names = (summarizeFit(fit).json.settings.parameterisation ?? []).map((c) => c.param);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(["r_g (Intercept)", "r_g (x)"]);
  });
});
