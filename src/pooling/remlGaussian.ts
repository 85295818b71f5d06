/**
 * The plug-in fit of the gaussian varying-intercept model y = Xβ + b_g + ε, b_j ~ normal(0, τ),
 * ε_i ~ normal(0, σ) (or known standard errors se_i, then no σ): lme4's `lmer`, REML by default.
 *
 * The marginal likelihood is exact: y ~ normal(Xβ, R + τ² Z Zᵀ) with R = σ² diag(c_i), c_i = 1 (or
 * R = diag(se_i²)). Per group, V_j⁻¹ = R_j⁻¹ − τ² R_j⁻¹11ᵀR_j⁻¹ / (1 + τ² 1ᵀR_j⁻¹1) and
 * |V_j| = |R_j| (1 + τ² 1ᵀR_j⁻¹1) (Woodbury / matrix determinant lemma), so with A = [X, y], weights
 * w_i = 1/c_i, C = Σ w a aᵀ, S_j = Σ_{i∈j} w a, W_j = Σ_{i∈j} w and λ = τ²/σ²:
 *   σ² AᵀV⁻¹A = M(λ) = C − Σ_j φ_j S_j S_jᵀ,  φ_j = λ / (1 + λ W_j),
 *   log|V| = N log σ² + Σ log c_i + Σ_j log(1 + λ W_j).
 * β is profiled out by GLS (β̂ = M_XX⁻¹ M_Xy, r² = M_yy − M_yX β̂, both from one Cholesky of M) and,
 * with σ estimated, so is σ² (r²/(N − p) for REML, r²/N for ML): what is left is one dimension, log θ,
 * θ = τ/σ (lme4's θ), or log τ with known standard errors. Everything after the O(N) sufficient
 * statistics costs O(J p²) per evaluation. The maximum is bracketed on a grid and refined as the root
 * of the analytic derivative (a golden section on the value alone stalls at √ε relative in θ).
 */
import { choleskyDecompose } from "../math/cholesky.js";
import { LOG_2PI } from "../math/constants.js";
import { UserError } from "../errors.js";
import type { GlmmSpec } from "../glmm/types.js";
import { pooledGroup } from "./variants.js";

/** Sufficient statistics of a gaussian varying-intercept spec (X centred at the spec's means). */
export interface RemlData {
  /** Rows N and fixed-effect columns p (intercept first, then the centred predictors). */
  readonly n: number;
  readonly p: number;
  /** J groups. */
  readonly J: number;
  /** C = Σ w a aᵀ, (p+1)², row-major, a = [1, x − x̄, y − offset]. */
  readonly C: Float64Array;
  /** S_j = Σ_{i∈j} w a, J × (p+1), row-major. */
  readonly S: Float64Array;
  /** W_j = Σ_{i∈j} w. */
  readonly W: Float64Array;
  /** Σ log c_i (0 without known standard errors). */
  readonly sumLogC: number;
  /** σ is estimated (false: known standard errors, σ ≡ 1 and λ = τ²). */
  readonly estimateSigma: boolean;
  /** Scale of τ for the search: 1 when λ = θ², else max(sd(y), max se). */
  readonly scale: number;
}

export function remlData(spec: GlmmSpec): RemlData {
  if (spec.family !== "gaussian") throw new UserError(`remlGaussian: only the gaussian family is supported, got ${spec.family}`);
  const g = pooledGroup(spec);
  const n = spec.n;
  const K = spec.X.names.length;
  const p = K + 1;
  const q = p + 1;
  const J = g.levels.length;
  if (n <= p) throw new UserError(`remlGaussian: need more rows than population-level coefficients, got ${n} rows and ${p} coefficients`);
  if (J < 2) throw new UserError(`remlGaussian: τ needs at least two groups, got ${J}`);
  // lmer's own check: with as many groups as rows, σ and τ are not separately identified.
  if (!spec.se && J >= n) throw new UserError(`remlGaussian: σ and τ cannot both be estimated from ${n} rows in ${J} groups (every group has a single row; give known standard errors with se())`);
  const C = new Float64Array(q * q);
  const S = new Float64Array(J * q);
  const W = new Float64Array(J);
  const a = new Float64Array(q);
  let sumLogC = 0;
  let maxSe = 0;
  let ySum = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const c = spec.se ? spec.se[i] * spec.se[i] : 1;
    if (!(c > 0)) throw new UserError(`remlGaussian: se must be positive, got ${spec.se?.[i]} in row ${i + 1}`);
    const w = 1 / c;
    sumLogC += Math.log(c);
    if (spec.se) maxSe = Math.max(maxSe, spec.se[i]);
    a[0] = 1;
    for (let k = 0; k < K; k++) a[k + 1] = spec.X.values[i * K + k] - spec.X.means[k];
    a[p] = spec.y[i] - (spec.offset ? spec.offset[i] : 0);
    ySum += a[p];
    yy += a[p] * a[p];
    const j = g.index[i] - 1;
    W[j] += w;
    for (let r = 0; r < q; r++) {
      S[j * q + r] += w * a[r];
      for (let s = 0; s < q; s++) C[r * q + s] += w * a[r] * a[s];
    }
  }
  const sdY = Math.sqrt(Math.max(0, yy / n - (ySum / n) ** 2));
  return { n, p, J, C, S, W, sumLogC, estimateSigma: !spec.se, scale: spec.se ? Math.max(sdY, maxSe) : 1 };
}

