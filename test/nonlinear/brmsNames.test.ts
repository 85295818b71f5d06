import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { buildDesign } from "../../src/formula/design.js";
import { withNonlinearParts } from "../../src/formula/nonlinear.js";
import { priorTable } from "../../src/formula/priors.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

// brms 2.18's variable names and get_prior() rows for the three non-linear fits of
// test/slow/nonlinear/fixtures/make-brms.R (which also wrote the CSVs read here).
interface Case {
  formula: string;
  nlpars: Record<string, string>;
  family: string;
  priors: string[];
  variables: string[];
  get_prior: { prior: string; class: string; coef: string; group: string; nlpar: string; lb: string; ub: string; source: string }[];
}
const cases = JSON.parse(readFileSync(new URL("./fixtures/nonlinear-names.json", import.meta.url), "utf8")) as Record<string, Case>;
const dataOf = (name: string) => readCsvFile(new URL(`../slow/nonlinear/fixtures/${name}.csv`, import.meta.url).pathname);

describe("non-linear models use brms's names and default priors (fixtures of brms 2.18)", () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: the outputs are brms's variables, in brms's order`, () => {
      const model = buildFormulaModel({ formula: c.formula, nlpars: c.nlpars, family: c.family, priors: c.priors, data: dataOf(name) });
      expect(model.built.outputs.rename.map(([, to]) => to)).toEqual(c.variables);
    });
    it(`${name}: hbayes priors lists get_prior()'s rows with brms's defaults (nlpar and lb columns too)`, () => {
      const design = buildDesign(withNonlinearParts(c.formula, c.nlpars), dataOf(name), { family: c.family });
      const rows = priorTable(design, []);
      const key = (r: { class: string; coef: string; group: string; nlpar?: string }) => `${r.class}|${r.coef}|${r.group}|${r.nlpar ?? ""}`;
      expect(rows.map(key).sort()).toEqual(c.get_prior.map(key).sort());
      for (const b of c.get_prior) {
        const ours = rows.find((r) => key(r) === key(b));
        // brms prints an inherited ("vectorized") row's prior as "": ours repeats the class row's; flat is brms's "" default for b.
        const cls = c.get_prior.find((q) => q.class === b.class && q.nlpar === b.nlpar && q.coef === "" && q.group === "");
        const expected = b.prior !== "" ? b.prior : cls && cls.prior !== "" ? cls.prior : "(flat)";
        expect(ours?.prior, key(b)).toBe(expected);
        if (b.lb !== "") expect(ours?.lb, key(b)).toBe(Number(b.lb));
      }
    });
  }
  it("the user's nlpar priors appear as user rows with their bounds", () => {
    const c = cases.emax;
    const design = buildDesign(withNonlinearParts(c.formula, c.nlpars), dataOf("emax"), { family: c.family });
    const rows = priorTable(design, c.priors);
    expect(rows.filter((r) => r.nlpar === "ed50")).toEqual([
      { class: "b", coef: "", group: "", prior: "normal(5, 5)", source: "user", nlpar: "ed50", lb: 0 },
      { class: "b", coef: "Intercept", group: "", prior: "normal(5, 5)", source: "user", nlpar: "ed50", lb: 0 },
    ]);
    expect(rows.filter((r) => r.nlpar === "emax").map((r) => `${r.coef}:${r.prior}`)).toEqual([":normal(10, 10)", "Intercept:normal(10, 10)", "sex:normal(10, 10)"]);
  });
});
