import { argError } from "../errors.js";
import { elementwiseSizes } from "./check.js";
import { identity } from "./identity.js";
import type { Transform } from "./types.js";

/** x = lb + exp(u). Underflow gives x = lb exactly (u ≲ log(ulp(lb))), overflow x = +∞ (u > 709.78). */
export function lowerBoundConstrain(u: number, lb: number): number {
  return lb + Math.exp(u);
}

/** u = log(x − lb); −∞ at x = lb. */
export function lowerBoundFree(x: number, lb: number): number {
  return Math.log(x - lb);
}

/** dx/du = exp(u), recomputed from u: x − lb loses the digits of exp(u) below ulp(lb). */
export function lowerBoundDerivative(u: number): number {
  return Math.exp(u);
}

/** Adds Jᵀg + ∇ log|J| for one element: log|J| = u, so ∇ = 1. */
function lowerBackward(u: number, g: number): number {
  // g = 0 with exp(u) = ∞ would be 0·∞ = NaN; the product is 0 then.
  return (g === 0 ? 0 : g * Math.exp(u)) + 1;
}

/**
 * Stan's lower-bound transform, elementwise: x = lb + exp(u), log|J| = Σ u (finite for all finite u,
 * also where x has rounded to lb or overflowed to +∞). lb = −∞ gives `identity`.
 */
export function lowerBound(lb: number): Transform {
  if (Number.isNaN(lb) || lb === Infinity) throw argError("lowerBound", "lb must be a number below +Infinity", lb);
  if (lb === -Infinity) return identity;
  const name = `lowerBound(${lb})`;
  return Object.freeze({
    name,
    ...elementwiseSizes(name),
    constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, n: number): number {
      let lp = 0;
      for (let i = 0; i < n; i++) {
        const v = u[uOff + i];
        x[xOff + i] = lb + Math.exp(v);
        lp += v;
      }
      return lp;
    },
    unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, n: number): void {
      for (let i = 0; i < n; i++) {
        const v = x[xOff + i];
        if (!(v >= lb)) throw argError(`${name}.unconstrain`, `element ${i + 1} must be >= ${lb}`, v);
        u[uOff + i] = Math.log(v - lb);
      }
    },
    backward(
      u: Float64Array,
      uOff: number,
      _x: Float64Array,
      _xOff: number,
      gx: Float64Array,
      gxOff: number,
      gu: Float64Array,
      guOff: number,
      n: number,
    ): void {
      for (let i = 0; i < n; i++) gu[guOff + i] += lowerBackward(u[uOff + i], gx[gxOff + i]);
    },
    inSupport(x: Float64Array, xOff: number, n: number): boolean {
      for (let i = 0; i < n; i++) if (!(x[xOff + i] >= lb)) return false;
      return true;
    },
  });
}
