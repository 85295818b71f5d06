import { argError } from "../errors.js";
import { elementwiseSizes } from "./check.js";
import type { Transform } from "./types.js";

/*
 * Stan's ordered and positive_ordered transforms share one shape: x₁ = u₁ (ordered) or exp(u₁)
 * (positive_ordered), then x_k = x_{k−1} + exp(u_k); log|J| = Σ of the exponentiated u's.
 * Underflow of exp(u_k) gives x_k = x_{k−1} exactly, so the support is taken as non-decreasing
 * (closed), and unconstrain maps a tie to −∞.
 */
function makeOrdered(positive: boolean): Transform {
  const name = positive ? "positiveOrdered" : "ordered";
  return Object.freeze({
    name,
    ...elementwiseSizes(name),
    constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, n: number): number {
      if (n === 0) return 0;
      const u0 = u[uOff];
      let prev = positive ? Math.exp(u0) : u0;
      let lp = positive ? u0 : 0;
      x[xOff] = prev;
      for (let k = 1; k < n; k++) {
        const v = u[uOff + k];
        prev += Math.exp(v);
        x[xOff + k] = prev;
        lp += v;
      }
      return lp;
    },
    unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, n: number): void {
      if (n === 0) return;
      const x0 = x[xOff];
      if (positive ? !(x0 >= 0) : Number.isNaN(x0)) {
        throw argError(`${name}.unconstrain`, positive ? "element 1 must be >= 0" : "element 1 must not be NaN", x0);
      }
      u[uOff] = positive ? Math.log(x0) : x0;
      for (let k = 1; k < n; k++) {
        const prev = x[xOff + k - 1];
        const v = x[xOff + k];
        if (!(v >= prev)) throw argError(`${name}.unconstrain`, `element ${k + 1} must be >= element ${k} (${prev})`, v);
        u[uOff + k] = Math.log(v - prev);
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
      // x_k depends on every u_j with j ≤ k, so u_j collects the suffix sum of gx from j on.
      let suffix = 0;
      for (let k = n - 1; k >= 1; k--) {
        suffix += gx[gxOff + k];
        // suffix = 0 with exp(u) = ∞ would be 0·∞ = NaN.
        gu[guOff + k] += (suffix === 0 ? 0 : suffix * Math.exp(u[uOff + k])) + 1;
      }
      if (n === 0) return;
      suffix += gx[gxOff];
      gu[guOff] += positive ? (suffix === 0 ? 0 : suffix * Math.exp(u[uOff])) + 1 : suffix;
    },
    inSupport(x: Float64Array, xOff: number, n: number): boolean {
      if (n === 0) return true;
      const x0 = x[xOff];
      if (positive ? !(x0 >= 0) : Number.isNaN(x0)) return false;
      for (let k = 1; k < n; k++) if (!(x[xOff + k] >= x[xOff + k - 1])) return false;
      return true;
    },
  });
}

/** Stan's `ordered[n]`: x₁ = u₁, x_k = x_{k−1} + exp(u_k), log|J| = Σ_{k≥2} u_k. */
export const ordered: Transform = makeOrdered(false);

/** Stan's `positive_ordered[n]`: x₁ = exp(u₁), x_k = x_{k−1} + exp(u_k), log|J| = Σ u_k. */
export const positiveOrdered: Transform = makeOrdered(true);
