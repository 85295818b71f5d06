/**
 * The chain loop in wasm (assembly/loop.ts): many iterations per call — transition, dual averaging's
 * update and the window's Welford estimate during warmup, the saved draws recorded as rows — with
 * the same bits as chain.ts's per-iteration JavaScript. Why: on a loaded machine V8's optimising
 * compiles of the per-iteration JavaScript (welfordAdd, dualAveragingUpdate, the glue) arrive late,
 * and a small model's chain runs most of its iterations interpreted; wasm is machine code from the
 * first call.
 *
 * Per call the chain's state and generator move into memory and back once, dual averaging's state
 * in and out, the metric only when the chain has a new one. The Welford estimate stays in memory
 * until its window ends (`wasmWelfordTake`).
 */
import type { WasmConstrain } from "../../logDensity.js";
import type { Rng } from "../../random/rng.js";
import { rngFromMemory, rngToMemory } from "../../random/rng.js";
import type { DualAveragingSettings, DualAveragingState } from "../dualAveraging.js";
import type { Metric } from "../metric.js";
import type { NutsState } from "../nuts.js";
import type { WelfordState } from "../welford.js";
import type { WasmNuts } from "./kernel.js";
import {
  DA_COUNTER, DA_DELTA, DA_GAMMA, DA_KAPPA, DA_MU, DA_S_BAR, DA_STEP_SIZE, DA_T0, DA_X_BAR, LOOP_DEPTH_HITS,
  LOOP_DIVERGENCES, LOOP_GRADIENTS, LOOP_HEADER_BYTES, LOOP_MAX_ROWS, MODE_DENSE_METRIC, MODE_DENSE_WELFORD, MODE_RECORD, MODE_WARMUP,
  MODE_WELFORD, RNG_SPARE, RNG_WORDS, ROW_SAMPLER_VARIABLES, STATE_LOG_DENSITY, WELFORD_N, loopBlockBytes,
} from "./layout.js";
import { reserve } from "./memory.js";

/** Rows one call may record: a few hundred KiB at dim 1000; more would save little JavaScript. */
export const LOOP_ROWS = 64;

/** One chain's loop block in its workspace's memory (createWasmLoop makes it). */
export class WasmLoop {
  /** f64 indices of the block, the Welford vectors, the sampler-variable columns and the position rows. */
  readonly at: number;
  readonly meanAt: number;
  readonly m2At: number;
  readonly columnsAt: number;
  readonly positionsAt: number;
  /** Views of the columns and of the position rows, on `viewsOf`. */
  columns: Float64Array[] = [];
  positions: Float64Array[] = [];
  viewsOf: ArrayBufferLike | null = null;
  /** The metric whose blocks are in memory (metrics are replaced, not changed, on this path). */
  metric: Metric | null = null;
  /**
   * The target's constrain as an export on this memory (LogDensity.wasm.constrain), with the f64
   * index of its output block: copyRows then constrains the recorded rows where they are.
   */
  constrain: WasmConstrain | null = null;
  constrainOutAt = 0;
  /** What the last call added up. */
  gradients = 0;
  divergences = 0;
  depthHits = 0;

  constructor(
    readonly k: WasmNuts,
    readonly loopBase: number,
    readonly denseWelford: boolean,
    readonly maxRows: number,
  ) {
    const dim = k.dim;
    this.at = loopBase / 8;
    this.meanAt = this.at + LOOP_HEADER_BYTES / 8;
    this.m2At = this.meanAt + 2 * dim;
    this.columnsAt = this.m2At + (denseWelford ? dim * dim : dim);
    this.positionsAt = this.columnsAt + ROW_SAMPLER_VARIABLES * maxRows;
  }

  /** Views again when the memory's buffer changed (call after k.views()). */
  refresh(): void {
    const b = this.k.f64.buffer;
    if (b === this.viewsOf) return;
    this.viewsOf = b;
    const dim = this.k.dim;
    this.columns = Array.from({ length: ROW_SAMPLER_VARIABLES }, (_, v) => new Float64Array(b, 8 * (this.columnsAt + v * this.maxRows), this.maxRows));
    this.positions = Array.from({ length: this.maxRows }, (_, r) => new Float64Array(b, 8 * (this.positionsAt + r * dim), dim));
  }
}

/**
 * A loop block beside workspace `k`, with dual averaging's settings, an empty Welford estimate
 * (dim² when `denseWelford`) and room for `maxRows` rows; null when the memory cannot grow that far
 * (the chain then runs per iteration).
 */
