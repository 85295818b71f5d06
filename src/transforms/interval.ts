import { argError } from "../errors.js";
import { elementwiseSizes } from "./check.js";
import { identity } from "./identity.js";
import { lowerBound } from "./lowerBound.js";
import type { Transform } from "./types.js";
import { upperBound } from "./upperBound.js";

/**
 * x = lb + (ub − lb)·logit⁻¹(u), computed from the nearer bound: for u > 0 as ub − (ub − lb)·logit⁻¹(−u),
 * with exp only of −|u|. So x never leaves [lb, ub] by rounding, its distance to the nearer bound is
 * as accurate as x's representation allows (ulp of that bound), and |u| → ∞ gives x = lb or ub exactly.
 */
export function intervalConstrain(u: number, lb: number, ub: number): number {
  if (u > 0) {
    const e = Math.exp(-u);
    return ub - (ub - lb) * (e / (1 + e));
  }
  const e = Math.exp(u);
  return lb + (ub - lb) * (e / (1 + e));
}

/** u = logit((x − lb)/(ub − lb)) = log(x − lb) − log(ub − x), which has no cancellation near either bound. */
export function intervalFree(x: number, lb: number, ub: number): number {
  return Math.log(x - lb) - Math.log(ub - x);
}

/**
 * log|dx/du| = log(ub − lb) + log logit⁻¹(u) + log(1 − logit⁻¹(u)) = log(ub − lb) − |u| − 2·log1p(exp(−|u|)):
 * finite for all finite u (≈ log(ub − lb) − |u| far out), also where x has rounded to a bound.
 */
export function intervalLogJacobian(u: number, lb: number, ub: number): number {
  const a = Math.abs(u);
  return Math.log(ub - lb) - a - 2 * Math.log1p(Math.exp(-a));
}

/** dx/du = (ub − lb)·e/(1 + e)² with e = exp(−|u|). */
export function intervalDerivative(u: number, lb: number, ub: number): number {
  const e = Math.exp(-Math.abs(u));
  const d = 1 + e;
  return ((ub - lb) * e) / (d * d);
}

/** d log|J| / du = 1 − 2·logit⁻¹(u) = −tanh(u/2). */
export function intervalLogJacobianDerivative(u: number): number {
  return -Math.tanh(0.5 * u);
}

/**
 * Stan's lower–upper bound transform, elementwise (see `intervalConstrain`). lb < ub is required and
 * ub − lb must be finite; an infinite bound gives `lowerBound`, `upperBound` or `identity`, as in Stan.
 */
export function interval(lb: number, ub: number): Transform {
  if (Number.isNaN(lb) || lb === Infinity) throw argError("interval", "lb must be a number below +Infinity", lb);
  if (Number.isNaN(ub) || ub === -Infinity) throw argError("interval", "ub must be a number above -Infinity", ub);
  if (!(lb < ub)) throw argError("interval", `lb must be less than ub = ${ub}`, lb);
  if (lb === -Infinity) return ub === Infinity ? identity : upperBound(ub);
  if (ub === Infinity) return lowerBound(lb);
  const width = ub - lb;
  if (!Number.isFinite(width)) throw argError("interval", `ub - lb must be finite, lb = ${lb}`, `ub = ${ub}`);
  const logWidth = Math.log(width);
  const name = `interval(${lb}, ${ub})`;
  return Object.freeze({
    name,
    ...elementwiseSizes(name),
    constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, n: number): number {
      let lp = 0;
      for (let i = 0; i < n; i++) {
        const v = u[uOff + i];
        const a = Math.abs(v);
        const e = Math.exp(-a);
        const s = e / (1 + e); // logit⁻¹(−|u|), in [0, 1/2]
        x[xOff + i] = v > 0 ? ub - width * s : lb + width * s;
        lp += logWidth - a - 2 * Math.log1p(e);
      }
      return lp;
    },
    unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, n: number): void {
      for (let i = 0; i < n; i++) {
        const v = x[xOff + i];
        if (!(v >= lb && v <= ub)) throw argError(`${name}.unconstrain`, `element ${i + 1} must be in [${lb}, ${ub}]`, v);
        u[uOff + i] = Math.log(v - lb) - Math.log(ub - v);
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
        const v = u[uOff + i];
        const e = Math.exp(-Math.abs(v));
        const d = 1 + e;
        gu[guOff + i] += (gx[gxOff + i] * width * e) / (d * d) - Math.tanh(0.5 * v);
      }
    },
    inSupport(x: Float64Array, xOff: number, n: number): boolean {
      for (let i = 0; i < n; i++) {
        const v = x[xOff + i];
        if (!(v >= lb && v <= ub)) return false;
      }
      return true;
    },
  });
}
