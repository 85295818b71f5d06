/**
 * The ordinal cumulative family through the page in Chromium (slow: the 80-person verbal-aggression
 * subset takes ~10 s of wall time at 2 × (200 + 200) on a loaded machine). test/web/ordinal.test.ts
 * checks the formula box in Node and test/web/sessionFeatures.test.ts the levels box's error.
 */
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buildApp } from "../../web/support/buildApp.js";
import { launchChromium } from "../../web/support/browser.js";
import { serveStatic, type StaticServer } from "../../web/support/server.js";

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

describe("web app: cumulative(probit) with the levels box", () => {
  it("fits resp ~ Anger + (1 | id) with levels no, perhaps, yes: brms's cutpoint names, bars PPC labelled with the categories", async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    try {
      await page.goto(`${server.origin}/`);
      const csv = readFileSync(fileURLToPath(new URL("../../../bench/qa/data/verbagg80-ordinal.csv", import.meta.url)));
      await page.getByTestId("csv-input").setInputFiles({ name: "verbagg80-ordinal.csv", mimeType: "text/csv", buffer: csv });
      await page.getByTestId("data-preview").waitFor();
      await page.getByTestId("family-input").selectOption("cumulative(probit)");
      await page.getByTestId("levels-input").fill("no, perhaps, yes");
      await page.getByTestId("formula-input").fill("resp ~ Anger + (1 | id)");
      await page.getByTestId("chains-input").fill("2");
      await page.getByTestId("warmup-input").fill("200");
      await page.getByTestId("draws-input").fill("200");
      await page.getByTestId("run").click();
      const table = page.getByTestId("summary-table");
      await table.waitFor({ timeout: 120_000 });
      const names = await table.locator("tr[data-param]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-param")));
      expect(names).toEqual(expect.arrayContaining(["b_Intercept[1]", "b_Intercept[2]", "b_Anger", "sd_id__Intercept"]));
      expect(names).not.toContain("sigma");
      await expect(page.getByTestId("beyond").textContent()).resolves.toMatch(/^metric: \w+; /);
      for (const plot of ["forest-plot", "ppc-plot", "trace-plot", "rank-plot"]) await expect(page.getByTestId(plot).count()).resolves.toBe(1);
      await expect(page.locator("figure:has([data-testid=ppc-plot]) figcaption").textContent()).resolves.toContain("1 = no, 2 = perhaps, 3 = yes");
      await expect(page.locator("#results .figures > .not-available").count()).resolves.toBe(0);
      await expect(page.getByTestId("pooling-unavailable").textContent()).resolves.toContain("cumulative");

      // The levels left in the box do not stop a gaussian fit of a numeric column (they are for cumulative only).
      await page.getByTestId("family-input").selectOption("gaussian");
      await page.getByTestId("formula-input").fill("Anger ~ 1 + (1 | id)");
      await page.getByTestId("run").click();
      await expect.poll(() => table.locator('tr[data-param="sigma"]').count(), { timeout: 120_000 }).toBe(1);
      await expect(page.getByTestId("error").isHidden()).resolves.toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
