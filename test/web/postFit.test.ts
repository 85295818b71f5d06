/**
 * This session's post-fit tools in the page, in Chromium on sleepstudy (18 subjects, 180 rows), with
 * short chains (2 × 200 + 200): the prior-only switch (a prior predictive check, no shrinkage or R²,
 * and the flat-prior refusal in the error box), brms's coef()/ranef()/fixef() tables, and the
 * hypothesis box (a table row per statement, a typo answered with a caret under it). These check what
 * the page shows; the numbers themselves are checked against brms in test/posterior and test/hypothesis.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectResultsPage, loaded as open, repoFile, runToResults, startFormulaPages, type FormulaPageEnv } from "./support/formulaPage.js";

let env: FormulaPageEnv;
const sleepstudy = (formula: string) => open(env, "sleepstudy.csv", repoFile("data/sleepstudy.csv"), formula);

beforeAll(async () => {
  env = await startFormulaPages();
}, 180_000);

afterAll(async () => {
  await env?.close();
});

/** sleepstudy.csv's 18 subjects, in order of appearance. */
const SUBJECTS = ["308", "309", "310", "330", "331", "332", "333", "334", "335", "337", "349", "350", "351", "352", "369", "370", "371", "372"];

describe("web app: prior only, coef(), hypothesis()", () => {
  it("prior only: a flat prior is refused by name in the error box; with b ~ normal(0, 5) the PPC is a prior predictive check, without shrinkage or R²", async () => {
    const o = await sleepstudy("Reaction ~ Days + (1 | Subject)");
    try {
      await o.page.getByTestId("sample-prior-input").selectOption("only");
      await o.page.getByTestId("run").click();
      const error = o.page.getByTestId("error");
      await error.waitFor();
      const message = (await error.textContent()) ?? "";
      // brms's default prior on b is flat; Intercept, sd and sigma get proper student_t defaults.
      expect(message).toContain("flat (improper) priors: b_Days");
      expect(message).toContain("b ~ normal(0, 5)");
      expect(message).toContain("priors box");
      expect(message).not.toContain("--prior");
      await expect(o.page.getByTestId("summary-table").count()).resolves.toBe(0);

      await o.page.getByTestId("prior-input").fill("b ~ normal(0, 5)");
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", "b_Days", "sd_Subject__Intercept", "sigma"]));
      await expect(o.page.locator("#results h2").first().textContent()).resolves.toBe("Prior summary");
      await expect(o.page.getByTestId("prior-only-note").count()).resolves.toBe(1);
      const ppc = o.page.locator("figure:has([data-testid=ppc-plot])");
      await expect(ppc.locator("svg").getAttribute("aria-label")).resolves.toMatch(/^Prior predictive check: Reaction/);
      await expect(ppc.locator("figcaption").textContent()).resolves.toContain("replicated from the prior");
      await expect(o.page.getByTestId("effects-panel").count()).resolves.toBe(1);
      await expect(o.page.getByTestId("bayes-r2").count()).resolves.toBe(0);
      await expect(o.page.getByTestId("pooling-panel").count()).resolves.toBe(0);
      await expect(o.page.getByTestId("shrinkage-plot").count()).resolves.toBe(0);
      await expect(o.page.locator("#results .figures > .not-available").count()).resolves.toBe(0);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it("after a fit with (Days | Subject): coef() has one row per subject, ranef() and fixef() on the toggle; hypotheses give rows, a typo a caret", async () => {
    const o = await sleepstudy("Reaction ~ Days + (Days | Subject)");
    try {
      await runToResults(o.page);
      await expectResultsPage(o);
      // The posterior summary, not the prior's, and the pooling panel is there for a posterior fit.
      await expect(o.page.locator("#results h2").first().textContent()).resolves.toBe("Posterior summary");
      await expect(o.page.getByTestId("prior-only-note").count()).resolves.toBe(0);

      const table = o.page.locator("[data-testid=coef-table][data-group=Subject]");
      await expect(table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-level")))).resolves.toEqual(SUBJECTS);
      await expect(table.locator("th.coef-name").allTextContents()).resolves.toEqual(["Intercept", "Days"]);
      await expect(table.locator("thead tr").nth(1).locator("th").allTextContents()).resolves.toEqual(["Estimate", "Est.Error", "Q2.5", "Q97.5", "Estimate", "Est.Error", "Q2.5", "Q97.5"]);
      // Each level's Days slope is b_Days + r: around sleepstudy's 10.5 ms/day (subjects range about −1 to 22), never a deviation near 0 for all.
      const days = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll("td")[5].textContent)));
      expect(days).toHaveLength(18);
      const meanDays = days.reduce((a, b) => a + b, 0) / days.length;
      expect(meanDays).toBeGreaterThan(6);
      expect(meanDays).toBeLessThan(15);
      // 18 levels ≤ 20: the table starts unfolded.
      await expect(o.page.locator("details.coef-group").getAttribute("open")).resolves.toBe("");

      await o.page.getByTestId("coef-view").selectOption("ranef");
      await expect(table.locator("tbody tr").count()).resolves.toBe(18);
      await o.page.getByTestId("coef-view").selectOption("fixef");
      await expect(o.page.locator("[data-testid=fixef-table] tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-coef")))).resolves.toEqual(["Intercept", "Days"]);

      // Two statements, one per separator kind; brms prints them as (Days) > 0 and (Intercept+Days)-(1) > 0.
      await o.page.getByTestId("hypothesis-input").fill("Days > 0; Intercept + Days > 1");
      await o.page.getByTestId("hypothesis-run").click();
      const rows = o.page.locator("[data-testid=hypothesis-table] tbody tr");
      await expect(rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-hypothesis")))).resolves.toEqual(["(Days) > 0", "(Intercept+Days)-(1) > 0"]);
      // Every draw of b_Days is far above 0 (posterior ≈ 10.5 ± 1.7): P(H) = 1, evidence ratio Inf, starred.
      const first = await rows.first().locator("td").allTextContents();
      expect(first.slice(5)).toEqual(["Inf", "1.00", "*"]);

      await o.page.getByTestId("hypothesis-input").fill("Dayz > 0");
      await o.page.getByTestId("hypothesis-run").click();
      const err = o.page.getByTestId("hypothesis-error");
      await expect(err.locator("p").textContent()).resolves.toMatch(/^hypothesis: no parameter 'b_Dayz' in the fit.*Days/);
      // The caret sits under the D of Dayz: the <pre> keeps the columns.
      const caret = ((await o.page.getByTestId("hypothesis-caret").textContent()) ?? "").split("\n");
      expect(caret).toEqual(["  Dayz > 0", "  ^"]);
      const font = await o.page.getByTestId("hypothesis-caret").evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { fontFamily: string } }).getComputedStyle(e).fontFamily);
      expect(font).toMatch(/mono/i);
      await expect(o.page.getByTestId("hypothesis-table").count()).resolves.toBe(0);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });
});
