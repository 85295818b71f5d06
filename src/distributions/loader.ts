/**
 * Catherine Loader's saddle-point forms ("Fast and accurate computation of binomial probabilities",
 * 2000), as R's nmath uses them for dpois, dbinom, dgamma, dbeta and dnbinom. Writing
 * log p = -stirlerr(n) - bd0(x, np) - … keeps full relative accuracy where the naive
 * `x log λ - λ - lgamma(x + 1)` cancels catastrophically (x and λ near 1e8: terms of 1e9, result -10).
 * Log scale only; internal to src/distributions/.
 */
import { lgamma } from "../math/index.js";

const HALF_LOG_2PI = 0.91893853320467274; // log √(2π)
const LOG_2PI = 1.8378770664093453;

/** stirlerr(n) at n = 0, 0.5, …, 15, from mpmath at 40 digits (0 at n = 0 is R's placeholder). */
const SFERR_HALVES = [
  0, 0.15342640972002735, 0.081061466795327258, 0.054814121051917654, 0.041340695955409294,
  0.033162873519936287, 0.027677925684998339, 0.023746163656297496, 0.020790672103765093,
  0.018488450532673185, 0.016644691189821192, 0.015134973221917379, 0.013876128823070748,
  0.012810465242920227, 0.01189670994589177, 0.011104559758206917, 0.010411265261972096,
  0.0097994161261588033, 0.0092554621827127329, 0.0087687001341393855, 0.0083305634333628713,
  0.0079341145643140205, 0.0075736754879518408, 0.0072445543013203832, 0.0069428401072095299,
  0.0066652470327076824, 0.0064089941880042071, 0.0061717122630394576, 0.0059513701127588477,
  0.0057462165130101157, 0.0055547335519628014,
];

const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** The error of Stirling's formula: log(n!) - (n + ½) log n + n - log √(2π). */
export function stirlerr(n: number): number {
  if (n <= 15) {
    const nn = n + n;
    if (nn === Math.floor(nn)) return SFERR_HALVES[nn];
    return lgamma(n + 1) - (n + 0.5) * Math.log(n) + n - HALF_LOG_2PI;
  }
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** x log(x / np) + np - x, by a series when x ≈ np so the deviance keeps its relative accuracy. */
export function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < 2.2250738585072014e-308) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/** log of the Poisson "density" λ^x e^-λ / Γ(x + 1) for real x ≥ 0 (R's dpois_raw). */
export function logDpoisRaw(x: number, lambda: number): number {
  if (lambda === 0) return x === 0 ? 0 : -Infinity;
  if (!(lambda < Infinity) || x < 0) return -Infinity;
  if (x <= lambda * 2.2250738585072014e-308) return -lambda;
  if (lambda < x * 2.2250738585072014e-308) {
    if (!(x < Infinity)) return -Infinity;
    return -lambda + x * Math.log(lambda) - lgamma(x + 1);
  }
  return -stirlerr(x) - bd0(x, lambda) - 0.5 * (LOG_2PI + Math.log(x));
}

/** log of the binomial "density" for real 0 ≤ x ≤ n, success probability p = 1 - q (R's dbinom_raw). */
export function logDbinomRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  if (x < 0 || x > n) return -Infinity;
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  // log(2π x (n - x) / n). R's log1p(-x/n) loses digits when x/n ≈ 1 (neg_binomial_2 calls this with
  // x = phi, n = phi + count, so at phi = 1e9 about eight); for x ≥ n/2, n - x is exact (Sterbenz).
  const lf = LOG_2PI + Math.log(x) + (x > 0.5 * n ? Math.log(n - x) - Math.log(n) : Math.log1p(-x / n));
  return lc - 0.5 * lf;
}
