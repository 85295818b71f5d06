/**
 * The Laplace approximation to the marginal likelihood of a varying-intercept GLMM
 *   η_i = offset_i + α + Σ_k (x_ik − x̄_k) β_k + b_{j(i)},   b_j ~ normal(0, τ),
 * for the binomial/bernoulli (logit), poisson and negbinomial (log) families — what lme4's glmer
 * maximises with nAGQ = 1. With one grouping factor the group effects are independent given
 * (α, β, τ), so the Hessian in b is diagonal: each b_j gets its own 1-D Newton search for the mode
 * b̂_j of h_j(b) = Σ_{i∈j} log p(y_i | η_i) − b²/(2τ²), and
 *   log p(y | α, β, τ) ≈ Σ_j [ h_j(b̂_j) − ½ log(1 + τ² Σ_{i∈j} w_i) ],
 * w_i = −∂² log p(y_i | η)/∂η² at the mode (the observed information; for the canonical logit and
 * log links of binomial and poisson it equals lme4's expected weights). That is exactly
 * ∫ p(y | b) N(b; 0, τ²) db with the integrand replaced by its second-order expansion at b̂_j, and it
 * tends to the τ = 0 GLM likelihood as τ → 0 without a 0/0.
 *
 * The plug-in ("empirical Bayes") fit maximises it over (α, β, log τ[, log φ]) by L-BFGS, after a
 * τ = 0 GLM fit that gives the start and the boundary to compare with: when τ = 0 is as good (a
 * singular fit, lme4's "boundary (singular) fit"), τ̂ = 0 is reported.
 */
import { UserError } from "../errors.js";
import type { GlmmSpec } from "../glmm/types.js";
import { lchoose } from "../math/lchoose.js";
import { lgamma } from "../math/lgamma.js";
import { log1pExp } from "../math/log1pExp.js";
import { laplaceGroupSd } from "./laplaceGroupSd.js";
import { minimizeLbfgs } from "./lbfgs.js";
import { pooledGroup } from "./variants.js";

export const LAPLACE_FAMILIES = ["binomial", "bernoulli", "poisson", "negbinomial"] as const;
export type LaplaceFamily = (typeof LAPLACE_FAMILIES)[number];

/** The data of a spec arranged for the Laplace objective (rows grouped, predictors centred). */
export interface LaplaceData {
  readonly family: LaplaceFamily;
  readonly n: number;
  readonly y: Float64Array;
  /** Trials per row (1 for bernoulli; unused for counts). */
  readonly trials: Float64Array;
  readonly offset: Float64Array;
  /** Centred predictors, n × p row-major. */
  readonly xc: Float64Array;
  readonly p: number;
  readonly groups: number;
  /** Rows of group j are rows[start[j] … start[j+1]). */
  readonly start: Int32Array;
  readonly rows: Int32Array;
  /** The part of log p(y_i | η) that depends on neither η nor φ (log binomial coefficient, −log y!). */
  readonly constant: Float64Array;
}

export function laplaceData(spec: GlmmSpec): LaplaceData {
  const g = pooledGroup(spec);
  const family = spec.family as LaplaceFamily;
  if (!(LAPLACE_FAMILIES as readonly string[]).includes(family)) {
    throw new UserError(`glmmLaplace: family must be one of ${LAPLACE_FAMILIES.join(", ")}, got ${spec.family}`);
  }
  const n = spec.n;
  const p = spec.X.names.length;
  const xc = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let k = 0; k < p; k++) xc[i * p + k] = spec.X.values[i * p + k] - spec.X.means[k];
  const trials = new Float64Array(n).fill(1);
  if (family === "binomial" && spec.trials) trials.set(spec.trials);
  const J = g.levels.length;
  const start = new Int32Array(J + 1);
  for (let i = 0; i < n; i++) start[g.index[i]]++;
  for (let j = 0; j < J; j++) start[j + 1] += start[j];
  const fill = start.slice(0, J);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[fill[g.index[i] - 1]++] = i;
  const constant = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = spec.y[i];
    constant[i] = family === "binomial" ? lchoose(trials[i], y) : family === "bernoulli" ? 0 : -lgamma(y + 1);
  }
  return { family, n, y: spec.y, trials, offset: spec.offset ?? new Float64Array(n), xc, p, groups: J, start, rows, constant };
}

