/**
 * Log of the regularised incomplete beta function I_x(a, b) (R's pbeta(x, a, b, log.p = TRUE)) and of
 * its complement 1 − I_x(a, b) = I_(1−x)(b, a). The continued fraction (modified Lentz, as Numerical
 * Recipes' betacf) converges fast for x < (a + 1)/(a + b + 2); on the other side the complement is
 * computed by the swapped fraction and the tail asked for through log1mExp, so a tail near 0 is never
 * formed as log(1 − F). x and y = 1 − x are both passed so a caller that knows 1 − x more precisely
 * than by subtraction (x = invLogit(−α)) keeps those digits.
 */
import { argError } from "../errors.js";
import { lbeta } from "./lbeta.js";
import { log1mExp } from "./log1mExp.js";
import { digamma } from "./digamma.js";

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 100000;

/** log I_x(a, b) by the continued fraction, accurate when x < (a + 1)/(a + b + 2). */
function logFraction(a: number, b: number, x: number, y: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_TERMS; m++) {
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
    if (Math.abs(del - 1) < EPS) break;
  }
  return a * Math.log(x) + b * Math.log(y) - lbeta(a, b) - Math.log(a) + Math.log(h);
}

function check(fn: string, a: number, b: number, x: number, y: number): void {
  if (!(a > 0) || a === Infinity) throw argError(fn, "a must be positive and finite", a);
  if (!(b > 0) || b === Infinity) throw argError(fn, "b must be positive and finite", b);
  if (!(x >= 0 && x <= 1)) throw argError(fn, "x must be in [0, 1]", x);
  if (!(y >= 0 && y <= 1) || Math.abs(x + y - 1) > 1e-12) throw argError(fn, "y must be 1 - x", y);
}

/** log I_x(a, b), with y = 1 − x. */
export function logIncBeta(a: number, b: number, x: number, y: number): number {
  check("logIncBeta", a, b, x, y);
  if (x === 0) return -Infinity;
  if (y === 0) return 0;
  return x < (a + 1) / (a + b + 2) ? logFraction(a, b, x, y) : log1mExp(logFraction(b, a, y, x));
}

/** log(1 − I_x(a, b)) = log I_y(b, a), with y = 1 − x. */
export function logIncBetaC(a: number, b: number, x: number, y: number): number {
  check("logIncBetaC", a, b, x, y);
  if (x === 0) return 0;
  if (y === 0) return -Infinity;
  return x < (a + 1) / (a + b + 2) ? log1mExp(logFraction(a, b, x, y)) : logFraction(b, a, y, x);
}

/**
 * ∂/∂a (`wrt` 0) or ∂/∂b (`wrt` 1) of log I_x(a, b) by the continued fraction, with the derivative of
 * every Lentz step carried alongside its value (forward mode): accurate where the fraction is, x <
 * (a + 1)/(a + b + 2). The prefactor's part is log x − ψ(a) + ψ(a + b) − 1/a (or log y − ψ(b) + ψ(a + b)).
 */
function dLogFraction(a: number, b: number, x: number, y: number, wrt: 0 | 1): number {
  const da = wrt === 0 ? 1 : 0;
  const db = 1 - da;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let dc = 0;
  let d = 1 - (qab * x) / qap;
  let dd = (-x * ((da + db) * qap - qab * da)) / (qap * qap);
  if (Math.abs(d) < TINY) [d, dd] = [TINY, 0];
  d = 1 / d;
  dd = -dd * d * d;
  let h = d;
  let dh = dd;
  // One Lentz step with coefficient aa (and its derivative daa); returns the step's factor's derivative in dh.
  const step = (aa: number, daa: number): number => {
    let dn = 1 + aa * d;
    let ddn = daa * d + aa * dd;
    if (Math.abs(dn) < TINY) [dn, ddn] = [TINY, 0];
    let cn = 1 + aa / c;
    let dcn = daa / c - (aa * dc) / (c * c);
    if (Math.abs(cn) < TINY) [cn, dcn] = [TINY, 0];
    d = 1 / dn;
    dd = -ddn * d * d;
    c = cn;
    dc = dcn;
    const del = d * c;
    const ddel = dd * c + d * dc;
    dh = dh * del + h * ddel;
    h *= del;
    return del;
  };
  for (let m = 1; m < MAX_TERMS; m++) {
    const m2 = 2 * m;
    let num = m * (b - m) * x;
    let dnum = m * db * x;
    let den = (qam + m2) * (a + m2);
    let dden = da * (a + m2) + (qam + m2) * da;
    step(num / den, (dnum * den - num * dden) / (den * den));
    num = -(a + m) * (qab + m) * x;
    dnum = -(da * (qab + m) + (a + m) * (da + db)) * x;
    den = (a + m2) * (qap + m2);
    dden = da * (qap + m2) + (a + m2) * da;
    const hPrev = dh / h;
    const del = step(num / den, (dnum * den - num * dden) / (den * den));
    if (Math.abs(del - 1) < EPS && Math.abs(dh / h - hPrev) <= EPS * Math.abs(dh / h)) break;
  }
  const pre = wrt === 0 ? Math.log(x) - digamma(a) + digamma(qab) - 1 / a : Math.log(y) - digamma(b) + digamma(qab);
  return pre + dh / h;
}

/** ∂/∂a of log I_x(a, b) (`complement` false) or of log(1 − I_x(a, b)) (true), with y = 1 − x, 0 < x < 1. */
function dLogIncBetaA(a: number, b: number, x: number, y: number, complement: boolean): number {
  if (x < (a + 1) / (a + b + 2)) {
    const dlogI = dLogFraction(a, b, x, y, 0);
    if (!complement) return dlogI;
    const logI = logFraction(a, b, x, y);
    return -Math.exp(logI - log1mExp(logI)) * dlogI;
  }
  // 1 − I_x(a, b) = I_y(b, a): a is the swapped fraction's second parameter.
  const dlogJ = dLogFraction(b, a, y, x, 1);
  if (complement) return dlogJ;
  const logJ = logFraction(b, a, y, x);
  return -Math.exp(logJ - log1mExp(logJ)) * dlogJ;
}

/** ∂ log I_x(a, b) / ∂a, with y = 1 − x, for 0 < x < 1. */
export function dLogIncBetaDa(a: number, b: number, x: number, y: number): number {
  check("dLogIncBetaDa", a, b, x, y);
  if (!(x > 0 && y > 0)) throw argError("dLogIncBetaDa", "x must be in (0, 1)", x);
  return dLogIncBetaA(a, b, x, y, false);
}

/** ∂ log(1 − I_x(a, b)) / ∂a, with y = 1 − x, for 0 < x < 1. */
export function dLogIncBetaCDa(a: number, b: number, x: number, y: number): number {
  check("dLogIncBetaCDa", a, b, x, y);
  if (!(x > 0 && y > 0)) throw argError("dLogIncBetaCDa", "x must be in (0, 1)", x);
  return dLogIncBetaA(a, b, x, y, true);
}
