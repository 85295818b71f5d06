import { HALF_LOG_2PI } from "./constants.js";
import { lgamma } from "./lgamma.js";
import { lgammaStirlingDiff, STIRLING_DIFF_USEFUL } from "./lgammaStirlingDiff.js";

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) for a, b ≥ 0. When an argument is large the three
 * lgamma values are huge and nearly cancel, so, as in Stan's `lbeta` (after Fullerton's algorithm in
 * R), the Stirling parts are combined analytically and only their small remainders are subtracted.
 */
export function lbeta(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  const x = Math.min(a, b);
  const y = Math.max(a, b);
  if (x < 0) return NaN;
  if (x === 0) return Infinity;
  if (y === Infinity) return -Infinity;
  if (y < STIRLING_DIFF_USEFUL) return lgamma(x) + lgamma(y) - lgamma(x + y);
  const xOverXy = x / (x + y);
  if (x < STIRLING_DIFF_USEFUL) {
    // y large, x small
    const stirlingDiff = lgammaStirlingDiff(y) - lgammaStirlingDiff(x + y);
    const stirling = (y - 0.5) * Math.log1p(-xOverXy) + x * (1 - Math.log(x + y));
    return stirling + lgamma(x) + stirlingDiff;
  }
  const stirlingDiff = lgammaStirlingDiff(x) + lgammaStirlingDiff(y) - lgammaStirlingDiff(x + y);
  const stirling = (x - 0.5) * Math.log(xOverXy) + y * Math.log1p(-xOverXy) + HALF_LOG_2PI - 0.5 * Math.log(y);
  return stirling + stirlingDiff;
}
