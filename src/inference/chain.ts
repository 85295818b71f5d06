/**
 * One chain from initial values to its last draw: warmup (step size by dual averaging, metric from
 * Stan's windows, or from draws and gradients for the "fisher-*" kinds) then sampling. The runner advances in time-boxed chunks so the driver (this thread
 * or a worker) can report progress and notice an abort between chunks; chunking never changes the
 * draws, which depend only on (seed, chain). Where the wasm core runs every transition (diag and
 * dense metrics), the iterations between window ends run in it many per call (wasm/loop.ts); the
 * per-iteration JavaScript below stays the reference (HBAYES_WASM=0) and the path for the rest.
 */
import { UserError } from "../errors.js";
import type { LogDensity } from "../logDensity.js";
import { SAMPLER_VARIABLES } from "../posterior/draws.js";
import { createRng, type Rng } from "../random/rng.js";
import { DEFAULT_DUAL_AVERAGING, dualAveragingFinal, dualAveragingInit, dualAveragingUpdate, type DualAveragingState } from "./dualAveraging.js";
import { findReasonableStepSize } from "./findStepSize.js";
import { initialState } from "./init.js";
import { fisherAdaptInit, fisherAdaptUpdate, type FisherAdaptState } from "./adaptFisher.js";
import { denseMetric, diagMetric, unitMetric, type LowRankFactors, type Metric, type MetricKind } from "./metric.js";
import { createNutsWorkspace, type NutsInfo, type NutsState, type NutsWorkspace } from "./nuts.js";
import { buildSchedule, type WarmupSchedule } from "./schedule.js";
import { createWasmNuts, nutsTransition, type WasmNuts } from "./wasm/kernel.js";
import { copyRows, createWasmLoop, LOOP_ROWS, wasmLoopRun, wasmWelfordTake, type WasmLoop } from "./wasm/loop.js";
import { welfordAdd, welfordInit, welfordRegularised, welfordReset, type WelfordState } from "./welford.js";

/** Everything a chain needs besides its target; plain data so it can be posted to a worker. */
export interface ChainSettings {
  readonly seed: number;
  readonly warmup: number;
  readonly draws: number;
  readonly thin: number;
  readonly adaptDelta: number;
  readonly maxTreeDepth: number;
  readonly maxDeltaH: number;
  readonly metric: MetricKind;
  readonly initialStepSize: number;
  readonly saveWarmup: boolean;
  readonly init: Float64Array | null;
}

export type ChainPhase = "warmup" | "sampling" | "done";

export interface ChainProgress {
  readonly chain: number;
  /** Iterations finished, warmup included. */
  readonly iteration: number;
  readonly totalIterations: number;
  readonly phase: ChainPhase;
  /** Divergent transitions so far in the current phase. */
  readonly divergences: number;
}

export interface ChainOutput {
  readonly chain: number;
  /** Column names: CmdStan sampler variables, then the model's outputs. */
  readonly names: readonly string[];
  /** Saved draws, variable-major: value(v, d) = samples[v * capacity + d]. */
  readonly samples: Float64Array;
  readonly capacity: number;
  /** Saved draws actually written (less than capacity only when stopped early). */
  readonly saved: number;
  readonly warmupSamples: Float64Array | null;
  readonly warmupCapacity: number;
  readonly warmupSaved: number;
  readonly stepSize: number;
  readonly metric: MetricKind;
  /** Adapted inverse metric: diagonal (dim) or dense (dim × dim, row-major); for a low-rank metric its diagonal. */
  readonly inverseMetric: Float64Array;
  /** "fisher-lowrank" only: the factors of M⁻¹ = S (I + U (Λ − I) Uᵀ) S when it kept any direction. */
  readonly lowRank?: LowRankFactors | null;
  /** Divergent transitions after warmup (every sampling iteration, thinned or not). */
  readonly divergences: number;
  readonly warmupDivergences: number;
  /** Sampling iterations that stopped at maxTreeDepth. */
  readonly treeDepthHits: number;
  readonly timing: { readonly warmup_s: number; readonly sampling_s: number; readonly gradients: number };
  readonly partial: boolean;
}

export interface ChainRunner {
  /** Runs until done or `budgetMs` has passed; returns true when the chain is finished. */
  run(budgetMs: number): boolean;
  progress(): ChainProgress;
  /** Stops early; `output()` then reports the draws so far as partial. */
  stop(): void;
  output(): ChainOutput;
}

/** Saved values (draws × columns) one chain may hold: 2 GiB of doubles. */
export const MAX_SAVED_VALUES = 2 ** 28;

function now(): number {
  return globalThis.performance.now();
}