/** Workspace for remlEval: no allocation per evaluation. */
export interface RemlWork {
  readonly L: Float64Array;
  readonly beta: Float64Array;
  readonly e: Float64Array;
}

export function remlWork(d: RemlData): RemlWork {
  const q = d.p + 1;
  return { L: new Float64Array(q * q), beta: new Float64Array(d.p), e: new Float64Array(q) };
}

export interface RemlValue {
  /** Restricted (or ordinary) log-likelihood, σ and β profiled out: lme4's −½ REMLcrit (−½ deviance). */
  readonly logLik: number;
  /** d logLik / dλ. */
  readonly dLambda: number;
  /** σ̂² at this λ (1 with known standard errors). */
  readonly sigma2: number;
}


/**
 * The profiled criterion at λ = τ²/σ² (λ = τ² with known standard errors); leaves β̂(λ) in
 * work.beta and the Cholesky factor of M(λ) in work.L. The last diagonal of that factor squared is
 * r² (the Schur complement of M_XX), which avoids the cancellation of M_yy − M_yX β̂.
 */
export function remlEval(d: RemlData, lambda: number, reml: boolean, work: RemlWork): RemlValue {
  const { p, J, S, W, n } = d;
  const q = p + 1;
  const { L, beta, e } = work;
  L.set(d.C);
  let logDetZ = 0;
  let dLogDetZ = 0;
  for (let j = 0; j < J; j++) {
    const u = 1 + lambda * W[j];
    logDetZ += Math.log(u);
    dLogDetZ += W[j] / u;
    const phi = lambda / u;
    for (let r = 0; r < q; r++) for (let s = 0; s <= r; s++) L[r * q + s] -= phi * S[j * q + r] * S[j * q + s];
  }
  for (let r = 0; r < q; r++) for (let s = r + 1; s < q; s++) L[r * q + s] = L[s * q + r];
  if (!choleskyDecompose(L, q, L)) {
    throw new UserError("remlGaussian: the population-level design is rank deficient (a predictor is constant or collinear with others)");
  }
  const r2 = L[p * q + p] ** 2;
  let logDetX = 0;
  for (let k = 0; k < p; k++) logDetX += 2 * Math.log(L[k * q + k]);
  // β̂ = L_XXᵀ⁻¹ l, l the first p entries of L's last row.
  for (let k = p - 1; k >= 0; k--) {
    let s = L[p * q + k];
    for (let m = k + 1; m < p; m++) s -= L[m * q + k] * beta[m];
    beta[k] = s / L[k * q + k];
  }
  // Derivatives: dM/dλ = −Σ φ'_j S_j S_jᵀ with φ'_j = 1/(1+λW_j)²; d log|M_XX| = tr(M_XX⁻¹ dM_XX);
  // d r² = eᵀ dM e with e = (−β̂, 1) (β̂ stationary). M_XX⁻¹ S_jX by two triangular solves into e.
  let dR2 = 0;
  let dLogDetX = 0;
  for (let j = 0; j < J; j++) {
    const dphi = 1 / (1 + lambda * W[j]) ** 2;
    let res = S[j * q + p];
    for (let k = 0; k < p; k++) res -= S[j * q + k] * beta[k];
    dR2 -= dphi * res * res;
    if (reml) {
      // z = L_XX⁻¹ S_jX; S_jXᵀ M_XX⁻¹ S_jX = |z|².
      let zz = 0;
      for (let k = 0; k < p; k++) {
        let s = S[j * q + k];
        for (let m = 0; m < k; m++) s -= L[k * q + m] * e[m];
        e[k] = s / L[k * q + k];
        zz += e[k] * e[k];
      }
      dLogDetX -= dphi * zz;
    }
  }
  const dof = reml ? n - p : n;
  if (d.estimateSigma) {
    const sigma2 = r2 / dof;
    const logLik = -0.5 * (logDetZ + (reml ? logDetX : 0) + dof * (1 + LOG_2PI + Math.log(sigma2)) + d.sumLogC);
    const dLambda = -0.5 * (dLogDetZ + (reml ? dLogDetX : 0) + (dof * dR2) / r2);
    return { logLik, dLambda, sigma2 };
  }
  const logLik = -0.5 * (d.sumLogC + logDetZ + (reml ? logDetX : 0) + r2 + dof * LOG_2PI);
  const dLambda = -0.5 * (dLogDetZ + (reml ? dLogDetX : 0) + dR2);
  return { logLik, dLambda, sigma2: 1 };
}

