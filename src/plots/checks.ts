/** Argument checks shared by the plot functions, in the project's one error format. */
import { argError } from "../errors.js";
import type { Draws } from "../posterior/draws.js";

export function requireVariable(fn: string, draws: Draws, variable: string): number {
  const v = draws.names.indexOf(variable);
  if (v < 0) throw argError(fn, "variable must name a column of the draws", JSON.stringify(variable));
  return v;
}

export function requirePositive(fn: string, what: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) throw argError(fn, `${what} must be a positive number`, x);
}

export function requireOneOf<T extends string>(fn: string, what: string, allowed: readonly T[], x: T): void {
  if (!allowed.includes(x)) throw argError(fn, `${what} must be one of ${allowed.join(", ")}`, x);
}
