/**
 * Posterior-predictive draws for each distribution family: the generated code calls the family's
 * sampler from src/random (Stan's parametrisation, argument checks included) with the `rng` argument
 * of `generate`. The `_log` and `_logit` families map their linear predictor to the sampler's scale.
 */
import { add, call, div, id, type JsExpr, mathCall, neg, num } from "./js.js";

const RNG = id("rng");
const draw = (fn: string, ...args: JsExpr[]): JsExpr => call(id(fn), RNG, ...args);
const exp = (x: JsExpr): JsExpr => mathCall("exp", x);
const invLogit = (x: JsExpr): JsExpr => div(num(1), add(num(1), exp(neg(x))));

/** Family name → the draw, given the family's arguments (signature order) at the current element. */
export const DRAWS: Readonly<Record<string, (a: JsExpr[]) => JsExpr>> = Object.freeze({
  normal: (a: JsExpr[]) => draw("normalRng", a[0], a[1]),
  student_t: (a: JsExpr[]) => draw("studentTRng", a[0], a[1], a[2]),
  cauchy: (a: JsExpr[]) => draw("cauchyRng", a[0], a[1]),
  double_exponential: (a: JsExpr[]) => draw("doubleExponentialRng", a[0], a[1]),
  logistic: (a: JsExpr[]) => draw("logisticRng", a[0], a[1]),
  lognormal: (a: JsExpr[]) => draw("lognormalRng", a[0], a[1]),
  exponential: (a: JsExpr[]) => draw("exponentialRng", a[0]),
  gamma: (a: JsExpr[]) => draw("gammaRng", a[0], a[1]),
  inv_gamma: (a: JsExpr[]) => draw("invGammaRng", a[0], a[1]),
  weibull: (a: JsExpr[]) => draw("weibullRng", a[0], a[1]),
  beta: (a: JsExpr[]) => draw("betaRng", a[0], a[1]),
  uniform: (a: JsExpr[]) => draw("uniformRng", a[0], a[1]),
  poisson: (a: JsExpr[]) => draw("poissonRng", a[0]),
  poisson_log: (a: JsExpr[]) => draw("poissonRng", exp(a[0])),
  bernoulli: (a: JsExpr[]) => draw("bernoulliRng", a[0]),
  bernoulli_logit: (a: JsExpr[]) => draw("bernoulliRng", invLogit(a[0])),
  binomial: (a: JsExpr[]) => draw("binomialRng", a[0], a[1]),
  binomial_logit: (a: JsExpr[]) => draw("binomialRng", a[0], invLogit(a[1])),
  neg_binomial_2: (a: JsExpr[]) => draw("negBinomial2Rng", a[0], a[1]),
  neg_binomial_2_log: (a: JsExpr[]) => draw("negBinomial2Rng", exp(a[0]), a[1]),
  beta_binomial: (a: JsExpr[]) => draw("betaBinomialRng", a[0], a[1], a[2]),
  zero_inflated_poisson_log: (a: JsExpr[]) => draw("zeroInflatedPoissonRng", exp(a[0]), a[1]),
  zero_inflated_neg_binomial_2_log: (a: JsExpr[]) => draw("zeroInflatedNegBinomial2Rng", exp(a[0]), a[1], a[2]),
  hurdle_poisson_log: (a: JsExpr[]) => draw("hurdlePoissonRng", exp(a[0]), a[1]),
  hurdle_neg_binomial_2_log: (a: JsExpr[]) => draw("hurdleNegBinomial2Rng", exp(a[0]), a[1], a[2]),
  hurdle_gamma: (a: JsExpr[]) => draw("hurdleGammaRng", a[0], a[1], a[2]),
  hurdle_lognormal: (a: JsExpr[]) => draw("hurdleLognormalRng", a[0], a[1], a[2]),
});