export function outputNames(target: LogDensity): string[] {
  if (target.outputNames && target.constrain) return [...target.outputNames];
  return Array.from({ length: target.dim }, (_, i) => `theta[${i + 1}]`);
}

export function createChainRunner(target: LogDensity, chain: number, settings: ChainSettings): ChainRunner {
  const dim = target.dim;
  const names = [...SAMPLER_VARIABLES, ...outputNames(target)];
  const nVars = names.length;
  const nOut = nVars - SAMPLER_VARIABLES.length;
  const useConstrain = !!(target.outputNames && target.constrain);
  const capacity = Math.ceil(settings.draws / settings.thin);
  if (nVars * capacity > MAX_SAVED_VALUES) {
    // Beyond this a worker's transferred buffer came back as zeros (seen at 5.6 GB in Node 20):
    // refuse rather than return draws that are not the chain's.
    throw new UserError(
      `sample: chain ${chain + 1} would keep ${capacity} draws × ${nVars} columns = ${(nVars * capacity * 8 / 2 ** 30).toFixed(1)} GiB in memory, ` +
        `more than the ${MAX_SAVED_VALUES * 8 / 2 ** 30} GiB a chain may hold; use thin, or fewer draws`,
    );
  }
  const samples = new Float64Array(nVars * capacity);
  const warmupCapacity = settings.saveWarmup ? Math.ceil(settings.warmup / settings.thin) : 0;
  const warmupSamples = settings.saveWarmup ? new Float64Array(nVars * warmupCapacity) : null;
  const outBuf = new Float64Array(nOut);

  const rng: Rng = createRng(settings.seed, chain);
  const ws: NutsWorkspace = createNutsWorkspace(target, settings.maxTreeDepth);
  // The same transitions in WebAssembly when it can run here (the same draws, no JIT warm-up).
  const wk: WasmNuts | null = createWasmNuts(target, settings.maxTreeDepth, settings.metric === "dense");
  const schedule: WarmupSchedule = buildSchedule(settings.warmup);
  const dense = settings.metric === "dense";
  const fisher = settings.metric === "fisher-diag" || settings.metric === "fisher-lowrank";
  let fa: FisherAdaptState | null = null;
  let fisherStarted = false;
  const welford: WelfordState = welfordInit(dim, dense);
  const metricBuf = new Float64Array(dense ? dim * dim : dim);
  const daSettings = { ...DEFAULT_DUAL_AVERAGING, delta: settings.adaptDelta };
  // The whole iteration in wasm, many per call, where the kernel runs every transition (diag and
  // dense metrics; the "fisher-*" kinds change their metric each warmup draw in JavaScript).
  // Its saved draws are constrained in wasm too when the target's module has constrain and the
  // workspace lives in that module's memory.
  const wasmConstrain = useConstrain && wk !== null && target.wasm?.constrain !== undefined && target.wasm.memory === wk.memory ? target.wasm.constrain : null;
  const loop: WasmLoop | null = wk !== null && !fisher ? createWasmLoop(wk, daSettings, dense, LOOP_ROWS, wasmConstrain) : null;
  const constrainFn = useConstrain ? (target.constrain as (t: Float64Array, o: Float64Array) => void) : null;
  const positionBuf = new Float64Array(dim);
  /** The last loop call's pace (NaN before the first) and length, from which runLoop sizes the next. */
  let msPerIteration = NaN;
  let lastCount = 8;

  let state: NutsState | null = null;
  let metric: Metric = unitMetric(dim, settings.metric);
  let da: DualAveragingState = dualAveragingInit(settings.initialStepSize);
  let stepSize = settings.initialStepSize;
  let iteration = 0;
  let windowIndex = 0;
  let saved = 0;
  let warmupSaved = 0;
  let divergences = 0;
  let warmupDivergences = 0;
  let treeDepthHits = 0;
  let gradientsWarmup = 0;
  let gradientsSampling = 0;
  let warmupMs = 0;
  let samplingMs = 0;
  let stopped = false;
  const total = settings.warmup + settings.draws;

  function start(): void {
    const t0 = now();
    const init = initialState(rng, target, chain, settings.init);
    state = init.state;
    gradientsWarmup += init.evaluations;
    if (fisher) {
      fa = fisherAdaptInit(settings.metric as "fisher-diag" | "fisher-lowrank", dim, settings.warmup, state.gradient);
      metric = fa.metric;
    }
    if (settings.warmup > 0) {
      // As Stan: μ is set from the user's step size, then the heuristic search moves ε itself.
      stepSize = findReasonableStepSize(rng, state, metric, settings.initialStepSize, ws);
      gradientsWarmup += ws.nLeapfrog;
      da.stepSize = stepSize;
    }
    warmupMs += now() - t0;
  }

  function record(buf: Float64Array, cap: number, d: number, s: NutsState, info: NutsInfo, eps: number): void {
    buf[0 * cap + d] = s.logDensity;
    buf[1 * cap + d] = info.acceptStat;
    buf[2 * cap + d] = eps;
    buf[3 * cap + d] = info.treeDepth;
    buf[4 * cap + d] = info.nLeapfrog;
    buf[5 * cap + d] = info.divergent ? 1 : 0;
    buf[6 * cap + d] = info.energy;
    const base = SAMPLER_VARIABLES.length;
    if (useConstrain) {
      (target.constrain as (t: Float64Array, o: Float64Array) => void)(s.position, outBuf);
      for (let k = 0; k < nOut; k++) buf[(base + k) * cap + d] = outBuf[k];
    } else {
      for (let k = 0; k < nOut; k++) buf[(base + k) * cap + d] = s.position[k];
    }
  }

  function warmupIteration(s: NutsState, i: number): void {
    const eps = da.stepSize;
    const info = nutsTransition(rng, s, { stepSize: eps, metric, maxTreeDepth: settings.maxTreeDepth, maxDeltaH: settings.maxDeltaH }, ws, wk);
    gradientsWarmup += info.nLeapfrog;
    if (info.divergent) warmupDivergences++;
    if (warmupSamples !== null && i % settings.thin === 0) record(warmupSamples, warmupCapacity, warmupSaved++, s, info, eps);
    dualAveragingUpdate(da, info.acceptStat, daSettings);
    if (fa !== null) {
      fisherWarmup(fa, s, i, info.divergent);
      if (i === settings.warmup - 1) stepSize = dualAveragingFinal(da);
      return;
    }
    const w = schedule.windows[windowIndex];
    if (w !== undefined && i >= w.start && i < w.end) {
      welfordAdd(welford, s.position);
      if (i === w.end - 1) endWindow(s);
    }
    if (i === settings.warmup - 1) stepSize = dualAveragingFinal(da);
  }

  /** At an adaptation window's end: the metric from its draws, a fresh step-size search, dual averaging restarted. */
  function endWindow(s: NutsState): void {
    welfordRegularised(welford, metricBuf);
    metric = dense ? denseMetric(metricBuf, dim) : diagMetric(metricBuf);
    welfordReset(welford);
    windowIndex++;
    const eps0 = findReasonableStepSize(rng, s, metric, da.stepSize, ws);
    gradientsWarmup += ws.nLeapfrog;
    da = dualAveragingInit(eps0);
  }

  /**
   * The metric follows every draw; the step size is searched afresh (and dual averaging restarted)
   * after the first change away from the gradient-based start and when the metric is frozen for the
   * final stretch, as Stan does at the end of each window.
   */
  function fisherWarmup(f: FisherAdaptState, s: NutsState, i: number, divergent: boolean): void {
    const changed = fisherAdaptUpdate(f, i, s.position, s.gradient, !divergent && Number.isFinite(s.logDensity));
    metric = f.metric;
    const first = changed && !fisherStarted;
    if (changed) fisherStarted = true;
    if (first || i === f.schedule.metricEnd - 1) {
      const eps0 = findReasonableStepSize(rng, s, metric, da.stepSize, ws);
      gradientsWarmup += ws.nLeapfrog;
      da = dualAveragingInit(eps0);
    }
  }

  function samplingIteration(s: NutsState, m: number): void {
    const info = nutsTransition(rng, s, { stepSize, metric, maxTreeDepth: settings.maxTreeDepth, maxDeltaH: settings.maxDeltaH }, ws, wk);
    gradientsSampling += info.nLeapfrog;
    if (info.divergent) divergences++;
    if (info.treeDepth >= settings.maxTreeDepth) treeDepthHits++;
    if (m % settings.thin === 0) record(samples, capacity, saved++, s, info, stepSize);
  }

  /**
   * One wasm call: iterations from `iteration` on, at most `count`, never past the current phase,
   * adaptation window or the start of the next; then what warmupIteration does at a window's end
   * and warmup's.
   */
  function loopCall(L: WasmLoop, s: NutsState, count: number): void {
    const thin = settings.thin;
    const base = { thin, maxDeltaH: settings.maxDeltaH, maxTreeDepth: settings.maxTreeDepth };
    if (iteration < settings.warmup) {
      const i = iteration;
      let end = settings.warmup;
      const w = schedule.windows[windowIndex];
      let inWindow = false;
      if (w !== undefined) {
        if (i < w.start) end = Math.min(end, w.start);
        else if (i < w.end) {
          inWindow = true;
          end = Math.min(end, w.end);
        }
      }
      const record = warmupSamples !== null;
      const n = Math.min(count, end - i, record ? LOOP_ROWS * thin : Infinity);
      const rows = wasmLoopRun(L, rng, s, metric, da, { ...base, first: i, count: n, warmup: true, welford: inWindow, record, stepSize: da.stepSize });
      gradientsWarmup += L.gradients;
      warmupDivergences += L.divergences;
      if (record) {
        copyRows(L, rows, warmupSamples, warmupCapacity, warmupSaved, constrainFn, positionBuf, outBuf);
        warmupSaved += rows;
      }
      iteration += n;
      if (inWindow && w !== undefined && iteration === w.end) {
        wasmWelfordTake(L, welford);
        endWindow(s);
      }
      if (iteration === settings.warmup) stepSize = dualAveragingFinal(da);
      return;
    }
    const m = iteration - settings.warmup;
    const n = Math.min(count, total - iteration, LOOP_ROWS * thin);
    const rows = wasmLoopRun(L, rng, s, metric, da, { ...base, first: m, count: n, warmup: false, welford: false, record: true, stepSize });
    gradientsSampling += L.gradients;
    divergences += L.divergences;
    treeDepthHits += L.depthHits;
    copyRows(L, rows, samples, capacity, saved, constrainFn, positionBuf, outBuf);
    saved += rows;
    iteration += n;
  }

  /**
   * Iterations for the next loop call with `left` ms to the deadline: all of them without a
   * deadline; else half the time left at the last call's pace, at least 8 (the JavaScript loop's
   * clock-check interval). A clock too coarse to see the last call (a browser's, 0.1 ms) gives no
   * pace: then twice the last call, up to 1024.
   */
  function loopCount(left: number): number {
    if (left === Infinity) return Infinity;
    if (msPerIteration > 0) {
      const c = Math.floor((0.5 * left) / msPerIteration);
      return c > 8 ? c : 8;
    }
    if (msPerIteration === 0) return Math.min(1024, 2 * lastCount);
    return 8;
  }

  /** run() on the wasm loop: calls sized from the last call's pace to end near the deadline. */
  function runLoop(L: WasmLoop, s: NutsState, deadline: number, t0: number): void {
    let phaseStart = t0;
    let t = t0;
    while (iteration < total) {
      const count = loopCount(deadline - t);
      const wasWarmup = iteration < settings.warmup;
      const before = iteration;
      loopCall(L, s, count);
      const t1 = now();
      lastCount = iteration - before;
      msPerIteration = (t1 - t) / lastCount;
      t = t1;
      if (wasWarmup && iteration === settings.warmup) {
        warmupMs += t - phaseStart;
        phaseStart = t;
      }
      if (t > deadline) break;
    }
    if (iteration <= settings.warmup) warmupMs += t - phaseStart;
    else samplingMs += t - phaseStart;
  }

  return {
    run(budgetMs: number): boolean {
      if (stopped || iteration >= total) return true;
      if (state === null) start();
      const s = state as unknown as NutsState;
      const t0 = now();
      const deadline = t0 + budgetMs;
      if (loop !== null) {
        runLoop(loop, s, deadline, t0);
        return iteration >= total;
      }
      let phaseStart = t0;
      while (iteration < total) {
        if (iteration < settings.warmup) {
          warmupIteration(s, iteration);
          iteration++;
          if (iteration === settings.warmup) {
            const t = now();
            warmupMs += t - phaseStart;
            phaseStart = t;
          }
        } else {
          samplingIteration(s, iteration - settings.warmup);
          iteration++;
        }
        if ((iteration & 7) === 0 && now() > deadline) break;
      }
      const t1 = now();
      if (iteration <= settings.warmup) warmupMs += t1 - phaseStart;
      else samplingMs += t1 - phaseStart;
      return iteration >= total;
    },
    progress(): ChainProgress {
      const phase: ChainPhase = iteration >= total ? "done" : iteration < settings.warmup ? "warmup" : "sampling";
      return { chain, iteration, totalIterations: total, phase, divergences: phase === "warmup" ? warmupDivergences : divergences };
    },
    stop(): void {
      stopped = true;
    },
    output(): ChainOutput {
      return {
        chain,
        names,
        samples,
        capacity,
        saved,
        warmupSamples,
        warmupCapacity,
        warmupSaved,
        stepSize,
        metric: settings.metric,
        inverseMetric: Float64Array.from(metric.inverse),
        lowRank: metric.kind === "lowrank" ? { stds: Float64Array.from(metric.stds), vectors: Float64Array.from(metric.vectors), values: Float64Array.from(metric.values) } : null,
        divergences,
        warmupDivergences,
        treeDepthHits,
        timing: { warmup_s: warmupMs / 1000, sampling_s: samplingMs / 1000, gradients: gradientsWarmup + gradientsSampling },
        partial: iteration < total,
      };
    },
  };
}
