/**
 * R's default quantile (type 7) of all draws, computed with R's own arithmetic
 * ((1 − h)·x[lo] + h·x[hi], index = 1 + (n − 1)p), so a draw compared with it (`x <= q` in
 * essQuantile) falls on the same side as in R. Any NaN gives NaN (posterior's quantile2 with
 * na.rm = FALSE); ±Inf draws are ordinary values.
 */
export function quantile7(x: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile7: p must be in [0, 1], got ${p}`);
  const n = x.length;
  if (n === 0) return NaN;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i])) return NaN;
    s[i] = x[i];
  }
  s.sort();
  return quantile7Sorted(s, p);
}

/** Type-7 quantile of values already sorted ascending (NaN-free). */
export function quantile7Sorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1];
  const xhi = sorted[hi - 1];
  if (index > lo && xhi !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * xhi;
  }
  return qs;
}
