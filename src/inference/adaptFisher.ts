/**
 * Warmup for the gradient-informed metrics ("fisher-diag", "fisher-lowrank"), following nutpie's
 * schedule rather than Stan's windows:
 *
 * - the metric starts from the gradient at the initial point (M⁻¹ᵢᵢ = 1/|gᵢ|), not the identity;
 * - two estimators run side by side, a foreground one that sets the metric and a background one
 *   that started later; when the background has seen `switchEvery` draws it becomes the
 *   foreground and a fresh background starts, so early, far-from-typical draws are forgotten
 *   (every 10 draws in the first 30 % of warmup, every 80 after);
 * - the diagonal is re-estimated from the foreground after every draw, the low-rank metric at
 *   each switch (its eigen-decompositions are too costly for every draw);
 * - the last 15 % of warmup keeps the metric fixed and only adapts the step size.
 *
 * As `init / update` on plain state, the schedule itself being data (`buildFisherSchedule`).
 */
import { fisherDiagonal, fisherDiagonalFromGradient, fisherLowRank, DEFAULT_FISHER_LOWRANK, type FisherLowRankSettings } from "./fisherEstimate.js";
import { diagMetric, lowRankMetric, refreshDiagMetric, type DiagMetric, type Metric } from "./metric.js";
import { welfordAdd, welfordInit, welfordReset, type WelfordState } from "./welford.js";

export type FisherKind = "fisher-diag" | "fisher-lowrank";

export interface FisherSchedule {
  readonly numWarmup: number;
  /** Draws before this switch every `earlySwitch`; later ones every `lateSwitch`. */
  readonly earlyEnd: number;
  /** First warmup iteration of the final, step-size-only stretch (numWarmup when none). */
  readonly metricEnd: number;
  readonly earlySwitch: number;
  readonly lateSwitch: number;
}

/** nutpie's defaults: early_window 0.3, step_size_window 0.15, switch frequencies 10 and 80. */
export const DEFAULT_FISHER_SCHEDULE = Object.freeze({ earlyWindow: 0.3, stepSizeWindow: 0.15, earlySwitch: 10, lateSwitch: 80 });

/** Below 20 warmup iterations no metric is adapted (as Stan's rule for "diag"): metricEnd = 0. */
export function buildFisherSchedule(numWarmup: number): FisherSchedule {
  if (!Number.isInteger(numWarmup) || numWarmup < 0) throw new RangeError(`buildFisherSchedule: numWarmup must be a non-negative integer, got ${numWarmup}`);
  const d = DEFAULT_FISHER_SCHEDULE;
  if (numWarmup < 20) return Object.freeze({ numWarmup, earlyEnd: 0, metricEnd: 0, earlySwitch: d.earlySwitch, lateSwitch: d.lateSwitch });
  return Object.freeze({
    numWarmup,
    earlyEnd: Math.trunc(d.earlyWindow * numWarmup),
    metricEnd: numWarmup - Math.trunc(d.stepSizeWindow * numWarmup),
    earlySwitch: d.earlySwitch,
    lateSwitch: d.lateSwitch,
  });
}

interface Estimators {
  draws: WelfordState;
  grads: WelfordState;
}

export interface FisherAdaptState {
  readonly kind: FisherKind;
  readonly dim: number;
  readonly schedule: FisherSchedule;
  readonly lowRank: FisherLowRankSettings;
  /** The metric the sampler uses; for "fisher-diag" one object updated in place. */
  metric: Metric;
  fg: Estimators;
  bg: Estimators;
  /** "fisher-lowrank": every kept draw and gradient of this warmup, row t at [t * dim, …). */
  readonly drawBuf: Float64Array;
  readonly gradBuf: Float64Array;
  stored: number;
  fgStart: number;
  bgStart: number;
  /** Low-rank directions in the current metric (0 while it is diagonal). */
  rank: number;
}

function estimators(dim: number): Estimators {
  return { draws: welfordInit(dim, false), grads: welfordInit(dim, false) };
}

/** The initial metric from the gradient at the chain's starting point. */
export function fisherAdaptInit(
  kind: FisherKind,
  dim: number,
  numWarmup: number,
  gradient: Float64Array,
  lowRank: FisherLowRankSettings = DEFAULT_FISHER_LOWRANK,
): FisherAdaptState {
  const schedule = buildFisherSchedule(numWarmup);
  const inverse = new Float64Array(dim).fill(1);
  if (schedule.metricEnd > 0) fisherDiagonalFromGradient(gradient, inverse);
  const keep = kind === "fisher-lowrank" ? schedule.metricEnd * dim : 0;
  return {
    kind,
    dim,
    schedule,
    lowRank,
    metric: diagMetric(inverse),
    fg: estimators(dim),
    bg: estimators(dim),
    drawBuf: new Float64Array(keep),
    gradBuf: new Float64Array(keep),
    stored: 0,
    fgStart: 0,
    bgStart: 0,
    rank: 0,
  };
}

/**
 * Feeds warmup iteration `i`'s draw (position and its gradient; `good` is false for a divergent
 * transition, whose draw nutpie leaves out) and returns true when `state.metric` changed.
 * Iterations at or after `schedule.metricEnd` change nothing.
 */
export function fisherAdaptUpdate(state: FisherAdaptState, i: number, position: Float64Array, gradient: Float64Array, good: boolean): boolean {
  const sch = state.schedule;
  if (i >= sch.metricEnd) return false;
  if (good) {
    welfordAdd(state.fg.draws, position);
    welfordAdd(state.fg.grads, gradient);
    welfordAdd(state.bg.draws, position);
    welfordAdd(state.bg.grads, gradient);
    if (state.kind === "fisher-lowrank") {
      state.drawBuf.set(position, state.stored * state.dim);
      state.gradBuf.set(gradient, state.stored * state.dim);
      state.stored++;
    }
  }
  const switchEvery = i < sch.earlyEnd ? sch.earlySwitch : sch.lateSwitch;
  // Switch only if a full background window can still follow before the metric is frozen.
  const late = switchEvery + i > sch.metricEnd;
  let switched = false;
  if (state.bg.draws.n >= switchEvery && !late) {
    const old = state.fg;
    state.fg = state.bg;
    welfordReset(old.draws);
    welfordReset(old.grads);
    state.bg = old;
    state.fgStart = state.bgStart;
    state.bgStart = state.stored;
    switched = true;
  }
  if (state.fg.draws.n < 3) return false;
  if (state.kind === "fisher-diag") {
    const m = state.metric as DiagMetric;
    fisherDiagonal(state.fg.draws.m2, state.fg.grads.m2, state.fg.draws.n, m.inverse);
    refreshDiagMetric(m);
    return true;
  }
  if (!switched && i !== sch.metricEnd - 1) return false;
  const n = state.stored - state.fgStart;
  const from = state.fgStart * state.dim;
  const to = state.stored * state.dim;
  const f = fisherLowRank(state.drawBuf.subarray(from, to), state.gradBuf.subarray(from, to), n, state.dim, state.lowRank);
  if (f === null) return false;
  state.rank = f.values.length;
  if (state.rank === 0) {
    const inv = new Float64Array(state.dim);
    for (let j = 0; j < state.dim; j++) inv[j] = f.stds[j] * f.stds[j];
    // A diagonal metric keeps the sampler's fused diagonal leapfrog.
    state.metric = diagMetric(inv);
  } else {
    state.metric = lowRankMetric(f);
  }
  return true;
}
