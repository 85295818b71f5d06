import type { Rng } from "../random/rng.js";

/** Where a value lives. `int_range` is 0..N for the first integer argument (binomial's N). */
export type SupportKind =
  | "real"
  | "positive"
  | "nonnegative"
  | "unit"
  | "interval"
  | "nonnegative_int"
  | "binary"
  | "int_range"
  | "vector"
  | "simplex"
  | "cholesky_corr";

/** What an argument may be. `probability` is the closed [0, 1]; `unit` (outcomes) is open (0, 1). */
export type ArgKind = "real" | "positive" | "nonnegative" | "probability" | "nonnegative_int";

/**
 * A scalar family. Arguments follow Stan's order and parametrisation.
 *
 * `lpdf(y, ...args)` is checked: bad arguments throw a DomainError (`normalLpdf: sigma must be
 * positive, got -1`), y outside the support gives -Infinity. `lpdfGrad(y, ...args, d, off)` is the
 * unchecked hot-path form: same value (or -Infinity, never NaN, never throws) and it writes
 * `d[off] = ∂/∂y`, `d[off + 1 + k] = ∂/∂args[k]` (0 for discrete outcomes and integer arguments).
 * The methods are declared with method syntax on purpose, so each family's fixed-arity functions
 * fit this one registry type.
 */
export interface DistributionInfo {
  readonly kind: "univariate";
  /** Stan's name, e.g. `neg_binomial_2_log`. */
  readonly name: string;
  readonly args: readonly string[];
  readonly argSupport: readonly ArgKind[];
  readonly support: SupportKind;
  readonly discrete: boolean;
  lpdf(y: number, ...args: number[]): number;
  lpdfGrad(y: number, ...argsThenDOff: (number | Float64Array)[]): number;
  rng(rng: Rng, ...args: number[]): number;
}

/**
 * A family whose outcome is an array (multi_normal_cholesky, lkj_corr_cholesky, dirichlet). Its
 * functions have family-specific signatures documented in its own file; this record carries the
 * metadata the formula layer and DSL look up.
 */
export interface MultivariateInfo {
  readonly kind: "multivariate";
  readonly name: string;
  readonly args: readonly string[];
  readonly support: SupportKind;
}

export type FamilyInfo = DistributionInfo | MultivariateInfo;
