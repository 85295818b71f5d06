/**
 * Per family, from one draw's linear predictor and family parameters: the expected response (brms's
 * posterior_epred), a draw of the response (posterior_predict) and the pointwise log-likelihood
 * (log_lik), in the parametrisation of src/glmm/buildIr.ts (gamma: rate = shape / mu, mu = exp(eta);
 * beta: Beta(mu·phi, (1 − mu)·phi), mu = inv_logit(eta); zero-inflated and hurdle counts: mu = exp(eta),
 * the count part NegBinomial2(mu, shape) or Poisson(mu); hurdle_gamma / hurdle_lognormal: the gamma or
 * lognormal above past the hurdle).
 */
import {
  bernoulliLogitLpmf,
  betaLpdf,
  binomialLogitLpmf,
  gammaLpdf,
  hurdleGammaLpdf,
  hurdleLognormalLpdf,
  hurdleNegBinomial2LogLpmf,
  hurdlePoissonLogLpmf,
  lognormalLpdf,
  negBinomial2LogLpmf,
  normalLpdf,
  poissonLogLpmf,
  studentTLpdf,
  weibullLpdf,
  exponentialLpdf,
  zeroInflatedNegBinomial2LogLpmf,
  zeroInflatedPoissonLogLpmf,
} from "../distributions/index.js";
import type { FamilyName } from "../formula/families.js";
import { invLogit } from "../math/logit.js";
import { lgamma } from "../math/lgamma.js";
import { exponentialRng, weibullRng } from "../random/index.js";
import { betaRng } from "../random/beta.js";
import { bernoulliRng, binomialRng } from "../random/binomial.js";
import { gammaRng } from "../random/gamma.js";
import { hurdleGammaRng, hurdleLognormalRng } from "../random/hurdleContinuous.js";
import { negBinomial2Rng } from "../random/mixtures.js";
import { lognormalRng, normalRng } from "../random/normal.js";
import { poissonRng } from "../random/poisson.js";
import type { Rng } from "../random/rng.js";
import { studentTRng } from "../random/studentT.js";
import { hurdleNegBinomial2Rng, hurdlePoissonRng, zeroInflatedNegBinomial2Rng, zeroInflatedPoissonRng } from "../random/zeroInflated.js";

/** The cumulative family needs each draw's thresholds, categorical K − 1 predictors, not a scalar per row: src/predict/ordinal.ts, categorical.ts. */
const CUMULATIVE_ELSEWHERE = "cumulative and categorical: predictions go through src/predict/ordinal.ts and src/predict/categorical.ts";

/** brms's weibull scale: mu / Γ(1 + 1/shape) with mu = exp(eta), on the log scale so a large mu does not overflow first. */
export function weibullScale(eta: number, shape: number): number {
  return Math.exp(eta - lgamma(1 + 1 / shape));
}

/** One draw's family parameters (NaN where the family has none). */
export interface AuxValues {
  sigma: number;
  shape: number;
  nu: number;
  phi: number;
  zi: number;
  hu: number;
}

/** P(y > 0) of the count part: 1 − e^(−u), u = λ (Poisson) or shape·log1p(mu/shape) (NegBinomial2). */
const nonzero = (u: number): number => -Math.expm1(-u);

/** One row's companions: binomial trials, known standard error (NaN when absent). */
export interface RowExtras {
  readonly trials: number;
  readonly se: number;
}

export function epredValue(family: FamilyName, eta: number, aux: AuxValues, row: RowExtras): number {
  switch (family) {
    case "cumulative":
    case "categorical":
      throw new Error(CUMULATIVE_ELSEWHERE);
    case "gaussian":
    case "student":
      return eta;
    case "binomial":
      return row.trials * invLogit(eta);
    case "bernoulli":
    case "beta":
      return invLogit(eta);
    case "poisson":
    case "negbinomial":
    case "gamma":
    case "weibull":
    case "exponential":
      // weibull: brms's mu is the mean (scale = mu / Γ(1 + 1/shape)).
      return Math.exp(eta);
    case "lognormal":
      // The mean of a lognormal, not its median exp(eta) (brms does the same).
      return Math.exp(eta + 0.5 * aux.sigma * aux.sigma);
    // brms's posterior_epred: (1 − zi)·mu; (1 − hu)·mu/(1 − P(0)).
    case "zero_inflated_poisson":
    case "zero_inflated_negbinomial":
      return (1 - aux.zi) * Math.exp(eta);
    case "hurdle_poisson": {
      const mu = Math.exp(eta);
      return ((1 - aux.hu) * mu) / nonzero(mu);
    }
    case "hurdle_negbinomial": {
      const mu = Math.exp(eta);
      return ((1 - aux.hu) * mu) / nonzero(aux.shape * Math.log1p(mu / aux.shape));
    }
    // The positive parts have no mass at 0, so no truncation: (1 − hu)·E[Y | Y > 0].
    case "hurdle_gamma":
      return (1 - aux.hu) * Math.exp(eta);
    case "hurdle_lognormal":
      return (1 - aux.hu) * Math.exp(eta + 0.5 * aux.sigma * aux.sigma);
  }
}

