/**
 * The page's text helpers for the post-fit tools, in Node: the flat-prior refusal reworded for the
 * priors box (from the real message src/api builds, so a rewording there shows up here), the sample
 * select's values, and how the hypothesis box splits its statements.
 */
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { hypothesisList } from "../../web/src/hypothesisList.js";
import { PAGE_SAMPLE_CHOICES, pagePriorMessage, samplePriorOf } from "../../web/src/priorControl.js";

const data = { y: [1.2, 0.3, 2.2, 1.9, 0.7, 1.4], x: [0, 1, 2, 3, 4, 5], z: [1, 0, 1, 0, 1, 1] };

function refusal(): string {
  try {
    buildFormulaModel({ formula: "y ~ x + z", data, samplePrior: "only" });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the flat-prior refusal");
}

describe("pagePriorMessage", () => {
  it("names the flat parameters and gives the prior line for the priors box, without the CLI's --prior", () => {
    const raw = refusal();
    expect(raw).toContain('--prior "b ~ normal(0, 5)"');
    const page = pagePriorMessage(raw);
    expect(page).toContain("flat (improper) priors: b_x, b_z");
    expect(page).toContain("e.g. b ~ normal(0, 5) in the priors box, one per line");
    expect(page).not.toContain("--prior");
  });

  it("joins several suggested lines with '; ' and leaves other messages alone", () => {
    const raw = 'x: flat. Give them one, e.g. --prior "b ~ normal(0, 5)" --prior "Intercept ~ normal(0, 5)" (choose scales that mean something for your data)';
    expect(pagePriorMessage(raw)).toBe("x: flat. Give them one, e.g. b ~ normal(0, 5); Intercept ~ normal(0, 5) in the priors box, one per line (choose scales that mean something for your data)");
    expect(pagePriorMessage("formula: unknown column 'q'")).toBe("formula: unknown column 'q'");
  });

  it("gives a non-linear model's required prior as the priors box's line, without the CLI's and the API's spellings", () => {
    const raw = 'prior: a non-linear model needs a prior on every coefficient of its parameters, as brms requires; b_a_Intercept has none: add e.g. --prior "normal(0, 5), nlpar = a" (API: priors: ["normal(0, 5), nlpar = a"]), on the scale you expect a to have';
    expect(pagePriorMessage(raw)).toBe(
      "prior: a non-linear model needs a prior on every coefficient of its parameters, as brms requires; b_a_Intercept has none: add e.g. 'normal(0, 5), nlpar = a' in the priors box, on the scale you expect a to have",
    );
  });
});

describe("samplePriorOf", () => {
  it("accepts the select's values and refuses others by name", () => {
    expect(PAGE_SAMPLE_CHOICES.map((c) => samplePriorOf(c.value))).toEqual(["no", "only", "yes"]);
    expect(() => samplePriorOf("maybe")).toThrow("samplePriorOf: value must be one of no, only, yes, got maybe");
  });
});

describe("hypothesisList", () => {
  it("splits at ';' and line breaks and drops blanks", () => {
    expect(hypothesisList("floor < 0; Intercept + floor > 1\n\n  x = 2 ;\r\n")).toEqual(["floor < 0", "Intercept + floor > 1", "x = 2"]);
    expect(hypothesisList(" ; \n")).toEqual([]);
  });
});
