/**
 * Predictions of a truncated model (brms's trunc(lb, ub)): response draws from the truncated
 * distribution (brms's posterior_predict does the same, by inverse CDF for continuous families and by
 * up to 5 rejections for counts; here inverse CDF or uncapped-in-effect rejection, see
 * src/distributions/truncated.ts), means E[Y | lb ≤ Y ≤ ub] (brms's posterior_epred_trunc_*), and the
 * log_lik reduction log P(lb ≤ Y ≤ ub) of the compiled likelihood. Family parameters as
 * src/glmm/buildIr.ts maps brms's (mu, sigma, shape, trials) to the IR's.
 */
import { UserError } from "../errors.js";
import type { FormulaDesign } from "../formula/design.js";
import type { FamilyName } from "../formula/families.js";
import type { Node } from "../formula/ast.js";
import { truncatedLogNormaliser, truncatedMean, truncatedRng } from "../distributions/truncated.js";
import type { Rng } from "../random/rng.js";
import { weibullScale, type AuxValues, type RowExtras } from "./families.js";

/** The IR family and its (up to two) arguments for a row. */
function irFamily(family: FamilyName, eta: number, aux: AuxValues, row: RowExtras): [string, number, number, number] {
  switch (family) {
    case "student":
      return ["student_t", aux.nu, eta, aux.sigma];
    case "gaussian":
      return ["normal", eta, Number.isNaN(row.se) ? aux.sigma : row.se, 0];
    case "lognormal":
      return ["lognormal", eta, aux.sigma, 0];
    case "weibull":
      return ["weibull", aux.shape, weibullScale(eta, aux.shape), 0];
    case "exponential":
      return ["exponential", Math.exp(-eta), 0, 0];
    case "gamma":
      return ["gamma", aux.shape, aux.shape * Math.exp(-eta), 0];
    case "poisson":
      return ["poisson_log", eta, 0, 0];
    case "negbinomial":
      return ["neg_binomial_2_log", eta, aux.shape, 0];
    case "binomial":
      return ["binomial_logit", row.trials, eta, 0];
    default:
      throw new Error(`predict: family ${family} has no truncated form`);
  }
}

/** Each prediction row's bounds (±Infinity where not given), or null for an untruncated model. */
export interface TruncBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** A bound written as a number (`trunc(lb = 0)`, `trunc(ub = -1.5)`), or null for a column or expression. */
function constantBound(node: Node | undefined): number | null {
  if (!node) return null;
  if (node.kind === "num") return node.value;
  if (node.kind === "paren") return constantBound(node.inner);
  if (node.kind === "unary") {
    const v = constantBound(node.arg);
    return v === null ? null : node.op === "-" ? -v : v;
  }
  return null;
}

/**
 * The bounds of the fitted rows, or for new rows (also of a saved model) the bounds written as numbers
 * in the formula; a column bound the new rows would have to carry is refused with what to do.
 */
export function truncBounds(design: FormulaDesign, n: number): TruncBounds | null {
  const r = design.encoding.parsed.response;
  const nodes = [r?.truncLower, r?.truncUpper];
  if (!nodes[0] && !nodes[1]) return null;
  const fitted = [design.response.truncLower, design.response.truncUpper];
  const training = n === design.n && design.n > 0;
  const rowsOf = (k: 0 | 1): Float64Array => {
    const none = k === 0 ? -Infinity : Infinity;
    if (!nodes[k]) return new Float64Array(n).fill(none);
    const b = fitted[k];
    if (training && b) return b;
    const c = constantBound(nodes[k]);
    if (c === null) throw new UserError("predictions for new data of a model whose trunc() bound is a column are not supported yet: predict the fitted rows, or refit with bounds written as numbers");
    return new Float64Array(n).fill(c);
  };
  return { lower: rowsOf(0), upper: rowsOf(1) };
}

export function truncatedEpredValue(family: FamilyName, lo: number, hi: number, eta: number, aux: AuxValues, row: RowExtras): number {
  const [f, a, b, c] = irFamily(family, eta, aux, row);
  return truncatedMean(f, lo, hi, a, b, c);
}

export function truncatedPredictValue(rng: Rng, family: FamilyName, lo: number, hi: number, eta: number, aux: AuxValues, row: RowExtras): number {
  const [f, a, b, c] = irFamily(family, eta, aux, row);
  return truncatedRng(rng, f, lo, hi, a, b, c);
}

/** log P(lb ≤ Y ≤ ub) of the row's distribution: what its log_lik is reduced by (not weighted, as brms's Stan code). */
export function truncatedLogLikOffset(family: FamilyName, lo: number, hi: number, eta: number, aux: AuxValues, row: RowExtras): number {
  const [f, a, b, c] = irFamily(family, eta, aux, row);
  return truncatedLogNormaliser(f, lo, hi, a, b, c);
}
