import { invPhi } from "../math/invPhi.js";
import { pooled, unpool, type Chains } from "./chains.js";

/**
 * Ranks 1…n with ties given their average rank (R's `rank(ties.method = "average")`). NaN-free input.
 * Sorts a copy natively and finds each value's run of equal values by binary search, which is much
 * faster in V8 than sorting indices with a comparator.
 */
export function averageRanks(x: Float64Array): Float64Array {
  const n = x.length;
  const sorted = Float64Array.from(x).sort();
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const first = lowerBound(sorted, n, v);
    let last = first;
    if (first + 1 < n && sorted[first + 1] === v) last = upperBound(sorted, n, v) - 1;
    r[i] = (first + last) / 2 + 1;
  }
  return r;
}

function lowerBound(s: Float64Array, len: number, v: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(s: Float64Array, len: number, v: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * posterior's `z_scale`: ranks over all draws of all chains, back-transformed with Blom's offset
 * c = 3/8 and mapped through the normal quantile. NaN draws stay NaN.
 */
export function zScale(chains: Chains): Float64Array[] {
  const all = pooled(chains);
  const z = new Float64Array(all.length);
  zScaleInto(all, z, createZScaleWorkspace(all.length));
  return unpool(z, chains.length);
}

/**
 * Scratch for z-scaling S values: a sorted copy, and Φ⁻¹ of each possible rank. A rank is an integer
 * or, for ties, a half-integer in [1, S], and Φ⁻¹((r − 3/8)/(S + 1/4)) depends on nothing else, so
 * across the variables of one summary each value is computed once (lazily; NaN = not yet).
 */
export interface ZScaleWorkspace {
  readonly size: number;
  readonly sorted: Float64Array;
  /** Entry first + last (the two 0-based ends of a tie run) holds Φ⁻¹ at rank (first + last)/2 + 1. */
  readonly quantiles: Float64Array;
}

export function createZScaleWorkspace(size: number): ZScaleWorkspace {
  return { size, sorted: new Float64Array(size), quantiles: new Float64Array(Math.max(2 * size - 1, 0)).fill(NaN) };
}

/**
 * z_scale of `values` (length ws.size, NaN allowed) into `out`, with averaged ranks for ties as
 * R's rank(). `sorted`, when given, must hold exactly the non-NaN values sorted ascending (callers
 * that sorted them already save the sort).
 */
export function zScaleInto(values: Float64Array, out: Float64Array, ws: ZScaleWorkspace, sorted: Float64Array | null = null): void {
  const n = ws.size;
  let s = sorted;
  if (s === null) {
    let f = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) ws.sorted[f++] = values[i];
    s = f === n ? ws.sorted.sort() : ws.sorted.subarray(0, f).sort();
  }
  const len = s.length;
  const c = 3 / 8;
  const q = ws.quantiles;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // As R: NaN draws are ranked last then blanked, and S counts them; any NaN makes R-hat/ESS NaN anyway.
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    const first = lowerBound(s, len, v);
    let last = first;
    if (first + 1 < len && s[first + 1] === v) last = upperBound(s, len, v) - 1;
    const j = first + last;
    let z = q[j];
    if (z !== z) {
      z = invPhi(((first + last) / 2 + 1 - c) / (n - 2 * c + 1));
      q[j] = z;
    }
    out[i] = z;
  }
}

/**
 * The sorted values |x − m| from x sorted ascending (NaN-free) and m a median of x, by merging the
 * two monotone runs either side of m, instead of sorting again. Rounding of x − m is monotone in x,
 * so the result is exactly the sorted folded values.
 */
export function foldSorted(sorted: Float64Array, m: number, out: Float64Array): void {
  const n = sorted.length;
  const p = lowerBound(sorted, n, m);
  let i = p - 1;
  let j = p;
  for (let k = 0; k < n; k++) {
    const left = i >= 0 ? Math.abs(sorted[i] - m) : Infinity;
    const right = j < n ? Math.abs(sorted[j] - m) : Infinity;
    if (j >= n || (i >= 0 && left <= right)) {
      out[k] = left;
      i--;
    } else {
      out[k] = right;
      j++;
    }
  }
}

/** R's `median` of values already sorted ascending (NaN-free). */
export function medianSorted(s: Float64Array): number {
  const n = s.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** R's `median` of all draws: the middle value, or the mean of the two middle values. */
export function median(x: Float64Array): number {
  const n = x.length;
  if (n === 0) return NaN;
  for (let i = 0; i < n; i++) if (Number.isNaN(x[i])) return NaN;
  return medianSorted(Float64Array.from(x).sort());
}

/** posterior's `fold_draws`: |x − median(x)| with the median over all chains. */
export function foldDraws(chains: Chains): Float64Array[] {
  const all = pooled(chains);
  const m = median(all);
  for (let i = 0; i < all.length; i++) all[i] = Math.abs(all[i] - m);
  return unpool(all, chains.length);
}