/** The hyperparameters and fixed effects at which the objective is evaluated. */
export interface LaplacePoint {
  /** Intercept at the predictor means (brms's centred Intercept). */
  readonly alpha: number;
  readonly beta: ArrayLike<number>;
  readonly tau: number;
  /** Negative binomial shape φ (ignored by the other families). */
  readonly shape: number;
}

/** Scratch and outputs of one evaluation: the modes b̂_j and Σw + 1/τ² at them. */
export interface LaplaceState {
  readonly eta0: Float64Array;
  readonly modes: Float64Array;
  /** Σ_{i∈j} w_i at the mode (the conditional precision is this + 1/τ²). */
  readonly info: Float64Array;
}

export function createLaplaceState(d: LaplaceData): LaplaceState {
  return { eta0: new Float64Array(d.n), modes: new Float64Array(d.groups), info: new Float64Array(d.groups) };
}

/**
 * The Laplace log marginal likelihood at `at` (with every constant, so it is comparable to lme4's
 * logLik), filling the modes and informations in `state`.
 */
export function laplaceLogLik(d: LaplaceData, at: LaplacePoint, state: LaplaceState): number {
  const { n, p, xc, offset, y, trials, constant, start, rows, family } = d;
  const { eta0, modes, info } = state;
  const tau = at.tau;
  const phi = at.shape;
  if (!(tau >= 0) || !Number.isFinite(tau)) return -Infinity;
  if (family === "negbinomial" && !(phi > 0 && Number.isFinite(phi))) return -Infinity;
  for (let i = 0; i < n; i++) {
    let e = offset[i] + at.alpha;
    for (let k = 0; k < p; k++) e += xc[i * p + k] * at.beta[k];
    eta0[i] = e;
  }
  // Per-row terms that depend on φ but not on η.
  let phiConst = 0;
  const lgPhi = family === "negbinomial" ? lgamma(phi) : 0;
  const logPhi = Math.log(phi);
  const prec = tau > 0 ? 1 / (tau * tau) : Infinity;
  let total = 0;
  const cur = new Float64Array(3);
  const trial = new Float64Array(3);
  for (let j = 0; j < d.groups; j++) {
    const a = start[j];
    const z = start[j + 1];
    let rowConst = 0;
    for (let r = a; r < z; r++) {
      const i = rows[r];
      rowConst += constant[i];
      if (family === "negbinomial") rowConst += logRising(phi, y[i], lgPhi);
    }
    phiConst += rowConst;
    // h(b) = Σ ll(η0 + b) − b²/(2τ²): Newton with step halving (h is strictly concave).
    const evalAt = (b: number, out: Float64Array): void => {
      let ll = 0;
      let d1 = 0;
      let w = 0;
      for (let r = a; r < z; r++) {
        const i = rows[r];
        const eta = eta0[i] + b;
        const yi = y[i];
        if (family === "poisson") {
          const lam = Math.exp(eta);
          ll += yi * eta - lam;
          d1 += yi - lam;
          w += lam;
        } else if (family === "negbinomial") {
          const mu = Math.exp(eta);
          // t = log(1 + μ/φ), kept apart from log φ: φ · t must not cancel at large φ.
          const u = eta - logPhi;
          const t = u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
          ll += -phi * t + yi * (u - t);
          const s = mu + phi;
          d1 += (phi * (yi - mu)) / s;
          w += (phi * mu * (yi + phi)) / (s * s);
        } else {
          const m = trials[i];
          const pr = 1 / (1 + Math.exp(-eta));
          ll += -yi * log1pExp(-eta) - (m - yi) * log1pExp(eta);
          d1 += yi - m * pr;
          w += m * pr * (1 - pr);
        }
      }
      out[0] = ll;
      out[1] = d1;
      out[2] = w;
    };
    if (tau === 0 || a === z) {
      evalAt(0, cur);
      modes[j] = 0;
      info[j] = cur[2];
      total += cur[0];
      continue;
    }
    let b = 0;
    evalAt(b, cur);
    let h = cur[0] - 0.5 * b * b * prec;
    for (let it = 0; it < 200; it++) {
      const grad = cur[1] - b * prec;
      const hess = cur[2] + prec;
      let step = grad / hess;
      let accepted = false;
      for (let half = 0; half < 60; half++) {
        const bNew = b + step;
        evalAt(bNew, trial);
        const hNew = trial[0] - 0.5 * bNew * bNew * prec;
        if (hNew >= h - 1e-12 * Math.abs(h)) {
          b = bNew;
          h = hNew;
          cur.set(trial);
          accepted = true;
          break;
        }
        step /= 2;
      }
      if (!accepted || Math.abs(step) < 1e-11 * (1 + Math.abs(b))) break;
    }
    modes[j] = b;
    info[j] = cur[2];
    total += h - 0.5 * Math.log1p(tau * tau * cur[2]);
  }
  return total + phiConst;
}

