/**
 * brms's non-linear formulas (`bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)`): the main
 * formula's right side is an expression in non-linear parameters (each with its own linear formula),
 * data columns and numbers. The expression is plain data built from the parsed tree, never text, so
 * nothing the user wrote reaches generated code.
 */
import type { GlmmGroup, PriorSpec } from "./types.js";

/** Functions of one argument a non-linear expression may call (Stan's names, as brms passes them on). */
export const NL_UNARY = ["exp", "log", "sqrt", "inv_logit", "log1p", "expm1", "square", "inv", "logit", "Phi", "lgamma"] as const;
export type NlUnary = (typeof NL_UNARY)[number] | "neg";

/** An expression of the non-linear predictor, evaluated per row. */
export type NlExpr =
  | { readonly op: "num"; readonly value: number }
  /** The k-th non-linear parameter's linear predictor at the row. */
  | { readonly op: "nlpar"; readonly k: number }
  /** The k-th numeric data column the expression reads, at the row. */
  | { readonly op: "cov"; readonly k: number }
  | { readonly op: "unary"; readonly fn: NlUnary; readonly arg: NlExpr }
  | { readonly op: "binary"; readonly fn: "add" | "sub" | "mul" | "div" | "pow"; readonly a: NlExpr; readonly b: NlExpr };

/** One non-linear parameter's linear formula, uncentred as brms (its intercept is a column of X). */
export interface GlmmNlpar {
  /** `a`: outputs `b_a_Intercept`, `b_a_x`, `sd_g__a_Intercept`, `r_g__a[lvl,Intercept]`. */
  readonly name: string;
  readonly X: {
    /** Column names, `Intercept` first when the formula has one. */
    readonly names: readonly string[];
    /** n × p, row-major. */
    readonly values: Float64Array;
    readonly priors: readonly PriorSpec[];
  };
  /** brms's `lb` / `ub` on the part's coefficients (class b), the same for all of them. */
  readonly lb?: number;
  readonly ub?: number;
  readonly groups: readonly GlmmGroup[];
}

export interface GlmmNonlinear {
  readonly expr: NlExpr;
  /** The data columns the expression reads, one value per row. */
  readonly covariates: readonly Float64Array[];
  readonly nlpars: readonly GlmmNlpar[];
  /**
   * brms's `(… | ID | g)` in several parameters' formulas: their group terms (parameter k's group gi) form
   * one block whose effects are correlated across parameters (one LKJ prior, the first member's corPrior).
   */
  readonly blocks?: readonly { readonly members: readonly { readonly k: number; readonly gi: number }[] }[];
}
