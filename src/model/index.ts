export { model, buildModel } from "./model.js";
export type { Model, ModelContext, ParamOptions, BuiltModel, ObservedInfo } from "./model.js";
export { DataDeclarer, MatrixTerm } from "./data.js";
export type { RealOptions, IndexOptions } from "./data.js";
export { Term, add, sub, mul, div, pow, exp, log, log1p, expm1, sqrt, square, invLogit, logInvLogit, log1mInvLogit, lgamma, Phi, sum } from "./term.js";
export type { Operand } from "./term.js";
export {
  normal, studentT, cauchy, doubleExponential, logistic, lognormal, exponential, gamma, invGamma, weibull, beta, uniform,
  poisson, poissonLog, bernoulli, bernoulliLogit, binomial, binomialLogit, negBinomial2, negBinomial2Log, betaBinomial,
  zeroInflatedPoissonLog, zeroInflatedNegBinomial2Log, hurdlePoissonLog, hurdleNegBinomial2Log, hurdleGamma, hurdleLognormal, orderedLogistic, orderedProbit, categoricalLogit,
  lkjCorrCholesky, multiNormalCholesky, dirichlet, flat,
} from "./distributions.js";
export type { Dist, Flat } from "./distributions.js";
