/** Predictions from fitted models: formula models (linpred, epred, predict, log_lik; new data and new levels) and DSL models (y_rep, log_lik). */
export {
  posteriorLinpred,
  posteriorEpred,
  posteriorPredict,
  logLikFormula,
  predictFromDraws,
  logLikFromDraws,
  PREDICTION_TYPES,
  type PredictionType,
} from "./formulaPredict.js";
export { generatedDraws, generatedMatrix, posteriorPredictDsl, logLikDsl, type GeneratedOptions } from "./generated.js";
export { saveFormulaModel, designFromSaved, SAVED_MODEL_SCHEMA, type SavedFormulaModel } from "./savedModel.js";
export { summarizePredictions, type PredictionSummaryRow } from "./summary.js";
export { trainingRows, newDataRows, type PredictRows, type PredictRowsGroup } from "./rows.js";
export { semidefiniteCholesky } from "./newLevels.js";
export {
  DEFAULT_PREDICT,
  NEW_LEVELS_METHODS,
  PREDICT_STREAMS,
  resolvePredictOptions,
  type DrawMatrix,
  type NewLevelsMethod,
  type PredictOptions,
} from "./types.js";
