/**
 * Metric estimates from draws *and* their gradients (Seyboldt's Fisher-divergence mass matrix, as
 * nutpie/nuts-rs adapt it). For a Gaussian target N(μ, Σ) the score is −Σ⁻¹(x − μ), so
 * Cov(x) = Σ and Cov(∇ log p) = Σ⁻¹: the gradients carry as much information about the scales as
 * the draws, and n draws give a good estimate sooner than the draws alone.
 *
 * - Diagonal: the diagonal M⁻¹ minimising the Fisher divergence between the target and the
 *   Gaussian it implies is M⁻¹ᵢᵢ = sqrt(Var(xᵢ) / Var(∂ᵢ log p)).
 * - Low rank: scale by that diagonal, then within the span of the scaled draws and gradients find
 *   the Σ with Σ Cov(g) Σ = Cov(x) (the SPD geometric mean), and keep the eigen-directions whose
 *   eigenvalue lies outside [1/c, c]: M⁻¹ = S (I + U (Λ − I) Uᵀ) S.
 */
import type { LowRankFactors } from "./metric.js";
import { orthonormalBasis, spdMean, symmetricEigen } from "./fisherLinalg.js";

/** Bounds on a Fisher-diagonal entry (as nuts-rs): outside them an estimate is not a scale. */
export const FISHER_VARIANCE_LIMITS = Object.freeze({ lower: 1e-20, upper: 1e20 });

/**
 * Bounds on the initial diagonal 1/|∂ᵢ log p(x₀)|. Tighter than nuts-rs's 1e±20: a coordinate whose
 * gradient happens to vanish at x₀ would otherwise start with variance 1e20 and wreck the
 * first step-size search.
 */
export const FISHER_INIT_LIMITS = Object.freeze({ lower: 1e-6, upper: 1e6 });

export interface FisherLowRankSettings {
  /** Regulariser of the projected covariances (cov/γ + I), nuts-rs's `gamma`. */
  readonly gamma: number;
  /** Eigenvalues of the scaled covariance inside [1/c, c] are dropped as "diagonal enough". */
  readonly eigvalCutoff: number;
}

/**
 * γ as nuts-rs. The cutoff 2 (nuts-rs's Rust default is 100, which keeps only extreme directions):
 * after the diagonal scaling a pair with correlation ρ has eigenvalues 1 ± ρ, so c = 2 corrects
 * correlations beyond 0.5 in the narrow direction, at O(dim) cost per kept direction.
 */
export const DEFAULT_FISHER_LOWRANK: FisherLowRankSettings = Object.freeze({ gamma: 1e-5, eigvalCutoff: 2 });

/** M⁻¹ᵢᵢ = 1/|gᵢ| from the gradient at the initial point (nutpie's start), clamped to FISHER_INIT_LIMITS. */
export function fisherDiagonalFromGradient(gradient: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const v = 1 / Math.abs(gradient[i]);
    out[i] = v === v ? Math.min(Math.max(v, FISHER_INIT_LIMITS.lower), FISHER_INIT_LIMITS.upper) : 1;
  }
}

/**
 * When a window's draws and gradients are too far from stationarity for the Fisher estimate. At
 * stationarity E[(xᵢ − x̄ᵢ)(gᵢ − ḡᵢ)] = −1 (integration by parts), so by Cauchy–Schwarz
 * Var(xᵢ)·Var(gᵢ) ≥ 1, with equality for a Gaussian: the ratio ρᵢ = sqrt(M2ₓ·M2_g) / (n − 1) is ≈ 1
 * on a healthy window (a few units for skewed or heavy-tailed targets). Far from the typical set it
 * is not: cake's gamma GLMM, started where lp = −2.7e23, had ρ ≈ 1e18 in its first window (gradient
 * variance 5e44 over draws that had barely moved), sqrt(Var x / Var g) fell to the 1e-20 floor on
 * most coordinates and the chain never moved again (step size 3e-11). Past `maxInformationRatio`
 * the coordinate takes Stan's regularised draw variance instead (`stanPrior`), which cannot
 * collapse: it is at least stanPrior.variance · stanPrior.weight / (n + stanPrior.weight).
 * The limit 1e10: early windows of chains still travelling from their initial point reach ρ ≈ 1e6
 * on the benchmark set (sleepstudy; radon 1e4; eight schools, pumps, cbpp never 1e4), where the
 * Fisher estimate works and nutpie's behaviour is kept; cake's frozen window was 1e18, and a
 * limit of 1e4 changed sleepstudy's and radon's fits (ESS per gradient −25 % and −15 %, seed 1).
 */
export const FISHER_DEGENERATE = Object.freeze({ maxInformationRatio: 1e10, stanPrior: Object.freeze({ variance: 1e-3, weight: 5 }) });

/**
 * M⁻¹ᵢᵢ = sqrt(Var(xᵢ) / Var(gᵢ)) from the sums of squared deviations over `n` draws (the counts
 * cancel). A coordinate whose window is degenerate (FISHER_DEGENERATE: draws and gradients too far
 * from stationarity, or a gradient variance of 0 or not finite where the draws did move) takes
 * Stan's regularised variance of its draws, (n/(n+5))·M2ₓ/(n−1) + 1e-3·5/(n+5). An entry whose draws
 * never moved keeps its value in `out`. Entries are clamped to FISHER_VARIANCE_LIMITS.
 */
