import { argError } from "../errors.js";
import { elementwiseSizes } from "./check.js";
import type { Transform } from "./types.js";

/** x = u, log|J| = 0. */
export const identity: Transform = Object.freeze({
  name: "identity",
  ...elementwiseSizes("identity"),
  constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, n: number): number {
    for (let i = 0; i < n; i++) x[xOff + i] = u[uOff + i];
    return 0;
  },
  unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, n: number): void {
    for (let i = 0; i < n; i++) {
      const v = x[xOff + i];
      if (Number.isNaN(v)) throw argError("identity.unconstrain", `element ${i + 1} must not be NaN`, v);
      u[uOff + i] = v;
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
    for (let i = 0; i < n; i++) gu[guOff + i] += gx[gxOff + i];
  },
  inSupport(x: Float64Array, xOff: number, n: number): boolean {
    for (let i = 0; i < n; i++) if (Number.isNaN(x[xOff + i])) return false;
    return true;
  },
});
