/**
 * Runs a DSL model, a formula model or a pooling comparison with its chains in Web Workers. The
 * worker is created here with its URL written literally, which is what lets Vite find and bundle
 * the worker entry.
 */
import { fit, fitProgram, type ProgramToFit } from "../../src/api/fit.js";
import type { Fit } from "../../src/api/fitResult.js";
import type { ChainProgress } from "../../src/inference/chain.js";
import type { GlmmSpec } from "../../src/glmm/types.js";
import type { Model } from "../../src/model/model.js";
import type { BrowserWorker } from "../../src/inference/threads.js";
import { withFactories } from "../../src/inference/workerTarget.js";
import { pooling, type PoolingResult } from "../../src/pooling/pooling.js";
import { WORKER_FACTORIES } from "./workerLoaders.js";

export interface RunSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
}

export interface RunHooks {
  readonly onProgress: (p: ChainProgress) => void;
  readonly signal: AbortSignal;
  /** Compile posterior-predictive replicates (only for families with an rng). */
  readonly generated: boolean;
}

// BrowserWorker's onmessage takes `{ data }` while the DOM's takes a MessageEvent; a DOM Worker is
// one at run time, but TypeScript's method variance needs the cast. The worker says which targets
// it builds (compiled programs and marginal plans), so fits integrate conjugate groups out here too.
const createWorker = withFactories(
  () => new Worker(new URL("./chainWorker.ts", import.meta.url), { type: "module" }) as unknown as BrowserWorker,
  WORKER_FACTORIES,
);

/**
 * One worker per chain, whatever the cores: every chain then shows live progress, and a Stop leaves
 * draws in every chain (`sample` keeps as many draws per chain as the shortest chain has, so a chain
 * still queued behind a busy worker would leave none at all). One chain alone runs on this thread:
 * `sample` never uses more workers than chains, and a worker target with one thread is loaded by
 * URL, which a bundle cannot do; the chain yields between chunks so the page still repaints.
 */
export function threadsFor(chains: number): number {
  return Math.max(1, chains);
}

export function runModel(m: Model, data: Record<string, unknown>, settings: RunSettings, hooks: RunHooks): Promise<Fit> {
  return fit(m, data, {
    ...settings,
    threads: threadsFor(settings.chains),
    onProgress: hooks.onProgress,
    signal: hooks.signal,
    generated: hooks.generated,
    createWorker,
  });
}

/** Runs a formula model's program (brms names), in workers like `runModel`. */
export function runProgram(p: ProgramToFit, settings: RunSettings, hooks: Omit<RunHooks, "generated">): Promise<Fit> {
  return fitProgram(p, {
    ...settings,
    threads: threadsFor(settings.chains),
    onProgress: hooks.onProgress,
    signal: hooks.signal,
    createWorker,
  });
}

/**
 * The no / complete / partial pooling comparison of a formula model with one varying intercept:
 * three fits one after the other (src/pooling fits them in POOLING_MODELS order), each with its
 * chains in workers like `runProgram`.
 */
export function runPooling(spec: GlmmSpec, settings: RunSettings, hooks: Omit<RunHooks, "generated">): Promise<PoolingResult> {
  return pooling(spec, {
    ...settings,
    threads: threadsFor(settings.chains),
    onProgress: hooks.onProgress,
    signal: hooks.signal,
    createWorker,
  });
}
