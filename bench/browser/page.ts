/**
 * The harness page: exposes `hbBench.fit(csv, threads)` and `hbBench.gradient(csv, ms)` for
 * bench/browser.ts to call through Playwright. Unlike the app (one worker per chain), it lets the
 * benchmark choose the worker count, so browser and Node run the same 2 workers.
 */
import type { BrowserWorker } from "../../src/inference/threads.js";
import { radonGradientMicros, radonProbe, runRadon, type RadonRun } from "./radon.js";

// The root tsconfig has no DOM lib; this is the one DOM constructor the page needs.
declare const Worker: new (url: URL, options: { type: "module" }) => BrowserWorker;

const createWorker = (): BrowserWorker => new Worker(new URL("./chainWorker.ts", import.meta.url), { type: "module" });
const now = (): number => performance.now();

export interface HarnessApi {
  fit(csvText: string, threads: number): Promise<RadonRun>;
  gradient(csvText: string, targetMs: number): number;
  probe(csvText: string): number[];
}

const api: HarnessApi = {
  fit: (csvText, threads) => runRadon(csvText, threads, now, createWorker),
  gradient: (csvText, targetMs) => radonGradientMicros(csvText, targetMs, now),
  probe: (csvText) => radonProbe(csvText),
};
(globalThis as unknown as { hbBench: HarnessApi }).hbBench = api;
