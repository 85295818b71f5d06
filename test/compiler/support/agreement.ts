/**
 * Shared by the marginal statement tests (poissonGamma, betaBinomial, normalLinear): the compiled value
 * and gradient against another evaluation of the same density, and the gradient against central
 * differences of the compiled value.
 */
import { expect } from "vitest";
import type { LogDensity } from "../../../src/logDensity.js";

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

/** `ld`'s gradient at `theta`, coordinate by coordinate, against central differences with step `h`, within relative `tol`. */
export function expectCentralDifferences(ld: LogDensity, theta: Float64Array, h: number, tol: number): void {
  const grad = new Float64Array(ld.dim);
  ld.logDensityGradient(theta, grad);
  for (let i = 0; i < ld.dim; i++) {
    const up = Float64Array.from(theta);
    const dn = Float64Array.from(theta);
    up[i] += h;
    dn[i] -= h;
    const fd = (ld.logDensityGradient(up, new Float64Array(ld.dim)) - ld.logDensityGradient(dn, new Float64Array(ld.dim))) / (2 * h);
    expect(relErr(grad[i], fd), `grad[${i}]`).toBeLessThan(tol);
  }
}
