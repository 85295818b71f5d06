/**
 * Distribution constructors for priors and likelihoods in the DSL, with Stan's parametrisations:
 * `normal(mu, sigma)`, `gamma(alpha shape, beta rate)`, `negBinomial2Log(eta, phi)`, … Each returns a
 * `Dist` — a family name and its argument terms — that `param`, `observe` and `sample` turn into
 * IR distribution statements.
 */
import { UserError } from "../errors.js";
import { lift, type Operand, type Term } from "./term.js";

/** Families whose first two arguments are a location and a scale: these can be non-centred. */
export const LOCATION_SCALE: Readonly<Record<string, { loc: number; scale: number }>> = Object.freeze({
  normal: { loc: 0, scale: 1 },
  student_t: { loc: 1, scale: 2 },
  cauchy: { loc: 0, scale: 1 },
  logistic: { loc: 0, scale: 1 },
  double_exponential: { loc: 0, scale: 1 },
});

export interface Dist {
  readonly family: string;
  readonly args: readonly Term[];
}

/** An improper flat prior: no statement at all (the user must make sure the posterior is proper). */
export interface Flat {
  readonly family: "flat";
}

export const flat = (): Flat => ({ family: "flat" });

function dist(family: string, args: readonly Operand[]): Dist {
  return { family, args: args.map((a, k) => lift(a, `${family}() argument ${k + 1}`)) };
}

export const normal = (mu: Operand, sigma: Operand): Dist => dist("normal", [mu, sigma]);
export const studentT = (nu: Operand, mu: Operand, sigma: Operand): Dist => dist("student_t", [nu, mu, sigma]);
export const cauchy = (mu: Operand, sigma: Operand): Dist => dist("cauchy", [mu, sigma]);
export const doubleExponential = (mu: Operand, sigma: Operand): Dist => dist("double_exponential", [mu, sigma]);
export const logistic = (mu: Operand, sigma: Operand): Dist => dist("logistic", [mu, sigma]);
export const lognormal = (mu: Operand, sigma: Operand): Dist => dist("lognormal", [mu, sigma]);
export const exponential = (rate: Operand): Dist => dist("exponential", [rate]);
export const gamma = (shape: Operand, rate: Operand): Dist => dist("gamma", [shape, rate]);
export const invGamma = (shape: Operand, scale: Operand): Dist => dist("inv_gamma", [shape, scale]);
export const weibull = (shape: Operand, scale: Operand): Dist => dist("weibull", [shape, scale]);
export const beta = (a: Operand, b: Operand): Dist => dist("beta", [a, b]);
export const uniform = (lower: Operand, upper: Operand): Dist => dist("uniform", [lower, upper]);
export const poisson = (rate: Operand): Dist => dist("poisson", [rate]);
export const poissonLog = (logRate: Operand): Dist => dist("poisson_log", [logRate]);
export const bernoulli = (p: Operand): Dist => dist("bernoulli", [p]);
export const bernoulliLogit = (logit: Operand): Dist => dist("bernoulli_logit", [logit]);
export const binomial = (trials: Operand, p: Operand): Dist => dist("binomial", [trials, p]);
export const binomialLogit = (trials: Operand, logit: Operand): Dist => dist("binomial_logit", [trials, logit]);
export const negBinomial2 = (mu: Operand, phi: Operand): Dist => dist("neg_binomial_2", [mu, phi]);
export const negBinomial2Log = (eta: Operand, phi: Operand): Dist => dist("neg_binomial_2_log", [eta, phi]);
export const betaBinomial = (trials: Operand, a: Operand, b: Operand): Dist => dist("beta_binomial", [trials, a, b]);
/** brms's zero_inflated_poisson: y = 0 with probability zi + (1 − zi)·e^(−λ), λ = exp(eta). */
export const zeroInflatedPoissonLog = (eta: Operand, zi: Operand): Dist => dist("zero_inflated_poisson_log", [eta, zi]);
/** brms's zero_inflated_negbinomial: the zero mixture over NegBinomial2(exp(eta), phi). */
export const zeroInflatedNegBinomial2Log = (eta: Operand, phi: Operand, zi: Operand): Dist =>
  dist("zero_inflated_neg_binomial_2_log", [eta, phi, zi]);
