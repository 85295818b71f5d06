/**
 * A formula-box page for the browser tests: the app built and served once per file, a fresh page
 * with a CSV loaded, a formula and family set and short chains, and the checks every formula fit's
 * results must pass.
 */
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildApp } from "./buildApp.js";
import { launchChromium } from "./browser.js";
import { serveStatic, type StaticServer } from "./server.js";

export interface FormulaPageEnv {
  readonly browser: Browser;
  readonly server: StaticServer;
  close(): Promise<void>;
}

export async function startFormulaPages(): Promise<FormulaPageEnv> {
  // Launch first: a missing Chromium should fail fast with its install hint.
  const browser = await launchChromium();
  const dist = await buildApp();
  const server = await serveStatic(dist);
  return {
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

/** A file of the repository (data/…, bench/qa/data/…). */
export const repoFile = (path: string): Buffer => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)));

/** 30 rows of y, x (, w), g with y = 1 + 0.5 x + 0.2 x² + group shift + a fixed wiggle; `sep`/`dec` as the file writes them. */
export function toyCsv(sep: string, dec: string, weights = false): string {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const g = i % 6;
    const x = (i % 5) - 2 + i / 100;
    const y = 1 + 0.5 * x + 0.2 * x * x + (g - 2.5) * 0.4 + Math.sin(i * 1.7) * 0.3;
    return [y.toFixed(4).replace(".", dec), x.toFixed(2).replace(".", dec), ...(weights ? [String(1 + (i % 3))] : []), `g${g + 1}`].join(sep);
  });
  return `${["y", "x", ...(weights ? ["w"] : []), "g"].join(sep)}\n${rows.join("\n")}\n`;
}

export interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly pageErrors: string[];
}

/** A fresh page with `csv` loaded, a formula and family set, and 2 chains × (200 + 200). */
export async function loaded(env: FormulaPageEnv, fileName: string, csv: string | Buffer, formula: string, family = "gaussian"): Promise<Opened> {
  const context = await env.browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${env.server.origin}/`);
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
export async function runToResults(page: Page): Promise<string[]> {
  await page.getByTestId("run").click();
  const table = page.getByTestId("summary-table");
  await table.waitFor({ timeout: 60_000 });
  return table.locator("tr[data-param]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-param") ?? ""));
}

/** What every formula fit shows: the settings and footer lines, the plots (PPC included), nothing failed to draw, no page error. */
export async function expectResultsPage(o: Opened): Promise<void> {
  // The settings line: what ran and the seed to run it again (the CLI's footer says the warmup too).
  await expect(o.page.getByTestId("fit-meta").textContent()).resolves.toMatch(/^2 chains × 200 draws after 200 warmup iterations · seed 1 · compile /);
  await expect(o.page.getByTestId("beyond").textContent()).resolves.toMatch(/^metric: \w+; /);
  for (const plot of ["forest-plot", "ppc-plot", "trace-plot", "rank-plot"]) await expect(o.page.getByTestId(plot).count()).resolves.toBe(1);
  await expect(o.page.locator("#results .figures > .not-available").count()).resolves.toBe(0);
  await expect(o.page.getByTestId("error").isHidden()).resolves.toBe(true);
  expect(o.pageErrors).toEqual([]);
}

/** The PPC figure's caption. */
export const ppcCaption = (page: Page): Promise<string | null> => page.locator("figure:has([data-testid=ppc-plot]) figcaption").textContent();
