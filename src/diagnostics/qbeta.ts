/**
 * The inverse of the regularised incomplete beta I_x(a, b), for posterior's mcse_quantile (which calls
 * R's qbeta); I_x itself is math/incBeta's (the censored and truncated likelihoods use it too).
 */
import { logIncBeta } from "../math/incBeta.js";
import { lbeta } from "../math/lbeta.js";

/** I_x(a, b) for a, b > 0, x in [0, 1]. */
export function incompleteBetaRegularized(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (!(a > 0 && b > 0)) throw new RangeError(`incompleteBetaRegularized: a and b must be positive, got ${a} and ${b}`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return Math.exp(logIncBeta(a, b, x, 1 - x));
}

/**
 * The p-quantile of Beta(a, b): safeguarded Newton on I_x(a, b) = p inside a shrinking bisection
 * bracket, to a relative step of 1e-15 (far finer than mcse_quantile's floor(a·S) needs).
 */
export function qbeta(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`qbeta: p must be in [0, 1], got ${p}`);
  if (!(a > 0 && b > 0)) throw new RangeError(`qbeta: a and b must be positive, got ${a} and ${b}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  const lb = lbeta(a, b);
  for (let iter = 0; iter < 400; iter++) {
    const f = incompleteBetaRegularized(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lb);
    let next = x - f / density;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * x || hi - lo <= 1e-16 * hi) return next;
    x = next;
  }
  return x;
}
