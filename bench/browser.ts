/**
 * The radon varying-intercept model in the browser and in Node (`npx tsx bench/browser.ts
 * [--reps 5] [--gradient-ms 1000] [--no-md]`): log_radon ~ floor + (1 | county) on
 * data/radon_mn.csv, 4 chains × (1000 warmup + 1000 draws), seed 1.
 *
 * Per repetition, interleaved so the machine's changing load falls on every series alike:
 *  - Node child process, 2 worker threads (the library compiled to JS, as users run it): the job's
 *    own time (formula → fit → summary) and the process's wall time from spawn to exit;
 *  - Chromium, harness page (bench/browser/page.ts), 2 Web Workers: the same job through the same
 *    code (bench/browser/radon.ts), and the page load before it;
 *  - Chromium, the app (web/) driven through its data-testids: CSV in, formula typed, Run clicked,
 *    time until the summary table is in the DOM and painted. The app runs one worker per chain
 *    (4 workers, web/src/run.ts), so a Node child with 4 threads is measured beside it;
 *  - bare µs per gradient: the same loop (bench/browser/gradientLoop.ts) in a Node child and in a page.
 * Writes bench/browser/results/<date>.json and the "browser" section of bench/RESULTS.md.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import type { HarnessApi } from "./browser/page.js";
import { RADON, type RadonRun } from "./browser/radon.js";
import { descendantsCpuSeconds } from "./browser/procCpu.js";
import { serveStatic } from "../test/web/support/server.js";
import { median } from "./browser/stats.js";
import { loadAverage } from "./full/measure.js";
import { writeSection } from "./full/report.js";

const repo = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");
const argv = process.argv.slice(2);
const numArg = (flag: string, dflt: number): number => {
  const i = argv.indexOf(flag);
  const v = i >= 0 ? Number(argv[i + 1]) : dflt;
  if (!Number.isInteger(v) || v < 1) throw new Error(`bench/browser: ${flag} must be a positive integer, got ${argv[i + 1]}`);
  return v;
};
const REPS = numArg("--reps", 5);
const GRADIENT_MS = numArg("--gradient-ms", 1000);
const THREADS = 2;
const CHROMIUM = "/usr/bin/chromium";
const CSV_PATH = `${repo}/data/radon_mn.csv`;
const csvText = readFileSync(CSV_PATH, "utf8");
const uptime = (): string => execFileSync("uptime", { encoding: "utf8" }).trim();
const log = (s: string): void => void process.stderr.write(`${s}\n`);

// ---- builds -----------------------------------------------------------------------------------------

/** src/ and the Node child compiled to JS under tmp/ (inside the repo, so node_modules resolves). */
function buildNode(): string {
  const dir = `${repo}/tmp/bench/browser`;
  const out = `${dir}/node`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tsconfig = `${dir}/tsconfig.node.json`;
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: `${repo}/tsconfig.json`,
      compilerOptions: { rootDir: repo, outDir: out, noEmit: false, declaration: false, sourceMap: false },
      include: [`${repo}/src`, `${repo}/bench/browser/nodeChild.ts`],
    }),
  );
  try {
    execFileSync(process.execPath, [`${repo}/node_modules/typescript/bin/tsc`, "-p", tsconfig], { stdio: "pipe" });
  } catch (e) {
    // Type errors elsewhere in the shared tree still emit JS; only a missing output is fatal.
    log(`tsc reported errors (JS emitted anyway): ${String((e as { stdout?: Buffer }).stdout ?? "").split("\n").slice(0, 3).join(" | ")}`);
  }
  return `${out}/bench/browser/nodeChild.js`;
}

async function buildPage(kind: "app" | "harness"): Promise<string> {
  const outDir = realpathSync(mkdtempSync(join(tmpdir(), `hbayes-bench-${kind}-`)));
  if (kind === "app") {
    await build({ configFile: `${repo}/web/vite.config.ts`, logLevel: "error", build: { outDir, emptyOutDir: true } });
  } else {
    await build({
      configFile: false,
      root: `${repo}/bench/browser`,
      base: "./",
      publicDir: false,
      logLevel: "error",
      worker: { format: "es" },
      // The same target as web/vite.config.ts, so both bundles are the same kind of JavaScript.
      build: { outDir, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 1000 },
    });
  }
  return outDir;
}

// ---- one measurement each ---------------------------------------------------------------------------

