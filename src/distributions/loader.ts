/**
 * Catherine Loader's saddle-point forms ("Fast and accurate computation of binomial probabilities",
 * 2000), as R's nmath uses them for dpois, dbinom, dgamma, dbeta and dnbinom. Writing
 * log p = -stirlerr(n) - bd0(x, np) - … keeps full relative accuracy where the naive
 * `x log λ - λ - lgamma(x + 1)` cancels catastrophically (x and λ near 1e8: terms of 1e9, result -10).
 * Log scale only; internal to src/distributions/. bd0 and stirlerr come from src/math/.
 */
import { bd0, lgamma, LOG_2PI, stirlerr } from "../math/index.js";

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
