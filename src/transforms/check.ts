import { argError } from "../errors.js";

/** Declared sizes are non-negative integers; `min` is the smallest size the type allows. */
export function checkSize(fn: string, n: number, min = 0): void {
  if (!Number.isInteger(n) || n < min) throw argError(fn, `size must be an integer >= ${min}`, n);
}

export interface TransformSizes {
  unconstrainedSize(n: number): number;
  constrainedSize(n: number): number;
}

/** A transform's two size methods from formulas in the declared size, which is checked first. */
export function transformSizes(name: string, unconstrained: (n: number) => number, constrained: (n: number) => number, min = 0): TransformSizes {
  return {
    unconstrainedSize(n: number): number {
      checkSize(name, n, min);
      return unconstrained(n);
    },
    constrainedSize(n: number): number {
      checkSize(name, n, min);
      return constrained(n);
    },
  };
}

const same = (n: number): number => n;
const square = (k: number): number => k * k;
/** Elementwise transforms: one unconstrained coordinate per element. */
export const elementwiseSizes = (name: string): TransformSizes => transformSizes(name, same, same);
/** K×K factors and matrices with K(K+1)/2 free values (covariance) … */
export const covarianceSizes = (name: string): TransformSizes => transformSizes(name, (k) => (k * (k + 1)) / 2, square);
/** … and with K(K−1)/2 (correlation: unit diagonal). */
export const correlationSizes = (name: string): TransformSizes => transformSizes(name, (k) => (k * (k - 1)) / 2, square);
