/**
 * The functions generated code calls, by the identifier it uses. `compileModel` passes them as
 * arguments of the generated factory, so the source names only these fixed identifiers.
 */
import { digamma } from "../math/digamma.js";
import { lbeta } from "../math/lbeta.js";
import { lgamma } from "../math/lgamma.js";
import { log1pExp } from "../math/log1pExp.js";
import { Phi } from "../math/Phi.js";
import { logPhi } from "../math/logPhi.js";
import { logDiffPhi } from "../distributions/normalCdf.js";
import { log1mExpNegT, tOverExpm1 } from "../distributions/weibullCdf.js";
import { poissonLogCensored, poissonLogCensoredDEta } from "../distributions/poissonCdf.js";
import { binomialLogitCensored, binomialLogitCensoredDAlpha } from "../distributions/binomialCdf.js";
import { TRUNCATED_FAMILIES, truncatedRng } from "../distributions/truncated.js";
import { gammaCensored, gammaCensoredDAlpha, gammaCensoredDBeta } from "../distributions/gammaCdf.js";
import { negBinomial2LogCensored, negBinomial2LogCensoredDEta, negBinomial2LogCensoredDPhi } from "../distributions/negBinomialCdf.js";
import { studentTCensored, studentTCensoredDMu, studentTCensoredDNu, studentTCensoredDSigma } from "../distributions/studentTCdf.js";
import { ordinalRng as ordinalRngByLink } from "../distributions/ordinal.js";
import { categoricalLogitRngUnchecked } from "../distributions/categorical.js";
import type { Rng } from "../random/rng.js";
import {
  bernoulliRng, betaBinomialRng, betaRng, binomialRng, cauchyRng, dirichletRng, doubleExponentialRng, exponentialRng, gammaRng,
  invGammaRng, logisticRng, lognormalRng, negBinomial2Rng, normalRng, poissonRng, studentTRng, uniformRng, weibullRng,
  zeroInflatedPoissonRng, zeroInflatedNegBinomial2Rng, hurdlePoissonRng, hurdleNegBinomial2Rng, hurdleGammaRng, hurdleLognormalRng,
} from "../random/index.js";
import { choleskyFactorCorr } from "../transforms/choleskyFactorCorr.js";
import { ordered, positiveOrdered } from "../transforms/ordered.js";
import { simplex } from "../transforms/simplex.js";
import { multiNormalRows, multiNormalRowsPointwise, multiNormalRowsRng } from "./multiNormal.js";

export const RUNTIME = Object.freeze({
  lgamma,
  digamma,
  log1pExp,
  Phi,
  lbeta,
  logPhi,
  // The censored templates' tails (censoredFamilies.ts).
  logDiffPhi,
  log1mExpNegT,
  tOverExpm1,
  poissonLogCensored,
  poissonLogCensoredDEta,
  binomialLogitCensored,
  binomialLogitCensoredDAlpha,
  gammaCensored,
  gammaCensoredDAlpha,
  gammaCensoredDBeta,
  negBinomial2LogCensored,
  negBinomial2LogCensoredDEta,
  negBinomial2LogCensoredDPhi,
  studentTCensored,
  studentTCensoredDNu,
  studentTCensoredDMu,
  studentTCensoredDSigma,
  // Vector transforms, by the kind in TransformSpec.
  CC: choleskyFactorCorr,
  OR: ordered,
  PO: positiveOrdered,
  SX: simplex,
  MVN: multiNormalRows,
  MVNP: multiNormalRowsPointwise,
  MVNR: multiNormalRowsRng,
  normalRng,
  studentTRng,
  cauchyRng,
  doubleExponentialRng,
  logisticRng,
  lognormalRng,
  exponentialRng,
  gammaRng,
  invGammaRng,
  weibullRng,
  betaRng,
  uniformRng,
  poissonRng,
  bernoulliRng,
  binomialRng,
  negBinomial2Rng,
  betaBinomialRng,
  dirichletRng,
  zeroInflatedPoissonRng,
  zeroInflatedNegBinomial2Rng,
  hurdlePoissonRng,
  hurdleNegBinomial2Rng,
  hurdleGammaRng,
  hurdleLognormalRng,
  // Truncated draws (brms's trunc()): the family by its index in TRUNCATED_FAMILIES.
  truncatedRng: (rng: Rng, f: number, lo: number, hi: number, a: number, b: number, c: number): number => truncatedRng(rng, TRUNCATED_FAMILIES[f], lo, hi, a, b, c),
  // Ordinal draws: link 0 logit, 1 probit (generated code holds numbers, not strings).
  ordinalRng: (rng: Rng, link: number, eta: number, c: Float64Array, off: number, m: number): number =>
    ordinalRngByLink(rng, link === 1 ? "probit" : "logit", eta, c, off, m),
  // Categorical draws: the K − 1 non-reference predictors at w[off …].
  categoricalRng: categoricalLogitRngUnchecked,
});

/** The runtime object of each vector transform. */
export const VECTOR_TRANSFORMS = Object.freeze({ choleskyCorr: "CC", ordered: "OR", positiveOrdered: "PO", simplex: "SX" } as const);
