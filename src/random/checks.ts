import { argError } from "../errors.js";

/**
 * Argument checks shared by the samplers, all in the one format
 * `normalRng: sigma must be positive, got -1`. NaN fails every check.
 */
export function checkFinite(fn: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw argError(fn, `${name} must be finite`, v);
}

export function checkPositive(fn: string, name: string, v: number): void {
  if (!(v > 0)) throw argError(fn, `${name} must be positive`, v);
  if (v === Infinity) throw argError(fn, `${name} must be finite`, v);
}

export function checkProbability(fn: string, name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw argError(fn, `${name} must be in [0, 1]`, v);
}

export function checkCount(fn: string, name: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 0)) throw argError(fn, `${name} must be a non-negative integer`, v);
}
