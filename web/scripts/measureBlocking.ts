/**
 * How long a fit holds the page's thread, per built-in example (and a few formula models), in the
 * built app in Debian's Chromium: the reparameterisation pilot's own time (the summary's "pilot N ms"
 * when it ran) and the longest task the page ran during the fit (PerformanceObserver "longtask":
 * every main-thread task over 50 ms, from building the model to drawing the plots).
 *   npx tsx web/scripts/measureBlocking.ts [repeats]
 * Timings are wall clock on whatever load the machine has; the script prints the load average.
 */
import { readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { buildApp } from "../../test/web/support/buildApp.js";
import { launchChromium } from "../../test/web/support/browser.js";
import { serveStatic } from "../../test/web/support/server.js";

const repeats = Number(process.argv[2] ?? 3);
const radonCsv = readFileSync(fileURLToPath(new URL("../../data/radon_mn.csv", import.meta.url)));
const bballCsv = readFileSync(fileURLToPath(new URL("../../data/bball1970.csv", import.meta.url)));
const cbppCsv = readFileSync(fileURLToPath(new URL("../../data/cbpp.csv", import.meta.url)));

type Case = { name: string; example?: string; csv?: [string, Buffer]; formula?: string; family?: string };
const CASES: Case[] = [
  { name: "eight-schools", example: "eight-schools" },
  { name: "radon", example: "radon" },
  { name: "baseball", example: "baseball" },
  { name: "rna-pausing", example: "rna-pausing" },
  { name: "formula radon", csv: ["radon_mn.csv", radonCsv], formula: "log_radon ~ floor + (1 | county)", family: "gaussian" },
  { name: "formula baseball", csv: ["bball1970.csv", bballCsv], formula: "Hits | trials(AB) ~ 1 + (1 | Player)", family: "binomial" },
  { name: "formula cbpp", csv: ["cbpp.csv", cbppCsv], formula: "incidence | trials(size) ~ period + (1 | herd)", family: "binomial" },
];

const browser = await launchChromium();
const dist = await buildApp();
const server = await serveStatic(dist);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}; 4 chains × (1000 + 1000), defaults`);
try {
  for (const c of CASES) {
    for (let r = 0; r < repeats; r++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.origin}/`);
      await page.evaluate(() => {
        const g = globalThis as unknown as { __long: number[]; PerformanceObserver: new (cb: (l: { getEntries(): { duration: number }[] }) => void) => { observe(o: object): void } };
        g.__long = [];
        new g.PerformanceObserver((list) => g.__long.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: false });
      });
      if (c.example) await page.getByTestId(`example-${c.example}`).click();
      else {
        await page.getByTestId("csv-input").setInputFiles({ name: c.csv![0], mimeType: "text/csv", buffer: c.csv![1] });
        await page.getByTestId("formula-input").fill(c.formula!);
        await page.getByTestId("family-input").selectOption(c.family!);
      }
      await page.getByTestId("run").click();
      const beyond = page.getByTestId("beyond");
      const error = page.getByTestId("error");
      await Promise.race([beyond.waitFor({ timeout: 120_000 }), error.waitFor({ state: "visible", timeout: 120_000 })]);
      if (await error.isVisible()) {
        console.log(`${c.name}: error ${await error.textContent()}`);
        await context.close();
        break;
      }
      const text = (await beyond.textContent()) ?? "";
      const long = await page.evaluate(() => (globalThis as unknown as { __long: number[] }).__long);
      const pilot = /pilot (\d+) ms/.exec(text)?.[1] ?? "none";
      console.log(`${c.name} #${r + 1}: pilot ${pilot} ms; longest task ${Math.round(Math.max(0, ...long))} ms (${long.length} over 50 ms) | ${text}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dist, { recursive: true, force: true });
}
