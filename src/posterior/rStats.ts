/**
 * R's summary statistics, with R's arithmetic, for outputs compared with brms's to many digits:
 * `mean` (a second pass corrects the first sum, as R's long-double mean nearly does), `sd` (n − 1),
 * `median` (the mean of the middle two for even length) and `mad` (1.4826 × median |x − median|).
 */
import { quantile7Sorted } from "../diagnostics/quantile7.js";

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

/**
 * brms's posterior_summary of one variable: [Estimate, Est.Error, ...quantiles at `probs`] — mean and
 * sd, or median and mad when `robust` — with R's type-7 quantiles (NaN if any draw is NaN).
 */
export function summaryR(x: Float64Array, probs: readonly number[], robust: boolean): number[] {
  const sorted = Float64Array.from(x).sort();
  const nan = Number.isNaN(sorted[sorted.length - 1]); // a typed array sorts NaN last
  const q = probs.map((p) => (nan ? NaN : quantile7Sorted(sorted, p)));
  return [...(robust ? [medianR(x), madR(x)] : meanSdR(x)), ...q];
}
