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
    const first = lowerBound(sorted, v);
    let last = first;
    if (first + 1 < n && sorted[first + 1] === v) last = upperBound(sorted, v) - 1;
    r[i] = (first + last) / 2 + 1;
  }
  return r;
}

function lowerBound(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
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
  const n = all.length;
  const finite = all.filter((v) => !Number.isNaN(v));
  const r = averageRanks(finite);
  const c = 3 / 8;
  const z = new Float64Array(n);
  for (let i = 0, k = 0; i < n; i++) {
    // As R: NaN draws are ranked last then blanked, and S counts them; any NaN makes R-hat/ESS NaN anyway.
    z[i] = Number.isNaN(all[i]) ? NaN : invPhi((r[k++] - c) / (n - 2 * c + 1));
  }
  return unpool(z, chains.length);
}

/** R's `median` of all draws: the middle value, or the mean of the two middle values. */
export function median(x: Float64Array): number {
  const n = x.length;
  if (n === 0) return NaN;
  for (let i = 0; i < n; i++) if (Number.isNaN(x[i])) return NaN;
  const s = Float64Array.from(x).sort();
  const h = n >> 1;
  return n % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** posterior's `fold_draws`: |x − median(x)| with the median over all chains. */
export function foldDraws(chains: Chains): Float64Array[] {
  const all = pooled(chains);
  const m = median(all);
  for (let i = 0; i < all.length; i++) all[i] = Math.abs(all[i] - m);
  return unpool(all, chains.length);
}