/**
 * log Γ(φ + y) − log Γ(φ): for integer counts up to 1000 the sum Σ_{k<y} log(φ + k), which stays
 * exact when φ is large (the lgamma difference cancels catastrophically there — at φ = 1e5 it loses
 * ~1e-11, enough to make finite-difference gradients in log φ noise).
 */
function logRising(phi: number, y: number, lgPhi: number): number {
  if (Number.isInteger(y) && y >= 0 && y <= 1000) {
    let s = 0;
    for (let k = 0; k < y; k++) s += Math.log(phi + k);
    return s;
  }
  return lgamma(y + phi) - lgPhi;
}

export interface GlmmLaplaceFit {
  readonly family: LaplaceFamily;
  /** Intercept at the predictor means (brms's centred Intercept). */
  readonly alpha: number;
  /** R's `(Intercept)`: α − Σ x̄_k β_k. */
  readonly interceptUncentred: number;
  readonly beta: Float64Array;
  readonly betaNames: readonly string[];
  /** τ̂, exactly 0 for a singular fit. */
  readonly tau: number;
  /** φ̂ for negbinomial, else null. */
  readonly shape: number | null;
  readonly logLik: number;
  /** The τ = 0 GLM's log-likelihood, the boundary τ̂ was compared with. */
  readonly logLikTau0: number;
  readonly singular: boolean;
  /** Conditional modes b̂_j at the optimum (0 when singular). */
  readonly modes: Float64Array;
  /** Conditional sd of b_j given the plug-in values: 1/√(Σw + 1/τ̂²) (0 when singular), lme4's condVar. */
  readonly condSd: Float64Array;
  /**
   * sd(α + b_j) with the fixed effects' uncertainty included (joint Hessian of (α, β, b) at the mode,
   * laplaceGroupSd.ts); τ̂ and φ̂ plugged in. At τ̂ = 0 it is the sd of α̂, not 0.
   */
  readonly groupSd: Float64Array;
  readonly converged: boolean;
}

/** φ̂ beyond this is the Poisson limit: the maximum lies at φ = ∞ and φ is held where L-BFGS left it. */
export const SHAPE_INFINITY = 1e4;

/** τ̂ below this is a singular fit (reported as 0), as is any τ̂ whose likelihood does not beat τ = 0. */
export const SINGULAR_TAU = 1e-4;

