/**
 * One app-vs-fit comparison (test/web/marginal.test.ts and test/slow/web/): fit a built-in example
 * or a formula in the built app, read the footer, download the draws, and compare them with `fit`
 * called as from Node in the reference harness page (same engine: bit for bit) and with Node's own
 * fit (bit for bit when the engines' Math.* agree, else posterior means within 4 combined MCSE).
 */
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Browser, Download } from "playwright-core";
import { fit, fitProgram } from "../../../src/api/fit.js";
import type { Fit } from "../../../src/api/fitResult.js";
import { mcseMean } from "../../../src/diagnostics/mcse.js";
import { formatCmdStanCsv } from "../../../src/io/writeCmdStanCsv.js";
import type { Model } from "../../../src/model/model.js";
import { loadCsv, tableToRecord } from "../../../web/src/data.js";
import { formulaModel } from "../../../web/src/formula.js";
import { launchChromium } from "./browser.js";
import { buildApp } from "./buildApp.js";
import { buildReference } from "./buildReference.js";
import { mathProbe, probeDifferences } from "./mathProbe.js";
import { serveStatic } from "./server.js";

export interface Servers {
  readonly browser: Browser;
  /** Origin of the built app. */
  readonly app: string;
  /** Origin of the reference harness (support/reference). */
  readonly reference: string;
}

export interface RunSize {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  /** How long the page may take to show the summary. */
  readonly timeoutMs: number;
}

