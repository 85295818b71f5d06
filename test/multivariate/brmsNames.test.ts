import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildMultivariateModel } from "../../src/api/multivariateFit.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

/** brms 2.18's variable names and get_prior() rows (test/slow/multivariate/fixtures/make-brms.R). */
interface NamesCase {
  formula: string;
  family: string;
  variables: string[];
  get_prior: { prior: string; class: string; coef: string; group: string; resp: string }[];
}
const CASES = JSON.parse(readFileSync(new URL("./fixtures/multivariate-names.json", import.meta.url), "utf8")) as Record<string, NamesCase>;

describe("multivariate models: names and default priors equal brms 2.18's", () => {
  for (const [name, c] of Object.entries(CASES)) {
    const data = readCsvFile(new URL(`../slow/multivariate/fixtures/${name}.csv`, import.meta.url).pathname);
    const model = buildMultivariateModel({ formula: c.formula, family: c.family, data });
    it(`${name}: every variable, in brms's order`, () => {
      expect(model.built.outputs.rename.map(([, b]) => b)).toEqual(c.variables);
    });
    it(`${name}: each response's default Intercept, sd and sigma priors; rescor's lkj(1)`, () => {
      const rows = c.get_prior.filter((r) => r.prior !== "" && r.resp !== "");
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        const k = model.design.model.names.indexOf(r.resp);
        expect(k, r.resp).toBeGreaterThanOrEqual(0);
        const ours = model.design.priors[k].table.find((t) => t.class === r.class && t.coef === r.coef && t.group === r.group);
        expect(ours?.prior, `${r.class} ${r.resp}`).toBe(r.prior);
      }
      const rescor = c.get_prior.find((r) => r.class === "rescor");
      expect(model.design.model.rescor).toBe(rescor !== undefined);
      if (rescor) expect(`lkj(${(model.design.model.rescorPrior as { readonly args: readonly number[] }).args[0]})`).toBe(rescor.prior);
    });
  }
});
