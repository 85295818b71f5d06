/**
 * The censored exponential on kidney through the page (test/web/sessionFeatures.test.ts runs the
 * weibull; the exponential differs in having no shape), kept here to hold the default web suite's time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectResultsPage, loaded, ppcCaption, repoFile, runToResults, startFormulaPages, type FormulaPageEnv } from "../../web/support/formulaPage.js";

let env: FormulaPageEnv;

beforeAll(async () => {
  env = await startFormulaPages();
});

afterAll(async () => {
  await env?.close();
});

describe("web app: censored exponential", () => {
  it("time | cens(censored) ~ age + sex + (1 | patient): no shape, a PPC whose caption says which values are censored", async () => {
    const o = await loaded(env, "kidney.csv", repoFile("bench/qa/data/kidney.csv"), "time | cens(censored) ~ age + sex + (1 | patient)", "exponential");
    try {
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", "b_age", "b_sexmale", "sd_patient__Intercept"]));
      expect(names).not.toContain("shape");
      await expectResultsPage(o);
      // kidney.csv: 18 of its 76 recurrence times are right-censored (censored = 1).
      await expect(ppcCaption(o.page)).resolves.toContain("18 of the 76 observed values are censored");
    } finally {
      await o.context.close();
    }
  });
});
