import { argError } from "../errors.js";
import { elementwiseSizes } from "./check.js";
import { identity } from "./identity.js";
import type { Transform } from "./types.js";

/** x = ub − exp(u). Underflow gives x = ub exactly, overflow x = −∞ (u > 709.78). */
export function upperBoundConstrain(u: number, ub: number): number {
  return ub - Math.exp(u);
}

/** u = log(ub − x); −∞ at x = ub. */
export function upperBoundFree(x: number, ub: number): number {
  return Math.log(ub - x);
}

/** dx/du = −exp(u). */
export function upperBoundDerivative(u: number): number {
  return -Math.exp(u);
}

/**
 * Stan's upper-bound transform, elementwise: x = ub − exp(u), log|J| = Σ u (finite for all finite u).
 * ub = +∞ gives `identity`.
 */
export function upperBound(ub: number): Transform {
  if (Number.isNaN(ub) || ub === -Infinity) throw argError("upperBound", "ub must be a number above -Infinity", ub);
  if (ub === Infinity) return identity;
  const name = `upperBound(${ub})`;
  return Object.freeze({
    name,
    ...elementwiseSizes(name),
    constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, n: number): number {
      let lp = 0;
      for (let i = 0; i < n; i++) {
        const v = u[uOff + i];
        x[xOff + i] = ub - Math.exp(v);
        lp += v;
      }
      return lp;
    },
    unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, n: number): void {
      for (let i = 0; i < n; i++) {
        const v = x[xOff + i];
        if (!(v <= ub)) throw argError(`${name}.unconstrain`, `element ${i + 1} must be <= ${ub}`, v);
        u[uOff + i] = Math.log(ub - v);
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
      for (let i = 0; i < n; i++) {
        const g = gx[gxOff + i];
        // Skip 0·∞ = NaN when exp(u) overflows and the element does not reach the target.
        gu[guOff + i] += (g === 0 ? 0 : -g * Math.exp(u[uOff + i])) + 1;
      }
    },
    inSupport(x: Float64Array, xOff: number, n: number): boolean {
      for (let i = 0; i < n; i++) if (!(x[xOff + i] <= ub)) return false;
      return true;
    },
  });
}