interface NodeFit extends RadonRun {
  /** Child's performance.now() at the end: process start → summary (ms). */
  readonly process_ms: number;
  /** Spawn → exit as the parent saw it (ms). */
  readonly spawn_to_exit_ms: number;
  /** CPU seconds of the run (all threads), and of the whole process incl. start-up. */
  readonly run_cpu_s: number;
  readonly process_cpu_s: number;
}

function runChild(script: string, args: readonly string[]): Promise<{ stdout: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`node child ${args.join(" ")} exited ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`));
      else resolve({ stdout, ms });
    });
  });
}

async function nodeFit(script: string, threads: number): Promise<NodeFit> {
  const r = await runChild(script, ["fit", String(threads), CSV_PATH]);
  return { ...(JSON.parse(r.stdout.trim().split("\n").pop() as string) as Omit<NodeFit, "spawn_to_exit_ms">), spawn_to_exit_ms: r.ms };
}

async function nodeGradient(script: string): Promise<number> {
  const r = await runChild(script, ["gradient", String(GRADIENT_MS), CSV_PATH]);
  return (JSON.parse(r.stdout.trim().split("\n").pop() as string) as { us_per_gradient: number }).us_per_gradient;
}

async function openHarness(browser: Browser, origin: string): Promise<{ page: Page; load_ms: number; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => (globalThis as unknown as { hbBench?: unknown }).hbBench !== undefined);
  return { page, load_ms: performance.now() - t0, close: () => context.close() };
}

interface BrowserFit extends RadonRun {
  /** Navigation → harness ready (ms), the page's counterpart of Node's start-up. */
  readonly load_ms: number;
  /** CPU seconds of all Chromium processes during the run (page, workers, browser, helpers). */
  readonly run_cpu_s: number;
}

async function harnessFit(browser: Browser, origin: string): Promise<BrowserFit> {
  const h = await openHarness(browser, origin);
  try {
    const c0 = descendantsCpuSeconds(process.pid);
    const run = await h.page.evaluate(
      ([csv, threads]) => (globalThis as unknown as { hbBench: HarnessApi }).hbBench.fit(csv, threads),
      [csvText, THREADS] as const,
    );
    return { ...run, load_ms: h.load_ms, run_cpu_s: descendantsCpuSeconds(process.pid) - c0 };
  } finally {
    await h.close();
  }
}

async function harnessGradient(browser: Browser, origin: string): Promise<number> {
  const h = await openHarness(browser, origin);
  try {
    return await h.page.evaluate(([csv, ms]) => (globalThis as unknown as { hbBench: HarnessApi }).hbBench.gradient(csv, ms), [csvText, GRADIENT_MS] as const);
  } finally {
    await h.close();
  }
}

interface AppFit {
  /** Run clicked → summary table in the DOM and the next frame painted (ms, page clock). */
  readonly run_to_summary_ms: number;
  /** The page's own line: "… · wall 3.1 s · …" (the sampler's wall time as the app shows it). */
  readonly meta: string;
  readonly b_floor_mean_shown: number;
  /** CPU seconds of all Chromium processes from the click to the painted summary. */
  readonly run_cpu_s: number;
}

