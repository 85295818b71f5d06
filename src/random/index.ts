/** Seeded random numbers and a sampler for every distribution, in Stan's parametrisations. */
export { createRng, restoreRng, type Rng, type RngState } from "./rng.js";
export { normalRng, lognormalRng } from "./normal.js";
export { gammaRng, invGammaRng, standardGammaRng, logStandardGammaRng } from "./gamma.js";
export { betaRng } from "./beta.js";
export { studentTRng } from "./studentT.js";
export { exponentialRng, cauchyRng, logisticRng, doubleExponentialRng, weibullRng, uniformRng } from "./inversion.js";
export { poissonRng, POISSON_MAX_RATE } from "./poisson.js";
export { binomialRng, bernoulliRng } from "./binomial.js";
export { negBinomial2Rng, betaBinomialRng } from "./mixtures.js";
export {
  zeroInflatedPoissonRng,
  zeroInflatedNegBinomial2Rng,
  hurdlePoissonRng,
  hurdleNegBinomial2Rng,
} from "./zeroInflated.js";
export { hurdleGammaRng, hurdleLognormalRng } from "./hurdleContinuous.js";
export { dirichletRng, multiNormalCholeskyRng, lkjCorrCholeskyRng } from "./multivariate.js";
export { normalsInto, normalAffineInto, gammasInto, betasInto } from "./bulk.js";
