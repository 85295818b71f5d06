/**
 * The Euclidean metric of the kinetic energy K(p) = ½ pᵀ M⁻¹ p. We store the *inverse* metric
 * M⁻¹ (the posterior covariance estimate, as Stan's `inv_metric`), diagonal, dense, or diagonal
 * with a low-rank correction.
 * For a dense metric we also keep the lower Cholesky factor L of M⁻¹ (M⁻¹ = L Lᵀ), so a momentum
 * p ~ N(0, M) is p = L⁻ᵀ z with z ~ N(0, I), as Stan's dense_e_metric draws it.
 */
import { choleskyDecompose } from "../math/cholesky.js";
import type { Rng } from "../random/rng.js";

/**
 * How warmup adapts the metric (the `metric` option). "diag" and "dense" are Stan's windowed
 * (co)variance estimates; "fisher-diag" and "fisher-lowrank" use draws and gradients (nutpie's
 * Fisher-divergence estimates, src/inference/adaptFisher.ts). The first three run on a diagonal or
 * dense `Metric`; "fisher-lowrank" on a `LowRankMetric` (or a diagonal one when no direction needs
 * correcting).
 */
export type MetricKind = "diag" | "dense" | "fisher-diag" | "fisher-lowrank";
export const METRIC_KINDS: readonly MetricKind[] = Object.freeze(["diag", "dense", "fisher-diag", "fisher-lowrank"]);

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

/**
 * M⁻¹ = S (I + U (Λ − I) Uᵀ) S with S = diag(stds) and U (dim × rank) orthonormal: a diagonal
 * scaling corrected along a few directions, nutpie's low-rank mass matrix. Velocity and momentum
 * cost O(dim · rank).
 */
export interface LowRankMetric {
  readonly kind: "lowrank";
  readonly dim: number;
  readonly rank: number;
  /** Diagonal of M⁻¹ (what a diagonal summary of this metric reports), length dim. */
  readonly inverse: Float64Array;
  /** S, length dim. */
  readonly stds: Float64Array;
  /** U, column k at [k * dim, (k + 1) * dim). */
  readonly vectors: Float64Array;
  /** Λ, length rank; none equal to 1 (those directions need no correction). */
  readonly values: Float64Array;
  /** Scratch (length rank) for Uᵀ·; owned by the one chain that uses this metric. */
  readonly work: Float64Array;
}

export type Metric = DiagMetric | DenseMetric | LowRankMetric;

const NONE = new Float64Array(0);

/**
 * Every metric the factories below make is one of these, whatever its kind (the fields a kind does
 * not use hold empty arrays): functions that read a metric then see one V8 object shape. With three
 * literal shapes, the sampler's glue optimised on the reparam pilot's diagonal metric deoptimised at
 * the fit's first dense one.
 */
class EuclideanMetric {
  constructor(
    readonly kind: Metric["kind"],
    readonly dim: number,
    readonly inverse: Float64Array,
    readonly momentumScale: Float64Array,
    readonly cholInverse: Float64Array,
    readonly rank: number,
    readonly stds: Float64Array,
    readonly vectors: Float64Array,
    readonly values: Float64Array,
    readonly work: Float64Array,
  ) {}
}

/** The plain-data parts of a low-rank metric, as a worker posts them back. */
export interface LowRankFactors {
  readonly stds: Float64Array;
  readonly vectors: Float64Array;
  readonly values: Float64Array;
}

export function lowRankMetric(factors: LowRankFactors): LowRankMetric {
  const { stds, vectors, values } = factors;
  const dim = stds.length;
  const rank = values.length;
  if (vectors.length !== dim * rank) {
    throw new RangeError(`lowRankMetric: vectors must have ${dim * rank} entries (dim × rank), got ${vectors.length}`);
  }
  for (let i = 0; i < dim; i++) {
    if (!(stds[i] > 0) || !Number.isFinite(stds[i])) throw new RangeError(`lowRankMetric: stds must be positive and finite, got ${stds[i]} at ${i}`);
  }
  for (let k = 0; k < rank; k++) {
    if (!(values[k] > 0) || !Number.isFinite(values[k])) throw new RangeError(`lowRankMetric: values must be positive and finite, got ${values[k]} at ${k}`);
  }
  const inverse = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    let c = 1;
    for (let k = 0; k < rank; k++) {
      const u = vectors[k * dim + i];
      c += u * u * (values[k] - 1);
    }
    inverse[i] = stds[i] * stds[i] * c;
  }
  const m = new EuclideanMetric("lowrank", dim, inverse, NONE, NONE, rank, Float64Array.from(stds), Float64Array.from(vectors), Float64Array.from(values), new Float64Array(rank));
  return m as LowRankMetric;
}