async function appFit(browser: Browser, origin: string): Promise<AppFit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/index.html`);
    await page.getByTestId("csv-input").setInputFiles({ name: "radon_mn.csv", mimeType: "text/csv", buffer: Buffer.from(csvText) });
    await page.getByTestId("data-preview").waitFor();
    await page.getByTestId("chains-input").fill(String(RADON.chains));
    await page.getByTestId("warmup-input").fill(String(RADON.warmup));
    await page.getByTestId("draws-input").fill(String(RADON.draws));
    await page.getByTestId("seed-input").fill(String(RADON.seed));
    await page.getByTestId("formula-input").fill(RADON.formula);
    const c0 = descendantsCpuSeconds(process.pid);
    // Click and wait inside the page, so the span is on the page's clock with no round trips in it.
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const doc = (globalThis as unknown as { document: { querySelector(s: string): { click(): void } | null; body: unknown } }).document;
          const raf = (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame;
          const Observer = (globalThis as unknown as { MutationObserver: new (f: () => void) => { observe(n: unknown, o: object): void; disconnect(): void } }).MutationObserver;
          const t0 = performance.now();
          const obs = new Observer(() => {
            if (doc.querySelector('[data-testid="summary-table"]') === null) return;
            obs.disconnect();
            raf(() => resolve(performance.now() - t0));
          });
          obs.observe(doc.body, { childList: true, subtree: true });
          (doc.querySelector('[data-testid="run"]') as { click(): void }).click();
        }),
    );
    const cpu = descendantsCpuSeconds(process.pid) - c0;
    const meta = (await page.locator("p.meta", { hasText: "gradients" }).first().textContent()) ?? "";
    const shown = Number(await page.locator('[data-testid="summary-table"] tr[data-param="b_floor"] td[data-col="mean"]').textContent());
    return { run_to_summary_ms: ms, meta, b_floor_mean_shown: shown, run_cpu_s: cpu };
  } finally {
    await context.close();
  }
}

// ---- the run ----------------------------------------------------------------------------------------

interface Rep {
  rep: number;
  load: number[];
  node2: NodeFit;
  browser2: BrowserFit;
  app4: AppFit;
  node4: NodeFit;
  node_gradient_us: number;
  browser_gradient_us: number;
}

log("building: src → JS for Node, the harness page, the app …");
const nodeScript = buildNode();
const [appDir, harnessDir] = [await buildPage("app"), await buildPage("harness")];
const app = await serveStatic(appDir);
const harness = await serveStatic(harnessDir);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
// Do the engines compute the same log density and gradient, bit for bit, at the same points?
const nodeProbe = JSON.parse((await runChild(nodeScript, ["probe", "-", CSV_PATH])).stdout) as number[];
const browserProbe = await (async () => {
  const h = await openHarness(browser, harness.origin);
  try {
    return await h.page.evaluate((csv) => (globalThis as unknown as { hbBench: HarnessApi }).hbBench.probe(csv), csvText);
  } finally {
    await h.close();
  }
})();
const probeDiffs = nodeProbe.flatMap((v, i) => (Object.is(v, browserProbe[i]) ? [] : [{ index: i, node: v, browser: browserProbe[i], rel: Math.abs(v - browserProbe[i]) / Math.max(Math.abs(v), 1e-300) }]));
const probe = { values: nodeProbe.length, differing: probeDiffs.length, max_rel: Math.max(0, ...probeDiffs.map((d) => d.rel)), first: probeDiffs.slice(0, 5) };
log(`probe: ${probe.differing} of ${probe.values} log-density/gradient values differ between Node and Chromium (max relative ${probe.max_rel.toExponential(2)})`);
const uptimeStart = uptime();
log(uptimeStart);
const reps: Rep[] = [];
try {
  for (let rep = 0; rep < REPS; rep++) {
    const load: number[] = [loadAverage()];
    const node2 = await nodeFit(nodeScript, THREADS);
    load.push(loadAverage());
    const browser2 = await harnessFit(browser, harness.origin);
    load.push(loadAverage());
    const app4 = await appFit(browser, app.origin);
    load.push(loadAverage());
    const node4 = await nodeFit(nodeScript, 4);
    load.push(loadAverage());
    const node_gradient_us = await nodeGradient(nodeScript);
    const browser_gradient_us = await harnessGradient(browser, harness.origin);
    const r: Rep = { rep: rep + 1, load, node2, browser2, app4, node4, node_gradient_us, browser_gradient_us };
    reps.push(r);
    log(
      `rep ${rep + 1}: node2 ${node2.run_ms.toFixed(0)} ms (process ${node2.spawn_to_exit_ms.toFixed(0)}) · browser2 ${browser2.run_ms.toFixed(0)} ms (+load ${browser2.load_ms.toFixed(0)}) · ` +
        `app4 ${app4.run_to_summary_ms.toFixed(0)} ms · cpu node2 ${node2.run_cpu_s.toFixed(2)} s, browser2 ${browser2.run_cpu_s.toFixed(2)} s · node4 ${node4.run_ms.toFixed(0)} ms · grad node ${node_gradient_us.toFixed(2)} µs, browser ${browser_gradient_us.toFixed(2)} µs · load ${load.map((x) => x.toFixed(1)).join("/")}`,
    );
  }
} finally {
  await browser.close();
  await app.close();
  await harness.close();
  rmSync(appDir, { recursive: true, force: true });
  rmSync(harnessDir, { recursive: true, force: true });
}
const uptimeEnd = uptime();
log(uptimeEnd);

// Same seed, same draws whatever the threads and engine: every run must report the same posterior mean.
const floors = new Set(reps.flatMap((r) => [r.node2.b_floor_mean, r.browser2.b_floor_mean, r.node4.b_floor_mean]));
const sameDraws = floors.size === 1;

// Debian's wrapper script prints a shell warning on stderr; only stdout is the version.
const browserVersion = execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
const m = (f: (r: Rep) => number) => median(reps.map(f));
const med = {
  node2_run_ms: m((r) => r.node2.run_ms),
  node2_process_ms: m((r) => r.node2.spawn_to_exit_ms),
  node2_fit_wall_s: m((r) => r.node2.wall_s),
  node2_us_grad_fit: m((r) => r.node2.us_per_gradient_fit),
  node2_run_cpu_s: m((r) => r.node2.run_cpu_s),
  node2_process_cpu_s: m((r) => r.node2.process_cpu_s),
  browser2_run_cpu_s: m((r) => r.browser2.run_cpu_s),
  app4_cpu_s: m((r) => r.app4.run_cpu_s),
  node4_run_cpu_s: m((r) => r.node4.run_cpu_s),
  browser2_run_ms: m((r) => r.browser2.run_ms),
  browser2_load_ms: m((r) => r.browser2.load_ms),
  browser2_with_load_ms: m((r) => r.browser2.load_ms + r.browser2.run_ms),
  browser2_fit_wall_s: m((r) => r.browser2.wall_s),
  browser2_us_grad_fit: m((r) => r.browser2.us_per_gradient_fit),
  app4_ms: m((r) => r.app4.run_to_summary_ms),
  node4_run_ms: m((r) => r.node4.run_ms),
  node4_process_ms: m((r) => r.node4.spawn_to_exit_ms),
  node_gradient_us: m((r) => r.node_gradient_us),
  browser_gradient_us: m((r) => r.browser_gradient_us),
  load: m((r) => median(r.load)),
};
const ratio = {
  run: med.browser2_run_ms / med.node2_run_ms,
  run_cpu: med.browser2_run_cpu_s / med.node2_run_cpu_s,
  with_startup: med.browser2_with_load_ms / med.node2_process_ms,
  app_vs_node4: med.app4_ms / med.node4_run_ms,
  gradient: med.browser_gradient_us / med.node_gradient_us,
  gradient_fit: med.browser2_us_grad_fit / med.node2_us_grad_fit,
};
const date = new Date().toISOString().slice(0, 10);
const result = {
  schema: 1,
  date,
  command: `npx tsx bench/browser.ts${argv.length ? ` ${argv.join(" ")}` : ""}`,
  node: process.version,
  node_v8: process.versions.v8,
  browser: browserVersion,
  settings: { ...RADON, threads: THREADS, reps: REPS, gradient_ms: GRADIENT_MS },
  uptime: { start: uptimeStart, end: uptimeEnd },
  same_draws: sameDraws,
  probe,
  b_floor_means: [...floors],
  medians: med,
  ratios: ratio,
  reps,
};
mkdirSync(`${repo}/bench/browser/results`, { recursive: true });
writeFileSync(`${repo}/bench/browser/results/${date}.json`, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ medians: med, ratios: ratio, same_draws: sameDraws, probe }, null, 2)}\n`);

