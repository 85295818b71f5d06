import { HALF_LOG_2PI, LOG_PI } from "./constants.js";
import { lgammaStirlingDiff } from "./lgammaStirlingDiff.js";
import { sinPi } from "./sinPi.js";

/**
 * Taylor coefficients of log Γ(2 + z) around z = 0: c_1 = 1 − γ, c_k = (−1)^k (ζ(k) − 1)/k
 * (test/math/fixtures/make-coefficients.py). |c_k| ≈ 2^−k/k, so for |z| ≤ ½ the 28 terms leave < 1e-18.
 * Expanding around 2 (not 1) makes the terms decay twice as fast, and keeps relative accuracy at
 * the roots x = 1 and x = 2 where lgamma → 0.
 */
const LGAMMA_2_SERIES = [
  0.42278433509846713, 0.3224670334241132, -0.0673523010531981, 0.020580808427784546, -0.007385551028673986,
  0.0028905103307415234, -0.001192753911703261, 0.0005096695247430425, -0.00022315475845357939,
  9.945751278180853e-5, -4.492623673813314e-5, 2.050721277567069e-5, -9.439488275268397e-6, 4.374866789907488e-6,
  -2.039215753801366e-6, 9.55141213040742e-7, -4.492469198764566e-7, 2.1207184805554665e-7,
  -1.0043224823968099e-7, 4.7698101693639804e-8, -2.2711094608943164e-8, 1.0838659214896955e-8,
  -5.183475041970047e-9, 2.4836745438024785e-9, -1.1921401405860912e-9, 5.731367241678862e-10,
  -2.7595228851242334e-10, 1.330476437424449e-10,
];

/** Σ_{k≥2} c_k z^k, the part of log Γ(2 + z) beyond its linear term. */
function tail2(z: number): number {
  let s = 0;
  for (let k = LGAMMA_2_SERIES.length - 1; k >= 1; k--) s = (s + LGAMMA_2_SERIES[k]) * z;
  return s * z;
}

/** log Γ(2 + z) for |z| ≤ ½. */
function lgamma2Plus(z: number): number {
  return LGAMMA_2_SERIES[0] * z + tail2(z);
}

/**
 * log Γ(1 + z) for −½ ≤ z ≤ ½: log Γ(2 + z) − log(1 + z) rearranged as −γz + tail(z) + (z − log1p z),
 * so no two large terms cancel near the root z = 0.
 */
function lgamma1Plus(z: number): number {
  return (LGAMMA_2_SERIES[0] - 1) * z + tail2(z) + (z - Math.log1p(z));
}

/** Where the Stirling series (with 7 correction terms) is accurate to double precision. */
const STIRLING_FROM = 13;

/**
 * log |Γ(x)|, relative error ~1e-15 away from the negative roots (where any reflection formula loses
 * relative accuracy). +∞ at the poles 0, −1, −2, …; NaN for NaN.
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x)) return Infinity;
    if (x > -0.5) return lgamma1Plus(x) - Math.log(-x); // Γ(x) = Γ(1 + x)/x
    // Reflection: |Γ(x)| = π / (|sin πx| Γ(1 − x)).
    return LOG_PI - Math.log(Math.abs(sinPi(x))) - lgamma(1 - x);
  }
  if (x < 0.5) return lgamma1Plus(x) - Math.log(x);
  if (x <= 1.5) return lgamma1Plus(x - 1);
  if (x <= 2.5) return lgamma2Plus(x - 2);
  if (x < STIRLING_FROM) {
    // Γ(x) = (x−1)(x−2)…(x−n) Γ(x−n) with x − n in (1.5, 2.5]; the product is exact to n/2 ulp.
    let prod = 1;
    let y = x;
    while (y > 2.5) {
      y -= 1;
      prod *= y;
    }
    return lgamma2Plus(y - 2) + Math.log(prod);
  }
  // Stirling: (x − ½) log x − x + ½ log 2π + remainder; written as x (log x − 1) − ½ log x to delay
  // overflow for x near 1e305.
  const lx = Math.log(x);
  return x * (lx - 1) - 0.5 * lx + HALF_LOG_2PI + lgammaStirlingDiff(x);
}
