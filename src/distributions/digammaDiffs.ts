/**
 * Differences that cancel in the student_t and neg_binomial_2 partials for large nu or phi. Computed
 * naively, ψ(x + a) - ψ(x) keeps only an absolute error ~1e-16·log x, so at phi = 1e8 the partial
 * ∂/∂phi (true value ~1e-16) came out with the wrong sign, and on the log scale a sampler uses,
 * phi·∂/∂phi, that error is 0.3. These forms keep relative accuracy.
 */
import { digamma } from "../math/index.js";

/** ψ(x + ½) - ψ(x) - 1/(2x), by its asymptotic series for x ≥ 50 (next term below x⁻¹² · 0.03). */
export function digammaHalfDiff(x: number): number {
  if (x < 50) return digamma(x + 0.5) - digamma(x) - 0.5 / x;
  const r = 1 / (x * x);
  return r * (1 / 8 - r * (1 / 64 - r * (1 / 128 - r * (17 / 2048 - r * (31 / 2048)))));
}

/** ψ(m) - log m + 1/(2m) for m ≥ 50 minus its leading terms: Σ_j c_j m^-2j (Bernoulli coefficients). */
const C = [-1 / 12, 1 / 120, -1 / 252, 1 / 240, -1 / 132];

/**
 * ψ(phi + n) - ψ(phi) - log1p(n/phi) for n ≥ 0. For phi ≥ 50 each asymptotic term is differenced
 * exactly: m^-k evaluated at phi + n minus at phi is phi^-k · expm1(-k log1p(n/phi)).
 */
export function digammaShiftMinusLog(phi: number, n: number): number {
  const L = Math.log1p(n / phi);
  if (phi < 50) return digamma(phi + n) - digamma(phi) - L;
  let s = n / (2 * phi * (phi + n));
  const r = 1 / (phi * phi);
  let p = r;
  for (let j = 0; j < C.length; j++) {
    s += C[j] * p * Math.expm1(-2 * (j + 1) * L);
    p *= r;
  }
  return s;
}

/** log1p(d) - d, by its series for |d| < 0.01 where the subtraction would cancel. */
export function log1pMinusX(d: number): number {
  if (Math.abs(d) >= 0.01) return Math.log1p(d) - d;
  // -d²/2 + d³/3 - d⁴/4 + …; nine terms reach 1e-18 relative at |d| = 0.01.
  let term = d * d;
  let s = 0;
  for (let k = 2; k <= 10; k++) {
    s += (k % 2 === 0 ? -term : term) / k;
    term *= d;
  }
  return s;
}

/** t/(1 + t) - log1p(t) for t ≥ 0 (∞ allowed), by its series Σ_{k≥2} (-1)^(k+1)(1 - 1/k) t^k for t < 0.01. */
export function ratioMinusLog1p(t: number): number {
  if (t >= 0.01) return (t < Infinity ? t / (1 + t) : 1) - Math.log1p(t);
  let term = t * t;
  let s = 0;
  for (let k = 2; k <= 10; k++) {
    s += ((k % 2 === 0 ? -term : term) * (k - 1)) / k;
    term *= t;
  }
  return s;
}
