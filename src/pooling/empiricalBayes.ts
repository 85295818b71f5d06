/**
 * Plug-in (empirical Bayes) versus full Bayes for the gaussian varying-intercept model
 * y_ij ~ normal(θ_j, σ), θ_j ~ normal(μ, τ): τ is fixed at the maximum of its marginal likelihood
 * with μ integrated out under a flat prior (BDA3 eq. 5.21 — the restricted likelihood; equivalently
 * the posterior mode of τ under a uniform prior), found by a grid over log τ refined by golden
 * section. Given τ̂, each θ_j has an exact normal conditional posterior (BDA3 eqs. 5.17–5.20, μ
 * integrated); its interval ignores all uncertainty in τ, which is the point of the comparison: τ̂
 * can be exactly 0 (eight schools) while the posterior of τ keeps most of its mass away from 0.
 */
import type { Fit } from "../api/fitResult.js";
import { UserError } from "../errors.js";
import { gridGoldenMax } from "../math/gridGoldenMax.js";
import type { GlmmSpec } from "../glmm/types.js";
import { quantileSorted } from "../plots/quantile.js";
import { interval } from "./summarise.js";
import type { Interval } from "./types.js";
import { pooledGroup } from "./variants.js";

/** Φ⁻¹(0.95): the plug-in intervals are exact normal 90 % intervals. */
const Z95 = 1.6448536269514722;

/** Per-group sufficient statistics: ȳ_j and its sampling variance s_j² (given σ). */
export interface GroupMeans {
  readonly ybar: Float64Array;
  readonly s2: Float64Array;
  /** The residual sd used: null when the spec gives known standard errors (`se`). */
  readonly sigma: number | null;
}

/**
 * With known standard errors: precision-weighted means, s_j² = 1 / Σ 1/se_i² (exact). Otherwise
 * σ is plugged in as the pooled within-group sd √(Σ (y_ij − ȳ_j)² / (N − J)) and s_j² = σ²/n_j,
 * which needs at least one group with two rows.
 */
export function groupMeans(spec: GlmmSpec): GroupMeans {
  if (spec.family !== "gaussian") throw new UserError(`empiricalBayes: only the gaussian family is supported, got ${spec.family}`);
  const g = pooledGroup(spec);
  if (spec.X.names.length > 0) throw new UserError(`empiricalBayes: only y ~ 1 + (1 | ${g.name}) is supported (no other predictors), got ${spec.X.names.join(", ")}`);
  if (spec.offset) throw new UserError("empiricalBayes: models with an offset are not supported");
  const J = g.levels.length;
  const sumW = new Float64Array(J);
  const sumWy = new Float64Array(J);
  for (let i = 0; i < spec.n; i++) {
    const w = spec.se ? 1 / (spec.se[i] * spec.se[i]) : 1;
    sumW[g.index[i] - 1] += w;
    sumWy[g.index[i] - 1] += w * spec.y[i];
  }
  for (let j = 0; j < J; j++) if (sumW[j] === 0) throw new UserError(`empiricalBayes: level ${g.levels[j]} of ${g.name} has no rows`);
  const ybar = Float64Array.from(sumWy, (s, j) => s / sumW[j]);
  if (spec.se) return { ybar, s2: Float64Array.from(sumW, (w) => 1 / w), sigma: null };
  let ss = 0;
  for (let i = 0; i < spec.n; i++) ss += (spec.y[i] - ybar[g.index[i] - 1]) ** 2;
  if (spec.n - J < 1) throw new UserError("empiricalBayes: σ cannot be estimated: every group has a single row (give known standard errors with se())");
  const sigma = Math.sqrt(ss / (spec.n - J));
  return { ybar, s2: Float64Array.from(sumW, (nj) => (sigma * sigma) / nj), sigma };
}

/** log p(τ | ȳ) up to a constant, μ integrated with a flat prior, uniform prior on τ (BDA3 eq. 5.21). */
export function logMarginalTau(tau: number, ybar: Float64Array, s2: Float64Array): number {
  const t2 = tau * tau;
  let prec = 0;
  let py = 0;
  for (let j = 0; j < ybar.length; j++) {
    const w = 1 / (s2[j] + t2);
    prec += w;
    py += w * ybar[j];
  }
  const muHat = py / prec;
  let lp = -0.5 * Math.log(prec);
  for (let j = 0; j < ybar.length; j++) {
    const v = s2[j] + t2;
    lp += -0.5 * Math.log(v) - (0.5 * (ybar[j] - muHat) ** 2) / v;
  }
  return lp;
}

/** Grid points over log τ before the golden-section refinement (guards against a second mode). */
export const TAU_GRID = 200;

