/**
 * Predictions of a truncated model (brms's trunc(lb, ub)): response draws from the truncated
 * distribution (brms's posterior_predict does the same, by inverse CDF for continuous families and by
 * up to 5 rejections for counts; here inverse CDF or uncapped-in-effect rejection, see
 * src/distributions/truncated.ts), means E[Y | lb ≤ Y ≤ ub] (brms's posterior_epred_trunc_*), and the
 * log_lik reduction log P(lb ≤ Y ≤ ub) of the compiled likelihood. Family parameters as
 * src/glmm/buildIr.ts maps brms's (mu, sigma, shape, trials) to the IR's.
 */
import type { FormulaDesign } from "../formula/design.js";
import type { FamilyName } from "../formula/families.js";
import { frameTrunc } from "../formula/frame.js";
import { truncatedLogNormaliser, truncatedMean, truncatedRng } from "../distributions/truncated.js";
import type { Rng } from "../random/rng.js";
import { weibullScale, type AuxValues, type RowExtras } from "./families.js";
import { newRowsContext, requireColumns } from "./newColumns.js";
import type { PredictRows } from "./rows.js";

/** The IR family's name of a truncatable family (the arguments are written by `irArguments`). */
function irFamilyName(family: FamilyName): string {
  switch (family) {
    case "student":
      return "student_t";
    case "gaussian":
      return "normal";
    case "lognormal":
    case "weibull":
    case "exponential":
    case "gamma":
      return family;
    case "poisson":
      return "poisson_log";
    case "negbinomial":
      return "neg_binomial_2_log";
    case "binomial":
      return "binomial_logit";
    default:
      throw new Error(`predict: family ${family} has no truncated form`);
  }
}

/**
 * The IR family's (up to three) arguments for a row, written into the caller's scratch `args`
 * (length ≥ 3) so that no array is built per row and draw.
 */
function irArguments(family: FamilyName, eta: number, aux: AuxValues, row: RowExtras, args: Float64Array): void {
  args[2] = 0;
  switch (family) {
    case "student":
      args[0] = aux.nu;
      args[1] = eta;
      args[2] = aux.sigma;
      return;
    case "gaussian":
      args[0] = eta;
      args[1] = Number.isNaN(row.se) ? aux.sigma : row.se;
      return;
    case "lognormal":
      args[0] = eta;
      args[1] = aux.sigma;
      return;
    case "weibull":
      args[0] = aux.shape;
      args[1] = weibullScale(eta, aux.shape);
      return;
    case "exponential":
      args[0] = Math.exp(-eta);
      args[1] = 0;
      return;
    case "gamma":
      args[0] = aux.shape;
      args[1] = aux.shape * Math.exp(-eta);
      return;
    case "poisson":
      args[0] = eta;
      args[1] = 0;
      return;
    case "negbinomial":
      args[0] = eta;
      args[1] = aux.shape;
      return;
    case "binomial":
      args[0] = row.trials;
      args[1] = eta;
      return;
    default:
      throw new Error(`predict: family ${family} has no truncated form`);
  }
}

/** A family's truncated forms with one scratch for the IR arguments, reused for every row and draw. */
export interface TruncatedFamily {
  readonly family: FamilyName;
  readonly ir: string;
  readonly args: Float64Array;
}

export function truncatedFamily(family: FamilyName): TruncatedFamily {
  return { family, ir: irFamilyName(family), args: new Float64Array(3) };
}

/** Each prediction row's bounds (±Infinity where not given), or null for an untruncated model. */
export interface TruncBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * Each row's bounds: the fitted rows' from the design; new rows' evaluated on the new data's own
 * columns by the fit-time frameTrunc (same checks: finite, lb < ub; the response is not checked, as
 * new rows need none), as brms reads trunc()'s variables from newdata.
 */
export function truncBounds(design: FormulaDesign, rows: PredictRows): TruncBounds | null {
  const r = design.encoding.parsed.response;
  if (!r || (!r.truncLower && !r.truncUpper)) return null;
  let lower: Float64Array | null;
  let upper: Float64Array | null;
  if (rows.fitted) {
    lower = design.response.truncLower ?? null;
    upper = design.response.truncUpper ?? null;
    if ((r.truncLower && !lower) || (r.truncUpper && !upper)) throw new Error("truncBounds: the design has no bounds for its trunc() term");
  } else {
    const ctx = newRowsContext(rows, "truncBounds");
    if (r.truncLower) requireColumns(ctx, r.truncLower, "the truncation bound trunc(lb = …)");
    if (r.truncUpper) requireColumns(ctx, r.truncUpper, "the truncation bound trunc(ub = …)");
    ({ truncLower: lower, truncUpper: upper } = frameTrunc(ctx, r, null));
  }
  return { lower: lower ?? new Float64Array(rows.n).fill(-Infinity), upper: upper ?? new Float64Array(rows.n).fill(Infinity) };
}

export function truncatedEpredValue(t: TruncatedFamily, lo: number, hi: number, eta: number, aux: AuxValues, row: RowExtras): number {
  irArguments(t.family, eta, aux, row, t.args);
  return truncatedMean(t.ir, lo, hi, t.args[0], t.args[1], t.args[2]);
}

export function truncatedPredictValue(rng: Rng, t: TruncatedFamily, lo: number, hi: number, eta: number, aux: AuxValues, row: RowExtras): number {
  irArguments(t.family, eta, aux, row, t.args);
  return truncatedRng(rng, t.ir, lo, hi, t.args[0], t.args[1], t.args[2]);
}

/** log P(lb ≤ Y ≤ ub) of the row's distribution: what its log_lik is reduced by (not weighted, as brms's Stan code). */
export function truncatedLogLikOffset(t: TruncatedFamily, lo: number, hi: number, eta: number, aux: AuxValues, row: RowExtras): number {
  irArguments(t.family, eta, aux, row, t.args);
  return truncatedLogNormaliser(t.ir, lo, hi, t.args[0], t.args[1], t.args[2]);
}
