/**
 * This session's formula features driven through the page in Chromium: a distributional bf()
 * formula, a censored weibull, ns()/poly() with named arguments, a ';'-separated file read as
 * read.csv2 (its warning shown, and said again under a model error), and weights(). Short fits
 * (2 chains × 200 + 200): these check what the page shows, not the posterior, which
 * test/formula and bench/qa check against brms.
 */
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildApp } from "./support/buildApp.js";
import { launchChromium } from "./support/browser.js";
import { serveStatic, type StaticServer } from "./support/server.js";

let dist = "";
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  dist = await buildApp();
  server = await serveStatic(dist);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

const repoFile = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)));

/** 30 rows of y, x (, w), g with y = 1 + 0.5 x + 0.2 x² + group shift + a fixed wiggle; `sep`/`dec` as the file writes them. */
function toyCsv(sep: string, dec: string, weights = false): string {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const g = i % 6;
    const x = (i % 5) - 2 + i / 100;
    const y = 1 + 0.5 * x + 0.2 * x * x + (g - 2.5) * 0.4 + Math.sin(i * 1.7) * 0.3;
    return [y.toFixed(4).replace(".", dec), x.toFixed(2).replace(".", dec), ...(weights ? [String(1 + (i % 3))] : []), `g${g + 1}`].join(sep);
  });
  return `${["y", "x", ...(weights ? ["w"] : []), "g"].join(sep)}\n${rows.join("\n")}\n`;
}

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly pageErrors: string[];
}

/** A fresh page with `csv` loaded, a formula and family set, and short chains. */
async function loaded(fileName: string, csv: string | Buffer, formula: string, family = "gaussian"): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${server.origin}/`);
  await page.getByTestId("csv-input").setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("data-preview").waitFor();
  await page.getByTestId("family-input").selectOption(family);
  await page.getByTestId("formula-input").fill(formula);
  await page.getByTestId("chains-input").fill("2");
  await page.getByTestId("warmup-input").fill("200");
  await page.getByTestId("draws-input").fill("200");
  return { context, page, pageErrors };
}

/** Runs and waits for the results; returns the summary table's parameter names. */
async function runToResults(page: Page): Promise<string[]> {
  await page.getByTestId("run").click();
  const table = page.getByTestId("summary-table");
  await table.waitFor({ timeout: 60_000 });
  return table.locator("tr[data-param]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-param") ?? ""));
}

/** What every formula fit shows: the footer line, the plots (PPC included), nothing failed to draw. */
async function expectResultsPage(o: Opened): Promise<void> {
  await expect(o.page.getByTestId("beyond").textContent()).resolves.toMatch(/^metric: \w+; /);
  // The settings line: what ran and the seed to run it again (the CLI's footer says the warmup too).
  await expect(o.page.getByTestId("fit-meta").textContent()).resolves.toMatch(/^2 chains × 200 draws after 200 warmup iterations · seed 1 · compile /);
  for (const plot of ["forest-plot", "ppc-plot", "trace-plot", "rank-plot"]) await expect(o.page.getByTestId(plot).count()).resolves.toBe(1);
  await expect(o.page.locator("#results .figures > .not-available").count()).resolves.toBe(0);
  await expect(o.page.getByTestId("error").isHidden()).resolves.toBe(true);
  expect(o.pageErrors).toEqual([]);
}

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

  it.each(["weibull", "exponential"])("a censored %s on kidney: shape where the family has one, a PPC whose caption says which values are censored", async (family) => {
    const o = await loaded("kidney.csv", repoFile("bench/qa/data/kidney.csv"), "time | cens(censored) ~ age + sex + (1 | patient)", family);
    try {
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", "b_age", "b_sexmale", "sd_patient__Intercept"]));
      expect(names.includes("shape")).toBe(family === "weibull");
      await expectResultsPage(o);
      // kidney.csv: 18 of its 76 recurrence times are right-censored (censored = 1).
      await expect(o.page.locator("figure:has([data-testid=ppc-plot]) figcaption").textContent()).resolves.toContain("18 of the 76 observed values are censored");
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