/** Chromium, the built app and the reference harness, each served from 127.0.0.1. */
export async function startServers(): Promise<Servers & { close(): Promise<void> }> {
  const browser = await launchChromium();
  const dist = await buildApp();
  const refDist = await buildReference();
  const app = await serveStatic(dist);
  const reference = await serveStatic(refDist);
  return {
    browser,
    app: app.origin,
    reference: reference.origin,
    close: async () => {
      await browser.close();
      await app.close();
      await reference.close();
      for (const d of [dist, refDist]) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Data rows and header of a CmdStan CSV: comment lines (settings, adaptation, timings) dropped. */
function csvRows(text: string): string[] {
  return text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
}

/** Each named column of a chain's CSV rows, as numbers. */
function columns(rows: readonly string[], names: readonly string[]): Float64Array[] {
  const header = rows[0].split(",");
  return names.map((n) => {
    const at = header.indexOf(n);
    if (at < 0) throw new Error(`no column ${n}`);
    return Float64Array.from(rows.slice(1), (r) => Number(r.split(",")[at]));
  });
}

/** The page's own download, for chain c, written from a Node fit (main.ts's call, same arguments). */
function nodeCsv(f: Fit, model: string, c: number): string {
  const r = f.result;
  return formatCmdStanCsv(f.draws, {
    model,
    seed: r.settings.seed,
    chain: c,
    settings: { numWarmup: r.settings.warmup, thin: r.settings.thin, delta: r.settings.adaptDelta, maxDepth: r.settings.maxTreeDepth, metric: r.settings.metric === "dense" ? "dense_e" : "diag_e" },
  });
}

/**
 * A built-in example (`example`: its DSL model) or the formula box (`formula`, `family`: the CSV is
 * loaded as the user's own), the footer text expected under the summary, the columns whose means
 * are compared with Node's, and whether the fit must be free of divergences.
 */
export interface Case {
  readonly name: string;
  readonly example?: { readonly id: string; readonly model: Model };
  readonly formula?: { readonly text: string; readonly family: string };
  readonly csv: string;
  readonly seed: number;
  readonly beyond: string;
  readonly hyper: readonly string[];
  readonly divergenceFree: boolean;
}

/** Node's fit of a case, made as web/src/run.ts makes it (runModel / runProgram) but with threads: 1. */
function nodeFit(k: Case, csvText: string, o: { chains: number; warmup: number; draws: number; seed: number }): Promise<Fit> {
  const table = loadCsv(k.csv, csvText).table;
  if (k.formula !== undefined) return fitProgram(formulaModel(k.formula.text, k.formula.family, [], table).program, { ...o, threads: 1 });
  return fit((k.example as NonNullable<Case["example"]>).model, tableToRecord(table), { ...o, generated: true, threads: 1 });
}

function expectSameRows(got: readonly string[], want: readonly string[], what: string): void {
  expect(got.length, what).toBe(want.length);
  expect(got[0], what).toBe(want[0]);
  // Row by row, so a failure names the first draw that differs.
  for (let k = 1; k < want.length; k++) if (got[k] !== want[k]) expect(`${what} draw ${k}: ${got[k]}`).toBe(`${what} draw ${k}: ${want[k]}`);
}

/** Runs one case end to end; fails the calling test on any mismatch. */
export async function compareAppWithFit(env: Servers, k: Case, size: RunSize): Promise<void> {
  const { browser } = env;
  const { chains, warmup, draws, timeoutMs } = size;
  const { csv, seed, beyond: expected, hyper, divergenceFree } = k;
  const modelName = k.example?.model.name ?? "formula";
  const csvText = readFileSync(fileURLToPath(new URL(`../../../${csv}`, import.meta.url)), "utf8");

  const context = await browser.newContext({ acceptDownloads: true });
  const errors: string[] = [];
  let workers = 0;
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("worker", () => workers++);
    await page.goto(`${env.app}/`);
    if (k.example !== undefined) await page.getByTestId(`example-${k.example.id}`).click();
    else {
      const f = k.formula as NonNullable<Case["formula"]>;
      await page.getByTestId("csv-input").setInputFiles({ name: csv.replace(/^.*\//, ""), mimeType: "text/csv", buffer: Buffer.from(csvText) });
      await page.getByTestId("formula-input").fill(f.text);
      await page.getByTestId("family-input").selectOption(f.family);
    }
    await page.getByTestId("chains-input").fill(String(chains));
    await page.getByTestId("warmup-input").fill(String(warmup));
    await page.getByTestId("draws-input").fill(String(draws));
    await page.getByTestId("seed-input").fill(String(seed));
    await page.getByTestId("run").click();
    await page.getByTestId("summary-table").waitFor({ timeout: timeoutMs });

    // What was done, in the CLI footer's words.
    await expect(page.getByTestId("beyond").textContent()).resolves.toContain(expected);
    await expect(page.getByTestId("beyond-notes").count()).resolves.toBe(0);
    // The chains ran in Web Workers (one per chain; Playwright may attach late, so at least one).
    expect(workers).toBeGreaterThanOrEqual(1);
    // No divergence warning: eight schools centred diverges when sampled as written, not marginalised.
    const warnings = (await page.getByTestId("warnings").count()) > 0 ? ((await page.getByTestId("warnings").textContent()) ?? "") : "";
    if (divergenceFree) expect(warnings).not.toMatch(/divergen/i);

    const downloads: Download[] = [];
    page.on("download", (d) => downloads.push(d));
    await page.getByTestId("download-draws").click();
    await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(chains);
    const pageCsv = new Map<string, string>();
    for (const d of downloads) pageCsv.set(d.suggestedFilename(), readFileSync(await d.path(), "utf8"));

    const pageRows = Array.from({ length: chains }, (_, c) => {
      const text = pageCsv.get(`${modelName}-${c + 1}.csv`);
      expect(text, `chain ${c + 1}'s download`).toBeDefined();
      return csvRows(text as string);
    });
    for (const rows of pageRows) {
      expect(rows.length).toBe(draws + 1);
      const [divergent] = columns(rows, ["divergent__"]);
      if (divergenceFree) expect(divergent.every((d) => d === 0)).toBe(true);
    }

    // Same engine: `fit` as called from Node (threads: 1, no createWorker), in the harness page.
    const ref = await context.newPage();
    await ref.goto(`${env.reference}/`);
    const request = { model: modelName, formula: k.formula?.text, family: k.formula?.family, csv: csvText, chains, warmup, draws, seed };
    const refCsv = await ref.evaluate((req) => (globalThis as unknown as { hbayesReference(r: typeof req): Promise<string[]> }).hbayesReference(req), request);
    for (let c = 0; c < chains; c++) expectSameRows(pageRows[c], csvRows(refCsv[c]), `chain ${c + 1} (app vs fit in the same browser)`);

    // Node, same model, data and options as the app's (threads never change draws).
    const node = await nodeFit(k, csvText, { chains, warmup, draws, seed });
    if (divergenceFree) expect(node.result.chains.reduce((s, c) => s + c.divergences, 0)).toBe(0);
    const nodeRows = Array.from({ length: chains }, (_, c) => csvRows(nodeCsv(node, modelName, c)));
    const mathDiffers = probeDifferences(mathProbe(), await ref.evaluate(() => (globalThis as unknown as { hbayesMathProbe(): number[] }).hbayesMathProbe()));
    if (mathDiffers === 0) {
      for (let c = 0; c < chains; c++) expectSameRows(pageRows[c], nodeRows[c], `chain ${c + 1} (app vs Node)`);
    } else {
      // Different last bits, same algorithm: independent-looking chains of the same posterior.
      for (const name of hyper) {
        const [w, n] = [pageRows, nodeRows].map((rs) => rs.map((rows) => columns(rows, [name])[0]));
        const mean = (cs: Float64Array[]) => cs.reduce((s, x) => s + x.reduce((a, b) => a + b, 0), 0) / (chains * draws);
        const tol = 4 * Math.hypot(mcseMean(w), mcseMean(n));
        expect(Math.abs(mean(w) - mean(n)), `${name}: |mean(app) - mean(Node)| vs 4 combined MCSE ${tol}`).toBeLessThan(tol);
      }
    }
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}
