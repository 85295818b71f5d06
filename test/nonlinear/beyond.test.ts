import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { chainOf, type Draws, variableIndex } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";

// 8 groups × 40 rows of a decay curve with well-identified group amplitudes (the case where a centred
// form would pay): --reparam auto / --marginalize auto must either leave the model as written or give
// the same posterior.
const rng = createRng(3, 0);
const x: number[] = [];
const g: string[] = [];
const y: number[] = [];
for (let j = 0; j < 8; j++) {
  const a = 10 + 2 * rng.normal();
  for (let i = 0; i < 40; i++) {
    x.push((i % 10) * 0.7);
    g.push(`g${j}`);
    y.push(a * Math.exp(-0.4 * x[x.length - 1]) + 0.3 * rng.normal());
  }
}
const input = { formula: "y ~ a * exp(-b * x)", nlpars: { a: "1 + (1 | g)", b: "1" }, data: { x, g, y }, priors: ["normal(10, 5), nlpar = a", "normal(0.5, 0.5), nlpar = b, lb = 0"] };

function moments(d: Draws, name: string): { mean: number; mcse: number } {
  const v = variableIndex(d, name);
  const chains = Array.from({ length: d.chains }, (_, c) => chainOf(d, v, c));
  const all = chains.flatMap((c) => Array.from(c));
  return { mean: all.reduce((s, t) => s + t, 0) / all.length, mcse: mcseMean(chains) };
}

describe("non-linear models under --reparam auto / --marginalize auto", () => {
  it("nothing is marginalised (no conjugate group effect enters a non-linear mean linearly) and every mean agrees with the as-written fit within 4 combined MCSE", async () => {
    const settings = { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1 };
    const auto = await fitFormulaModel(input, { ...settings, reparam: "auto", marginalize: "auto" });
    const none = await fitFormulaModel(input, { ...settings, reparam: "none", marginalize: "none" });
    expect(auto.fit.beyond?.marginalized).toEqual([]);
    expect(auto.fit.beyond?.reparam.map((r) => r.param)).toEqual(["r_1_1"]);
    const names = ["b_a_Intercept", "b_b_Intercept", "sd_g__a_Intercept", "sigma", ...Array.from({ length: 8 }, (_, j) => `r_g__a[g${j},Intercept]`)];
    expect(auto.fit.draws.names.filter((n) => !n.startsWith("lp__") && names.includes(n))).toEqual(names);
    for (const name of names) {
      const a = moments(auto.fit.draws, name);
      const b = moments(none.fit.draws, name);
      // Two independent chains sets: the difference of means over their combined MCSE is ~N(0, 1).
      expect(Math.abs(a.mean - b.mean) / Math.hypot(a.mcse, b.mcse), name).toBeLessThan(4);
    }
  }, 60_000);
});
