/**
 * This session's post-fit tools in the page, in Chromium on sleepstudy (18 subjects, 180 rows), with
 * short chains (2 × 200 + 200): the prior-only switch (a prior predictive check, no shrinkage or R²,
 * and the flat-prior refusal in the error box), prior draws beside the posterior's (Savage–Dickey for
 * a point hypothesis), brms's coef()/ranef()/fixef() tables, and the
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

describe("web app: sample_prior, coef(), hypothesis()", () => {
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
      await expect(o.page.locator("figure:has([data-testid=forest-plot]) figcaption").textContent()).resolves.toMatch(/^Prior mean, 50% and 90% intervals/);
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

  it("posterior + prior draws: no prior_ rows in the summary, and a point hypothesis gets the Savage–Dickey evidence ratio", async () => {
    const o = await sleepstudy("Reaction ~ Days + (1 | Subject)");
    try {
      await o.page.getByTestId("sample-prior-input").selectOption("yes");
      await o.page.getByTestId("prior-input").fill("b ~ normal(0, 20)");
      const names = await runToResults(o.page);
      expect(names).toContain("b_Days");
      expect(names.filter((n) => n.startsWith("prior_"))).toEqual([]);
      await expect(o.page.locator("#results h2").first().textContent()).resolves.toBe("Posterior summary");
      await o.page.getByTestId("hypothesis-input").fill("Days = 10");
      await o.page.getByTestId("hypothesis-run").click();
      const cells = await o.page.locator("[data-testid=hypothesis-table] tbody tr td").allTextContents();
      expect(cells[0]).toBe("(Days)-(10) = 0");
      // b_Days ≈ 10.5 ± 0.8 here, so its posterior density at 10 is about 0.4 against the normal(0, 20)
      // prior's 0.018: a ratio near 20; anything above 3 says the prior draws were used (NA without them).
      expect(Number(cells[5])).toBeGreaterThan(3);
      expect(Number(cells[6])).toBeGreaterThan(0.75);
      expect(Number(cells[6])).toBeLessThan(1);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it("a DSL example (eight schools): no coefficients table, the prior switch is off, and hypotheses take full names (class \"\")", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    try {
      await page.goto(`${env.server.origin}/`);
      await page.getByTestId("example-eight-schools").click();
      await expect(page.getByTestId("sample-prior-input").isDisabled()).resolves.toBe(true);
      await page.getByTestId("chains-input").fill("2");
      await page.getByTestId("warmup-input").fill("200");
      await page.getByTestId("draws-input").fill("200");
      await runToResults(page);
      await expect(page.getByTestId("coef-panel").count()).resolves.toBe(0);
      await expect(page.getByTestId("hypothesis-class").inputValue()).resolves.toBe("");
      await expect(page.getByTestId("hypothesis-input").getAttribute("placeholder")).resolves.toBe("e.g. mu > 0; tau < 0");
      await page.getByTestId("hypothesis-input").fill("tau > 0");
      await page.getByTestId("hypothesis-run").click();
      // tau has a lower bound of 0: every draw is positive, so P(tau > 0) = 1.
      const cells = await page.locator("[data-testid=hypothesis-table] tbody tr td").allTextContents();
      expect(cells).toEqual(["(tau) > 0", expect.any(String), expect.any(String), expect.any(String), expect.any(String), "Inf", "1.00", "*"]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
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

      // Three statements, both separator kinds; brms prints them as (Days) > 0, (Intercept+Days)-(1) > 0 and (Days)-(10) = 0.
      await o.page.getByTestId("hypothesis-input").fill("Days > 0; Intercept + Days > 1\nDays = 10");
      await o.page.getByTestId("hypothesis-run").click();
      const rows = o.page.locator("[data-testid=hypothesis-table] tbody tr");
      await expect(rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-hypothesis")))).resolves.toEqual(["(Days) > 0", "(Intercept+Days)-(1) > 0", "(Days)-(10) = 0"]);
      // Every draw of b_Days is far above 0 (posterior ≈ 10.5 ± 1.7): P(H) = 1, evidence ratio Inf, starred.
      const first = await rows.first().locator("td").allTextContents();
      expect(first.slice(5)).toEqual(["Inf", "1.00", "*"]);
      // Without prior draws a point hypothesis has no evidence ratio (brms's NA), and 10 is inside the interval: no star.
      await expect(rows.nth(2).locator("td").allTextContents()).resolves.toEqual(expect.arrayContaining(["NA"]));
      expect((await rows.nth(2).locator("td").allTextContents()).slice(5)).toEqual(["NA", "NA", ""]);

      // brms's scope = "coef", group = "Subject": the statement at every level, a Group column first.
      await o.page.getByTestId("hypothesis-scope").selectOption("coef");
      await expect(o.page.getByTestId("hypothesis-group").inputValue()).resolves.toBe("Subject");
      await o.page.getByTestId("hypothesis-input").fill("Days > 0");
      await o.page.getByTestId("hypothesis-run").click();
      await expect(rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-group")))).resolves.toEqual(SUBJECTS);
      await expect(o.page.locator("[data-testid=hypothesis-table] thead th").first().textContent()).resolves.toBe("Group");
      await expect(rows.first().locator("td").nth(1).textContent()).resolves.toBe("(Days) > 0");
      await o.page.getByTestId("hypothesis-scope").selectOption("standard");
      await o.page.getByTestId("hypothesis-group").selectOption("");

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
