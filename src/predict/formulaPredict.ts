/**
 * Predictions of a fitted formula model from its draws (no refitting), for the fitted rows or new
 * data: the linear predictor (brms's posterior_linpred), the expected response (posterior_epred),
 * response draws (posterior_predict) and the pointwise log-likelihood (log_lik, for PSIS-LOO). Each
 * returns draws × rows. The `*FromDraws` forms take any Draws with brms's names (e.g. read back from
 * the CSVs of `hbayes fit --out`); the `posterior*` forms take a `Fit` and its `FormulaModel`.
 */
import type { Fit } from "../api/fitResult.js";
import type { FormulaModel } from "../api/formulaFit.js";
import { UserError } from "../errors.js";
import type { FormulaData } from "../formula/data.js";
import type { FormulaDesign } from "../formula/design.js";
import type { Draws } from "../posterior/draws.js";
import { dparLinpredDraws, linpredDraws } from "./linpred.js";
import { epredFromLinpred, logLikFromLinpred, predictFromLinpred } from "./response.js";
import { newDataRows, trainingRows, type PredictRows } from "./rows.js";
import { resolvePredictOptions, type DrawMatrix, type PredictOptions } from "./types.js";

/** `log_lik`: brms's log_lik(fit, newdata), the rows scored against their own response and addition terms. */
export type PredictionType = "linpred" | "epred" | "predict" | "log_lik";
export const PREDICTION_TYPES: readonly PredictionType[] = Object.freeze(["linpred", "epred", "predict", "log_lik"]);

function rowsFor(design: FormulaDesign, newdata: FormulaData | undefined, allowNewLevels: boolean): PredictRows {
  return newdata === undefined ? trainingRows(design) : newDataRows(design, newdata, allowNewLevels);
}

/** Draws × rows of the chosen prediction type; `newdata` undefined means the fitted rows. */
export function predictFromDraws(
  draws: Draws,
  design: FormulaDesign,
  type: PredictionType,
  newdata?: FormulaData,
  options: PredictOptions = {},
): DrawMatrix & { readonly rows: Int32Array } {
  if (!PREDICTION_TYPES.includes(type)) throw new UserError(`predict: type must be one of ${PREDICTION_TYPES.join(", ")}, got ${JSON.stringify(type)}`);
  const o = resolvePredictOptions(options);
  if (type === "linpred" && design.family.name === "categorical") {
    throw new UserError("predict: linpred is not available for the categorical family (it has one predictor per category after the first); epred gives each category's probability");
  }
  const rows = rowsFor(design, newdata, o.allowNewLevels);
  const eta = linpredDraws(draws, design, rows, o);
  const parts = type === "linpred" ? [] : dparLinpredDraws(draws, design, rows, o);
  const out =
    type === "linpred"
      ? eta
      : type === "epred"
        ? epredFromLinpred(draws, design, rows, eta, parts)
        : type === "predict"
          ? predictFromLinpred(draws, design, rows, eta, o.seed, parts)
          : logLikFromLinpred(draws, design, rows, eta, parts);
  return { ...out, rows: rows.rows };
}

/**
 * Pointwise log-likelihood, draws × rows, for `psisLoo(m, { chainIds: m.chainIds })`: of the fitted rows,
 * or (brms's `log_lik(fit, newdata)`) of new rows scored against their own response, cens() codes,
 * weights and trunc() bounds, read from `newdata`'s columns.
 */
export function logLikFromDraws(draws: Draws, design: FormulaDesign, newdata?: FormulaData, options: PredictOptions = {}): DrawMatrix & { readonly rows: Int32Array } {
  return predictFromDraws(draws, design, "log_lik", newdata, options);
}

type ModelLike = Pick<FormulaModel, "design">;

/** The fit's own seed unless one is given, so a fit's predictions are reproducible without saying so. */
function withSeed(fit: Fit, options: PredictOptions): PredictOptions {
  return options.seed === undefined ? { ...options, seed: fit.result.settings.seed } : options;
}

export function posteriorLinpred(fit: Fit, model: ModelLike, newdata?: FormulaData, options: PredictOptions = {}): DrawMatrix {
  return predictFromDraws(fit.draws, model.design, "linpred", newdata, withSeed(fit, options));
}

export function posteriorEpred(fit: Fit, model: ModelLike, newdata?: FormulaData, options: PredictOptions = {}): DrawMatrix {
  return predictFromDraws(fit.draws, model.design, "epred", newdata, withSeed(fit, options));
}

export function posteriorPredict(fit: Fit, model: ModelLike, newdata?: FormulaData, options: PredictOptions = {}): DrawMatrix {
  return predictFromDraws(fit.draws, model.design, "predict", newdata, withSeed(fit, options));
}

export function logLikFormula(fit: Fit, model: ModelLike, newdata?: FormulaData, options: PredictOptions = {}): DrawMatrix {
  return logLikFromDraws(fit.draws, model.design, newdata, withSeed(fit, options));
}
