/**
 * Shared by the marginal statement tests (poissonGamma, betaBinomial, normalLinear): the compiled value
 * and gradient against another evaluation of the same density. (Central differences: test/support/finiteDifferences.ts.)
 */
import { expect } from "vitest";

/** Relative error away from zero, absolute within 1 of it. */
export const relErr = (x: number, y: number): number => Math.abs(x - y) / Math.max(1, Math.abs(y));

/** `lp` and `grad` against `other` (named `what` in failures), within relative `tol.value` and `tol.grad`. */
export function expectAgrees(
  lp: number,
  grad: Float64Array,
  other: { readonly value: number; readonly grad: ArrayLike<number> },
  what: string,
  tol: { readonly value: number; readonly grad: number },
): void {
  expect(relErr(lp, other.value), `value vs ${what}`).toBeLessThan(tol.value);
  for (let i = 0; i < grad.length; i++) expect(relErr(grad[i], other.grad[i]), `grad[${i}] vs ${what}`).toBeLessThan(tol.grad);
}
