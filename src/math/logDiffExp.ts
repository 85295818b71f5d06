import { log1mExp } from "./log1mExp.js";

/** log(eᵃ − eᵇ) for a ≥ b; −∞ when a = b, NaN when a < b (as Stan's log_diff_exp). */
export function logDiffExp(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || a < b) return NaN;
  if (b === -Infinity) return a;
  if (a === Infinity) return b === Infinity ? NaN : Infinity;
  if (a === b) return -Infinity;
  return a + log1mExp(b - a);
}