const s = (ms: number) => (ms / 1000).toFixed(2);
const x = (r: number) => `${r.toFixed(2)}×`;
if (!argv.includes("--no-md")) {
  writeSection(`${repo}/bench/RESULTS.md`, "browser", [
    "## The same model in the browser and in Node (`npx tsx bench/browser.ts`)",
    "",
    `${date}; ${browserVersion} (headless, playwright-core) vs Node ${process.version} (V8 ${process.versions.v8}); \`nproc\` = 2. ` +
      `\`${RADON.formula}\` on data/radon_mn.csv (919 homes, 85 counties), ${RADON.chains} chains × (${RADON.warmup} warmup + ${RADON.draws} draws), seed ${RADON.seed}. ` +
      `Medians of ${REPS} repetitions, the series interleaved within each repetition. **Shared machine:** other engineers' jobs ran on the same 2 cores ` +
      `(\`uptime\` at the start: \`${uptimeStart.replace(/^.*load average/, "load average")}\`; at the end: \`${uptimeEnd.replace(/^.*load average/, "load average")}\`; median 1-min load during the runs ${med.load.toFixed(1)}), ` +
      "so wall times carry a lot of waiting for a core; the ratios, measured side by side, are steadier than the seconds.",
    "",
    "| measurement | browser | Node | browser / Node |",
    "| --- | --- | --- | --- |",
    `| run → finished summary (formula → design → fit → summary), 2 workers | ${s(med.browser2_run_ms)} s | ${s(med.node2_run_ms)} s | ${x(ratio.run)} |`,
    `| … with start-up (browser: page load + run; Node: process spawn → exit) | ${s(med.browser2_with_load_ms)} s (load ${s(med.browser2_load_ms)} s) | ${s(med.node2_process_ms)} s | ${x(ratio.with_startup)} |`,
    `| CPU seconds of that run (all threads; browser: every Chromium process, from /proc) | ${med.browser2_run_cpu_s.toFixed(2)} s | ${med.node2_run_cpu_s.toFixed(2)} s | ${x(ratio.run_cpu)} |`,
    `| sampler wall time inside the fit (fit.timing.wall_s), 2 workers | ${med.browser2_fit_wall_s.toFixed(2)} s | ${med.node2_fit_wall_s.toFixed(2)} s | ${x(med.browser2_fit_wall_s / med.node2_fit_wall_s)} |`,
    `| the app itself (web/): Run clicked → summary table painted, 4 workers (the app's one per chain); Node with 4 threads | ${s(med.app4_ms)} s | ${s(med.node4_run_ms)} s | ${x(ratio.app_vs_node4)} |`,
    `| … its CPU seconds | ${med.app4_cpu_s.toFixed(2)} s | ${med.node4_run_cpu_s.toFixed(2)} s | ${x(med.app4_cpu_s / med.node4_run_cpu_s)} |`,
    `| µs per gradient, bare loop (bench/browser/gradientLoop.ts, page main thread / Node main thread) | ${med.browser_gradient_us.toFixed(2)} | ${med.node_gradient_us.toFixed(2)} | ${x(ratio.gradient)} |`,
    `| µs per gradient in the fit (chain sampling wall seconds / post-warmup leapfrogs: incl. NUTS's per-step work and any wait for a core) | ${med.browser2_us_grad_fit.toFixed(2)} | ${med.node2_us_grad_fit.toFixed(2)} | ${x(ratio.gradient_fit)} |`,
    "",
    `Target (issue 10): browser wall time ≤ 1.5× Node's — run → summary at 2 workers: **${x(ratio.run)}** (${ratio.run <= 1.5 ? "met" : "not met"} on this run; CPU seconds ${x(ratio.run_cpu)}). ` +
      `Same draws on both sides: ${sameDraws ? `yes — every run's posterior mean of b_floor is ${[...floors][0]} to the last bit (Node 2 and 4 threads, Chromium 2 workers)` : `NO — b_floor means differ: ${[...floors].join(", ")}`}. ` +
      `Log density and gradient at 16 seeded points (${probe.values} numbers): ${probe.differing === 0 ? "identical in both engines" : `${probe.differing} differ between the engines, largest relative difference ${probe.max_rel.toExponential(1)}`}.`,
    "",
    "Reading: on a loaded machine the CPU seconds are the comparison to trust; wall time is mostly waiting for a core, and the kernel's autogroup " +
      "scheduling (`/proc/sys/kernel/sched_autogroup_enabled` = 1) probably gives Chromium, which Playwright starts in its own session, a share of the cores " +
      "apart from the Node child's, which would favour the browser's wall time without it computing any faster. The bare-gradient medians move with the load too. " +
      "Where the draws differ, the probe says why: V8's Math functions can differ in the last bit between Node's V8 and Chromium's, and NUTS trajectories " +
      "amplify one ulp into different chains; Node with 2 and with 4 threads agree to the last bit, as DESIGN.md promises for one engine.",
    "",
    "How: Node runs the library compiled to JavaScript by tsc (`tmp/bench/browser/node`, like an installed package, no tsx) in a child process per run; " +
      "the browser runs a Vite bundle (es2022, the app's settings) of `bench/browser/page.ts`, which calls the same job (`bench/browser/radon.ts`: " +
      "`buildFormulaModel` → `fitProgram` with `threads: 2` → `summarizeFit`) with its chains in Web Workers; each browser run is a fresh context and page. " +
      "The CSV is parsed before the clock starts on both sides, as the app parses it when the file is chosen. " +
      "The app row drives web/ through its data-testids (csv-input, chains/warmup/draws/seed inputs, formula-input, run) and times in the page from the click to the first frame " +
      "after `summary-table` appears; that span also covers the plots (forest, PPC, trace, rank) the app renders in the same task. " +
      `Raw figures per repetition: \`bench/browser/results/${date}.json\`.`,
  ].join("\n"));
}
