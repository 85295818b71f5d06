/**
 * The plug-in sd of each group's linear predictor at the predictor means, α + b_j, with the fixed
 * effects' uncertainty included: the GLMM counterpart of the gaussian REML code's `groupSd`
 * (Henderson's prediction error variance). At the mode (α̂, β̂, b̂) with τ̂ (and φ̂) plugged in, the
 * negative Hessian of the penalised log-likelihood in γ = (α, β) and b is
 *   H = [[A, Bᵀ], [B, D]],  A = Σ_i w_i x_i x_iᵀ,  B_j = Σ_{i∈j} w_i x_iᵀ,  D = diag(Σ_{i∈j} w_i + 1/τ²),
 * x_i = (1, x_i − x̄). With one grouping factor D is diagonal, so through the Schur complement
 * M = A − Bᵀ D⁻¹ B (the information about γ with b integrated out, lme4's RXᵀRX):
 *   Var(α + b_j) = 1/D_j + hᵀ M⁻¹ h,  h = e₁ − B_jᵀ / D_j
 * (b̂_j moves with γ̂ by −B_j/D_j). At τ̂ = 0 the b_j are 0 and this is Var(α̂), not 0.
 */
import { choleskyDecompose, forwardSolve } from "../math/cholesky.js";
import type { LaplaceData, LaplacePoint } from "./laplaceGlmm.js";

/**
 * −∂² log p(y_i | η)/∂η² (the observed information; for the canonical logit and log links of
 * binomial and poisson it is also the expected one). The same weights laplaceLogLik accumulates.
 */
function rowWeight(d: LaplaceData, i: number, eta: number, phi: number): number {
  if (d.family === "poisson") return Math.exp(eta);
  if (d.family === "negbinomial") {
    const mu = Math.exp(eta);
    const s = mu + phi;
    return (phi * mu * (d.y[i] + phi)) / (s * s);
  }
  const pr = 1 / (1 + Math.exp(-eta));
  return d.trials[i] * pr * (1 - pr);
}

/** sd(α + b_j) per group at `at` and the conditional modes `modes` (0 where τ = 0). */
export function laplaceGroupSd(d: LaplaceData, at: LaplacePoint, modes: Float64Array): Float64Array {
  const { p, xc, offset, start, rows } = d;
  const q = 1 + p;
  const J = d.groups;
  const A = new Float64Array(q * q);
  const B = new Float64Array(J * q);
  const invD = new Float64Array(J);
  const xi = new Float64Array(q);
  xi[0] = 1;
  for (let j = 0; j < J; j++) {
    let info = 0;
    for (let r = start[j]; r < start[j + 1]; r++) {
      const i = rows[r];
      let eta = offset[i] + at.alpha + modes[j];
      for (let k = 0; k < p; k++) {
        xi[1 + k] = xc[i * p + k];
        eta += xi[1 + k] * at.beta[k];
      }
      const w = rowWeight(d, i, eta, at.shape);
      info += w;
      for (let a = 0; a < q; a++) {
        B[j * q + a] += w * xi[a];
        for (let b = 0; b <= a; b++) A[a * q + b] += w * xi[a] * xi[b];
      }
    }
    invD[j] = at.tau > 0 ? 1 / (info + 1 / (at.tau * at.tau)) : 0;
  }
  // M = A − Σ_j B_jᵀ B_j / D_j, lower triangle (all choleskyDecompose reads).
  for (let j = 0; j < J; j++) {
    for (let a = 0; a < q; a++) {
      for (let b = 0; b <= a; b++) A[a * q + b] -= B[j * q + a] * B[j * q + b] * invD[j];
    }
  }
  const L = new Float64Array(q * q);
  const out = new Float64Array(J).fill(Number.NaN);
  // Not positive definite: the fixed effects are not identified (e.g. a predictor that only ever
  // varies within one group at τ̂ = ∞); no interval can be given.
  if (!choleskyDecompose(A, q, L)) return out;
  const h = new Float64Array(q);
  const v = new Float64Array(q);
  for (let j = 0; j < J; j++) {
    for (let a = 0; a < q; a++) h[a] = (a === 0 ? 1 : 0) - B[j * q + a] * invD[j];
    forwardSolve(L, q, h, v);
    let hMh = 0;
    for (let a = 0; a < q; a++) hMh += v[a] * v[a];
    out[j] = Math.sqrt(invD[j] + hMh);
  }
  return out;
}
