import { log1pExp } from "./log1pExp.js";

/** 1 / (1 + e^−x), evaluated on the side that does not overflow, accurate in both tails. */
export function invLogit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log invLogit(x) = −log(1 + e^−x). */
export function logInvLogit(x: number): number {
  return -log1pExp(-x);
}

/** log(1 − invLogit(x)) = −log(1 + eˣ). */
export function log1mInvLogit(x: number): number {
  return -log1pExp(x);
}
