/**
 * Argument checks for the checked (`…Lpdf`) functions, all in the one error format
 * `normalLpdf: sigma must be positive, got -1`. The hot-path `…LpdfGrad` functions never call these.
 */
import { argError } from "../errors.js";

export function checkNotNaN(fn: string, name: string, x: number): void {
  if (x !== x) throw argError(fn, `${name} must not be NaN`, x);
}

export function checkFinite(fn: string, name: string, x: number): void {
  if (!Number.isFinite(x)) throw argError(fn, `${name} must be finite`, x);
}

export function checkPositiveFinite(fn: string, name: string, x: number): void {
  if (!(x > 0)) throw argError(fn, `${name} must be positive`, x);
  if (x === Infinity) throw argError(fn, `${name} must be finite`, x);
}

export function checkNonnegativeFinite(fn: string, name: string, x: number): void {
  if (!(x >= 0)) throw argError(fn, `${name} must be nonnegative`, x);
  if (x === Infinity) throw argError(fn, `${name} must be finite`, x);
}

export function checkProbability(fn: string, name: string, x: number): void {
  if (!(x >= 0 && x <= 1)) throw argError(fn, `${name} must be in [0, 1]`, x);
}

export function checkNonnegativeInt(fn: string, name: string, x: number): void {
  if (!(x >= 0 && Number.isInteger(x))) throw argError(fn, `${name} must be a nonnegative integer`, x);
}

/** An outcome that is a count: NaN throws; a non-integer or negative count is outside the support. */
export function isCount(n: number): boolean {
  return n >= 0 && Number.isInteger(n);
}

/** The -Infinity return of a hot-path function: zero the partials so callers never read stale values. */
export function reject(d: Float64Array, off: number, count: number): number {
  for (let i = 0; i < count; i++) d[off + i] = 0;
  return -Infinity;
}
