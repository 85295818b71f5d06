/**
 * brms's hurdles around a continuous positive part (hurdle_gamma, hurdle_lognormal): log(hu) at y = 0,
 * where only hu has a partial, and log(1 − hu) + the positive part's log density above.
 */
import { reject } from "./checks.js";

/** A positive part's unchecked value-and-gradient: d[off..off+2] = ∂/∂(y, a, b). */
export type PositivePartGrad = (y: number, a: number, b: number, d: Float64Array, off: number) => number;

/** Unchecked: value and d[off..off+3] = ∂/∂(y, a, b, hu); `valid` says the arguments are in their support. */
export function hurdlePositiveLpdfGrad(valid: boolean, y: number, a: number, b: number, hu: number, d: Float64Array, off: number, positive: PositivePartGrad): number {
  if (!(valid && hu >= 0 && hu <= 1 && y >= 0 && y < Infinity)) return reject(d, off, 4);
  if (y === 0) {
    if (hu === 0) return reject(d, off, 4);
    d[off] = 0;
    d[off + 1] = 0;
    d[off + 2] = 0;
    d[off + 3] = 1 / hu;
    return Math.log(hu);
  }
  if (hu === 1) return reject(d, off, 4);
  const lp = positive(y, a, b, d, off);
  if (lp === -Infinity) return reject(d, off, 4);
  d[off + 3] = -1 / (1 - hu);
  return Math.log1p(-hu) + lp;
}
