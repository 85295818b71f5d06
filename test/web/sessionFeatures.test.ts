/**
 * This session's formula features driven through the page in Chromium: a distributional bf()
 * formula, a censored weibull, ns()/poly() with named arguments, a ';'-separated file read as
 * read.csv2 (its warning shown, and said again under a model error), weights(), and cumulative's
 * levels box. Short fits (2 chains × 200 + 200): these check what the page shows, not the
 * posterior, which test/formula and bench/qa check against brms. The censored exponential and the
 * ordinal fit are in test/slow/web/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectResultsPage, loaded as open, ppcCaption, repoFile, runToResults, startFormulaPages, toyCsv, type FormulaPageEnv } from "./support/formulaPage.js";

let env: FormulaPageEnv;
const loaded = (fileName: string, csv: string | Buffer, formula: string, family?: string) => open(env, fileName, csv, formula, family);

beforeAll(async () => {
  env = await startFormulaPages();
});

afterAll(async () => {
  await env?.close();
});

describe("web app: this session's formula features", () => {
  it("bf(Reaction ~ Days + (1 | Subject), sigma ~ Days) on sleepstudy: no false syntax error, brms's names for sigma's coefficients", async () => {
    const o = await loaded("sleepstudy.csv", repoFile("data/sleepstudy.csv"), "bf(Reaction ~ Days + (1 | Subject), sigma ~ Days)");
    try {
      // The live syntax check runs 250 ms after typing stops; before the fix it read bf( as a call and showed an error.
      await o.page.waitForTimeout(500);
      await expect(o.page.getByTestId("error").isHidden()).resolves.toBe(true);
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", "b_Days", "b_sigma_Intercept", "b_sigma_Days", "sd_Subject__Intercept"]));
      expect(names).not.toContain("sigma");
      await expectResultsPage(o);
      await expect(o.page.getByTestId("pooling-unavailable").textContent()).resolves.toMatch(/distributional formulas \(sigma ~ …\) are not supported/);
      // The page has no `hbayes fit` to point to.
      await expect(o.page.getByTestId("pooling-unavailable").textContent()).resolves.not.toContain("hbayes fit");
    } finally {
      await o.context.close();
    }
  });

  it("a censored weibull on kidney: brms's names with shape, a PPC whose caption says which values are censored", async () => {
    const o = await loaded("kidney.csv", repoFile("bench/qa/data/kidney.csv"), "time | cens(censored) ~ age + sex + (1 | patient)", "weibull");
    try {
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", "b_age", "b_sexmale", "sd_patient__Intercept", "shape"]));
      await expectResultsPage(o);
      // kidney.csv: 18 of its 76 recurrence times are right-censored (censored = 1).
      await expect(ppcCaption(o.page)).resolves.toContain("18 of the 76 observed values are censored");
      await expect(o.page.getByTestId("pooling-unavailable").textContent()).resolves.toMatch(/weights\(\) and cens\(\) are not supported/);
    } finally {
      await o.context.close();
    }
  });

  it.each([
    ["y ~ ns(x, 3) + (1 | g)", ["b_nsx31", "b_nsx32", "b_nsx33"]],
    ["y ~ poly(x, degree = 2) + (1 | g)", ["b_polyxdegreeEQ21", "b_polyxdegreeEQ22"]],
  ])("%s fits with brms's coefficient names", async (formula, coefs) => {
    const o = await loaded("toy.csv", toyCsv(",", "."), formula);
    try {
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", ...coefs, "sd_g__Intercept", "sigma", "r_g[g1,Intercept]"]));
      await expectResultsPage(o);
      await expect(o.page.getByTestId("pooling-run").count()).resolves.toBe(1);
    } finally {
      await o.context.close();
    }
  });

  it("y | weights(w) ~ x + (1 | g) fits; the pooling comparison says it does not take weights", async () => {
    const o = await loaded("weighted.csv", toyCsv(",", ".", true), "y | weights(w) ~ x + (1 | g)");
    try {
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", "b_x", "sd_g__Intercept", "sigma"]));
      await expectResultsPage(o);
      const pooling = (await o.page.getByTestId("pooling-unavailable").textContent()) ?? "";
      expect(pooling).toMatch(/weights\(\) and cens\(\)/);
      expect(pooling).not.toContain("hbayes fit");
    } finally {
      await o.context.close();
    }
  });

  it("cumulative on a text response without levels points to the levels box before anything runs", async () => {
    const o = await loaded("verbagg80-ordinal.csv", repoFile("bench/qa/data/verbagg80-ordinal.csv"), "resp ~ Anger + (1 | id)", "cumulative");
    try {
      await o.page.getByTestId("run").click();
      await expect(o.page.getByTestId("error").textContent()).resolves.toMatch(/whose order hbayes cannot know: .*web app: the levels box/);
      await expect(o.page.locator("#run-status").isHidden()).resolves.toBe(true);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it("a ';'-separated file with ',' decimals is read as read.csv2, says so, and says it again under a model error", async () => {
    const o = await loaded("semicolon.csv", toyCsv(";", ","), "y ~ x + (1 | g)");
    const csv2 = /';'-separated, not comma-separated: .*R's read\.csv2/;
    try {
      await expect(o.page.getByTestId("data-warnings").textContent()).resolves.toMatch(csv2);
      // ',' decimals are numbers: x is numeric (its header's title is the column kind).
      await expect(o.page.locator('[data-testid="data-preview"] th', { hasText: /^x$/ }).getAttribute("title")).resolves.toBe("numeric");
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", "b_x", "sd_g__Intercept", "sigma"]));
      await expect(o.page.getByTestId("warnings").textContent()).resolves.toMatch(csv2);
      await expectResultsPage(o);

      // A model that fails to build: the reader's note stays with the error (the CLI prints it too).
      await o.page.getByTestId("formula-input").fill("y ~ nothere + (1 | g)");
      await o.page.getByTestId("run").click();
      await expect(o.page.getByTestId("error").textContent()).resolves.toContain("unknown column 'nothere'");
      await expect(o.page.getByTestId("error-notes").textContent()).resolves.toMatch(csv2);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });
});
