/**
 * R's summary statistics, with R's arithmetic, for outputs compared with brms's to many digits:
 * `mean` (a second pass corrects the first sum, as R's long-double mean nearly does), `sd` (n − 1),
 * `median` (the mean of the middle two for even length) and `mad` (1.4826 × median |x − median|).
 */

/** R's `mean` and `sd` of `x`. */
export function meanSdR(x: ArrayLike<number>): [number, number] {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  let m = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i] - m;
  m += c / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
  return [m, Math.sqrt(ss / (n - 1))];
}

/** R's `median` (mean of the middle two for even length). `values` is not modified. */
export function medianR(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const s = Float64Array.from(values).sort();
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** R's `mad`: 1.4826 × the median absolute deviation from the median. */
export function madR(values: ArrayLike<number>): number {
  const m = medianR(values);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i] - m);
  return 1.4826 * medianR(dev);
}
