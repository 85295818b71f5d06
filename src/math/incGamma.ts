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
import { digamma } from "./digamma.js";

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

/**
 * ∂/∂a of log P(a, x) (`which` 0) or of log Q(a, x) (`which` 1), for a > 0, x > 0 (Stan's
 * grad_reg_inc_gamma, computed differently): each tail's derivative comes from the method that computes
 * that tail directly, the other through ∂ log Q = −(P/Q) ∂ log P. The series differentiates term by
 * term — P = e^(−x) x^a/Γ(a + 1) Σ tₙ with tₙ = xⁿ/((a + 1)…(a + n)), ∂tₙ/∂a = −tₙ Σ_(k≤n) 1/(a + k), all
 * terms of one sign — and the continued fraction carries the derivative of every Lentz step alongside
 * its value (forward mode), so neither subtracts nearly equal numbers.
 */
function dLogGamma(a: number, x: number, which: 0 | 1): number {
  if (x < a + 1) {
    let t = 1;
    let s = 1;
    let hsum = 0;
    let sh = 0;
    for (let n = 1; n < MAX_TERMS; n++) {
      hsum += 1 / (a + n);
      t *= x / (a + n);
      s += t;
      sh += t * hsum;
      if (t < s * EPS && t * hsum < sh * EPS) break;
    }
    const dlogP = Math.log(x) - digamma(a + 1) - sh / s;
    if (which === 0) return dlogP;
    const logP = a * Math.log(x) - x - lgamma(a + 1) + Math.log(s);
    return -Math.exp(logP - log1mExp(logP)) * dlogP;
  }
  let b = x + 1 - a;
  const db = -1;
  let c = 1 / TINY;
  let dc = 0;
  let d = 1 / b;
  let dd = -db / (b * b);
  let h = d;
  let dh = dd;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    const dan = i;
    b += 2;
    let dn = an * d + b;
    let ddn = dan * d + an * dd + db;
    if (Math.abs(dn) < TINY) [dn, ddn] = [TINY, 0];
    let cn = b + an / c;
    let dcn = db + (dan * c - an * dc) / (c * c);
    if (Math.abs(cn) < TINY) [cn, dcn] = [TINY, 0];
    d = 1 / dn;
    dd = -ddn / (dn * dn);
    c = cn;
    dc = dcn;
    const del = d * c;
    const ddel = dd * c + d * dc;
    dh = dh * del + h * ddel;
    h *= del;
    if (Math.abs(del - 1) < EPS && Math.abs(ddel) < EPS * Math.abs(dh / h)) break;
  }
  const dlogQ = Math.log(x) - digamma(a) + dh / h;
  if (which === 1) return dlogQ;
  const logQ = a * Math.log(x) - x - lgamma(a) + Math.log(h);
  return -Math.exp(logQ - log1mExp(logQ)) * dlogQ;
}

/** ∂ log P(a, x) / ∂a, for a > 0, x > 0. */
export function dLogGammaPda(a: number, x: number): number {
  check("dLogGammaPda", a, x);
  if (x === 0 || x === Infinity) throw argError("dLogGammaPda", "x must be positive and finite", x);
  return dLogGamma(a, x, 0);
}

/** ∂ log Q(a, x) / ∂a, for a > 0, x > 0. */
export function dLogGammaQda(a: number, x: number): number {
  check("dLogGammaQda", a, x);
  if (x === 0 || x === Infinity) throw argError("dLogGammaQda", "x must be positive and finite", x);
  return dLogGamma(a, x, 1);
}
