/**
 * `sample(target, options)`: NUTS chains with Stan's warmup, in this thread or in workers.
 *
 * Chain c draws only from `createRng(seed, c)` and runs the same code wherever it runs, so the draws
 * are bit-identical whatever `threads` is. A LogDensity object is sampled in this thread, chains one
 * after the other; a worker target is rebuilt in each of `threads` workers (or here when threads = 1).
 */
import { UserError } from "../errors.js";
import type { LogDensity } from "../logDensity.js";
import type { Draws } from "../posterior/draws.js";
import { SAMPLER_VARIABLES } from "../posterior/draws.js";
import { assembleDraws, chainsWithDraws } from "./assemble.js";
import { createChainRunner, outputNames, type ChainOutput, type ChainProgress, type ChainSettings } from "./chain.js";
import { driveChain } from "./driveChain.js";
import { deserializeError, type FromWorker } from "./messages.js";
import type { LowRankFactors, MetricKind } from "./metric.js";
import { resolveOptions, type SampleOptions } from "./options.js";
import { availableCores, spawnWorker, type WorkerHandle } from "./threads.js";
import { checkLogDensity, isWorkerTarget, loadWorkerTarget, type WorkerTarget } from "./workerTarget.js";

export interface ChainInfo {
  readonly chain: number;
  readonly stepSize: number;
  readonly metric: MetricKind;
  /** Adapted inverse metric: diagonal (dim) or dense (dim × dim, row-major); for a low-rank metric its diagonal. */
  readonly inverseMetric: Float64Array;
  /**
   * "fisher-lowrank" when warmup kept a correction: the factors of the whole adapted metric,
   * M⁻¹ = S (I + U (Λ − I) Uᵀ) S (`lowRankInverseDense` makes the matrix); null otherwise.
   */
  readonly lowRank: LowRankFactors | null;
  readonly divergences: number;
  readonly warmupDivergences: number;
  readonly treeDepthHits: number;
  /** Saved draws this chain completed. */
  readonly draws: number;
  readonly timing: { readonly warmup_s: number; readonly sampling_s: number; readonly gradients: number };
  readonly partial: boolean;
}

export interface SampleResult {
  /** Sampler variables (CmdStan names) first, then the model's outputs. */
  readonly draws: Draws;
  /** Warmup draws, only with `saveWarmup: true`. */
  readonly warmupDraws: Draws | null;
  readonly chains: readonly ChainInfo[];
  /** Divergent transitions after warmup, all chains. */
  readonly divergences: number;
  readonly treeDepthHits: number;
  /** Seconds summed over chains (CPU time of the chains), gradient evaluations summed, and wall time. */
  readonly timing: { readonly warmup_s: number; readonly sampling_s: number; readonly gradients: number; readonly wall_s: number };
  /**
   * True when stopped by the abort signal: `draws` holds every chain that has draws, cut to the
   * shortest of them; `chains[c].partial` and `chains[c].draws` say what each chain finished.
   */
  readonly partial: boolean;
  /** The chain numbers (0-based) of the chains in `draws`, in order: all of them unless stopped early. */
  readonly drawChains: readonly number[];
  readonly settings: {
    readonly chains: number;
    readonly warmup: number;
    readonly draws: number;
    readonly thin: number;
    readonly seed: number;
    readonly adaptDelta: number;
    readonly maxTreeDepth: number;
    readonly metric: MetricKind;
    readonly threads: number;
  };
}

export type SampleTarget = LogDensity | WorkerTarget;

function chainSettings(o: SampleOptions, chain: number): ChainSettings {
  return {
    seed: o.seed,
    warmup: o.warmup,
    draws: o.draws,
    thin: o.thin,
    adaptDelta: o.adaptDelta,
    maxTreeDepth: o.maxTreeDepth,
    maxDeltaH: o.maxDeltaH,
    metric: o.metric,
    initialStepSize: o.initialStepSize,
    saveWarmup: o.saveWarmup,
    init: o.init ? o.init[chain] : null,
  };
}

/** Wraps a chain's failure; a UserError (bad init, improper posterior) passes through unchanged. */
function chainFailure(chain: number, cause: unknown): Error {
  if (cause instanceof UserError) return cause;
  const msg = cause instanceof Error ? cause.message : String(cause);
  return new Error(`sample: chain ${chain + 1} failed: ${msg}`, { cause });
}

async function runInThread(target: LogDensity, o: SampleOptions): Promise<ChainOutput[]> {
  const outputs: ChainOutput[] = [];
  const listening = o.signal !== undefined || o.onProgress !== undefined;
  for (let c = 0; c < o.chains; c++) {
    const runner = createChainRunner(target, c, chainSettings(o, c));
    try {
      outputs.push(
        await driveChain(runner, {
          shouldStop: () => o.signal?.aborted === true,
          onProgress: o.onProgress,
          yieldBetweenChunks: listening,
        }),
      );
    } catch (e) {
      throw chainFailure(c, e);
    }
  }
  return outputs;
}

/** An output with no draws, for a chain the abort kept from starting. */
function emptyOutput(chain: number, names: readonly string[], o: SampleOptions): ChainOutput {
  return {
    chain,
    names,
    samples: new Float64Array(0),
    capacity: 0,
    saved: 0,
    warmupSamples: o.saveWarmup ? new Float64Array(0) : null,
    warmupCapacity: 0,
    warmupSaved: 0,
    stepSize: NaN,
    metric: o.metric,
    inverseMetric: new Float64Array(0),
    divergences: 0,
    warmupDivergences: 0,
    treeDepthHits: 0,
    timing: { warmup_s: 0, sampling_s: 0, gradients: 0 },
    partial: true,
  };
}

