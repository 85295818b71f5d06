/**
 * Regularised incomplete beta I_x(a, b) and its inverse, for posterior's mcse_quantile (which calls R's
 * qbeta). Lives here because only the diagnostics need it; it could move to math/ if others do.
 */
import { lbeta } from "../math/lbeta.js";

const EPS = 1e-16;
const TINY = 1e-300;

/** Continued fraction for I_x(a, b) (modified Lentz); converges fast for x < (a + 1)/(a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h;
}

/** I_x(a, b) for a, b > 0, x in [0, 1]. */
export function incompleteBetaRegularized(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (!(a > 0 && b > 0)) throw new RangeError(`incompleteBetaRegularized: a and b must be positive, got ${a} and ${b}`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - lbeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
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
