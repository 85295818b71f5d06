/**
 * A generalised linear mixed model, ready to become IR: the design (X, per-group Z and index),
 * the family, and fully resolved priors. The formula layer produces it from text and a data frame;
 * pooling comparisons produce variants of it. Names here are labels for output only.
 */

import type { GlmmNonlinear } from "./nonlinearTypes.js";

/** A prior in Stan's parametrisation, or flat (improper, no statement). `lkj` takes [eta]. */
export type PriorSpec = { readonly family: "flat" } | { readonly family: string; readonly args: readonly number[] };

export const GLMM_FAMILIES = [
  "gaussian",
  "student",
  "binomial",
  "bernoulli",
  "poisson",
  "negbinomial",
  "gamma",
  "lognormal",
  "weibull",
  "exponential",
  "beta",
  "zero_inflated_poisson",
  "zero_inflated_negbinomial",
  "hurdle_poisson",
  "hurdle_negbinomial",
  "hurdle_gamma",
  "hurdle_lognormal",
  "cumulative",
  "categorical",
] as const;
export type GlmmFamily = (typeof GLMM_FAMILIES)[number];

/** Families whose rows may be censored (brms's `cens()`) or truncated (`trunc()`): their likelihoods have log CDFs with gradients. */
export const CENSORED_GLMM_FAMILIES: readonly GlmmFamily[] = Object.freeze(["gaussian", "student", "lognormal", "weibull", "exponential", "gamma", "poisson", "negbinomial", "binomial"] as GlmmFamily[]);

/** Families whose response is a whole number (successes, counts): the IR takes y as int data, a PPC plots bars. */
export const DISCRETE_FAMILIES: ReadonlySet<GlmmFamily> = new Set<GlmmFamily>([
  "binomial",
  "bernoulli",
  "poisson",
  "negbinomial",
  "zero_inflated_poisson",
  "zero_inflated_negbinomial",
  "hurdle_poisson",
  "hurdle_negbinomial",
  "cumulative",
  "categorical",
]);

export interface GlmmGroup {
  /** The grouping factor as brms names it: `county`, `g1:g2`. */
  readonly name: string;
  readonly levels: readonly string[];
  /** 1-based level code per row. */
  readonly index: Int32Array;
  /** Term names: `Intercept`, `x`. */
  readonly terms: readonly string[];
  /** One column per term, one value per row (a column of ones for `Intercept`). */
  readonly Z: readonly Float64Array[];
  readonly correlated: boolean;
  /** One per term (half-distributions: the parameter is bounded below by 0). */
  readonly sdPriors: readonly PriorSpec[];
  /** LKJ prior on the correlation (family "lkj", args [eta]); used when correlated with ≥ 2 terms. */
  readonly corPrior: PriorSpec;
  /**
   * A varying intercept with a known population: a_j ~ normal(mean, sd) independently, no sd or
   * correlation parameters — i.e. one coefficient per level with a fixed prior (no pooling), stored
   * as an index rather than as indicator columns. Outputs are named `b_<group><level>`, as R names
   * indicator columns. Only for an `Intercept`-only term.
   */
  readonly fixed?: { readonly mean: number; readonly sd: number };
  /**
   * brms's `gr(g, cov = A)`: the lower Cholesky factor of the known covariance across levels (J × J
   * row-major, levels in `levels`' order). Each term's z is then multiplied by it, r = (Lcov ⊗ diag(sd)·L) z.
   */
  readonly Lcov?: Float64Array;
}

export interface GlmmSpec {
  readonly family: GlmmFamily;
  /** Number of rows (observations). */
  readonly n: number;
  readonly y: Float64Array;
  /** Binomial trials per row. */
  readonly trials?: Float64Array;
  /** Known standard errors (gaussian with `se()`): no residual sd is estimated. */
  readonly se?: Float64Array;
  readonly offset?: Float64Array;
  /** Per-row likelihood weights ≥ 0 (brms's `weights()`: `target += w[n] * lpdf`). */
  readonly weights?: Float64Array;
  /** Per-row censoring (brms's `cens()`): codes −1 left, 0 none, 1 right, 2 interval; upper bounds of interval rows. */
  readonly cens?: { readonly code: Int32Array; readonly upper?: Float64Array };
  /** Per-row truncation bounds (brms's `trunc(lb, ub)`), at least one given: the row's density over P(lb ≤ Y ≤ ub). */
  readonly trunc?: { readonly lower?: Float64Array; readonly upper?: Float64Array };
  /** The intercept (on the scale of centred predictors, as brms), or null for `0 +` models. */
  readonly intercept: { readonly prior: PriorSpec; readonly thresholdPriors?: readonly PriorSpec[] } | null;
  /** Population-level predictors without the intercept column. */
  readonly X: {
    readonly names: readonly string[];
    /** n × p, row-major. */
    readonly values: Float64Array;
    /** Column means, subtracted when there is an intercept (brms centres X). */
    readonly means: Float64Array;
    readonly priors: readonly PriorSpec[];
  };
  readonly groups: readonly GlmmGroup[];
  /** brms's s() terms' penalised parts: s = sds · zs, zs ~ N(0, 1), eta += Zs · s (their Xs are columns of X). */
  readonly smooths?: readonly GlmmSmooth[];
  /** brms's monotonic terms mo(x): eta += bsp · D · Σ_{k ≤ code} simo_k (src/glmm/monotonicIr.ts). */
  readonly monotonic?: readonly GlmmMonotonic[];
  /**
   * The cumulative family: link and the K category labels (y holds codes 1 … K). The intercept is then
   * the K − 1 ordered thresholds (on the centred-predictor scale, as brms) and its prior applies to each.
   */
  readonly ordinal?: { readonly link: "logit" | "probit"; readonly categories: readonly string[] };
  /**
   * The categorical family: the K category labels (y holds codes 1 … K, the first the reference with
   * η = 0) and one linear predictor per other category, brms's `mu<label>` parts. The mean's own
   * intercept, X and groups are then empty.
   */
  readonly categorical?: { readonly categories: readonly string[]; readonly mus: readonly GlmmCategoricalMu[] };
  /** Priors of the family's own parameters that it uses as constants: sigma, shape, nu, phi, zi, hu. */
  readonly auxPriors: Readonly<Partial<Record<AuxName, PriorSpec>>>;
  /**
   * brms's distributional formulas: family parameters with their own linear predictor (population
   * and group level), per row through the parameter's link (DPAR_LINK). A modelled parameter has no auxPrior.
   */
  readonly dpars?: Readonly<Partial<Record<AuxName, GlmmDpar>>>;
  /** brms's non-linear formulas (nl = TRUE): the predictor is this expression of parameters with their own linear formulas. */
  readonly nonlinear?: GlmmNonlinear;
}

