import { argError } from "../errors.js";

/** Declared sizes are non-negative integers; `min` is the smallest size the type allows. */
export function checkSize(fn: string, n: number, min = 0): void {
  if (!Number.isInteger(n) || n < min) throw argError(fn, `size must be an integer >= ${min}`, n);
}
