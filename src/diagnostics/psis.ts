/**
 * Pareto-smoothed importance sampling of one vector of log importance ratios (Vehtari, Simpson,
 * Gelman, Yao & Gabry 2024), step for step as loo 2.5.1's `do_psis_i`.
 */
import { gpdfit, qgpd } from "./gpdfit.js";

export interface PsisResult {
  /** Smoothed, truncated, unnormalised log weights (same length as the ratios). */
  readonly logWeights: Float64Array;
  /** Pareto shape k̂; +Inf when the tail is too short (< 5 draws) or constant. */
  readonly paretoK: number;
}

/** loo's tail length: ⌈min(0.2 S, 3 √(S / r_eff))⌉. */
export function psisTailLength(draws: number, rEff: number): number {
  return Math.ceil(Math.min(0.2 * draws, 3 * Math.sqrt(draws / rEff)));
}

/** Reusable buffers for psisInto over ratio vectors of one length. */
export interface PsisWorkspace {
  readonly sorted: Float64Array;
  /** Indices of the largest ratios (the tail and the cutoff), grown on demand. */
  top: Uint32Array;
  exceed: Float64Array;
}

export function createPsisWorkspace(draws: number): PsisWorkspace {
  return { sorted: new Float64Array(draws), top: new Uint32Array(64), exceed: new Float64Array(64) };
}

export function psis(logRatios: ArrayLike<number>, rEff = 1): PsisResult {
  const lw = new Float64Array(logRatios.length);
  const paretoK = psisInto(logRatios, rEff, lw, createPsisWorkspace(logRatios.length));
  return { logWeights: lw, paretoK };
}

/**
 * psis writing the log weights into `lw` (length S) and returning k̂. Only the tail and the draw
 * just below it need their order, so the cutoff value comes from a selection (O(S)) on a copy and
 * only the draws at or above it are ordered — by (value, index), which is exactly the order of loo's
 * stable sort (R's radix sort.int), so tied ratios get the same smoothed weights.
 */
export function psisInto(logRatios: ArrayLike<number>, rEff: number, lw: Float64Array, ws: PsisWorkspace): number {
  const s = logRatios.length;
  let max = -Infinity;
  for (let i = 0; i < s; i++) if (logRatios[i] > max) max = logRatios[i];
  for (let i = 0; i < s; i++) lw[i] = logRatios[i] - max;
  const tailLen = psisTailLength(s, rEff);
  let k = Infinity;
  if (tailLen >= 5) {
    const first = s - tailLen;
    const part = ws.sorted;
    part.set(lw);
    selectInPlace(part, first - 1);
    const cutoff = part[first - 1];
    let tailMin = Infinity;
    let tailMax = -Infinity;
    for (let i = first; i < s; i++) {
      const v = part[i];
      if (v < tailMin) tailMin = v;
      if (v > tailMax) tailMax = v;
    }
    // loo warns and leaves the weights unsmoothed when the tail is constant.
    if (Math.abs(tailMax - tailMin) >= Number.EPSILON / 100) {
      let count = 0;
      for (let i = 0; i < s; i++) if (lw[i] >= cutoff) count++;
      if (ws.top.length < count) ws.top = new Uint32Array(count);
      if (ws.exceed.length < tailLen) ws.exceed = new Float64Array(tailLen);
      const top = ws.top.subarray(0, count);
      let t = 0;
      for (let i = 0; i < s; i++) if (lw[i] >= cutoff) top[t++] = i;
      // Indices are ascending already, so a stable comparison on values alone gives (value, index).
      top.sort((a, b) => (lw[a] < lw[b] ? -1 : lw[a] > lw[b] ? 1 : a - b));
      const start = count - tailLen;
      const expCutoff = Math.exp(cutoff);
      const exceed = ws.exceed.subarray(0, tailLen);
      for (let j = 0; j < tailLen; j++) exceed[j] = Math.exp(lw[top[start + j]]) - expCutoff;
      const fit = gpdfit(exceed);
      k = fit.k;
      if (Number.isFinite(k)) {
        for (let j = 0; j < tailLen; j++) {
          const p = (j + 1 - 0.5) / tailLen;
          lw[top[start + j]] = Math.log(qgpd(p, k, fit.sigma) + expCutoff);
        }
      }
    }
  }
  // Truncate at the largest raw ratio, then shift back.
  for (let i = 0; i < s; i++) {
    if (lw[i] > 0) lw[i] = 0;
    lw[i] += max;
  }
  return k;
}

/** Below this length a range is finished by insertion sort. */
const SMALL_RANGE = 16;

/**
 * Rearranges x so that x[k] is the value a full ascending sort would put there, everything before it
 * ≤ x[k] and everything after ≥ x[k] (Hoare's quickselect, median-of-three pivots). No randomness:
 * after 2·log2(S) + 8 partitions without converging (adversarial orders) the range is sorted natively.
 */
export function selectInPlace(x: Float64Array, k: number): void {
  let lo = 0;
  let hi = x.length - 1;
  let budget = 2 * Math.ceil(Math.log2(x.length + 1)) + 8;
  while (hi - lo > SMALL_RANGE) {
    if (budget-- === 0) {
      x.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = (lo + hi) >>> 1;
    // Median of three to x[mid], with x[lo] ≤ x[mid] ≤ x[hi].
    if (x[mid] < x[lo]) swap(x, mid, lo);
    if (x[hi] < x[lo]) swap(x, hi, lo);
    if (x[hi] < x[mid]) swap(x, hi, mid);
    const pivot = x[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i <= j) {
        swap(x, i, j);
        i++;
        j--;
      }
    }
    // Now x[lo..j] ≤ pivot ≤ x[i..hi], and any x[j+1..i-1] equal the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
  for (let a = lo + 1; a <= hi; a++) {
    const v = x[a];
    let b = a - 1;
    while (b >= lo && x[b] > v) {
      x[b + 1] = x[b];
      b--;
    }
    x[b + 1] = v;
  }
}

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i];
  x[i] = x[j];
  x[j] = t;
}
