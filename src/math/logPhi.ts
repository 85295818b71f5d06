import { HALF_LOG_2PI } from "./constants.js";
import { millsRatio, PHI_SERIES_LIMIT } from "./normalTail.js";
import { Phi } from "./Phi.js";

/**
 * log Φ(x). In the lower tail it is log φ(x) + log R(−x) with the Mills ratio R, so it stays finite and
 * accurate far beyond where Φ underflows (x = −1e5 gives −5e9); in the upper tail it is log1p(−Φ(−x)).
 */
export function logPhi(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === -Infinity) return -Infinity;
  if (x === Infinity) return 0;
  if (x < -PHI_SERIES_LIMIT) return -0.5 * x * x - HALF_LOG_2PI + Math.log(millsRatio(-x));
  if (x <= 0) return Math.log(Phi(x));
  return Math.log1p(-Phi(-x));
}
