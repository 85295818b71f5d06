/**
 * Distribution families with Stan's names and parametrisations: checked log densities, unchecked
 * value-and-partials kernels for the compiled log density, random draws and metadata. DISTRIBUTIONS
 * maps each Stan name to its metadata record for the formula layer, the DSL and the compiler.
 */
import { bernoulli } from "./bernoulli.js";
import { bernoulliLogit } from "./bernoulliLogit.js";
import { beta } from "./beta.js";
import { betaBinomial } from "./betaBinomial.js";
import { binomial } from "./binomial.js";
import { binomialLogit } from "./binomialLogit.js";
import { cauchy } from "./cauchy.js";
import { dirichlet } from "./dirichlet.js";
import { doubleExponential } from "./doubleExponential.js";
import { exponential } from "./exponential.js";
import { gamma } from "./gamma.js";
import { invGamma } from "./invGamma.js";
import { lkjCorrCholesky } from "./lkjCorrCholesky.js";
import { logistic } from "./logistic.js";
import { lognormal } from "./lognormal.js";
import { multiNormalCholesky } from "./multiNormalCholesky.js";
import { negBinomial2 } from "./negBinomial2.js";
import { negBinomial2Log } from "./negBinomial2Log.js";
import { normal } from "./normal.js";
import { poisson } from "./poisson.js";
import { poissonLog } from "./poissonLog.js";
import { studentT } from "./studentT.js";
import type { FamilyInfo } from "./types.js";
import { uniform } from "./uniform.js";
import { weibull } from "./weibull.js";
import { hurdleNegBinomial2Log } from "./hurdleNegBinomial2Log.js";
import { hurdlePoissonLog } from "./hurdlePoissonLog.js";
import { hurdleGamma } from "./hurdleGamma.js";
import { hurdleLognormal } from "./hurdleLognormal.js";
import { zeroInflatedNegBinomial2Log } from "./zeroInflatedNegBinomial2Log.js";
import { zeroInflatedPoissonLog } from "./zeroInflatedPoissonLog.js";

export type { ArgKind, DistributionInfo, FamilyInfo, MultivariateInfo, SupportKind } from "./types.js";

