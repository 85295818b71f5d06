import { argError } from "../errors.js";
import { elementwiseSizes } from "./check.js";
import type { Transform } from "./types.js";

/** x = offset + multiplier·u: the non-centring transform. */
export function offsetMultiplierConstrain(u: number, offset: number, multiplier: number): number {
  return offset + multiplier * u;
}

export function offsetMultiplierFree(x: number, offset: number, multiplier: number): number {
  return (x - offset) / multiplier;
}

/**
 * Stan's affine transform, elementwise: x = offset + multiplier·u, log|J| = n·log(multiplier).
 * offset must be finite and multiplier finite and positive (Stan's checks).
 */
export function offsetMultiplier(offset: number, multiplier: number): Transform {
  if (!Number.isFinite(offset)) throw argError("offsetMultiplier", "offset must be finite", offset);
  if (!(multiplier > 0 && multiplier < Infinity)) {
    throw argError("offsetMultiplier", "multiplier must be positive and finite", multiplier);
  }
  const logMultiplier = Math.log(multiplier);
  const name = `offsetMultiplier(${offset}, ${multiplier})`;
  return Object.freeze({
    name,
    ...elementwiseSizes(name),
    constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, n: number): number {
      for (let i = 0; i < n; i++) x[xOff + i] = offset + multiplier * u[uOff + i];
      return n * logMultiplier;
    },
    unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, n: number): void {
      for (let i = 0; i < n; i++) {
        const v = x[xOff + i];
        if (Number.isNaN(v)) throw argError(`${name}.unconstrain`, `element ${i + 1} must not be NaN`, v);
        u[uOff + i] = (v - offset) / multiplier;
      }
    },
    backward(
      _u: Float64Array,
      _uOff: number,
      _x: Float64Array,
      _xOff: number,
      gx: Float64Array,
      gxOff: number,
      gu: Float64Array,
      guOff: number,
      n: number,
    ): void {
      // log|J| is constant in u, so only the chain-rule term remains.
      for (let i = 0; i < n; i++) gu[guOff + i] += multiplier * gx[gxOff + i];
    },
    inSupport(x: Float64Array, xOff: number, n: number): boolean {
      for (let i = 0; i < n; i++) if (Number.isNaN(x[xOff + i])) return false;
      return true;
    },
  });
}