/** One smooth's penalised block (brms's Zs_1_1, sds_1_1, zs_1_1), output names `sds_sx_1`, `s_sx_1[j]`. */
export interface GlmmSmooth {
  /** brms's label: `sx`. */
  readonly label: string;
  /** n × q row-major. */
  readonly Zs: Float64Array;
  readonly q: number;
  /** Names of the smooth's unpenalised columns in X (`sx_1`), printed `bs_sx_1`. */
  readonly xsNames: readonly string[];
  readonly sdsPrior: PriorSpec;
  /** brms's basis number within the term (the `_1` of `sds_sx_1`; t2's blocks 1 … 3); 1 when absent. */
  readonly nb?: number;
}

/**
 * One monotonic term, `mo(x)` or an interaction `mo(x):z`, `mo(x1):mo(x2)`: brms's label (`mox:z`, outputs
 * `bsp_mox:z`, `simo_mox:z1[k]`), per mo() call its codes 0 … D and simplex prior, the numeric columns' product.
 */
export interface GlmmMonotonic {
  readonly label: string;
  readonly parts: readonly { readonly D: number; readonly codes: Int32Array; readonly simoAlpha: readonly number[] }[];
  /** The product of the term's numeric columns per row (absent without any). */
  readonly covariate?: Float64Array;
  readonly bspPrior: PriorSpec;
}

/** One modelled family parameter: intercept (centred predictors, as brms), predictors and group terms. */
export interface GlmmDpar {
  readonly intercept: { readonly prior: PriorSpec } | null;
  /** Group terms of the part (`sigma ~ (1 | g)`), non-centred as the mean's; outputs `sd_g__sigma_Intercept`, `r_g__sigma[a,Intercept]`. */
  readonly groups?: readonly GlmmGroup[];
  /** s() terms of the part (`sigma ~ s(x)`), labelled `sigma_sx` (outputs `sds_sigma_sx_1`); their Xs are columns of X (`bs_sigma_sx_1`). */
  readonly smooths?: readonly GlmmSmooth[];
  readonly X: {
    readonly names: readonly string[];
    /** n × p, row-major. */
    readonly values: Float64Array;
    /** Column means, subtracted when there is an intercept. */
    readonly means: Float64Array;
    readonly priors: readonly PriorSpec[];
  };
}

/** One non-reference category's predictor: brms's dpar name (`muB`) and its parts, as a distributional formula's. */
export interface GlmmCategoricalMu extends GlmmDpar {
  readonly name: string;
}

/** brms's links of distributional parameters: log (> 0), logm1 (nu = 1 + exp(eta) > 1), logit (probabilities). */
export const DPAR_LINK: Readonly<Record<AuxName, "log" | "logm1" | "logit">> = Object.freeze({ sigma: "log", shape: "log", phi: "log", nu: "logm1", zi: "logit", hu: "logit" });

export type AuxName = "sigma" | "shape" | "nu" | "phi" | "zi" | "hu";

/** Which auxiliary parameters a family has (before `se()` removes sigma), and their lower bounds. */
export const FAMILY_AUX: Readonly<Record<GlmmFamily, readonly AuxName[]>> = Object.freeze({
  gaussian: ["sigma"],
  student: ["sigma", "nu"],
  binomial: [],
  bernoulli: [],
  poisson: [],
  negbinomial: ["shape"],
  gamma: ["shape"],
  lognormal: ["sigma"],
  weibull: ["shape"],
  exponential: [],
  beta: ["phi"],
  zero_inflated_poisson: ["zi"],
  zero_inflated_negbinomial: ["shape", "zi"],
  hurdle_poisson: ["hu"],
  hurdle_negbinomial: ["shape", "hu"],
  hurdle_gamma: ["shape", "hu"],
  hurdle_lognormal: ["sigma", "hu"],
  // The thresholds are the intercept (an ordered vector); disc is fixed at 1 as brms's default.
  cumulative: [],
  // One predictor per non-reference category (GlmmSpec.categorical), no family parameters.
  categorical: [],
});

export const AUX_LOWER: Readonly<Record<AuxName, number>> = Object.freeze({ sigma: 0, shape: 0, nu: 1, phi: 0, zi: 0, hu: 0 });
/** Upper bounds (the probabilities zi and hu live in (0, 1)); the rest are unbounded above. */
export const AUX_UPPER: Readonly<Partial<Record<AuxName, number>>> = Object.freeze({ zi: 1, hu: 1 });