export interface RemlGaussianOptions {
  /** Restricted maximum likelihood (lmer's default, true) or maximum likelihood (REML = FALSE). */
  readonly reml?: boolean;
}

export interface RemlGaussianFit {
  readonly reml: boolean;
  readonly betaNames: readonly string[];
  /** Population-level slopes β̂ (same order as betaNames). */
  readonly beta: Float64Array;
  /** Intercept at the predictor means (brms's centred Intercept). */
  readonly alpha: number;
  /** Intercept at x = 0 (lme4's `(Intercept)`). */
  readonly interceptUncentred: number;
  /** σ̂ (null with known standard errors). */
  readonly sigma: number | null;
  /** τ̂, exactly 0 for a singular fit. */
  readonly tau: number;
  /** Restricted (REML) or ordinary (ML) log-likelihood at the optimum, as lme4's logLik(). */
  readonly logLik: number;
  /** The same at τ = 0. */
  readonly logLikTau0: number;
  /** τ̂ = 0: the criterion peaks at the boundary (lme4's "boundary (singular) fit"). */
  readonly singular: boolean;
  /** The bracket of the maximum closed (false only if it sits at the top of the search range). */
  readonly converged: boolean;
  /** BLUPs b̂_j (lme4's ranef conditional modes; 0 when singular). */
  readonly modes: Float64Array;
  /** sd(b_j | y) at β̂, σ̂, τ̂: lme4's ranef(condVar = TRUE); 0 when singular. */
  readonly condSd: Float64Array;
  /** α̂ + b̂_j: the group's intercept at the predictor means. */
  readonly groupMean: Float64Array;
  /**
   * sd(α + b_j | y, σ̂, τ̂) with β integrated under a flat prior (the same integral REML does; the
   * prediction error sd of Henderson's mixed-model equations). At τ̂ = 0 it is the sd of α̂, not 0.
   */
  readonly groupSd: Float64Array;
}

/** Grid points over log θ that bracket the maximum before the root search. */
export const REML_GRID = 200;

function uToLambda(u: number): number {
  return Math.exp(2 * u);
}

/** d logLik / du at u = log θ (or log τ): 2λ dℓ/dλ. */
function slope(d: RemlData, u: number, reml: boolean, w: RemlWork): number {
  const lambda = uToLambda(u);
  return 2 * lambda * remlEval(d, lambda, reml, w).dLambda;
}