export { normal, normalLpdf, normalLpdfGrad, normalRng } from "./normal.js";
export { studentT, studentTLpdf, studentTLpdfGrad, studentTRng } from "./studentT.js";
export { cauchy, cauchyLpdf, cauchyLpdfGrad, cauchyRng } from "./cauchy.js";
export {
  doubleExponential,
  doubleExponentialLpdf,
  doubleExponentialLpdfGrad,
  doubleExponentialRng,
} from "./doubleExponential.js";
export { logistic, logisticLpdf, logisticLpdfGrad, logisticRng } from "./logistic.js";
export { lognormal, lognormalLpdf, lognormalLpdfGrad, lognormalRng } from "./lognormal.js";
export { exponential, exponentialLpdf, exponentialLpdfGrad, exponentialRng } from "./exponential.js";
export { gamma, gammaLpdf, gammaLpdfGrad, gammaRng } from "./gamma.js";
export { invGamma, invGammaLpdf, invGammaLpdfGrad, invGammaRng } from "./invGamma.js";
export { weibull, weibullLpdf, weibullLpdfGrad, weibullRng } from "./weibull.js";
export { beta, betaLpdf, betaLpdfGrad, betaRng } from "./beta.js";
// Log CDFs / CCDFs and interval log probabilities (censored likelihoods), with partials.
export {
  logDiffPhi,
  normalLccdf,
  normalLccdfGrad,
  normalLcdf,
  normalLcdfGrad,
  normalLogIntervalProb,
  normalLogIntervalProbGrad,
} from "./normalCdf.js";
export {
  lognormalLccdf,
  lognormalLccdfGrad,
  lognormalLcdf,
  lognormalLcdfGrad,
  lognormalLogIntervalProb,
  lognormalLogIntervalProbGrad,
} from "./lognormalCdf.js";
export {
  exponentialLccdf,
  exponentialLccdfGrad,
  exponentialLcdf,
  exponentialLcdfGrad,
  exponentialLogIntervalProb,
  weibullLccdf,
  weibullLccdfGrad,
  weibullLcdf,
  weibullLcdfGrad,
  weibullLogIntervalProb,
  weibullLogIntervalProbGrad,
} from "./weibullCdf.js";
export { uniform, uniformLpdf, uniformLpdfGrad, uniformRng } from "./uniform.js";
export { binomial, binomialLpmf, binomialLpmfGrad, binomialRng } from "./binomial.js";
export { binomialLogit, binomialLogitLpmf, binomialLogitLpmfGrad, binomialLogitRng } from "./binomialLogit.js";
export { bernoulli, bernoulliLpmf, bernoulliLpmfGrad, bernoulliRng } from "./bernoulli.js";
export { bernoulliLogit, bernoulliLogitLpmf, bernoulliLogitLpmfGrad, bernoulliLogitRng } from "./bernoulliLogit.js";
export { poisson, poissonLpmf, poissonLpmfGrad, poissonRng } from "./poisson.js";
export { poissonLog, poissonLogLpmf, poissonLogLpmfGrad, poissonLogRng } from "./poissonLog.js";
export { negBinomial2, negBinomial2Lpmf, negBinomial2LpmfGrad, negBinomial2Rng } from "./negBinomial2.js";
export {
  negBinomial2Log,
  negBinomial2LogLpmf,
  negBinomial2LogLpmfGrad,
  negBinomial2LogRng,
} from "./negBinomial2Log.js";
export {
  zeroInflatedPoissonLog,
  zeroInflatedPoissonLogLpmf,
  zeroInflatedPoissonLogLpmfGrad,
  zeroInflatedPoissonLogRng,
} from "./zeroInflatedPoissonLog.js";
export {
  zeroInflatedNegBinomial2Log,
  zeroInflatedNegBinomial2LogLpmf,
  zeroInflatedNegBinomial2LogLpmfGrad,
  zeroInflatedNegBinomial2LogRng,
} from "./zeroInflatedNegBinomial2Log.js";
export { hurdlePoissonLog, hurdlePoissonLogLpmf, hurdlePoissonLogLpmfGrad, hurdlePoissonLogRng } from "./hurdlePoissonLog.js";
export {
  hurdleNegBinomial2Log,
  hurdleNegBinomial2LogLpmf,
  hurdleNegBinomial2LogLpmfGrad,
  hurdleNegBinomial2LogRng,
} from "./hurdleNegBinomial2Log.js";
export { hurdleGamma, hurdleGammaLpdf, hurdleGammaLpdfGrad, hurdleGammaRng } from "./hurdleGamma.js";
export { hurdleLognormal, hurdleLognormalLpdf, hurdleLognormalLpdfGrad, hurdleLognormalRng } from "./hurdleLognormal.js";
export { betaBinomial, betaBinomialLpmf, betaBinomialLpmfGrad, betaBinomialRng } from "./betaBinomial.js";
// The ordinal families take a cutpoint vector, so they are not DistributionInfo records in DISTRIBUTIONS.
export { orderedLogisticLpmf, orderedLogisticLpmfGrad, orderedLogisticRng } from "./orderedLogistic.js";
// brms's categorical family: K − 1 predictors per row (the first category's is 0), so not a DistributionInfo record either.
export { categoricalLogitLpmf, categoricalLogitLpmfGrad, categoricalLogitRng, categoricalProbabilities } from "./categorical.js";
export { orderedProbitLpmf, orderedProbitLpmfGrad, orderedProbitRng } from "./orderedProbit.js";
export { ordinalProbabilities, type OrdinalLink } from "./ordinal.js";
export {
  multiNormalCholesky,
  multiNormalCholeskyLpdf,
  multiNormalCholeskyLpdfGrad,
  multiNormalCholeskyRng,
} from "./multiNormalCholesky.js";
export {
  lkjCorrCholesky,
  lkjCorrCholeskyLpdf,
  lkjCorrCholeskyLpdfGrad,
  lkjCorrCholeskyRng,
} from "./lkjCorrCholesky.js";
export { dirichlet, dirichletLpdf, dirichletLpdfGrad, dirichletRng } from "./dirichlet.js";

/** Every family by its Stan name. */
export const DISTRIBUTIONS: Readonly<Record<string, FamilyInfo>> = Object.freeze({
  normal,
  student_t: studentT,
  cauchy,
  double_exponential: doubleExponential,
  logistic,
  lognormal,
  exponential,
  gamma,
  inv_gamma: invGamma,
  weibull,
  beta,
  uniform,
  binomial,
  binomial_logit: binomialLogit,
  bernoulli,
  bernoulli_logit: bernoulliLogit,
  poisson,
  poisson_log: poissonLog,
  neg_binomial_2: negBinomial2,
  neg_binomial_2_log: negBinomial2Log,
  beta_binomial: betaBinomial,
  zero_inflated_poisson_log: zeroInflatedPoissonLog,
  zero_inflated_neg_binomial_2_log: zeroInflatedNegBinomial2Log,
  hurdle_poisson_log: hurdlePoissonLog,
  hurdle_neg_binomial_2_log: hurdleNegBinomial2Log,
  hurdle_gamma: hurdleGamma,
  hurdle_lognormal: hurdleLognormal,
  multi_normal_cholesky: multiNormalCholesky,
  lkj_corr_cholesky: lkjCorrCholesky,
  dirichlet,
});
