import { millsRatio, PHI_SERIES_LIMIT, phiSeries, stdNormalPdf } from "./normalTail.js";

/**
 * Φ(x), the standard normal CDF, with relative error ~1e-15 in the lower tail down to the underflow
 * near x = −38.5 (where the result becomes subnormal). For x > 2 the value is 1 − (tiny), correctly
 * rounded; use logPhi or Phi(−x) when the upper tail itself is needed.
 */
export function Phi(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < -PHI_SERIES_LIMIT) {
    if (x < -40) return 0; // Φ(−40) ≈ 3.7e-350 underflows
    return stdNormalPdf(x) * millsRatio(-x);
  }
  if (x <= PHI_SERIES_LIMIT) return 0.5 + stdNormalPdf(x) * phiSeries(x);
  if (x > 40) return 1;
  return 1 - stdNormalPdf(x) * millsRatio(x);
}
