/**
 * Signatures of the distribution families a `distribution` statement may name (Stan names). The
 * compiler and the reference evaluator implement exactly these; validation checks statements against
 * them. `int` arguments must be int data (e.g. binomial trials).
 */
export interface FamilySignature {
  /** The outcome's type: `int` families need an int-data left-hand side. */
  readonly lhs: "real" | "int";
  readonly args: readonly string[];
  /** `vector`: a whole vector (a `ref` to a vector parameter, transformed parameter or data), not evaluated per row. */
  readonly argTypes: readonly ("real" | "int" | "vector")[];
  /** The last argument repeats: one or more values of its type (categorical_logit's K − 1 predictors). */
  readonly variadic?: boolean;
}

function sig(lhs: "real" | "int", args: string[], argTypes?: ("real" | "int" | "vector")[]): FamilySignature {
  const types: ("real" | "int" | "vector")[] = argTypes ?? args.map(() => "real");
  return Object.freeze({ lhs, args: Object.freeze(args), argTypes: Object.freeze(types) });
}

export const FAMILY_SIGNATURES: Readonly<Record<string, FamilySignature>> = Object.freeze({
  normal: sig("real", ["mu", "sigma"]),
  student_t: sig("real", ["nu", "mu", "sigma"]),
  cauchy: sig("real", ["mu", "sigma"]),
  double_exponential: sig("real", ["mu", "sigma"]),
  logistic: sig("real", ["mu", "sigma"]),
  lognormal: sig("real", ["mu", "sigma"]),
  exponential: sig("real", ["lambda"]),
  gamma: sig("real", ["alpha", "beta"]),
  inv_gamma: sig("real", ["alpha", "beta"]),
  weibull: sig("real", ["alpha", "sigma"]),
  beta: sig("real", ["alpha", "beta"]),
  uniform: sig("real", ["alpha", "beta"]),
  poisson: sig("int", ["lambda"]),
  poisson_log: sig("int", ["alpha"]),
  bernoulli: sig("int", ["theta"]),
  bernoulli_logit: sig("int", ["alpha"]),
  binomial: sig("int", ["N", "theta"], ["int", "real"]),
  binomial_logit: sig("int", ["N", "alpha"], ["int", "real"]),
  neg_binomial_2: sig("int", ["mu", "phi"]),
  neg_binomial_2_log: sig("int", ["eta", "phi"]),
  beta_binomial: sig("int", ["N", "alpha", "beta"], ["int", "real", "real"]),
  // brms's zero-inflated and hurdle families on the log link (zi, hu: probabilities).
  zero_inflated_poisson_log: sig("int", ["eta", "zi"]),
  zero_inflated_neg_binomial_2_log: sig("int", ["eta", "phi", "zi"]),
  hurdle_poisson_log: sig("int", ["eta", "hu"]),
  hurdle_neg_binomial_2_log: sig("int", ["eta", "phi", "hu"]),
  // brms's semicontinuous hurdles (its own Stan functions): y = 0 with probability hu, else gamma / lognormal.
  hurdle_gamma: sig("real", ["alpha", "beta", "hu"]),
  hurdle_lognormal: sig("real", ["mu", "sigma", "hu"]),
  // Ordinal outcomes 1 … K with K − 1 ordered cutpoints c: P(y ≤ k) = F(c_k − eta), F logistic or Φ.
  ordered_logistic: sig("int", ["eta", "c"], ["real", "vector"]),
  ordered_probit: sig("int", ["eta", "c"], ["real", "vector"]),
  // brms's categorical: outcomes 1 … K, one real predictor per non-reference category (category 1's is 0).
  categorical_logit: Object.freeze({ ...sig("int", ["eta"]), variadic: true }),
});

/** The families whose predictors come as K − 1 per-row arguments (their own emitter, src/compiler/emitCategorical.ts). */
export const CATEGORICAL_FAMILIES: readonly string[] = Object.freeze(["categorical_logit"]);

/** The families with a cutpoint vector argument (its own emitter, not a per-element template), read off their signatures. */
export const ORDINAL_FAMILIES: readonly string[] = Object.freeze(
  Object.keys(FAMILY_SIGNATURES).filter((f) => FAMILY_SIGNATURES[f].argTypes.includes("vector")),
);

/** Families a `distribution` statement may censor (they have log CDFs and CCDFs with partials). */
export const CENSORED_FAMILIES: readonly string[] = Object.freeze(["normal", "student_t", "lognormal", "weibull", "exponential", "gamma", "poisson_log", "neg_binomial_2_log", "binomial_logit"]);

export function familySignature(name: string): FamilySignature | undefined {
  return Object.prototype.hasOwnProperty.call(FAMILY_SIGNATURES, name) ? FAMILY_SIGNATURES[name] : undefined;
}