export function glmmLaplace(spec: GlmmSpec): GlmmLaplaceFit {
  const d = laplaceData(spec);
  const state = createLaplaceState(d);
  const p = d.p;
  const nb = d.family === "negbinomial";
  const unpack = (x: Float64Array, tau: number | null): LaplacePoint => ({
    alpha: x[0],
    beta: x.subarray(1, 1 + p),
    tau: tau ?? Math.exp(x[1 + p]),
    shape: nb ? Math.exp(x[tau === null ? 2 + p : 1 + p]) : 1,
  });
  // Start: the link of the pooled mean response, no slopes, φ = 1.
  let sumY = 0;
  let sumM = 0;
  for (let i = 0; i < d.n; i++) {
    sumY += d.y[i];
    sumM += d.family === "binomial" || d.family === "bernoulli" ? d.trials[i] : Math.exp(d.offset[i]);
  }
  const mean = Math.min(Math.max(sumY / sumM, 1e-3), d.family === "poisson" || nb ? Infinity : 1 - 1e-3);
  const alpha0 = d.family === "binomial" || d.family === "bernoulli" ? Math.log(mean / (1 - mean)) : Math.log(mean);

  const glmStart = new Float64Array(1 + p + (nb ? 1 : 0));
  glmStart[0] = alpha0;
  const glm = minimizeLbfgs((x) => -laplaceLogLik(d, unpack(x, 0), state), glmStart);

  const fullStart = new Float64Array(2 + p + (nb ? 1 : 0));
  fullStart.set(glm.x.subarray(0, 1 + p));
  fullStart[1 + p] = Math.log(0.5);
  if (nb) fullStart[2 + p] = glm.x[1 + p];
  const objective = (x: Float64Array) => -laplaceLogLik(d, unpack(x, null), state);
  let full = minimizeLbfgs(objective, fullStart);
  if (nb) {
    // The negative binomial's Laplace likelihood can have a second mode near the Poisson limit
    // (overdispersion carried by τ rather than φ): a second start at φ = 100 and the better end wins.
    const second = Float64Array.from(fullStart);
    second[2 + p] = Math.log(100);
    const other = minimizeLbfgs(objective, second);
    if (other.f < full.f) full = other;
    // Still rising toward φ = ∞ (no overdispersion beyond τ): there is no finite maximiser, and the
    // flat direction stalls L-BFGS before the other coordinates converge. Fix φ where it ended and
    // maximise over the rest.
    const logPhi = full.x[2 + p];
    if (Math.exp(logPhi) > SHAPE_INFINITY) {
      const rest = minimizeLbfgs((v) => objective(Float64Array.of(...v, logPhi)), full.x.subarray(0, 2 + p));
      full = { ...rest, x: Float64Array.of(...rest.x, logPhi) };
    }
  }
  const tauHat = Math.exp(full.x[1 + p]);
  const singular = tauHat < SINGULAR_TAU || -full.f <= -glm.f + 1e-9;

  const x = singular ? glm.x : full.x;
  const at = unpack(x, singular ? 0 : null);
  const logLik = laplaceLogLik(d, at, state);
  const beta = Float64Array.from(at.beta);
  let xbar = 0;
  for (let k = 0; k < p; k++) xbar += spec.X.means[k] * beta[k];
  const condSd = new Float64Array(d.groups);
  if (!singular) for (let j = 0; j < d.groups; j++) condSd[j] = 1 / Math.sqrt(state.info[j] + 1 / (at.tau * at.tau));
  return {
    family: d.family,
    alpha: at.alpha,
    interceptUncentred: at.alpha - xbar,
    beta,
    betaNames: spec.X.names,
    tau: singular ? 0 : at.tau,
    shape: nb ? at.shape : null,
    logLik,
    logLikTau0: -glm.f,
    singular,
    modes: Float64Array.from(state.modes),
    condSd,
    groupSd: laplaceGroupSd(d, at, state.modes),
    converged: (singular ? glm : full).converged,
  };
}