/** Root of the slope in [a, b] (slope(a) > 0 > slope(b)): bisection-safeguarded false position (Illinois). */
function slopeRoot(d: RemlData, a: number, b: number, fa: number, fb: number, reml: boolean, w: RemlWork): number {
  let side = 0;
  for (let it = 0; it < 200 && b - a > 1e-14 * Math.max(1, Math.abs(a)); it++) {
    let c = (a * fb - b * fa) / (fb - fa);
    if (!(c > a && c < b)) c = 0.5 * (a + b);
    const fc = slope(d, c, reml, w);
    if (fc === 0) return c;
    if (fc > 0) {
      a = c;
      fa = fc;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return 0.5 * (a + b);
}

/** lmer's fit of a gaussian (1 | g) model with any population-level predictors. */
export function remlGaussian(spec: GlmmSpec, options: RemlGaussianOptions = {}): RemlGaussianFit {
  const reml = options.reml ?? true;
  const d = remlData(spec);
  const w = remlWork(d);
  const lo = Math.log(1e-6 * d.scale);
  const hi = Math.log(1e4 * d.scale);
  const h = (hi - lo) / (REML_GRID - 1);
  let best = 0;
  let fBest = -Infinity;
  for (let k = 0; k < REML_GRID; k++) {
    const f = remlEval(d, uToLambda(lo + k * h), reml, w).logLik;
    if (f > fBest) {
      fBest = f;
      best = k;
    }
  }
  const at0 = remlEval(d, 0, reml, w).logLik;
  let lambda = 0;
  let converged = true;
  const a = lo + Math.max(0, best - 1) * h;
  const b = lo + Math.min(REML_GRID - 1, best + 1) * h;
  const fa = slope(d, a, reml, w);
  const fb = slope(d, b, reml, w);
  if (fa > 0 && fb < 0) lambda = uToLambda(slopeRoot(d, a, b, fa, fb, reml, w));
  else if (fb >= 0 && best === REML_GRID - 1) {
    lambda = uToLambda(hi);
    converged = false;
  }
  // Otherwise the criterion falls from the bottom of the range: the boundary λ = 0.
  let value = remlEval(d, lambda, reml, w);
  // The boundary wins ties: near λ = 0 the criterion is flat in log θ.
  if (lambda > 0 && at0 >= value.logLik - 1e-12) {
    lambda = 0;
    value = remlEval(d, 0, reml, w);
  }
  return remlSummaries(spec, d, lambda, reml, value, at0, converged, w);
}

/**
 * The same summaries at a given θ = τ/σ (lme4's θ; τ itself with known standard errors) instead of
 * the optimum: β̂(θ), σ̂(θ), the BLUPs and sds given θ. For what-if comparisons and for checking the
 * optimum from outside.
 */
export function remlGaussianAt(spec: GlmmSpec, theta: number, options: RemlGaussianOptions = {}): RemlGaussianFit {
  if (!(theta >= 0) || !Number.isFinite(theta)) throw new UserError(`remlGaussianAt: theta must be finite and non-negative, got ${theta}`);
  const reml = options.reml ?? true;
  const d = remlData(spec);
  const w = remlWork(d);
  const at0 = remlEval(d, 0, reml, w).logLik;
  const value = remlEval(d, theta * theta, reml, w);
  return remlSummaries(spec, d, theta * theta, reml, value, at0, true, w);
}

function remlSummaries(spec: GlmmSpec, d: RemlData, lambda: number, reml: boolean, value: RemlValue, at0: number, converged: boolean, w: RemlWork): RemlGaussianFit {
  const { p, J, S, W } = d;
  const q = p + 1;
  const { L } = w;
  const beta = Float64Array.from(w.beta);
  const sigma2 = value.sigma2;
  const modes = new Float64Array(J);
  const condSd = new Float64Array(J);
  const groupMean = new Float64Array(J);
  const groupSd = new Float64Array(J);
  const hvec = new Float64Array(p);
  for (let j = 0; j < J; j++) {
    const phi = lambda / (1 + lambda * W[j]);
    let res = S[j * q + p];
    for (let k = 0; k < p; k++) res -= S[j * q + k] * beta[k];
    modes[j] = lambda === 0 ? 0 : phi * res;
    condSd[j] = Math.sqrt(sigma2 * phi);
    groupMean[j] = beta[0] + modes[j];
    // Var(α + b_j) = σ² (φ_j + hᵀ M_XX⁻¹ h), h = e₁ − φ_j S_jX: b̂_j moves with β̂ by −φ_j S_jXᵀ.
    let hh = 0;
    for (let k = 0; k < p; k++) {
      let s = (k === 0 ? 1 : 0) - phi * S[j * q + k];
      for (let m = 0; m < k; m++) s -= L[k * q + m] * hvec[m];
      hvec[k] = s / L[k * q + k];
      hh += hvec[k] * hvec[k];
    }
    groupSd[j] = Math.sqrt(sigma2 * (phi + hh));
  }
  const slopes = beta.subarray(1);
  let xbarBeta = 0;
  for (let k = 0; k < slopes.length; k++) xbarBeta += spec.X.means[k] * slopes[k];
  return {
    reml,
    betaNames: spec.X.names,
    beta: Float64Array.from(slopes),
    alpha: beta[0],
    interceptUncentred: beta[0] - xbarBeta,
    sigma: d.estimateSigma ? Math.sqrt(sigma2) : null,
    tau: Math.sqrt(lambda * sigma2),
    logLik: value.logLik,
    logLikTau0: at0,
    singular: lambda === 0,
    converged,
    modes,
    condSd,
    groupMean,
    groupSd,
  };
}