export function predictValue(rng: Rng, family: FamilyName, eta: number, aux: AuxValues, row: RowExtras): number {
  switch (family) {
    case "cumulative":
    case "categorical":
      throw new Error(CUMULATIVE_ELSEWHERE);
    case "gaussian":
      return normalRng(rng, eta, Number.isNaN(row.se) ? aux.sigma : row.se);
    case "student":
      return studentTRng(rng, aux.nu, eta, aux.sigma);
    case "binomial":
      return binomialRng(rng, row.trials, invLogit(eta));
    case "bernoulli":
      return bernoulliRng(rng, invLogit(eta));
    case "poisson":
      return poissonRng(rng, Math.exp(eta));
    case "negbinomial":
      return negBinomial2Rng(rng, Math.exp(eta), aux.shape);
    case "gamma":
      return gammaRng(rng, aux.shape, aux.shape * Math.exp(-eta));
    case "lognormal":
      return lognormalRng(rng, eta, aux.sigma);
    case "weibull":
      return weibullRng(rng, aux.shape, weibullScale(eta, aux.shape));
    case "exponential":
      return exponentialRng(rng, Math.exp(-eta));
    case "beta": {
      const mu = invLogit(eta);
      return betaRng(rng, mu * aux.phi, (1 - mu) * aux.phi);
    }
    case "zero_inflated_poisson":
      return zeroInflatedPoissonRng(rng, Math.exp(eta), aux.zi);
    case "zero_inflated_negbinomial":
      return zeroInflatedNegBinomial2Rng(rng, Math.exp(eta), aux.shape, aux.zi);
    case "hurdle_poisson":
      return hurdlePoissonRng(rng, Math.exp(eta), aux.hu);
    case "hurdle_negbinomial":
      return hurdleNegBinomial2Rng(rng, Math.exp(eta), aux.shape, aux.hu);
    case "hurdle_gamma":
      return hurdleGammaRng(rng, aux.shape, aux.shape * Math.exp(-eta), aux.hu);
    case "hurdle_lognormal":
      return hurdleLognormalRng(rng, eta, aux.sigma, aux.hu);
  }
}

export function logLikValue(family: FamilyName, y: number, eta: number, aux: AuxValues, row: RowExtras): number {
  switch (family) {
    case "cumulative":
    case "categorical":
      throw new Error(CUMULATIVE_ELSEWHERE);
    case "gaussian":
      return normalLpdf(y, eta, Number.isNaN(row.se) ? aux.sigma : row.se);
    case "student":
      return studentTLpdf(y, aux.nu, eta, aux.sigma);
    case "binomial":
      return binomialLogitLpmf(y, row.trials, eta);
    case "bernoulli":
      return bernoulliLogitLpmf(y, eta);
    case "poisson":
      return poissonLogLpmf(y, eta);
    case "negbinomial":
      return negBinomial2LogLpmf(y, eta, aux.shape);
    case "gamma":
      return gammaLpdf(y, aux.shape, aux.shape * Math.exp(-eta));
    case "lognormal":
      return lognormalLpdf(y, eta, aux.sigma);
    case "weibull":
      return weibullLpdf(y, aux.shape, weibullScale(eta, aux.shape));
    case "exponential":
      return exponentialLpdf(y, Math.exp(-eta));
    case "beta": {
      const mu = invLogit(eta);
      return betaLpdf(y, mu * aux.phi, (1 - mu) * aux.phi);
    }
    case "zero_inflated_poisson":
      return zeroInflatedPoissonLogLpmf(y, eta, aux.zi);
    case "zero_inflated_negbinomial":
      return zeroInflatedNegBinomial2LogLpmf(y, eta, aux.shape, aux.zi);
    case "hurdle_poisson":
      return hurdlePoissonLogLpmf(y, eta, aux.hu);
    case "hurdle_negbinomial":
      return hurdleNegBinomial2LogLpmf(y, eta, aux.shape, aux.hu);
    case "hurdle_gamma":
      return hurdleGammaLpdf(y, aux.shape, aux.shape * Math.exp(-eta), aux.hu);
    case "hurdle_lognormal":
      return hurdleLognormalLpdf(y, eta, aux.sigma, aux.hu);
  }
}
