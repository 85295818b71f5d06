/**
 * Central differences for the tests' gradient and Jacobian checks: one implementation, the step chosen
 * per use.
 *
 * (f(x + h) − f(x − h)) / 2h has truncation error ≈ h²|f‴|/6 and rounding error ≈ ε|f|/h; the two
 * balance at h ≈ ε^(1/3) ≈ 6e-6, so the standard choice is the relative step ε^(1/3)·max(1, |x|)
 * (Nocedal & Wright, Numerical Optimization, §8.1), leaving ≈ ε^(2/3) ≈ 4e-11 relative error for
 * well-scaled f. That is the default. A test whose tolerance was derived for another (absolute) step
 * passes it as `step`, so moving it here changes no number it compares.
 */
import { expect } from "vitest";
import type { LogDensity } from "../../src/logDensity.js";

/** ε^(1/3) ≈ 6.06e-6. */
export const CENTRAL_STEP = Math.cbrt(Number.EPSILON);

/** A fixed absolute step, or the step as a function of the coordinate's value. */
export type Step = number | ((x: number) => number);

/** The default step: ε^(1/3)·max(1, |x|). */
export const relativeStep = (x: number): number => CENTRAL_STEP * Math.max(1, Math.abs(x));

const stepAt = (step: Step, x: number): number => (typeof step === "number" ? step : step(x));

/**
 * ∂f/∂x_k at `x` by central differences. `x` is perturbed in place and restored (also if f throws);
 * the divisor is the difference of the two points actually evaluated.
 */
export function centralDifference(f: (x: Float64Array) => number, x: Float64Array, k: number, step: Step = relativeStep): number {
  const xk = x[k];
  const h = stepAt(step, xk);
  const up = xk + h;
  const dn = xk - h;
  try {
    x[k] = up;
    const fUp = f(x);
    x[k] = dn;
    const fDn = f(x);
    return (fUp - fDn) / (up - dn);
  } finally {
    x[k] = xk;
  }
}

/** f′(x) of a scalar function by central differences. */
export function centralDerivative(f: (x: number) => number, x: number, step: Step = relativeStep): number {
  const h = stepAt(step, x);
  const up = x + h;
  const dn = x - h;
  return (f(up) - f(dn)) / (up - dn);
}

/** The gradient of `f` at `x` by central differences, every coordinate. */
export function centralGradient(f: (x: Float64Array) => number, x: Float64Array, step: Step = relativeStep): Float64Array {
  const g = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) g[k] = centralDifference(f, x, k, step);
  return g;
}

/**
 * The Jacobian of the vector function `f` at `x` with respect to the coordinates `cols` (row-major,
 * f's length × cols.length). `f` may return a view of a buffer it reuses: each value is read before
 * the next call.
 */
export function centralJacobian(f: (x: Float64Array) => ArrayLike<number>, x: Float64Array, cols: ArrayLike<number>, step: Step = relativeStep): Float64Array {
  const m = f(x).length;
  const n = cols.length;
  const J = new Float64Array(m * n);
  const plus = new Float64Array(m);
  for (let c = 0; c < n; c++) {
    const k = cols[c];
    const xk = x[k];
    const h = stepAt(step, xk);
    const up = xk + h;
    const dn = xk - h;
    try {
      x[k] = up;
      const fUp = f(x);
      for (let r = 0; r < m; r++) plus[r] = fUp[r];
      x[k] = dn;
      const fDn = f(x);
      for (let r = 0; r < m; r++) J[r * n + c] = (plus[r] - fDn[r]) / (up - dn);
    } finally {
      x[k] = xk;
    }
  }
  return J;
}

/** `ld`'s log density as a function of the unconstrained point (its gradient goes to a scratch array). */
export function logDensityOf(ld: LogDensity): (x: Float64Array) => number {
  const scratch = new Float64Array(ld.dim);
  return (x) => ld.logDensityGradient(x, scratch);
}

/**
 * `ld`'s gradient at `theta` against central differences of its value, coordinate by coordinate:
 * |g_k − fd_k| < tol · max(1, |fd_k|) (relative away from zero, absolute within 1 of it).
 */
export function expectCentralDifferences(ld: LogDensity, theta: Float64Array, opts: { readonly tol: number; readonly step?: Step }): void {
  const grad = new Float64Array(ld.dim);
  ld.logDensityGradient(theta, grad);
  const f = logDensityOf(ld);
  for (let k = 0; k < ld.dim; k++) {
    const fd = centralDifference(f, theta, k, opts.step);
    expect(Math.abs(grad[k] - fd), `grad[${k}]: ${grad[k]} vs central difference ${fd}`).toBeLessThan(opts.tol * Math.max(1, Math.abs(fd)));
  }
}
