/**
 * Logs of the regularised incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P
 * (R's pgamma(x, a, log.p = TRUE) and its upper tail). Each is computed directly on the side where
 * it is the smaller tail — the power series of P for x < a + 1, Legendre's continued fraction of Q
 * (modified Lentz) for x ≥ a + 1 — and the other from it through log1mExp, so neither tail is formed
 * as log(1 − F) with F ≈ 1. Both converge in O(√a) terms near x ≈ a.
 */
import { argError } from "../errors.js";
import { lgamma } from "./lgamma.js";
import { log1mExp } from "./log1mExp.js";

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 100000;

function check(fn: string, a: number, x: number): void {
  if (!(a > 0) || a === Infinity) throw argError(fn, "a must be positive and finite", a);
  if (!(x >= 0)) throw argError(fn, "x must be non-negative", x);
}

/** log P(a, x) by the series x^a e^(−x)/Γ(a + 1) Σ xⁿ/((a + 1)…(a + n)); for x < a + 1. */
function logPSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPS) break;
  }
  return a * Math.log(x) - x - lgamma(a + 1) + Math.log(sum);
}

/** log Q(a, x) by the continued fraction e^(−x) x^a/Γ(a) · 1/(x + 1 − a − 1(1 − a)/(x + 3 − a − …)); for x ≥ a + 1. */
function logQFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return a * Math.log(x) - x - lgamma(a) + Math.log(h);
}

/** log P(a, x), the regularised lower incomplete gamma function, for a > 0, x ≥ 0. */
export function logGammaP(a: number, x: number): number {
  check("logGammaP", a, x);
  if (x === 0) return -Infinity;
  if (x === Infinity) return 0;
  return x < a + 1 ? logPSeries(a, x) : log1mExp(logQFraction(a, x));
}

/** log Q(a, x) = log(1 − P(a, x)), the regularised upper incomplete gamma function, for a > 0, x ≥ 0. */
export function logGammaQ(a: number, x: number): number {
  check("logGammaQ", a, x);
  if (x === 0) return 0;
  if (x === Infinity) return -Infinity;
  return x < a + 1 ? log1mExp(logPSeries(a, x)) : logQFraction(a, x);
}
