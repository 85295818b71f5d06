/**
 * Plug-in (empirical Bayes) versus full Bayes for binomial, bernoulli, poisson and negbinomial
 * varying-intercept models: (α, β, τ[, φ]) fixed at the maximum of the Laplace marginal likelihood
 * (glmmLaplace, lme4's glmer with nAGQ = 1), each group's linear predictor α + b_j is taken as
 * normal around α̂ + b̂_j with the variance of the joint Laplace approximation in (α, β, b) — the
 * fixed effects' uncertainty included, as the gaussian REML intervals integrate β out — carried to
 * the response scale by the inverse link. Its interval ignores the uncertainty in τ̂ (and φ̂); the
 * full-Bayes interval (the partial-pooling fit) integrates over it.
 */
import type { Fit } from "../api/fitResult.js";
import type { GlmmSpec } from "../glmm/types.js";
import { invPhi } from "../math/invPhi.js";
import { glmmLaplace, type GlmmLaplaceFit } from "./laplaceGlmm.js";
import { inverseLinkInPlace } from "./responseScale.js";
import type { Interval } from "./types.js";
import { comparePluginGroups, type PluginVsFullBayes } from "./empiricalBayes.js";
import type { PoolingFamily } from "./variants.js";

/** Φ⁻¹(0.95). */
const Z95 = 1.6448536269514722;
/** Midpoint-rule nodes for E[g⁻¹(a)], a ~ normal: the mean of a monotone, bounded-slope transform. */
const MEAN_NODES = 400;

export const PLUGIN_GLMM_METHOD =
  "intercept, slopes, group sd (and negative binomial shape) at the maximum of the Laplace-approximated marginal likelihood (lme4's glmer, nAGQ = 1), L-BFGS over (α, β, log τ[, log φ]) with a Newton search per group for the conditional modes; group intervals are 90 % normal intervals of each group's linear predictor at the predictor means, its variance from the joint Hessian of intercept, slopes and group effects at the mode given the group sd (the fixed effects' uncertainty included, as lme4's conditional variance plus its covariance with the fixed effects), through the inverse link";

/** Mean and 90 % interval of g⁻¹(a), a ~ normal(m, s): quantiles map through the monotone link exactly. */
export function responseInterval(family: PoolingFamily, m: number, s: number, nodes: Float64Array): Interval {
  const ends = inverseLinkInPlace(family, Float64Array.of(m - Z95 * s, m + Z95 * s));
  const v = new Float64Array(nodes.length);
  for (let r = 0; r < nodes.length; r++) v[r] = m + s * nodes[r];
  inverseLinkInPlace(family, v);
  let mean = 0;
  for (let r = 0; r < v.length; r++) mean += v[r] / v.length;
  return { mean, q5: ends[0], q95: ends[1] };
}

/** Normal scores at the midpoints (r − ½)/R, r = 1…R. */
export function normalNodes(count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, r) => invPhi((r + 0.5) / count));
}

export type PluginVsFullBayesGlmm = PluginVsFullBayes & {
  /** The plug-in fit itself: α̂, β̂, τ̂, φ̂, Laplace log-likelihood. */
  readonly laplace: Pick<GlmmLaplaceFit, "alpha" | "interceptUncentred" | "tau" | "shape" | "logLik" | "logLikTau0" | "singular" | "converged"> & {
    readonly beta: Readonly<Record<string, number>>;
  };
};

export function pluginVsFullBayesGlmm(spec: GlmmSpec, partialFit: Fit): PluginVsFullBayesGlmm {
  const family = spec.family as PoolingFamily;
  const lap = glmmLaplace(spec);
  const nodes = normalNodes(MEAN_NODES);
  const compared = comparePluginGroups(spec, partialFit, (j) => responseInterval(family, lap.alpha + lap.modes[j], lap.groupSd[j], nodes));
  return {
    method: PLUGIN_GLMM_METHOD,
    tau_plugin: lap.tau,
    sigma_plugin: null,
    singular: lap.singular,
    ...compared,
    laplace: {
      alpha: lap.alpha,
      interceptUncentred: lap.interceptUncentred,
      beta: Object.fromEntries(lap.betaNames.map((n, k) => [n, lap.beta[k]])),
      tau: lap.tau,
      shape: lap.shape,
      logLik: lap.logLik,
      logLikTau0: lap.logLikTau0,
      singular: lap.singular,
      converged: lap.converged,
    },
  };
}
