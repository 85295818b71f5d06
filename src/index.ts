/**
 * hbayes: hierarchical Bayesian models in TypeScript. The public API, by name.
 * Deeper modules (`src/<area>/index.ts`) expose more for those who build on the core.
 */
// The modelling DSL.
export {
  model, buildModel, Term,
  add, sub, mul, div, pow, exp, log, log1p, expm1, sqrt, square, invLogit, logInvLogit, log1mInvLogit, lgamma, Phi, sum,
  normal, studentT, cauchy, doubleExponential, logistic, lognormal, exponential, gamma, invGamma, weibull, beta, uniform,
  poisson, poissonLog, bernoulli, bernoulliLogit, binomial, binomialLogit, negBinomial2, negBinomial2Log, betaBinomial,
  zeroInflatedPoissonLog, zeroInflatedNegBinomial2Log, hurdlePoissonLog, hurdleNegBinomial2Log, hurdleGamma, hurdleLognormal, orderedLogistic, orderedProbit, categoricalLogit,
  lkjCorrCholesky, multiNormalCholesky, dirichlet, flat,
} from "./model/index.js";
export type { Model, ModelContext, ParamOptions, BuiltModel, Dist, Flat, Operand } from "./model/index.js";

// Fitting.
export { fit, fitProgram, type FitOptions, type ProgramToFit } from "./api/fit.js";
export { Fit } from "./api/fitResult.js";

// The sampler and its boundary.
export { sample, DEFAULT_SAMPLE_OPTIONS, type SampleOptions, type SampleResult, type ChainInfo, type WorkerTarget } from "./inference/index.js";
// The `metric` option's choices; a "fisher-lowrank" chain reports its metric as LowRankFactors.
export { METRIC_KINDS, type MetricKind, type FisherKind, type LowRankFactors } from "./inference/index.js";
export { startChainWorker, type ChainWorkerHooks } from "./inference/workerServe.js";
export type { LogDensity } from "./logDensity.js";

// The compiler and its IR.
export { compileModel, type CompiledModel } from "./compiler/index.js";
export type { Program, ProgramData } from "./ir/index.js";

// Generalised linear mixed models (what formulas compile to).
export { buildGlmmIr } from "./glmm/buildIr.js";
export type { GlmmSpec, GlmmGroup, GlmmFamily, PriorSpec } from "./glmm/types.js";

// Draws, distributions, random numbers, errors.
export { createDraws, variableIndex, chainOf, variableOf, SAMPLER_VARIABLES, type Draws } from "./posterior/draws.js";
export { DISTRIBUTIONS } from "./distributions/index.js";
export { createRng, type Rng } from "./random/rng.js";
export { UserError, DomainError } from "./errors.js";

// Reading data: CSV text (browser-safe; in Node, `readCsvText(readFileSync(path, "utf8"))`), the table formulas take.
export { readCsvText, type CsvOptions, type CsvDelimiter, type DataTable } from "./io/index.js";

// Formula models, pooling, predictions.
export { fitFormula, fitFormulaModel, buildFormulaModel, type FormulaModelInput, type FormulaModel } from "./api/formulaFit.js";
export { knownCovFromCsv } from "./formula/knownCovCsv.js";
export { fitMultivariateModel, buildMultivariateModel, type MultivariateModelInput, type MultivariateModel } from "./api/multivariateFit.js";
export { multivariatePredict, type MultivariateDrawMatrix, type MultivariatePredictModel } from "./predict/multivariate.js";
export type { KnownCovariance, KnownCovariances } from "./formula/knownCov.js";
export { summarizeFit, type FitSummary } from "./api/fitSummary.js";
export { pooling, poolingFromFormula, poolingJson, type PoolingResult } from "./pooling/index.js";
export { poolingDsl, pluginVsFullBayes, pluginVsFullBayesGlmm, remlGaussian, type DslPoolingResult, type PoolingDslOptions } from "./pooling/index.js";
export { posteriorLinpred, posteriorEpred, posteriorPredict, logLikFormula, posteriorPredictDsl, logLikDsl } from "./predict/index.js";
export { conditionalEffects, bayesR2, looR2, type ConditionalEffect, type ConditionalEffectsOptions, type BayesR2 } from "./effects/index.js";
export { kfold, kfoldCompare, subsetRows, KFOLD_SPLITS, type KfoldComparisonRow, type KfoldOptions, type KfoldResult, type KfoldSplit } from "./api/kfold.js";
export { coef, ranef, fixef, type CoefOptions, type GroupSummary, type SummaryMatrix } from "./posterior/coefficients.js";
export { hypothesis, formatHypotheses, type HypothesisOptions, type HypothesisResult, type HypothesisRow } from "./hypothesis/hypothesis.js";
export { psisLoo, looCompare } from "./diagnostics/index.js";
export { rhat, essBulk, essTail, mcseMean } from "./diagnostics/index.js";
