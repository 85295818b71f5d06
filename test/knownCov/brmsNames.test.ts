import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { priorTable } from "../../src/formula/priors.js";
import { knownCovCases, phyloA, phyloData } from "./brmsCase.js";

// brms 2.18 on a simulated phylogeny (fixtures/make-brms.R): get_prior rows and variable names. A.csv
// has 42 species in the tree's order; the data have 40 of them, so this also checks that A is
// matched by name and its extra rows dropped (brms's data_gr_global).
describe("gr(species, cov = A): brms 2.18's names and default priors (fixture)", () => {
  it.each(knownCovCases.map((c) => [c.name, c] as const))("%s: hbayes priors equals get_prior, the fit's variables equal brms's", (_, c) => {
    const model = buildFormulaModel({ formula: c.formula, family: c.family, data: phyloData(), data2: { A: phyloA() } });
    const table = priorTable(model.design);
    expect(table.map((r) => [r.class, r.coef, r.group])).toEqual(c.prior.map((p) => [p.class, p.coef, p.group]));
    c.prior.forEach((p, i) => {
      if (p.prior !== "") expect(table[i].prior).toBe(p.prior);
      else if (p.class === "b") expect(table[i].prior).toBe("(flat)");
    });
    expect(model.built.outputs.rename.map(([, brms]) => brms)).toEqual(c.variables);
  });
});
