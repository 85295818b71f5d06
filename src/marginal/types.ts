/**
 * Plans for analytic marginalisation: plain data (structured-cloneable), so a Worker can receive the
 * reduced program, its data and the plan, and rebuild the marginal log density itself.
 */
import type { Program, ProgramData } from "../ir/types.js";

/** The conjugate pairs hbayes integrates out: group prior × likelihood of the group's observations. */
export type ConjugateKind = "normal_normal" | "poisson_gamma" | "binomial_beta";

export const CONJUGATE_KINDS: readonly ConjugateKind[] = Object.freeze(["normal_normal", "poisson_gamma", "binomial_beta"]);

/**
 * One value the marginal density reads from the rest of the model: an expression of the remaining
 * parameters, computed as a transformed parameter of the reduced program (`tparam`), whose adjoint is
 * fed back through a data slot (`adjointSlot`) read by a `target += adjoint · value` statement.
 */
export interface MarginalInput {
  /** Role, e.g. "loc", "scale", "eta", "sigma", "shape", "rate", "a", "b". */
  readonly role: string;
  readonly tparam: number;
  readonly adjointSlot: number;
  /** 1 for a scalar, else the number of groups or observations it varies over. */
  readonly length: number;
}

export interface MarginalBlock {
  readonly kind: ConjugateKind;
  /** The integrated-out parameter's name in the user's program (a vector of `groups` elements). */
  readonly name: string;
  readonly groups: number;
  readonly observations: number;
  /** 0-based group of each observation. */
  readonly group: Int32Array;
  /** Outcomes per observation: gaussian values, counts, or successes. */
  readonly y: Float64Array;
  /** Poisson exposure or binomial trials per observation; for a linear normal_normal block, x (n × linear). */
  readonly weight: Float64Array;
  /**
   * normal_normal with η = offset + Σ_k c_k x_k and one σ (linearEta.ts): the number K of columns. Then
   * `y` holds y − offset, `weight` the columns, and the inputs are loc, scale, sigma and K coefficients.
   */
  readonly linear?: number;
  /** The data-only part of the marginal log density (e.g. −Σ log y_i!), added once. */
  readonly constant: number;
  readonly inputs: readonly MarginalInput[];
  /** Correlated effects per group (normalCorrelated.ts); then `linear` is the number of X columns. */
  readonly correlated?: CorrelatedEffects;
  /** A second, crossed or nested, intercept integrated out with this one (normalCrossed.ts). */
  readonly crossed?: CrossedEffects;
}

/**
 * Two gaussian varying intercepts a (this block's `name`, `groups`, `group`) and b (here) in one
 * likelihood, y = xβ + α[a] + γ[b] + ε with α ~ N(loc_a, τ_a), γ ~ N(loc_b, τ_b). Inputs of such a
 * block, in order: sigma, scale_a, scale_b, loc_a, loc_b, then `linear` coefficients β.
 */
export interface CrossedEffects {
  /** The second intercept's name in the user's program (a vector of `groups` elements). */
  readonly name: string;
  readonly groups: number;
  /** 0-based level of the second factor for each observation. */
  readonly group: Int32Array;
}

/**
 * Group effects b_j = C ζ_j with ζ_j ~ N(0, I_K) (brms: C = diag(sd) L, ζ = z) entering row i as
 * Σ_m Z_im b_{g[i],m}. Inputs of such a block, in order: sigma, the entries of C listed in `cEntries`,
 * then `linear` coefficients β.
 */
export interface CorrelatedEffects {
  /** Effects per group (columns of Z). */
  readonly effects: number;
  /** Standard-normal coordinates per group (columns of C). */
  readonly dims: number;
  /** n × effects, row-major. */
  readonly z: Float64Array;
  /** Position m·dims + k in C of each C input, in input order; the other entries are 0. */
  readonly cEntries: Int32Array;
  /** Output names (without `[j]`) of the effects b_{·,m} and of the coordinates ζ_{·,k}. */
  readonly effectNames: readonly string[];
  readonly coordNames: readonly string[];
  /**
   * A DSL matrix parameter b rewritten by mvnShape.ts: the output names, group-major, of the
   * coordinates (hidden, `b.condZ__[j,k]`, listed last in hiddenNames) and of the effects (the user's
   * `b[j,m]`), in place of `coord[j]` and `effect[j]`.
   */
  readonly slots?: {
    readonly coords: readonly string[];
    readonly effects: readonly string[];
    /** Per effect, the output name of b's mean, added to C ζ in each draw (absent: zero mean). */
    readonly offsets?: readonly string[];
  };
}

export interface MarginalPlan {
  /** The program without the integrated-out parameters, plus input tparams and adjoint slots. */
  readonly program: Program;
  readonly data: ProgramData;
  readonly blocks: readonly MarginalBlock[];
  /** Output names of the user's program (what the fit reports), in order. */
  readonly outputNames: readonly string[];
  /** brms-style groups rewritten before planning (glmmShape.ts): output names of z, r and the scale. */
  readonly nonCentred?: readonly { readonly z: string; readonly r: string; readonly scale: string }[];
}

/** What was (or was not) integrated out, for the fit's report. */
export interface MarginalChoice {
  readonly param: string;
  readonly kind: ConjugateKind;
  readonly groups: number;
  /** Correlated normal–normal blocks only: effects per group (e.g. 2 for intercept and slope). */
  readonly effects?: number;
  /** Crossed or nested intercepts: the other parameter integrated out jointly with this one. */
  readonly crossedWith?: string;
}
