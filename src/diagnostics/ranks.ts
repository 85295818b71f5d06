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
    out[i] = zOfRank(q, first, last, n);
  }
}

/**
 * Φ⁻¹((r − c)/(S − 2c + 1)) for the tie run [first, last] (0-based sorted positions, so the
 * average rank r = (first + last)/2 + 1), memoised in `quantiles` at first + last.
 */
export function zOfRank(quantiles: Float64Array, first: number, last: number, size: number): number {
  const j = first + last;
  let z = quantiles[j];
  if (z !== z) {
    const c = 3 / 8;
    z = invPhi(((first + last) / 2 + 1 - c) / (size - 2 * c + 1));
    quantiles[j] = z;
  }
  return z;
}

/**
 * z_scale through a permutation that sorts the values: `perm[k]` is the index of the k-th smallest
 * value, `sorted[k]` that value (NaN-free). Ties (equal values, −0 = 0 as R) share their average
 * rank. Writes z in the original order into `out`; O(n), and the same numbers as zScaleInto.
 */
export function zScaleSorted(perm: Int32Array, sorted: Float64Array, out: Float64Array, ws: ZScaleWorkspace): void {
  const n = sorted.length;
  let first = 0;
  while (first < n) {
    let last = first;
    while (last + 1 < n && sorted[last + 1] === sorted[first]) last++;
    const z = zOfRank(ws.quantiles, first, last, ws.size);
    for (let k = first; k <= last; k++) out[perm[k]] = z;
    first = last + 1;
  }
}

/** Scratch for argsort of up to 2^31 values: 64-bit keys whose low bits carry the index. */
export interface ArgsortWorkspace {
  readonly keys: BigInt64Array;
  readonly words: Uint32Array;
  readonly floats: Float64Array;
}

export function createArgsortWorkspace(size: number): ArgsortWorkspace {
  const buffer = new ArrayBuffer(8 * size);
  return { keys: new BigInt64Array(buffer), words: new Uint32Array(buffer), floats: new Float64Array(buffer) };
}

/**
 * Sorts NaN-free `x` (length ws size) into `sorted` and writes the sorting permutation into `perm`,
 * in ~1/5 of the time of a native Float64Array sort followed by a binary search per value: each
 * double is mapped to a signed 64-bit key with the same order (−0 before +0, as Float64Array sort),
 * its lowest ⌈log2 n⌉ bits are replaced by the index, the keys get one native integer sort, and runs
 * whose truncated keys are equal (values within ~n·2⁻⁵² relative of each other) are put in exact
 * order by insertion sort. Assumes little-endian words (every platform V8 runs on).
 */
export function argsortInto(x: Float64Array, perm: Int32Array, sorted: Float64Array, ws: ArgsortWorkspace): void {
  const n = x.length;
  let bits = 1;
  while (1 << bits < n) bits++;
  if (bits > 30) throw new RangeError(`argsortInto: at most 2^30 values, got ${n}`);
  const mask = (1 << bits) - 1;
  const { keys, words, floats } = ws;
  floats.set(x);
  for (let i = 0; i < n; i++) {
    let hi = words[2 * i + 1];
    let lo = words[2 * i];
    if (hi & 0x80000000) {
      // Negative: flip the magnitude bits so larger magnitudes sort lower.
      hi ^= 0x7fffffff;
      lo = ~lo;
    }
    words[2 * i + 1] = hi;
    words[2 * i] = (lo & ~mask) | i;
  }
  keys.subarray(0, n).sort();
  for (let k = 0; k < n; k++) {
    const i = words[2 * k] & mask;
    perm[k] = i;
    sorted[k] = x[i];
  }
  // Equal truncated keys: order the run by value (insertion sort; runs are rare and short).
  let start = 0;
  for (let k = 1; k <= n; k++) {
    const same = k < n && words[2 * k + 1] === words[2 * k - 1] && (words[2 * k] & ~mask) === (words[2 * k - 2] & ~mask);
    if (same) continue;
    if (k - start > 1) {
      for (let a = start + 1; a < k; a++) {
        const v = sorted[a];
        const pv = perm[a];
        let b = a - 1;
        while (b >= start && sorted[b] > v) {
          sorted[b + 1] = sorted[b];
          perm[b + 1] = perm[b];
          b--;
        }
        sorted[b + 1] = v;
        perm[b + 1] = pv;
      }
    }
    start = k;
  }
}

/**
 * From `perm`/`sorted` of x, the permutation and sorted values of |x − m| (m a finite median of x),
 * by merging the two monotone runs either side of m instead of sorting again. Rounding of x − m is
 * monotone in x, so `folded` is exactly the sorted |x − m|.
 */
export function foldSortedPerm(perm: Int32Array, sorted: Float64Array, m: number, foldPerm: Int32Array, folded: Float64Array): void {
  const n = sorted.length;
  const p = lowerBound(sorted, n, m);
  let i = p - 1;
  let j = p;
  for (let k = 0; k < n; k++) {
    const left = i >= 0 ? Math.abs(sorted[i] - m) : Infinity;
    const right = j < n ? Math.abs(sorted[j] - m) : Infinity;
    if (j >= n || (i >= 0 && left <= right)) {
      folded[k] = left;
      foldPerm[k] = perm[i];
      i--;
    } else {
      folded[k] = right;
      foldPerm[k] = perm[j];
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
