/**
 * The browser app end to end: built with Vite's API, served from 127.0.0.1, driven in Debian's
 * Chromium. Set HBAYES_WEB_SHOTS=<dir> to keep screenshots of each step for a look.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildApp } from "./support/buildApp.js";
import { launchChromium } from "./support/browser.js";
import { serveStatic, type StaticServer } from "./support/server.js";

let dist = "";
let server: StaticServer;
let browser: Browser;
const shots = process.env.HBAYES_WEB_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** A fresh context and page that record every request made by the page and its workers. */
async function openApp(): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  const requests: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => requests.push(`pageerror:${e.message}`));
  await page.goto(`${server.origin}/`);
  return { context, page, requests };
}

beforeAll(async () => {
  // Launch first: a missing Chromium should fail fast with its install hint.
  browser = await launchChromium();
  dist = await buildApp();
  server = await serveStatic(dist);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe("web app", () => {
  it("eight schools: click the example, run, and read mu and tau from the summary table", async () => {
    const { context, page, requests } = await openApp();
    try {
      await page.getByTestId("example-eight-schools").click();
      await expect(page.getByTestId("data-preview").textContent()).resolves.toContain("eight_schools.csv");
      await page.getByTestId("run").click();
      await page.getByTestId("chain-1").waitFor();
      await shot(page, "1-running");
      const table = page.getByTestId("summary-table");
      await table.waitFor({ timeout: 90_000 });
      await shot(page, "2-eight-schools");

      const mean = async (param: string) => Number(await table.locator(`tr[data-param="${param}"] td[data-col="mean"]`).textContent());
      const mu = await mean("mu");
      const tau = await mean("tau");
      // Plausible ranges: posteriordb's eight_schools_noncentered reference has mu ≈ 4.4 (sd 3.3) and
      // tau ≈ 3.6 (sd 3.2); 4000 draws put the mean within a few tenths, so these bounds only catch gross failure.
      expect(mu).toBeGreaterThan(1.5);
      expect(mu).toBeLessThan(7.5);
      expect(tau).toBeGreaterThan(1.5);
      expect(tau).toBeLessThan(6.5);
      for (const col of ["mean", "sd", "rhat", "ess_bulk"]) await expect(table.locator(`tr[data-param="theta[1]"] td[data-col="${col}"]`).count()).resolves.toBe(1);
      const shrinkage = (await page.getByTestId("shrinkage-plot").textContent()) ?? "";
      for (const school of "ABCDEFGH") expect(shrinkage).toContain(school);
      for (const plot of ["forest-plot", "ppc-plot", "trace-plot", "rank-plot"]) await expect(page.getByTestId(plot).count()).resolves.toBe(1);
      await page.getByTestId("trace-param").selectOption("tau");
      await expect(page.getByTestId("trace-plot").textContent()).resolves.toContain("tau");

      // Draws download: CmdStan's header in the first chain's file, made in the page.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-summary").click()]);
      const path = await download.path();
      const summary = JSON.parse((await import("node:fs")).readFileSync(path, "utf8")) as { parameters: { name: string; mean: number }[] };
      expect(summary.parameters.find((p) => p.name === "mu")?.mean).toBeCloseTo(mu, 1);

      expect(requests.filter((u) => u.startsWith("pageerror:"))).toEqual([]);
      const foreign = requests.filter((u) => !u.startsWith(`${server.origin}/`));
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each([
    ["radon", "mu_a", "b"], // 85 county rows are left out of the table (plots show them)
    ["baseball", "mu", "ability[18]"],
    ["rna-pausing", "alpha", "rate[14]"],
  ])("example %s runs with every plot (short chains)", async (name, hyper, group) => {
    const { context, page } = await openApp();
    try {
      await page.getByTestId(`example-${name}`).click();
      await page.getByTestId("warmup-input").fill("300");
      await page.getByTestId("draws-input").fill("300");
      await page.getByTestId("run").click();
      const table = page.getByTestId("summary-table");
      await table.waitFor({ timeout: 60_000 });
      for (const param of [hyper, group]) {
        expect(Number.isFinite(Number(await table.locator(`tr[data-param="${param}"] td[data-col="mean"]`).textContent()))).toBe(true);
      }
      for (const plot of ["forest-plot", "shrinkage-plot", "ppc-plot", "trace-plot", "rank-plot"]) await expect(page.getByTestId(plot).count()).resolves.toBe(1);
      await expect(page.locator(".not-available").count()).resolves.toBe(0);
      await shot(page, `6-${name}`);
    } finally {
      await context.close();
    }
  });

  it("stop ends a run early and keeps what the chains finished", async () => {
    const { context, page } = await openApp();
    try {
      await page.getByTestId("example-radon").click();
      await page.getByTestId("draws-input").fill("20000");
      await page.getByTestId("run").click();
      await page.locator('[data-testid="chain-1"] .fill.sampling').waitFor({ timeout: 60_000 });
      await page.getByTestId("stop").click();
      await page.getByTestId("summary-table").waitFor({ timeout: 30_000 });
      await expect(page.getByTestId("warnings").textContent()).resolves.toMatch(/stopped early/i);
      await expect(page.getByTestId("run").isEnabled()).resolves.toBe(true);
      await shot(page, "3-radon-stopped");
    } finally {
      await context.close();
    }
  });

  it("renders hostile column names as text and makes no request beyond the page's own server", async () => {
    const { context, page, requests } = await openApp();
    try {
      const hostile = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=2</script>", "__proto__", "https://example.com/x.png"];
      const csv = `${hostile.map((n) => `"${n.replace(/"/g, '""')}"`).join(",")}\n1,2,3,4\n5,6,7,8\n`;
      await page.getByTestId("csv-input").setInputFiles({ name: "<b>hostile</b>.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      const preview = page.getByTestId("data-preview");
      await preview.waitFor();
      const headers = await preview.locator("th").allTextContents();
      expect(headers).toEqual(hostile);
      await expect(preview.locator("img, script, b").count()).resolves.toBe(0);
      await expect(preview.textContent()).resolves.toContain("<b>hostile</b>.csv");
      await expect(page.evaluate("window.__pwned")).resolves.toBeUndefined();
      await shot(page, "4-hostile");
      expect(requests.filter((u) => !u.startsWith(`${server.origin}/`))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a broken formula shows the error element with the formula and a caret under the problem", async () => {
    const { context, page } = await openApp();
    try {
      await page.getByTestId("csv-input").setInputFiles({ name: "d.csv", mimeType: "text/csv", buffer: Buffer.from("y,x,g\n1,2,a\n2,3,b\n") });
      const broken = "y ~ x + (1 | g";
      await page.getByTestId("formula-input").fill(broken);
      await page.getByTestId("run").click();
      const error = page.getByTestId("error");
      await error.waitFor();
      const caret = (await page.getByTestId("error-caret").textContent()) ?? "";
      const [text, marker] = caret.split("\n");
      expect(text.trim()).toBe(broken);
      // The caret sits under the end of the text, where the ')' is missing.
      expect(marker.indexOf("^") - text.indexOf("y")).toBe(broken.length);
      await shot(page, "5-formula-error");

      // Fixing the formula clears the error once typing pauses.
      await page.getByTestId("formula-input").fill("y ~ x + (1 | g)");
      await expect.poll(() => error.isHidden()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("a formula model fits from a loaded CSV and reports brms's names", async () => {
    const { context, page } = await openApp();
    try {
      // 6 groups × 5 rows, y = 1 + 0.5 x + group shift + a fixed wiggle (no randomness in the test).
      const rows = Array.from({ length: 30 }, (_, i) => {
        const g = i % 6;
        const x = (i % 5) - 2;
        return `${(1 + 0.5 * x + (g - 2.5) * 0.4 + Math.sin(i * 1.7) * 0.3).toFixed(4)},${x},g${g + 1}`;
      });
      await page.getByTestId("csv-input").setInputFiles({ name: "toy.csv", mimeType: "text/csv", buffer: Buffer.from(`y,x,g\n${rows.join("\n")}\n`) });
      await page.getByTestId("formula-input").fill("y ~ x + (1 | g)");
      await page.getByTestId("prior-input").fill("b ~ normal(0, 5)");
      await page.getByTestId("warmup-input").fill("300");
      await page.getByTestId("draws-input").fill("300");
      await page.getByTestId("run").click();
      const table = page.getByTestId("summary-table");
      await table.waitFor({ timeout: 60_000 });
      for (const name of ["b_Intercept", "b_x", "sd_g__Intercept", "sigma", "r_g[g1,Intercept]"]) {
        await expect(table.locator(`tr[data-param="${name}"]`).count()).resolves.toBe(1);
      }
      // The data were made with slope 0.5 and residual wiggle of sd ≈ 0.2: the posterior mean of the
      // slope lies well within ±0.25 of it (its posterior sd is about 0.04).
      const slope = Number(await table.locator('tr[data-param="b_x"] td[data-col="mean"]').textContent());
      expect(Math.abs(slope - 0.5)).toBeLessThan(0.25);
      await expect(page.getByTestId("forest-plot").count()).resolves.toBe(1);
      await shot(page, "7-formula-fit");

      // A prior with a typo is reported with a caret, before anything runs.
      await page.getByTestId("prior-input").fill("b ~ nromal(0, 5)");
      await page.getByTestId("run").click();
      await expect(page.getByTestId("error").textContent()).resolves.toContain("nromal");
    } finally {
      await context.close();
    }
  });

  it("a malformed CSV gives a message, not a crash", async () => {
    const { context, page } = await openApp();
    try {
      await page.getByTestId("csv-input").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from('a,b\n1,"2\n') });
      const error = page.getByTestId("error");
      await error.waitFor();
      await expect(error.textContent()).resolves.toContain("bad.csv");
    } finally {
      await context.close();
    }
  });
});
