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
import { createChainRunner, outputNames, type ChainOutput, type ChainProgress, type ChainRunner, type ChainSettings } from "./chain.js";
import { driveChain } from "./driveChain.js";
import { wasmEnabled } from "../compiler/wasm/enabled.js";
import { prepareWasmNuts } from "./wasm/kernel.js";
import { prepareNutsCore } from "./wasm/module.js";
import { deserializeError, type FromWorker } from "./messages.js";
import type { LowRankFactors, MetricKind } from "./metric.js";
import { resolveOptions, type SampleOptions } from "./options.js";
import { availableCores, spawnWorker, type WorkerHandle } from "./threads.js";
import { checkLogDensity, isWorkerTarget, loadWorkerTarget, postable, type WorkerTarget } from "./workerTarget.js";

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

async function runInThread(target: LogDensity, o: SampleOptions, first: ChainRunner | null = null): Promise<ChainOutput[]> {
  // The core instantiated asynchronously for this target (a browser's main thread refuses a synchronous one: the core is over 4 KiB).
  // A caller passing chain 1's runner (runAdaptive) did so before building it.
  if (first === null) await prepareWasmNuts(target);
  const outputs: ChainOutput[] = [];
  const listening = o.signal !== undefined || o.onProgress !== undefined;
  for (let c = 0; c < o.chains; c++) {
    const runner = c === 0 && first !== null ? first : createChainRunner(target, c, chainSettings(o, c));
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

/** Chains waiting to run, handed out in order to whichever runner (a worker, or this thread) asks first. */
class ChainQueue {
  private next = 0;
  constructor(private readonly chains: readonly number[]) {}
  take(): number | undefined {
    return this.next < this.chains.length ? this.chains[this.next++] : undefined;
  }
  /** Hands out nothing more (an abort): the chains left never run. */
  drain(): void {
    this.next = this.chains.length;
  }
  get empty(): boolean {
    return this.next >= this.chains.length;
  }
}

/**
 * Runs the chains `queue` hands out (default: every chain) in `threads` workers; chains they did not
 * run leave empty slots. Resolves once the queue is empty and every chain a worker took is done.
 */
function runInWorkers(
  target: WorkerTarget,
  o: SampleOptions,
  threads: number,
  queue: ChainQueue = new ChainQueue(Array.from({ length: o.chains }, (_, c) => c)),
): Promise<{ outputs: ChainOutput[]; names: readonly string[] }> {
  return new Promise((resolve, reject) => {
    const outputs: (ChainOutput | undefined)[] = new Array(o.chains);
    const workers: WorkerHandle[] = [];
    let names: readonly string[] | null = null;
    let assigned = 0;
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
      if (!queue.empty || finished < assigned || settled) return;
      close();
      const ns = names ?? [];
      // Array.from, not .map: map skips the holes a queued chain leaves, and they stay undefined.
      resolve({ outputs: Array.from(outputs, (x, c) => x ?? emptyOutput(c, [...SAMPLER_VARIABLES, ...ns], o)), names: ns });
    };
    const assign = (w: WorkerHandle) => {
      const c = aborted ? undefined : queue.take();
      // Nothing left (this thread may have taken the last chains): done once the running ones are.
      if (c === undefined) return maybeFinish();
      assigned++;
      w.post({ type: "run", chain: c, settings: chainSettings(o, c), progress: o.onProgress !== undefined });
    };
    function onAbort() {
      if (settled) return;
      aborted = true;
      // Chains not yet handed out will never run.
      queue.drain();
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
        w.post({ type: "load", target: postable(target) });
      }
    })().catch((e) => fail(e as Error));
  });
}

/**
 * How long (CPU time where measurable) chain 1 runs in this thread before the job is judged. A small model's whole chain fits in
 * it (eight schools, pumps: 10–40 ms, the JIT warming up included), and then every chain runs here:
 * starting a worker costs more than such a job (each worker loads the model and warms its own JIT).
 */
export const PROBE_MS = 100;
/** Chain 1's probe runs in slices of this, the clock read between them. */
const PROBE_SLICE_MS = 5;
/**
 * A job whose chains would take longer than this here (estimated from chain 1's pace over the second
 * half of the probe) gets workers for chains 2, 3, …; below it workers cost more than they save
 * (start-up, model load and JIT warm-up in each, ~0.1–0.2 s).
 */
export const IN_THREAD_MAX_S = 0.5;
/** This thread's work between yields while workers run chains (their next-chain requests wait for a yield). */
const HYBRID_CHUNK_MS = 20;

/**
 * `threads` unset and a target built here too: chain 1 starts in this thread. If it finishes within
 * PROBE_MS, or its pace says all chains would finish here within IN_THREAD_MAX_S, every chain runs
 * here; otherwise chain 1 goes on here while workers start on the others, and this thread takes
 * queued chains too once chain 1 is done. Where a chain runs never changes its draws (each chain has
 * its own stream), only the wall time (sleepstudy, 4 × (1000 + 1000): 0.85 s vs 0.93 s with two
 * workers for everything, 1.02 s when this thread ran only chain 1).
 */
