import { argError } from "../errors.js";
import { lbeta } from "./lbeta.js";

/**
 * log C(n, k) = −log(n + 1) − log B(n − k + 1, k + 1), for real n ≥ −1 and −1 ≤ k ≤ n + 1 (Stan's
 * `binomial_coefficient_log` domain; −∞ at the edges k = −1 and k = n + 1). Exactly 0 for k = 0 and k = n.
 */
export function lchoose(n: number, k: number): number {
  if (Number.isNaN(n) || Number.isNaN(k)) return NaN;
  if (!(n >= -1)) throw argError("lchoose", "n must be >= -1", n);
  if (!(k >= -1 && k <= n + 1)) throw argError("lchoose", `k must be in [-1, n + 1] = [-1, ${n + 1}]`, k);
  if (k === 0 || k === n) return 0;
  if (k === -1 || k === n + 1) return -Infinity;
  // Use the smaller of k, n − k so the large lbeta argument carries the Stirling cancellation.
  const kk = k > n / 2 ? n - k : k;
  return -Math.log1p(n) - lbeta(n - kk + 1, kk + 1);
}