/**
 * The maximiser of logMarginalTau over τ ≥ 0: τ = 0 is tried exactly; the interior search spans
 * log τ ∈ [log(1e-6 · S), log(100 · S)] with S the larger of sd(ȳ) and max s_j, a grid of TAU_GRID
 * points then golden section (to 1e-10 in log τ) around the best one.
 */
export function marginalTauMode(ybar: Float64Array, s2: Float64Array): { tau: number; logMarginal: number } {
  if (ybar.length < 2) throw new UserError(`empiricalBayes: τ needs at least two groups, got ${ybar.length}`);
  const J = ybar.length;
  let m = 0;
  for (let j = 0; j < J; j++) m += ybar[j] / J;
  let v = 0;
  for (let j = 0; j < J; j++) v += (ybar[j] - m) ** 2 / (J - 1);
  const S = Math.max(Math.sqrt(v), Math.sqrt(Math.max(...s2)));
  const lo = Math.log(1e-6 * S);
  const hi = Math.log(100 * S);
  const peak = gridGoldenMax((u) => logMarginalTau(Math.exp(u), ybar, s2), lo, hi, TAU_GRID, 1e-10);
  const interior = { tau: Math.exp(peak.x), logMarginal: peak.fx };
  const atZero = logMarginalTau(0, ybar, s2);
  // The boundary wins ties: at the bottom of the search range the function is flat in log τ.
  return atZero >= interior.logMarginal - 1e-12 ? { tau: 0, logMarginal: atZero } : interior;
}

/** θ_j | τ, ȳ with μ integrated (flat prior): mean and sd (BDA3 eqs. 5.17–5.20). τ = 0 gives θ_j = μ. */
export function conditionalGroupPosterior(tau: number, ybar: Float64Array, s2: Float64Array): { mean: Float64Array; sd: Float64Array } {
  const J = ybar.length;
  const t2 = tau * tau;
  let prec = 0;
  let py = 0;
  for (let j = 0; j < J; j++) {
    prec += 1 / (s2[j] + t2);
    py += ybar[j] / (s2[j] + t2);
  }
  const muHat = py / prec;
  const vMu = 1 / prec;
  const mean = new Float64Array(J);
  const sd = new Float64Array(J);
  for (let j = 0; j < J; j++) {
    // B_j: the weight on μ (the shrinkage factor of the normal model), 1 at τ = 0.
    const B = s2[j] / (s2[j] + t2);
    mean[j] = (1 - B) * ybar[j] + B * muHat;
    sd[j] = Math.sqrt((1 - B) * s2[j] + B * B * vMu);
  }
  return { mean, sd };
}

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

export const PLUGIN_METHOD =
  "τ at the maximum of its marginal likelihood with μ integrated under a flat prior (restricted likelihood; BDA3 eq. 5.21), grid + golden section over log τ, τ = 0 checked exactly; σ, when unknown, plugged in as the pooled within-group sd; group intervals are exact normal 90 % intervals given τ̂";

/** The plug-in analysis of a gaussian spec against the partial-pooling fit of the same spec. */
export function pluginVsFullBayes(spec: GlmmSpec, partialFit: Fit): PluginVsFullBayes {
  const g = pooledGroup(spec);
  const { ybar, s2, sigma } = groupMeans(spec);
  const { tau } = marginalTauMode(ybar, s2);
  const cond = conditionalGroupPosterior(tau, ybar, s2);
  const intercept = partialFit.get("b_Intercept");
  const groups = g.levels.map((level, j) => {
    const r = partialFit.get(`r_${g.name}[${level},Intercept]`);
    for (let d = 0; d < r.length; d++) r[d] += intercept[d];
    const full = interval(r);
    const plugin = { mean: cond.mean[j], q5: cond.mean[j] - Z95 * cond.sd[j], q95: cond.mean[j] + Z95 * cond.sd[j] };
    return { group: level, plugin, full_bayes: full, width_ratio: (plugin.q95 - plugin.q5) / (full.q95 - full.q5) };
  });
  const sdDraws = partialFit.get(`sd_${g.name}__Intercept`);
  const sorted = Float64Array.from(sdDraws).sort();
  const ratios = groups.map((x) => x.width_ratio).sort((a, b) => a - b);
  const mid = ratios.length / 2;
  return {
    method: PLUGIN_METHOD,
    tau_plugin: tau,
    sigma_plugin: sigma,
    singular: tau === 0,
    tau_posterior: { ...interval(sdDraws), q50: quantileSorted(sorted, 0.5) },
    groups,
    median_width_ratio: ratios.length % 2 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2,
  };
}
