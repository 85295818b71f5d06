/**
 * The one narrow boundary between models and samplers (nuts-rs style). A sampler sees only this.
 *
 * `logDensityGradient(theta, gradOut)` returns the log density (up to a constant) at the
 * unconstrained point `theta` (length `dim`), including log-Jacobians of constraining transforms,
 * and writes its gradient into `gradOut` (overwriting it). A point outside the support, or an invalid
 * intermediate value (negative scale, NaN), returns -Infinity (the gradient is then unspecified);
 * it must not throw for that. Any thrown error aborts sampling with its cause.
 */
export interface LogDensity {
  readonly dim: number;
  logDensityGradient(theta: Float64Array, gradOut: Float64Array): number;
  /** Names of the constrained output values, in order (Stan style, 1-based: `theta[1]`, `L[2,1]`). */
  readonly outputNames?: readonly string[];
  /** Writes the constrained (and derived) output values for the unconstrained point into `out`. */
  constrain?(theta: Float64Array, out: Float64Array): void;
}