export function fisherDiagonal(drawM2: Float64Array, gradM2: Float64Array, n: number, out: Float64Array): void {
  if (!(n >= 2)) throw new RangeError(`fisherDiagonal: n must be at least 2, got ${n}`);
  const { maxInformationRatio, stanPrior } = FISHER_DEGENERATE;
  const w = n / (n + stanPrior.weight);
  const prior = stanPrior.variance * (1 - w);
  for (let i = 0; i < out.length; i++) {
    const mx = drawM2[i];
    if (!(mx > 0) || !Number.isFinite(mx)) continue;
    const mg = gradM2[i];
    let v = Math.sqrt(mx / mg);
    const rho = Math.sqrt(mx * mg) / (n - 1);
    if (!(v > 0) || !Number.isFinite(v) || !(rho <= maxInformationRatio)) v = (w * mx) / (n - 1) + prior;
    out[i] = Math.min(Math.max(v, FISHER_VARIANCE_LIMITS.lower), FISHER_VARIANCE_LIMITS.upper);
  }
}

/**
 * The low-rank estimate from `n` draws and gradients (row t of each at [t * dim, (t + 1) * dim)).
 * Returns null when the draws cannot give one (fewer than 3, or a coordinate with no spread in
 * draws or gradients); the caller then keeps its metric.
 */
export function fisherLowRank(
  draws: Float64Array,
  grads: Float64Array,
  n: number,
  dim: number,
  settings: FisherLowRankSettings = DEFAULT_FISHER_LOWRANK,
): LowRankFactors | null {
  if (n < 3) return null;
  const stds = new Float64Array(dim);
  // Scaled, centred vectors: draws (x − x̄)/(σ n) in slots 0..n−1, gradients (g − ḡ)σ/n in n..2n−1.
  const scaled = new Float64Array(2 * n * dim);
  for (let i = 0; i < dim; i++) {
    let mx = 0;
    let mg = 0;
    for (let t = 0; t < n; t++) {
      mx += draws[t * dim + i];
      mg += grads[t * dim + i];
    }
    mx /= n;
    mg /= n;
    let sx = 0;
    let sg = 0;
    for (let t = 0; t < n; t++) {
      const dx = draws[t * dim + i] - mx;
      const dg = grads[t * dim + i] - mg;
      sx += dx * dx;
      sg += dg * dg;
    }
    const std = Math.sqrt(Math.sqrt(sx) / Math.sqrt(sg));
    if (!(std > 0) || !Number.isFinite(std)) return null;
    stds[i] = Math.min(Math.max(std, Math.sqrt(FISHER_VARIANCE_LIMITS.lower)), Math.sqrt(FISHER_VARIANCE_LIMITS.upper));
    const xs = 1 / (std * n);
    const gs = std / n;
    for (let t = 0; t < n; t++) {
      scaled[t * dim + i] = (draws[t * dim + i] - mx) * xs;
      scaled[(n + t) * dim + i] = (grads[t * dim + i] - mg) * gs;
    }
  }
  // The span of both sets is the span of their left singular vectors, which is what nuts-rs uses.
  const { basis, size: k } = orthonormalBasis(scaled, dim, 2 * n);
  if (k === 0) return { stds, vectors: new Float64Array(0), values: new Float64Array(0) };
  // Projections: P[a][t] = basis_a · scaled_t, then covariances P Pᵀ / γ + I in the subspace.
  const covX = new Float64Array(k * k);
  const covG = new Float64Array(k * k);
  const px = new Float64Array(k);
  const pg = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    for (let a = 0; a < k; a++) {
      let sx = 0;
      let sg = 0;
      const off = a * dim;
      const ox = t * dim;
      const og = (n + t) * dim;
      for (let i = 0; i < dim; i++) {
        sx += basis[off + i] * scaled[ox + i];
        sg += basis[off + i] * scaled[og + i];
      }
      px[a] = sx;
      pg[a] = sg;
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        covX[a * k + b] += px[a] * px[b];
        covG[a * k + b] += pg[a] * pg[b];
      }
    }
  }
  const invGamma = 1 / settings.gamma;
  for (let j = 0; j < k * k; j++) {
    covX[j] *= invGamma;
    covG[j] *= invGamma;
  }
  for (let a = 0; a < k; a++) {
    covX[a * k + a] += 1;
    covG[a * k + a] += 1;
  }
  const sigma = spdMean(covX, covG, k);
  const values = new Float64Array(k);
  const vecs = new Float64Array(k * k);
  symmetricEigen(sigma, k, values, vecs);
  const c = settings.eigvalCutoff;
  const kept: number[] = [];
  for (let a = 0; a < k; a++) if (values[a] > c || values[a] < 1 / c) kept.push(a);
  for (let a = 0; a < k; a++) if (!Number.isFinite(values[a]) || !(values[a] > 0)) return null;
  const r = kept.length;
  const vectors = new Float64Array(r * dim);
  const vals = new Float64Array(r);
  for (let j = 0; j < r; j++) {
    const col = kept[j];
    vals[j] = values[col];
    // Back to the full space: u = Σ_a basis_a · W[a][col].
    for (let a = 0; a < k; a++) {
      const w = vecs[a * k + col];
      if (w === 0) continue;
      const off = a * dim;
      for (let i = 0; i < dim; i++) vectors[j * dim + i] += w * basis[off + i];
    }
  }
  return { stds, vectors, values: vals };
}
