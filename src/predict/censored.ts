/**
 * Pointwise log-likelihood of censored rows, as brms's log_lik: log CCDF (right), log CDF (left),
 * log(CDF(upper) − CDF(y)) (interval) of the row's distribution, in src/glmm/buildIr.ts's
 * parametrisation. Observed rows (code 0) use logLikValue.
 */
import { normalLccdf, normalLcdf, normalLogIntervalProb } from "../distributions/normalCdf.js";
import { lognormalLccdf, lognormalLcdf, lognormalLogIntervalProb } from "../distributions/lognormalCdf.js";
import { exponentialLccdf, exponentialLcdf, exponentialLogIntervalProb, weibullLccdf, weibullLcdf, weibullLogIntervalProb } from "../distributions/weibullCdf.js";
import { poissonLccdf, poissonLcdf, poissonLogIntervalProb } from "../distributions/poissonCdf.js";
import { binomialLogitCensored } from "../distributions/binomialCdf.js";
import { gammaCensored } from "../distributions/gammaCdf.js";
import { negBinomial2LogCensored } from "../distributions/negBinomialCdf.js";
import { studentTCensored } from "../distributions/studentTCdf.js";
import type { FamilyName } from "../formula/families.js";
import { weibullScale, type AuxValues, type RowExtras } from "./families.js";

export function censoredLogLikValue(family: FamilyName, code: number, y: number, upper: number, eta: number, aux: AuxValues, row: RowExtras): number {
  switch (family) {
    case "gaussian": {
      const s = Number.isNaN(row.se) ? aux.sigma : row.se;
      return code === 1 ? normalLccdf(y, eta, s) : code === -1 ? normalLcdf(y, eta, s) : normalLogIntervalProb(y, upper, eta, s);
    }
    case "lognormal":
      return code === 1 ? lognormalLccdf(y, eta, aux.sigma) : code === -1 ? lognormalLcdf(y, eta, aux.sigma) : lognormalLogIntervalProb(y, upper, eta, aux.sigma);
    case "weibull": {
      const scale = weibullScale(eta, aux.shape);
      return code === 1 ? weibullLccdf(y, aux.shape, scale) : code === -1 ? weibullLcdf(y, aux.shape, scale) : weibullLogIntervalProb(y, upper, aux.shape, scale);
    }
    case "exponential": {
      const rate = Math.exp(-eta);
      return code === 1 ? exponentialLccdf(y, rate) : code === -1 ? exponentialLcdf(y, rate) : exponentialLogIntervalProb(y, upper, rate);
    }
    case "poisson": {
      // brms: right-censored counts are P(Y > y) (ppois(lower.tail = FALSE)), interval ones P(y < Y ≤ upper).
      const lambda = Math.exp(eta);
      return code === 1 ? poissonLccdf(y, lambda) : code === -1 ? poissonLcdf(y, lambda) : poissonLogIntervalProb(y, upper, lambda);
    }
    case "binomial":
      return binomialLogitCensored(code, y, upper, row.trials, eta);
    case "negbinomial":
      return negBinomial2LogCensored(code, y, upper, eta, aux.shape);
    case "student":
      return studentTCensored(code, y, upper, aux.nu, eta, aux.sigma);
    case "gamma":
      // brms: shape α, rate α / mu, mu = exp(eta).
      return gammaCensored(code, y, upper, aux.shape, aux.shape * Math.exp(-eta));
    default:
      throw new Error(`log_lik: family ${family} has no censored form`);
  }
}