function runInWorkers(target: WorkerTarget, o: SampleOptions, threads: number): Promise<{ outputs: ChainOutput[]; names: readonly string[] }> {
  return new Promise((resolve, reject) => {
    const outputs: (ChainOutput | undefined)[] = new Array(o.chains);
    const workers: WorkerHandle[] = [];
    let names: readonly string[] | null = null;
    let nextChain = 0;
    let finished = 0;
    let settled = false;
    let aborted = false;

    const close = () => {
      settled = true;
      o.signal?.removeEventListener("abort", onAbort);
      for (const w of workers) w.terminate();
    };
    const fail = (e: Error) => {
      if (settled) return;
      close();
      reject(e);
    };
    const maybeFinish = () => {
      if (finished < o.chains || settled) return;
      close();
      const ns = names ?? [];
      // Array.from, not .map: map skips the holes a queued chain leaves, and they stay undefined.
      resolve({ outputs: Array.from(outputs, (x, c) => x ?? emptyOutput(c, [...SAMPLER_VARIABLES, ...ns], o)), names: ns });
    };
    const assign = (w: WorkerHandle) => {
      if (aborted || nextChain >= o.chains) return;
      const c = nextChain++;
      w.post({ type: "run", chain: c, settings: chainSettings(o, c), progress: o.onProgress !== undefined });
    };
    function onAbort() {
      if (settled) return;
      aborted = true;
      // Chains not yet handed out will never run.
      finished += o.chains - nextChain;
      nextChain = o.chains;
      for (const w of workers) w.post({ type: "abort" });
      maybeFinish();
    }

    const handle = (w: WorkerHandle) => (msg: FromWorker) => {
      if (settled) return;
      switch (msg.type) {
        case "loaded":
          names ??= msg.names;
          assign(w);
          return;
        case "progress":
          try {
            o.onProgress?.(msg.progress as ChainProgress);
          } catch (e) {
            fail(e as Error);
          }
          return;
        case "done":
          outputs[msg.output.chain] = msg.output;
          finished++;
          assign(w);
          maybeFinish();
          return;
        case "error": {
          const e = deserializeError(msg.error);
          fail(msg.chain < 0 ? e : chainFailure(msg.chain, e));
          return;
        }
      }
    };

    if (o.signal?.aborted) {
      onAbort();
      return;
    }
    o.signal?.addEventListener("abort", onAbort);
    (async () => {
      for (let i = 0; i < threads; i++) {
        const ref: { w: WorkerHandle | null } = { w: null };
        const w = await spawnWorker(target.module, {
          message: (m) => ref.w && handle(ref.w)(m),
          failure: (e) => fail(new Error(`sample: a chain worker failed: ${e.message}`, { cause: e })),
        }, o.createWorker);
        ref.w = w;
        workers.push(w);
        if (settled) {
          w.terminate();
          return;
        }
        w.post({ type: "load", target });
      }
    })().catch((e) => fail(e as Error));
  });
}

/**
 * Draws from `target` with NUTS. Rejects with the cause when a chain throws (a UserError such as a
 * failed initialisation passes through as is); resolves with `partial: true` when `signal` aborts.
 */
export async function sample(target: SampleTarget, options: Partial<SampleOptions> = {}): Promise<SampleResult> {
  const o = resolveOptions(options);
  const t0 = globalThis.performance.now();
  let outputs: ChainOutput[];
  let names: readonly string[];
  let threads = 1;
  if (isWorkerTarget(target)) {
    threads = Math.min(o.threads ?? (await availableCores()), o.chains);
    if (threads <= 1) {
      threads = 1;
      const ld = await loadWorkerTarget(target);
      outputs = await runInThread(ld, o);
      names = outputNames(ld);
    } else {
      ({ outputs, names } = await runInWorkers(target, o, threads));
    }
  } else {
    const ld = checkLogDensity(target, "target");
    outputs = await runInThread(ld, o);
    names = outputNames(ld);
  }
  // A stop before the first chain began leaves fewer outputs than chains.
  while (outputs.length < o.chains) outputs.push(emptyOutput(outputs.length, [...SAMPLER_VARIABLES, ...names], o));

  const allNames = [...SAMPLER_VARIABLES, ...names];
  const drawChains = o.chains > 0 ? chainsWithDraws(outputs, false) : [];
  const draws = assembleDraws(outputs, allNames, false, drawChains);
  const warmupDraws = o.saveWarmup ? assembleDraws(outputs, allNames, true) : null;
  const chains: ChainInfo[] = outputs.map((x) => ({
    chain: x.chain,
    stepSize: x.stepSize,
    metric: x.metric,
    inverseMetric: x.inverseMetric,
    lowRank: x.lowRank ?? null,
    divergences: x.divergences,
    warmupDivergences: x.warmupDivergences,
    treeDepthHits: x.treeDepthHits,
    draws: x.saved,
    timing: x.timing,
    partial: x.partial,
  }));
  const sum = (f: (c: ChainInfo) => number) => chains.reduce((s, c) => s + f(c), 0);
  return {
    draws,
    warmupDraws,
    chains,
    divergences: sum((c) => c.divergences),
    treeDepthHits: sum((c) => c.treeDepthHits),
    timing: {
      warmup_s: sum((c) => c.timing.warmup_s),
      sampling_s: sum((c) => c.timing.sampling_s),
      gradients: sum((c) => c.timing.gradients),
      wall_s: (globalThis.performance.now() - t0) / 1000,
    },
    partial: chains.some((c) => c.partial),
    drawChains,
    settings: {
      chains: o.chains,
      warmup: o.warmup,
      draws: o.draws,
      thin: o.thin,
      seed: o.seed,
      adaptDelta: o.adaptDelta,
      maxTreeDepth: o.maxTreeDepth,
      metric: o.metric,
      threads,
    },
  };
}
