/**
 * Plug-in (empirical Bayes) versus full Bayes for the gaussian varying-intercept model
 * y ~ x + (1 | g), any number of population-level predictors (none: y ~ 1 + (1 | g)), with σ
 * estimated or known standard errors (`se()`): (β, σ, τ) at lme4's REML estimates (remlGaussian,
 * exact), then each group's intercept α + b_j has an exact normal conditional posterior given σ̂, τ̂
 * with β integrated under a flat prior (the same integral REML does; for y ~ 1 + (1 | g) with known
 * standard errors this is BDA3 eqs. 5.17–5.21). Its interval ignores all uncertainty in τ and σ,
 * which is the point of the comparison: τ̂ can be exactly 0 (eight schools) while the posterior of τ
 * keeps most of its mass away from 0. The shared per-group comparison against the partial-pooling
 * fit is here too (pluginGlmm.ts uses it for the other families).
 */
import type { Fit } from "../api/fitResult.js";
import type { GlmmSpec } from "../glmm/types.js";
import { quantileSorted } from "../plots/quantile.js";
import { remlGaussian, type RemlGaussianFit, type RemlGaussianOptions } from "./remlGaussian.js";
import { inverseLinkInPlace } from "./responseScale.js";
import { interval } from "./summarise.js";
import type { Interval } from "./types.js";
import { pooledGroup, type PoolingFamily } from "./variants.js";

/** Φ⁻¹(0.95): the plug-in intervals are exact normal 90 % intervals. */
const Z95 = 1.6448536269514722;

export interface PluginGroup {
  readonly group: string;
  readonly plugin: Interval;
  readonly full_bayes: Interval;
  /** (q95 − q5) plug-in / (q95 − q5) full Bayes: below 1 means the plug-in interval is narrower. */
  readonly width_ratio: number;
}

export interface PluginVsFullBayes {
  readonly method: string;
  /** The plug-in τ̂ (0 when the marginal likelihood peaks at the boundary). */
  readonly tau_plugin: number;
  /** The plug-in σ̂ (null with known standard errors, and for the non-gaussian families). */
  readonly sigma_plugin: number | null;
  /**
   * τ̂ = 0 (a singular fit): every plug-in group interval is then the population's and says nothing
   * about between-group variation, so read `tau_posterior`, the full posterior of the group sd, instead.
   */
  readonly singular: boolean;
  /** The posterior of the group sd (full Bayes), with its median. */
  readonly tau_posterior: Interval & { readonly q50: number };
  readonly groups: readonly PluginGroup[];
  readonly median_width_ratio: number;
}

/**
 * Per group: the full-Bayes interval of the group's linear predictor at the predictor means
 * (b_Intercept + Σ b_k x̄_k + r_j, through the inverse link) next to the given plug-in interval,
 * and the posterior of the group sd.
 */
export function comparePluginGroups(
  spec: GlmmSpec,
  partialFit: Fit,
  plugin: (j: number) => Interval,
): Pick<PluginVsFullBayes, "groups" | "tau_posterior" | "median_width_ratio"> {
  const g = pooledGroup(spec);
  const family = spec.family as PoolingFamily;
  const intercept = partialFit.get("b_Intercept");
  spec.X.names.forEach((name, k) => {
    const b = partialFit.get(`b_${name}`);
    for (let d = 0; d < intercept.length; d++) intercept[d] += b[d] * spec.X.means[k];
  });
  const groups: PluginGroup[] = g.levels.map((level, j) => {
    const r = partialFit.get(`r_${g.name}[${level},Intercept]`);
    for (let d = 0; d < r.length; d++) r[d] += intercept[d];
    const full = interval(inverseLinkInPlace(family, r));
    const pl = plugin(j);
    return { group: level, plugin: pl, full_bayes: full, width_ratio: (pl.q95 - pl.q5) / (full.q95 - full.q5) };
  });
  const sdDraws = partialFit.get(`sd_${g.name}__Intercept`);
  const sorted = Float64Array.from(sdDraws).sort();
  const ratios = groups.map((x) => x.width_ratio).sort((a, b) => a - b);
  const mid = ratios.length / 2;
  return {
    groups,
    tau_posterior: { ...interval(sdDraws), q50: quantileSorted(sorted, 0.5) },
    median_width_ratio: ratios.length % 2 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2,
  };
}

export const PLUGIN_METHOD =
  "intercept, slopes, σ and group sd at lme4's REML estimates (lmer's default; exact marginal likelihood, β and σ profiled out, root of the analytic derivative in log(τ/σ), τ = 0 checked exactly); group intervals are exact normal 90 % intervals of each group's intercept given σ̂ and τ̂, with β integrated under a flat prior as REML does";

export type PluginVsFullBayesGaussian = PluginVsFullBayes & {
  /** The plug-in fit itself (lmer's estimates) and each group's BLUP and conditional sd (lme4's ranef, condVar). */
  readonly reml: Pick<RemlGaussianFit, "reml" | "alpha" | "interceptUncentred" | "sigma" | "tau" | "logLik" | "logLikTau0" | "singular" | "converged"> & {
    readonly beta: Readonly<Record<string, number>>;
    readonly ranef_mode: readonly number[];
    readonly ranef_cond_sd: readonly number[];
  };
};

/** The plug-in analysis of a gaussian spec against the partial-pooling fit of the same spec. */
export function pluginVsFullBayes(spec: GlmmSpec, partialFit: Fit, options: RemlGaussianOptions = {}): PluginVsFullBayesGaussian {
  const fit = remlGaussian(spec, options);
  const compared = comparePluginGroups(spec, partialFit, (j) => ({
    mean: fit.groupMean[j],
    q5: fit.groupMean[j] - Z95 * fit.groupSd[j],
    q95: fit.groupMean[j] + Z95 * fit.groupSd[j],
  }));
  return {
    method: PLUGIN_METHOD,
    tau_plugin: fit.tau,
    sigma_plugin: fit.sigma,
    singular: fit.singular,
    ...compared,
    reml: {
      reml: fit.reml,
      alpha: fit.alpha,
      interceptUncentred: fit.interceptUncentred,
      beta: Object.fromEntries(fit.betaNames.map((n, k) => [n, fit.beta[k]])),
      sigma: fit.sigma,
      tau: fit.tau,
      logLik: fit.logLik,
      logLikTau0: fit.logLikTau0,
      singular: fit.singular,
      converged: fit.converged,
      ranef_mode: Array.from(fit.modes),
      ranef_cond_sd: Array.from(fit.condSd),
    },
  };
}
