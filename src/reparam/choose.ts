/**
 * How much each group's data pin down its parameter, relative to the population prior, decides its
 * parameterisation. For θ_j ~ N(μ, τ) with data information I_j about θ_j (Σ 1/σ_i² for gaussian
 * observations), the conditional posterior of θ̃_j = λμ + (θ_j − μ)τ^(λ−1) is free of μ and, to
 * first order, of log τ exactly when
 *   λ_j = τ² I_j / (1 + τ² I_j)     (the prior variance's share: σ²_prior / (σ²_prior + σ²_data,j)),
 * which is the normal–normal optimum of Gorinova, Moore & Hoffman (2020).
 */

import { median } from "../diagnostics/ranks.js";

export type Parameterisation = "centred" | "noncentred" | "partial";

/** Weights at or beyond these are rounded to the plain forms (no per-element pow in the gradient). */
export const SNAP = Object.freeze({ centred: 0.9, noncentred: 0.1 });

export function lambdaFromInformation(scale2: ArrayLike<number>, information: ArrayLike<number>): Float64Array {
  const n = information.length;
  if (scale2.length !== 1 && scale2.length !== n) throw new RangeError(`lambdaFromInformation: scale2 must have 1 or ${n} values, got ${scale2.length}`);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const t = scale2.length === 1 ? scale2[0] : scale2[j];
    const r = t * Math.max(0, information[j]);
    out[j] = Number.isFinite(r) ? r / (1 + r) : 1;
  }
  return out;
}

/** All weights ≥ 0.9 → centred; all ≤ 0.1 → non-centred; otherwise the per-group mixture. */
export function classify(lambda: ArrayLike<number>): Parameterisation {
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < lambda.length; j++) {
    lo = Math.min(lo, lambda[j]);
    hi = Math.max(hi, lambda[j]);
  }
  if (lo >= SNAP.centred) return "centred";
  if (hi <= SNAP.noncentred) return "noncentred";
  return "partial";
}

/** The weights actually used: exactly 1 or 0 when the class is centred or non-centred. */
export function snapped(lambda: Float64Array): Float64Array {
  const c = classify(lambda);
  if (c === "centred") return new Float64Array(lambda.length).fill(1);
  if (c === "noncentred") return new Float64Array(lambda.length);
  return lambda;
}

/**
 * One parameterisation for a whole correlated group parameter b_j ~ MVN(mu, diag(s) L Lᵀ diag(s)):
 * there is no per-group mixture here (the VIP family of vip.ts is univariate; a per-row mixture of
 * the multivariate transform would need a matrix power of diag(s) L). `lambda` holds one weight per
 * group and effect, λ = r / (1 + r) with r the data information in the prior's whitened coordinates
 * z_j = (diag(s) L)⁻¹ (b_j − mu) — the multivariate τ²I of the univariate rule. λ < 0.5 says the data
 * pin that coordinate less than the prior does (the centred form's funnel), λ > 0.5 the reverse (the
 * non-centred form's ridge between z_j and the scales); the median picks the form that is right for
 * most coordinates: non-centred when it is below 0.5, centred otherwise.
 */
export function classifyWhole(lambda: ArrayLike<number>): "centred" | "noncentred" {
  if (lambda.length === 0) return "noncentred";
  return median(Float64Array.from(lambda)) < 0.5 ? "noncentred" : "centred";
}