export function createWasmLoop(
  k: WasmNuts,
  settings: DualAveragingSettings,
  denseWelford: boolean,
  maxRows: number = LOOP_ROWS,
  constrain: WasmConstrain | null = null,
): WasmLoop | null {
  const bytes = loopBlockBytes(k.dim, denseWelford, maxRows);
  let at: number;
  let outAt = 0;
  try {
    at = reserve(k.memory, k.base, bytes, k.region);
    if (constrain !== null) outAt = reserve(k.memory, k.base, 8 * Math.max(1, constrain.size), k.region);
  } catch {
    return null;
  }
  const L = new WasmLoop(k, at, denseWelford, maxRows);
  if (constrain !== null) {
    L.constrain = constrain;
    L.constrainOutAt = outAt / 8;
  }
  k.views();
  const f = k.f64;
  // A region may be handed out again (memory.ts): nothing of a collected chain may leak in.
  f.fill(0, L.at, L.at + bytes / 8);
  f[L.at + DA_DELTA / 8] = settings.delta;
  f[L.at + DA_GAMMA / 8] = settings.gamma;
  f[L.at + DA_T0 / 8] = settings.t0;
  f[L.at + DA_KAPPA / 8] = settings.kappa;
  k.i32[(at + LOOP_MAX_ROWS) / 4] = maxRows;
  return L;
}

export interface LoopCall {
  /** Index of the first iteration within its phase (warmup or sampling), for thinning. */
  readonly first: number;
  readonly count: number;
  readonly warmup: boolean;
  /** Warmup: add each draw to the window's Welford estimate. */
  readonly welford: boolean;
  readonly record: boolean;
  readonly thin: number;
  /** Sampling's step size (warmup takes dual averaging's). */
  readonly stepSize: number;
  readonly maxDeltaH: number;
  readonly maxTreeDepth: number;
}

/**
 * Runs `c.count` iterations from `state` and `rng`, which it leaves at the last iteration's, with
 * `metric` and (warmup) dual averaging state `da`, which it updates. Returns the rows recorded
 * (read them with `copyRows`); the counters are in L.gradients, L.divergences, L.depthHits.
 * `rng` must come from createRng (the chain's always does).
 */
export function wasmLoopRun(L: WasmLoop, rng: Rng, state: NutsState, metric: Metric, da: DualAveragingState, c: LoopCall): number {
  const k = L.k;
  k.views();
  let f = k.f64;
  if (!rngToMemory(rng, k.i32, (k.base + RNG_WORDS) / 4, f, k.at + RNG_SPARE / 8)) {
    throw new TypeError("wasmLoopRun: rng must come from createRng or restoreRng");
  }
  f[k.at + STATE_LOG_DENSITY / 8] = state.logDensity;
  f.set(state.position, k.positionAt);
  f.set(state.gradient, k.gradientAt);
  if (L.metric !== metric) {
    if (metric.kind === "diag") {
      f.set(metric.inverse, k.metricAAt);
      f.set(metric.momentumScale, k.metricBAt);
    } else if (metric.kind === "dense" && k.denseCapable) {
      f.set(metric.inverse, k.metricAAt);
      f.set(metric.cholInverse, k.metricBAt);
    } else {
      throw new TypeError(`wasmLoopRun: the loop runs diagonal metrics, and dense ones on a dense-capable workspace, got ${metric.kind}`);
    }
    L.metric = metric;
    // wasmNutsStep must not take these blocks for another dense metric's.
    k.denseInMemory = metric.kind === "dense" ? metric : null;
  }
  const a = L.at;
  if (c.warmup) {
    f[a + DA_MU / 8] = da.mu;
    f[a + DA_COUNTER / 8] = da.counter;
    f[a + DA_S_BAR / 8] = da.sBar;
    f[a + DA_X_BAR / 8] = da.xBar;
    f[a + DA_STEP_SIZE / 8] = da.stepSize;
  }
  const mode =
    (c.warmup ? MODE_WARMUP : 0) |
    (c.welford ? MODE_WELFORD : 0) |
    (c.record ? MODE_RECORD : 0) |
    (metric.kind === "dense" ? MODE_DENSE_METRIC : 0) |
    (L.denseWelford ? MODE_DENSE_WELFORD : 0);
  if (c.record && Math.ceil(c.count / c.thin) > L.maxRows) {
    throw new RangeError(`wasmLoopRun: count must be at most ${L.maxRows * c.thin} when recording, got ${c.count}`);
  }
  const rows = k.run(k.base, L.loopBase, c.first, c.count, mode, c.thin, c.maxTreeDepth, c.stepSize, c.maxDeltaH);
  // The model's gradient may have grown the memory.
  k.views();
  f = k.f64;
  state.position.set(k.positionView);
  state.gradient.set(k.gradientView);
  state.logDensity = f[k.at + STATE_LOG_DENSITY / 8];
  rngFromMemory(rng, k.i32, (k.base + RNG_WORDS) / 4, f, k.at + RNG_SPARE / 8);
  if (c.warmup) {
    // counter as an integer, as dualAveragingUpdate leaves it (the same number; a small integer keeps V8's field representation).
    da.counter = f[a + DA_COUNTER / 8] | 0;
    da.sBar = f[a + DA_S_BAR / 8];
    da.xBar = f[a + DA_X_BAR / 8];
    da.stepSize = f[a + DA_STEP_SIZE / 8];
  }
  L.gradients = f[a + LOOP_GRADIENTS / 8];
  L.divergences = f[a + LOOP_DIVERGENCES / 8];
  L.depthHits = f[a + LOOP_DEPTH_HITS / 8];
  return rows;
}

