/**
 * The browser app end to end: built with Vite's API, served from 127.0.0.1, driven in Debian's
 * Chromium. Set HBAYES_WEB_SHOTS=<dir> to keep screenshots of each step for a look.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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
async function openApp(viewport = { width: 1360, height: 900 }): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
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

/**
 * 6 groups × 5 rows of `y,x,<extra columns>,g`: y = 1 + 0.5 x + group shift + a fixed wiggle of
 * sd ≈ 0.2 (no randomness in the test).
 */
function toyRows(extra: (i: number) => readonly string[] = () => []): string[] {
  return Array.from({ length: 30 }, (_, i) => {
    const g = i % 6;
    const x = (i % 5) - 2;
    return [(1 + 0.5 * x + (g - 2.5) * 0.4 + Math.sin(i * 1.7) * 0.3).toFixed(4), String(x), ...extra(i), `g${g + 1}`].join(",");
  });
}

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
      await page.getByTestId("example-eight-schools").click();
      // The sampling phase must outlast the click. Eight schools' school effects are integrated out and
      // its NUTS runs in WebAssembly: an iteration costs ~2–3 µs, so 300,000 draws keep each chain
      // sampling for ~1 CPU s, at ~0.2 kB per saved draw and chain (~60 MB). Radon, used before, now
      // costs ~3 µs an iteration but ~1.4 kB a draw: 50,000 of its draws were over before a click on a
      // loaded machine landed.
      await page.getByTestId("draws-input").fill("300000");
      await page.getByTestId("run").click();
      await page.locator('[data-testid="chain-1"] .fill.sampling').waitFor({ timeout: 60_000 });
      await page.getByTestId("stop").click();
      await page.getByTestId("summary-table").waitFor({ timeout: 30_000 });
      await expect(page.getByTestId("warnings").textContent()).resolves.toMatch(/stopped early/i);
      await expect(page.getByTestId("run").isEnabled()).resolves.toBe(true);
      await shot(page, "3-eight-schools-stopped");
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
      const rows = toyRows();
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
      for (const part of ["forest-plot", "ppc-plot", "pooling-run"]) await expect(page.getByTestId(part).count()).resolves.toBe(1);
      await expect(page.locator(".not-available").count()).resolves.toBe(0);
      await shot(page, "7-formula-fit");

      // Stop during the pooling comparison: nothing half-done is shown, and Run is free again.
      await page.getByTestId("pooling-run").click();
      await page.getByTestId("pooling-stop").click();
      await expect.poll(() => page.getByTestId("pooling-status").textContent(), { timeout: 30_000 }).toMatch(/stopped/);
      await expect(page.getByTestId("pooling-table").count()).resolves.toBe(0);
      await expect(page.getByTestId("pooling-error").count()).resolves.toBe(0);
      await expect(page.getByTestId("run").isEnabled()).resolves.toBe(true);

      // A prior with a typo is reported with a caret, before anything runs.
      await page.getByTestId("prior-input").fill("b ~ nromal(0, 5)");
      await page.getByTestId("run").click();
      await expect(page.getByTestId("error").textContent()).resolves.toContain("nromal");
    } finally {
      await context.close();
    }
  });

  it("the warnings given before sampling reach the page: a column read as text, a constant predictor (not identified)", async () => {
    const { context, page } = await openApp();
    try {
      // The toy rows plus a constant column and one whose row 5 is 'abc' (read as text).
      const rows = toyRows((i) => ["1", i === 4 ? "abc" : String(i)]);
      await page.getByTestId("csv-input").setInputFiles({ name: "const.csv", mimeType: "text/csv", buffer: Buffer.from(`y,x,const,note,g\n${rows.join("\n")}\n`) });
      await expect(page.getByTestId("data-warnings").textContent()).resolves.toMatch(/column 'note' is read as text .*row 5 has 'abc'/);
      await page.getByTestId("formula-input").fill("y ~ x + const + (1 | g)");
      await page.getByTestId("warmup-input").fill("200");
      await page.getByTestId("draws-input").fill("200");
      await page.getByTestId("run").click();
      // Before the results: shown with the progress bars while the chains run.
      const pre = page.getByTestId("pre-warnings");
      await pre.waitFor({ timeout: 30_000 });
      await expect(pre.textContent()).resolves.toMatch(/b_const is not identified: column 'const' is constant/);
      await page.getByTestId("summary-table").waitFor({ timeout: 60_000 });
      // With the results: at the top of their warnings, once (the list under the progress bars goes).
      const warnings = (await page.getByTestId("warnings").textContent()) ?? "";
      expect(warnings).toMatch(/^column 'note' is read as text/);
      expect(warnings).toMatch(/b_const is not identified: column 'const' is constant/);
      await expect(page.getByTestId("pre-warnings").count()).resolves.toBe(0);
      // The downloaded summary.json lists them as the CLI's does.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-summary").click()]);
      const json = JSON.parse(readFileSync(await download.path(), "utf8")) as { warnings: string[] };
      expect(json.warnings.slice(0, 2)).toEqual([expect.stringMatching(/^column 'note' is read as text/), expect.stringMatching(/^b_const is not identified/)]);
      await shot(page, "7b-warnings-before-sampling");
    } finally {
      await context.close();
    }
  });

  it("radon from CSV with a formula: Ctrl+Enter runs, PPC, then Compare pooling gives the table, shrinkage plot and LOO", async () => {
    const { context, page, requests } = await openApp({ width: 1280, height: 800 });
    try {
      const csv = readFileSync(fileURLToPath(new URL("../../data/radon_mn.csv", import.meta.url)));
      await page.getByTestId("csv-input").setInputFiles({ name: "radon_mn.csv", mimeType: "text/csv", buffer: csv });
      await page.getByTestId("data-preview").waitFor();
      await page.getByTestId("warmup-input").fill("300");
      await page.getByTestId("draws-input").fill("300");
      const formula = page.getByTestId("formula-input");
      await formula.fill("log_radon ~ floor + (1 | county)");
      await formula.press("Control+Enter");
      const table = page.getByTestId("summary-table");
      await table.waitFor({ timeout: 60_000 });
      // lme4's lmer gives floor −0.663 (se 0.068) on these 919 homes; 1200 draws put the posterior mean
      // within a few hundredths of it, so ±0.2 only catches a wrong model or data.
      const floor = Number(await table.locator('tr[data-param="b_floor"] td[data-col="mean"]').textContent());
      expect(Math.abs(floor + 0.663)).toBeLessThan(0.2);
      // 85 county effects: plotted, not listed.
      await expect(table.locator('tr[data-param^="r_county["]').count()).resolves.toBe(0);
      for (const part of ["forest-plot", "ppc-plot", "trace-plot", "rank-plot"]) await expect(page.getByTestId(part).count()).resolves.toBe(1);
      await expect(page.getByTestId("ppc-plot").textContent()).resolves.toContain("log_radon");
      // The comparison runs only on demand.
      await expect(page.getByTestId("pooling-table").count()).resolves.toBe(0);
      await expect(page.getByTestId("shrinkage-plot").count()).resolves.toBe(0);
      await shot(page, "8-radon-formula");

      // The three pooling fits run their chains in Web Workers (one per chain each), not on the page's thread.
      let workers = 0;
      page.on("worker", () => workers++);
      await page.getByTestId("pooling-run").click();
      await expect(page.getByTestId("run").isDisabled()).resolves.toBe(true);
      const pooled = page.getByTestId("pooling-table");
      await pooled.waitFor({ timeout: 90_000 });
      await expect(page.getByTestId("run").isEnabled()).resolves.toBe(true);
      await expect(page.getByTestId("shrinkage-plot").count()).resolves.toBe(1);
      // Playwright reports a worker once it has attached to it, and a 0.1 s complete-pooling chain can end
      // first, so this count is a lower bound; the page-thread path would create none at all.
      expect(workers).toBeGreaterThanOrEqual(4);
      expect(workers).toBeLessThanOrEqual(3 * 4);
      const rows = pooled.locator("tbody tr");
      await expect(rows.count()).resolves.toBe(85);
      // Most-shrunk first: the shrinkage column never increases down the table (— sorts last).
      const shrink = (await pooled.locator('tbody td[data-col="shrinkage"]').allTextContents()).map((t) => (t === "—" ? -1 : Number(t)));
      expect(shrink.every((v) => Number.isFinite(v) && v <= 1)).toBe(true);
      for (let i = 1; i < shrink.length; i++) expect(shrink[i]).toBeLessThanOrEqual(shrink[i - 1]);
      // Sizes add up to the 919 homes.
      const n = (await pooled.locator('tbody td[data-col="n"]').allTextContents()).map(Number);
      expect(n.reduce((a, b) => a + b, 0)).toBe(919);
      // LOO: three models, best first with elpd_diff 0. Partial pooling beats complete pooling by about
      // 5 standard errors here (the page at default settings: elpd_diff −52.9, se_diff 10.8; Gelman & Hill
      // ch. 12: counties differ), so it must rank above it even with short chains.
      const loo = page.getByTestId("pooling-loo");
      const order = await loo.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-model")));
      expect([...order].sort()).toEqual(["complete_pooling", "no_pooling", "partial_pooling"]);
      expect(Number(await loo.locator('tbody tr:first-child td[data-col="elpd_diff"]').textContent())).toBe(0);
      expect(order.indexOf("partial_pooling")).toBeLessThan(order.indexOf("complete_pooling"));
      await expect(page.getByTestId("pooling-status").textContent()).resolves.toMatch(/85 levels of county/);
      await shot(page, "9-radon-pooling");

      expect(requests.filter((u) => u.startsWith("pageerror:"))).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(`${server.origin}/`))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("on a 420 px wide window nothing spills sideways: long formula errors, results and tables scroll in place", async () => {
    const { context, page } = await openApp({ width: 420, height: 800 });
    // Evaluated in the page (this project's tsconfig has no DOM types, hence the string).
    const overflow = () => page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    try {
      const rows = Array.from({ length: 24 }, (_, i) => `${(Math.sin(i) + (i % 4) * 0.3).toFixed(3)},${(i % 3) - 1},g${(i % 4) + 1},${i % 2}`);
      await page.getByTestId("csv-input").setInputFiles({ name: "narrow.csv", mimeType: "text/csv", buffer: Buffer.from(`response_variable_with_a_long_name,predictor_one,grouping_factor,predictor_two\n${rows.join("\n")}\n`) });
      const long = "response_variable_with_a_long_name ~ predictor_one + predictor_two + predictor_one:predictor_two + (1 | grouping_factor";
      await page.getByTestId("formula-input").fill(long);
      await page.getByTestId("error-caret").waitFor();
      // The caret box scrolls in place, and shows the ^ (column 115 of the formula) rather than its start.
      // `any`: the callback runs in the page on a DOM node, and this tsconfig has no DOM types.
      const caretInView = await page.getByTestId("error-caret").evaluate((pre: any) => {
        const text = pre.firstChild;
        const range = pre.ownerDocument.createRange();
        const at = text.data.lastIndexOf("^");
        range.setStart(text, at);
        range.setEnd(text, at + 1);
        const c = range.getBoundingClientRect();
        const box = pre.getBoundingClientRect();
        return c.left >= box.left && c.right <= box.right;
      });
      expect(caretInView).toBe(true);
      await shot(page, "10-narrow-error");
      expect(await overflow()).toBeLessThanOrEqual(0);

      await page.getByTestId("formula-input").fill("response_variable_with_a_long_name ~ predictor_one + predictor_two + (1 + predictor_one | grouping_factor)");
      await page.getByTestId("warmup-input").fill("200");
      await page.getByTestId("draws-input").fill("200");
      await page.getByTestId("formula-input").press("Control+Enter");
      await page.getByTestId("summary-table").waitFor({ timeout: 60_000 });
      await expect(page.getByTestId("progress-status").textContent()).resolves.toMatch(/done/);
      // A varying slope: the pooling comparison is defined for a varying intercept only, and says so.
      await expect(page.getByTestId("pooling-run").count()).resolves.toBe(0);
      await expect(page.getByTestId("pooling-unavailable").textContent()).resolves.toContain("varying intercept only");
      await expect(page.getByTestId("ppc-plot").count()).resolves.toBe(1);
      await shot(page, "11-narrow-results");
      expect(await overflow()).toBeLessThanOrEqual(0);
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
