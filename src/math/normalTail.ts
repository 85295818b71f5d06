import { INV_SQRT_2PI } from "./constants.js";

/**
 * Helpers shared by Phi, logPhi and invPhi. Not re-exported from the index: they are accurate only in
 * the ranges their callers use them.
 */

/**
 * The standard normal density e^{−x²/2}/√(2π) with full relative accuracy in the tails: x² rounded to
 * double has absolute error ~x²·1e-16, which exp turns into a relative error of the same size (1e-13 at
 * x = 38). Splitting x = xh + xl with xh a multiple of 1/16 makes xh² exact, and the small remainder
 * (x − xh)(x + xh) is formed without cancellation (the trick in Cody's and R's pnorm).
 */
export function stdNormalPdf(x: number): number {
  const xh = Math.trunc(x * 16) / 16;
  const del = (x - xh) * (x + xh);
  return INV_SQRT_2PI * Math.exp(-0.5 * xh * xh) * Math.exp(-0.5 * del);
}

/** Above this z, 1/z is the Mills ratio to double precision (the next term is 1/z³). */
const MILLS_ASYMPTOTIC = 1e8;

/**
 * Mills ratio R(z) = (1 − Φ(z)) / φ(z) for z ≥ 2, by Laplace's continued fraction in its even form
 * R(z) = z / (z² + 1 − 1·2/(z² + 5 − 3·4/(z² + 9 − …))), evaluated with the modified Lentz method.
 * Converges to 1e-16 within 50 terms at z = 2 and faster beyond; relative error ~1e-16.
 */
export function millsRatio(z: number): number {
  if (z > MILLS_ASYMPTOTIC) return 1 / z;
  const tiny = 1e-300;
  const z2 = z * z;
  let f = z2 + 1;
  let c = f;
  let d = 0;
  for (let j = 1; j < 200; j++) {
    const a = -(2 * j - 1) * (2 * j);
    const b = z2 + 4 * j + 1;
    d = b + a * d;
    if (d === 0) d = tiny;
    c = b + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return z / f;
}

/** Below this |x| Phi uses the power series; beyond it, the continued fraction. */
export const PHI_SERIES_LIMIT = 2;

/**
 * Σ_{n≥0} x^{2n+1} / (2n+1)!!, so that Φ(x) = ½ + φ(x)·S(x). All terms share the sign of x; used for
 * |x| ≤ 2, where the ratio of successive terms is x²/(2n+3) and 45 terms reach 1e-17.
 */
export function phiSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}