/**
 * Copies `rows` recorded draws into the variable-major `buf` (value(v, d) = buf[v·cap + d]) from
 * draw `d0` on: the sampler variables, then `constrain(position, out)`'s outputs when `constrain`
 * is given (called once per draw, in order, on a copy of the position in `position`), else the
 * position itself.
 */
export function copyRows(
  L: WasmLoop,
  rows: number,
  buf: Float64Array,
  cap: number,
  d0: number,
  constrain: ((theta: Float64Array, out: Float64Array) => void) | null,
  position: Float64Array,
  out: Float64Array,
): void {
  if (rows === 0) return;
  const k = L.k;
  k.views();
  L.refresh();
  // TypedArray.set, a builtin: as fast in a chain's first calls, while this runs unoptimised, as later.
  for (let v = 0; v < ROW_SAMPLER_VARIABLES; v++) buf.set(rows === L.maxRows ? L.columns[v] : L.columns[v].subarray(0, rows), v * cap + d0);
  const dim = k.dim;
  if (constrain === null) {
    const f = k.f64;
    for (let r = 0; r < rows; r++) {
      const q = L.positionsAt + r * dim;
      for (let j = 0; j < dim; j++) buf[(ROW_SAMPLER_VARIABLES + j) * cap + d0 + r] = f[q + j];
    }
    return;
  }
  const wc = L.constrain;
  if (wc !== null) {
    // The target's constrain in wasm on the recorded rows: no copy of the position, no JavaScript
    // constrain per draw (cold for a chain's first thousands of draws). The same bits, placed as
    // the JavaScript constrain places them.
    const fn = wc.fn;
    const outputs = wc.outputs;
    const size = wc.size;
    const outPtr = 8 * L.constrainOutAt;
    for (let r = 0; r < rows; r++) {
      fn(8 * (L.positionsAt + r * dim), outPtr);
      // The model's constrain may grow the memory, detaching the buffer k.f64 views.
      k.views();
      const f = k.f64;
      for (let i = 0; i < size; i++) {
        const o = outputs[i];
        if (o >= 0) buf[(ROW_SAMPLER_VARIABLES + o) * cap + d0 + r] = f[L.constrainOutAt + i];
      }
    }
    return;
  }
  const nOut = out.length;
  for (let r = 0; r < rows; r++) {
    // Views again each draw: constrain may run in the model's memory and grow it.
    k.views();
    L.refresh();
    position.set(L.positions[r]);
    constrain(position, out);
    for (let j = 0; j < nOut; j++) buf[(ROW_SAMPLER_VARIABLES + j) * cap + d0 + r] = out[j];
  }
}

/** Moves the window's Welford estimate from memory into `w` and empties the one in memory. */
export function wasmWelfordTake(L: WasmLoop, w: WelfordState): void {
  const k = L.k;
  k.views();
  const f = k.f64;
  const dim = k.dim;
  const m2Length = L.denseWelford ? dim * dim : dim;
  w.n = f[L.at + WELFORD_N / 8] | 0;
  w.mean.set(f.subarray(L.meanAt, L.meanAt + dim));
  w.m2.set(f.subarray(L.m2At, L.m2At + m2Length));
  f[L.at + WELFORD_N / 8] = 0;
  f.fill(0, L.meanAt, L.meanAt + dim);
  f.fill(0, L.m2At, L.m2At + m2Length);
}