async function runAdaptive(target: WorkerTarget, ld: LogDensity, o: SampleOptions): Promise<{ outputs: ChainOutput[]; threads: number }> {
  await prepareWasmNuts(ld);
  const first = createChainRunner(ld, 0, chainSettings(o, 0));
  // CPU time where there is a clock for it: other jobs on the machine then do not make a small job look big.
  const clock = typeof process !== "undefined" && typeof process.cpuUsage === "function" ? () => process.cpuUsage().user / 1e6 : () => globalThis.performance.now() / 1000;
  const t0 = clock();
  const budget = PROBE_MS / 1000;
  let done = false;
  // The pace is taken over the probe's second half: its first is mostly the JIT warming up and the
  // first warmup window's long trees, and would send mid-sized jobs (radon) to workers.
  let mid: { t: number; iteration: number } | null = null;
  try {
    for (let t = 0; !done && t < budget; t = clock() - t0) {
      if (mid === null && t >= budget / 2) mid = { t, iteration: first.progress().iteration };
      done = first.run(PROBE_SLICE_MS);
    }
  } catch (e) {
    throw chainFailure(0, e);
  }
  const p = first.progress();
  const elapsed = clock() - t0;
  const paced = mid !== null && p.iteration > mid.iteration ? (elapsed - mid.t) / (p.iteration - mid.iteration) : Infinity;
  const remaining = paced * (p.totalIterations - p.iteration + (o.chains - 1) * p.totalIterations);
  if (done || o.chains === 1 || remaining < IN_THREAD_MAX_S) {
    return { outputs: await runInThread(ld, o, first), threads: 1 };
  }
  const cores = await availableCores();
  // Chains 2..n are queued; workers and, once chain 1 is done, this thread take them as they free up.
  const queue = new ChainQueue(Array.from({ length: o.chains - 1 }, (_, c) => c + 1));
  // This thread keeps running chain 1 beside the workers: one worker fewer than cores, so the job does
  // not oversubscribe them (on 2 cores, two workers beside it made three busy threads, each worker
  // compiling and warming up afresh: radon slopes took 2.4 CPU s against 1.9 in this thread alone).
  const workerCount = Math.max(1, Math.min(cores - 1, o.chains - 1));
  // The workers' promise must not reject unobserved while chain 1 runs: its outcome is read after.
  const stopWorkers = new AbortController();
  const forward = () => stopWorkers.abort();
  o.signal?.addEventListener("abort", forward, { once: true });
  if (o.signal?.aborted) stopWorkers.abort();
  const workers = runInWorkers(target, { ...o, signal: stopWorkers.signal }, workerCount, queue).then(
    (r) => ({ ok: true as const, r }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  const here = new Map<number, ChainOutput>();
  const hooks = { shouldStop: () => o.signal?.aborted === true, onProgress: o.onProgress, yieldBetweenChunks: true, chunkMs: HYBRID_CHUNK_MS };
  let c: number | undefined = 0;
  try {
    here.set(0, await driveChain(first, hooks));
    while (!hooks.shouldStop() && (c = queue.take()) !== undefined) here.set(c, await driveChain(createChainRunner(ld, c, chainSettings(o, c)), hooks));
  } catch (e) {
    stopWorkers.abort();
    await workers;
    o.signal?.removeEventListener("abort", forward);
    throw chainFailure(c ?? 0, e);
  }
  const w = await workers;
  o.signal?.removeEventListener("abort", forward);
  if (!w.ok) throw w.e;
  const outputs = w.r.outputs;
  for (const [chain, out] of here) outputs[chain] = out;
  return { outputs, threads: 1 + workerCount };
}

/**
 * Draws from `target` with NUTS. Rejects with the cause when a chain throws (a UserError such as a
 * failed initialisation passes through as is); resolves with `partial: true` when `signal` aborts.
 */
export async function sample(target: SampleTarget, options: Partial<SampleOptions> = {}): Promise<SampleResult> {
  const o = resolveOptions(options);
  const t0 = globalThis.performance.now();
  // The wasm NUTS core, compiled asynchronously before chains start (a browser's main thread may refuse synchronous compiles); without it chains run the JavaScript kernel (same draws).
  if (wasmEnabled()) await prepareNutsCore();
  let outputs: ChainOutput[];
  let names: readonly string[];
  let threads = 1;
  if (isWorkerTarget(target) && target.local !== undefined && o.threads === undefined && o.createWorker === undefined) {
    const ld = checkLogDensity(target.local, "target.local");
    ({ outputs, threads } = await runAdaptive(target, ld, o));
    names = outputNames(ld);
  } else if (isWorkerTarget(target)) {
    threads = Math.min(o.threads ?? (await availableCores()), o.chains);
    if (threads <= 1) {
      threads = 1;
      const ld = target.local ?? (await loadWorkerTarget(target));
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