/** brms's hurdle_poisson: y = 0 with probability hu, else a zero-truncated Poisson(exp(eta)). */
export const hurdlePoissonLog = (eta: Operand, hu: Operand): Dist => dist("hurdle_poisson_log", [eta, hu]);
/** brms's hurdle_negbinomial: y = 0 with probability hu, else a zero-truncated NegBinomial2(exp(eta), phi). */
export const hurdleNegBinomial2Log = (eta: Operand, phi: Operand, hu: Operand): Dist => dist("hurdle_neg_binomial_2_log", [eta, phi, hu]);
/** brms's hurdle_gamma: y = 0 with probability hu, else Gamma(alpha, rate beta) (brms passes beta = shape / mu). */
export const hurdleGamma = (alpha: Operand, beta: Operand, hu: Operand): Dist => dist("hurdle_gamma", [alpha, beta, hu]);
/** brms's hurdle_lognormal: y = 0 with probability hu, else LogNormal(mu, sigma). */
export const hurdleLognormal = (mu: Operand, sigma: Operand, hu: Operand): Dist => dist("hurdle_lognormal", [mu, sigma, hu]);
/**
 * Stan's ordered_logistic(k | eta, c), brms's cumulative("logit"): categories k = 1 … K with
 * P(y ≤ k) = inv_logit(c_k − eta); `c` the K − 1 cutpoints, a named vector (typically a parameter with
 * `{ constraint: "ordered" }`) shared by every row.
 */
export const orderedLogistic = (eta: Operand, c: Term): Dist => ({ family: "ordered_logistic", args: [lift(eta, "orderedLogistic() argument 1"), c] });
/**
 * brms's categorical family (Stan's categorical_logit with the first category as reference): outcomes
 * 1 … K with P(y = k) = softmax(0, eta_2, …, eta_K)_k; give the K − 1 non-reference predictors, each
 * a term per row (or a number shared by all rows).
 */
export const categoricalLogit = (...etas: Operand[]): Dist => {
  if (etas.length < 1) throw new UserError("categoricalLogit: give the K − 1 predictors of the categories after the first (at least one)");
  return dist("categorical_logit", etas);
};
/** Stan's ordered_probit(k | eta, c), brms's cumulative("probit"): P(y ≤ k) = Φ(c_k − eta). */
export const orderedProbit = (eta: Operand, c: Term): Dist => ({ family: "ordered_probit", args: [lift(eta, "orderedProbit() argument 1"), c] });

/**
 * Multivariate normal with covariance diag(scale) · L · Lᵀ · diag(scale), for the rows of a matrix
 * (or one vector): `L` a `{ choleskyCorr: K }` parameter or a data matrix, `scale` a vector of K
 * scales (omit for 1), `mu` a vector of K means shared by all rows (omit for 0). Arguments must be
 * named terms (parameters, data, derived quantities).
 */
export const multiNormalCholesky = (mu: Term | 0, L: Term, scale?: Term): Dist => ({
  family: "multi_normal_cholesky",
  args: mu === 0 ? (scale ? [lift(0, "multiNormalCholesky"), L, scale] : [lift(0, "multiNormalCholesky"), L]) : scale ? [mu, L, scale] : [mu, L],
});

/** The Dirichlet prior of a simplex parameter (`{ constraint: "simplex" }`); alpha a number or a vector. */
export const dirichlet = (alpha: Operand): Dist => dist("dirichlet", [alpha]);

/** The LKJ prior on the Cholesky factor of a correlation matrix (only for `{ choleskyCorr: K }` parameters). */
export const lkjCorrCholesky = (eta: Operand): Dist => dist("lkj_corr_cholesky", [eta]);

export function isFlat(d: Dist | Flat | null | undefined): boolean {
  return d === null || d === undefined || d.family === "flat";
}

export function requireDist(where: string, d: unknown): Dist {
  if (typeof d !== "object" || d === null || typeof (d as Dist).family !== "string" || !Array.isArray((d as Dist).args)) {
    throw new UserError(`${where}: expected a distribution such as normal(0, 1)`);
  }
  return d as Dist;
}