/**
 * M⁻¹ = S (I + U (Λ − I) Uᵀ) S as a dense dim × dim row-major matrix: how a low-rank metric is
 * written where only diagonal or dense metrics are understood (CmdStan's dense_e). O(dim² · rank).
 */
export function lowRankInverseDense(factors: LowRankFactors): Float64Array {
  // lowRankMetric checks the factors' sizes and signs; this runs once per chain, so its copies are no cost.
  const { dim, rank, stds, vectors, values } = lowRankMetric(factors);
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) out[i * dim + i] = 1;
  for (let k = 0; k < rank; k++) {
    const off = k * dim;
    const c = values[k] - 1;
    for (let i = 0; i < dim; i++) {
      const ui = vectors[off + i] * c;
      if (ui === 0) continue;
      for (let j = 0; j < dim; j++) out[i * dim + j] += ui * vectors[off + j];
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) out[i * dim + j] *= stds[i] * stds[j];
  }
  return out;
}

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
  return new EuclideanMetric("diag", dim, Float64Array.from(inverse), momentumScale, NONE, 0, NONE, NONE, NONE, NONE) as DiagMetric;
}

/**
 * Recomputes the cached momentum scale after `m.inverse` was overwritten in place (the Fisher
 * diagonal changes after every warmup draw; rebuilding the object each time would allocate).
 */
export function refreshDiagMetric(m: DiagMetric): void {
  const inv = m.inverse;
  for (let i = 0; i < m.dim; i++) {
    const v = inv[i];
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new RangeError(`refreshDiagMetric: inverse metric entries must be positive and finite, got ${v} at ${i}`);
    }
    m.momentumScale[i] = 1 / Math.sqrt(v);
  }
}

/** The identity; diagonal for every kind but "dense" (a low-rank metric starts with no correction). */
export function unitMetric(dim: number, kind: MetricKind = "diag"): Metric {
  if (kind !== "dense") return diagMetric(new Float64Array(dim).fill(1));
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
  if (!choleskyDecompose(inv, dim, chol)) {
    throw new RangeError("denseMetric: inverse metric must be symmetric positive definite, got a non-positive pivot");
  }
  return new EuclideanMetric("dense", dim, inv, NONE, chol, 0, NONE, NONE, NONE, NONE) as DenseMetric;
}


/** Draws p ~ N(0, M) into `p`. `scratch` (length dim) holds the standard normals for the dense case. */
export function sampleMomentum(rng: Rng, metric: Metric, p: Float64Array, scratch: Float64Array): void {
  const n = metric.dim;
  if (metric.kind === "diag") {
    const s = metric.momentumScale;
    for (let i = 0; i < n; i++) p[i] = rng.normal() * s[i];
    return;
  }
  if (metric.kind === "lowrank") {
    lowRankMomentum(rng, metric, p);
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
  if (metric.kind === "lowrank") {
    lowRankVelocity(metric, p, out);
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

/**
 * p = S⁻¹ (z + U (Λ^{-1/2} − 1) Uᵀ z), z ~ N(0, I): then Cov(p) = S⁻¹ (I + U (Λ⁻¹ − I) Uᵀ) S⁻¹ = M,
 * because U has orthonormal columns.
 */
function lowRankMomentum(rng: Rng, m: LowRankMetric, p: Float64Array): void {
  const { dim, rank, stds, vectors, values, work } = m;
  for (let i = 0; i < dim; i++) p[i] = rng.normal();
  for (let k = 0; k < rank; k++) {
    let s = 0;
    const off = k * dim;
    for (let i = 0; i < dim; i++) s += vectors[off + i] * p[i];
    work[k] = s * (1 / Math.sqrt(values[k]) - 1);
  }
  for (let k = 0; k < rank; k++) {
    const c = work[k];
    const off = k * dim;
    for (let i = 0; i < dim; i++) p[i] += vectors[off + i] * c;
  }
  for (let i = 0; i < dim; i++) p[i] /= stds[i];
}

/** v = S (w + U (Λ − 1) Uᵀ w) with w = S p. */
function lowRankVelocity(m: LowRankMetric, p: Float64Array, out: Float64Array): void {
  const { dim, rank, stds, vectors, values, work } = m;
  for (let i = 0; i < dim; i++) out[i] = stds[i] * p[i];
  for (let k = 0; k < rank; k++) {
    let s = 0;
    const off = k * dim;
    for (let i = 0; i < dim; i++) s += vectors[off + i] * out[i];
    work[k] = s * (values[k] - 1);
  }
  for (let k = 0; k < rank; k++) {
    const c = work[k];
    const off = k * dim;
    for (let i = 0; i < dim; i++) out[i] += vectors[off + i] * c;
  }
  for (let i = 0; i < dim; i++) out[i] *= stds[i];
}
