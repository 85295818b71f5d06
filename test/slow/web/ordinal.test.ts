/**
 * The ordinal cumulative family through the page in Chromium (slow: the 80-person verbal-aggression
 * subset takes ~10 s of wall time at 2 × (200 + 200) on a loaded machine). test/web/ordinal.test.ts
 * checks the formula box in Node and test/web/sessionFeatures.test.ts the levels box's error.
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

describe("web app: cumulative(probit) with the levels box", () => {
  it("fits resp ~ Anger + (1 | id) with levels no, perhaps, yes: brms's cutpoint names, bars PPC labelled with the categories", async () => {
    const o = await loaded(env, "verbagg80-ordinal.csv", repoFile("bench/qa/data/verbagg80-ordinal.csv"), "resp ~ Anger + (1 | id)", "cumulative(probit)");
    const { page } = o;
    try {
      await page.getByTestId("levels-input").fill("no, perhaps, yes");
      const names = await runToResults(page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept[1]", "b_Intercept[2]", "b_Anger", "sd_id__Intercept"]));
      expect(names).not.toContain("sigma");
      await expectResultsPage(o);
      await expect(ppcCaption(page)).resolves.toContain("1 = no, 2 = perhaps, 3 = yes");
      await expect(page.getByTestId("pooling-unavailable").textContent()).resolves.toContain("cumulative");

      // The levels left in the box do not stop a gaussian fit of a numeric column (they are for cumulative only).
      await page.getByTestId("family-input").selectOption("gaussian");
      await page.getByTestId("formula-input").fill("Anger ~ 1 + (1 | id)");
      await page.getByTestId("run").click();
      await expect.poll(() => page.getByTestId("summary-table").locator('tr[data-param="sigma"]').count(), { timeout: 120_000 }).toBe(1);
      await expect(page.getByTestId("error").isHidden()).resolves.toBe(true);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });
});
