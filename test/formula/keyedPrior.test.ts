import { describe, it, expect } from "vitest";
import { keyedPrior } from "../../src/formula/priorParse.js";
import { keyedToTilde } from "../../src/formula/multivariateDesign.js";

// The multivariate layer reads brms's keyed prior form through priorParse's keyedPrior (one parser):
// the same spellings give the same `~` text, and the same refusal of an sd coef without its group.
describe("keyed prior form: one parser", () => {
  it("keyedToTilde agrees with keyedPrior on every keyed spelling and passes other text through", () => {
    for (const s of ["normal(0, 1), class = b, coef = x", "exponential(2), class = sd, group = g", "normal(0, 2), class = sd, group = 'g', coef = Intercept", "student_t(3, 0, 2.5), class = sigma"]) {
      expect(keyedToTilde(s)).toBe(keyedPrior(s));
    }
    expect(keyedToTilde("normal(0, 1), class = b, dpar = sigma")).toBe("normal(0, 1), class = b, dpar = sigma");
    expect(keyedToTilde("b ~ normal(0, 1)")).toBe("b ~ normal(0, 1)");
  });
  it("an sd coef without its group is refused in the multivariate path too (it read as sd[x], group x)", () => {
    expect(() => keyedToTilde("normal(0, 1), class = sd, coef = x")).toThrow(/class = sd with coef = x needs the group too/);
  });
});
