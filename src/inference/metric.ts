/**
 * The Euclidean metric of the kinetic energy K(p) = ½ pᵀ M⁻¹ p. We store the *inverse* metric
 * M⁻¹ (the posterior covariance estimate, as Stan's `inv_metric`), diagonal or dense.
 * For a dense metric we also keep the lower Cholesky factor L of M⁻¹ (M⁻¹ = L Lᵀ), so a momentum
 * p ~ N(0, M) is p = L⁻ᵀ z with z ~ N(0, I), as Stan's dense_e_metric draws it.
 */
import type { Rng } from "../random/rng.js";

export type MetricKind = "diag" | "dense";
export const METRIC_KINDS: readonly MetricKind[] = Object.freeze(["diag", "dense"]);

export interface DiagMetric {
  readonly kind: "diag";
  readonly dim: number;
  /** M⁻¹ diagonal, length dim. */
  readonly inverse: Float64Array;
  /** 1 / sqrt(M⁻¹ᵢᵢ), cached because every transition draws a momentum with it. */
  readonly momentumScale: Float64Array;
}

export interface DenseMetric {
  readonly kind: "dense";
  readonly dim: number;
  /** M⁻¹, dim × dim, row-major. */
  readonly inverse: Float64Array;
  /** Lower Cholesky factor of M⁻¹, row-major (upper triangle zero). */
  readonly cholInverse: Float64Array;
}

export type Metric = DiagMetric | DenseMetric;

export function diagMetric(inverse: Float64Array): DiagMetric {
  const dim = inverse.length;
  const momentumScale = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    const v = inverse[i];
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new RangeError(`diagMetric: inverse metric entries must be positive and finite, got ${v} at ${i}`);
    }
    momentumScale[i] = 1 / Math.sqrt(v);
  }
  return { kind: "diag", dim, inverse: Float64Array.from(inverse), momentumScale };
}

export function unitMetric(dim: number, kind: MetricKind = "diag"): Metric {
  if (kind === "diag") return diagMetric(new Float64Array(dim).fill(1));
  const m = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) m[i * dim + i] = 1;
  return denseMetric(m, dim);
}

export function denseMetric(inverse: Float64Array, dim: number): DenseMetric {
  if (inverse.length !== dim * dim) {
    throw new RangeError(`denseMetric: inverse metric must have ${dim * dim} entries, got ${inverse.length}`);
  }
  const inv = Float64Array.from(inverse);
  const chol = new Float64Array(dim * dim);
  if (!choleskyLower(inv, dim, chol)) {
    throw new RangeError("denseMetric: inverse metric must be symmetric positive definite, got a non-positive pivot");
  }
  return { kind: "dense", dim, inverse: inv, cholInverse: chol };
}

/** Writes the lower Cholesky factor of the symmetric matrix `a` into `out`; false if not positive definite. */
export function choleskyLower(a: Float64Array, n: number, out: Float64Array): boolean {
  out.fill(0);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= out[j * n + k] * out[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    out[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= out[i * n + k] * out[j * n + k];
      out[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Draws p ~ N(0, M) into `p`. `scratch` (length dim) holds the standard normals for the dense case. */
export function sampleMomentum(rng: Rng, metric: Metric, p: Float64Array, scratch: Float64Array): void {
  const n = metric.dim;
  if (metric.kind === "diag") {
    const s = metric.momentumScale;
    for (let i = 0; i < n; i++) p[i] = rng.normal() * s[i];
    return;
  }
  for (let i = 0; i < n; i++) scratch[i] = rng.normal();
  // Solve Lᵀ p = z by back substitution, so Cov(p) = L⁻ᵀ L⁻¹ = (L Lᵀ)⁻¹ = M.
  const L = metric.cholInverse;
  for (let i = n - 1; i >= 0; i--) {
    let s = scratch[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * p[k];
    p[i] = s / L[i * n + i];
  }
}

/** Writes the velocity dq/dt = M⁻¹ p (Stan's `dtau_dp`, the "sharp" momentum) into `out`. */
export function velocity(metric: Metric, p: Float64Array, out: Float64Array): void {
  const n = metric.dim;
  const m = metric.inverse;
  if (metric.kind === "diag") {
    for (let i = 0; i < n; i++) out[i] = m[i] * p[i];
    return;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let k = 0; k < n; k++) s += m[row + k] * p[k];
    out[i] = s;
  }
}

/** ½ pᵀ M⁻¹ p given p and its velocity M⁻¹ p. */
export function kineticEnergy(p: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * v[i];
  return 0.5 * s;
}
