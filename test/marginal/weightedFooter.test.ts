import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { beyondFooter } from "../../src/api/fitSummary.js";

const SHORT = { chains: 1, warmup: 100, draws: 50, seed: 3, threads: 1 } as const;
const data = {
  y: Array.from({ length: 24 }, (_, i) => 1 + 0.1 * i + ((i * 7) % 5) * 0.2),
  x: Array.from({ length: 24 }, (_, i) => (i % 6) / 3),
  g: Array.from({ length: 24 }, (_, i) => "abcd"[i % 4]),
  w: Array.from({ length: 24 }, (_, i) => 1 + (i % 3)),
  c: Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? "right" : "none")),
};

describe("the footer says when weights() or cens() stopped the marginalisation", () => {
  it("a gaussian (1 | g) that would be integrated out, weighted or censored: says why, not 'nothing conjugate'", async () => {
    for (const formula of ["y | weights(w) ~ x + (1 | g)", "y | cens(c) ~ x + (1 | g)"]) {
      const { fit } = await fitFormulaModel({ formula, data }, SHORT);
      expect(beyondFooter(fit)).toMatch(/^marginalize: auto \(not applied, the likelihood is weighted, censored or truncated/);
    }
    // Without weights the same model is integrated out.
    const { fit } = await fitFormulaModel({ formula: "y ~ x + (1 | g)", data }, SHORT);
    expect(beyondFooter(fit)).toMatch(/^marginalised: r_g/);
  });

  it("nothing to integrate out either way: still 'nothing conjugate'", async () => {
    const { fit } = await fitFormulaModel({ formula: "y | weights(w) ~ x", data }, SHORT);
    expect(beyondFooter(fit)).toMatch(/nothing conjugate to integrate out/);
  });
});
