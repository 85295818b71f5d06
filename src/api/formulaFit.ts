/**
 * Formula models end to end: formula text + data (+ brms-style prior strings) → design → priors →
 * GlmmSpec → IR (brms's parametrisation and names) → fit. The design and priors are kept on the
 * result so predictions for new data and the printed prior table use the same encoding.
 */
import { buildGlmmIr, type BuiltGlmm } from "../glmm/buildIr.js";
import { buildDesign, type FormulaData, type FormulaDesign } from "../formula/index.js";
import type { KnownCovariances } from "../formula/knownCov.js";
import { resolvePriors, type DesignPriors } from "../formula/priors.js";
import { toGlmmSpec } from "../formula/toGlmm.js";
import { UserError } from "../errors.js";
import { withNonlinearParts } from "../formula/nonlinear.js";
import { isMultivariateFormula } from "../formula/multivariate.js";
import { checkProperPriors, SAMPLE_PRIOR_CHOICES, withoutLikelihood, type SamplePrior } from "./priorOnly.js";
import { separationWarnings } from "./separation.js";
import { identifiabilityWarnings, priorScaleWarnings, responseWarnings } from "./identifiability.js";
import type { GlmmSpec } from "../glmm/types.js";
import { fitProgram, type FitOptions } from "./fit.js";
import type { Fit } from "./fitResult.js";
import { withPriorDraws } from "./priorDraws.js";

export interface FormulaModelInput {
  readonly formula: string;
  readonly data: FormulaData;
  /**
   * brms family name: gaussian, student, binomial, bernoulli, poisson, negbinomial, gamma, lognormal, weibull, beta,
   * zero_inflated_poisson, zero_inflated_negbinomial, hurdle_poisson, hurdle_negbinomial, hurdle_gamma, hurdle_lognormal, the ordinal
   * cumulative (logit link) or cumulative(probit), and categorical (unordered, multinomial logit).
   */
  readonly family?: string;
  /** cumulative: the response's categories lowest first, e.g. ["no", "perhaps", "yes"] (required for text); categorical: their order, the first the reference. */
  readonly levels?: readonly string[];
  /** brms-style prior strings, e.g. "b ~ normal(0, 5)", "sd[county] ~ exponential(1)". */
  readonly priors?: readonly string[];
  /**
   * brms's non-linear formulas (nl = TRUE): each parameter of `formula`'s expression with its linear formula,
   * e.g. formula "y ~ a * exp(-b * x)", nlpars { a: "1 + (1 | g)", b: "1" } (the same as the formula
   * "bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)"). Their coefficients need priors:
   * "normal(10, 5), nlpar = a", "normal(0.5, 0.5), nlpar = b, lb = 0".
   */
  readonly nlpars?: Readonly<Record<string, string>>;
  /**
   * brms's sample_prior: "only" leaves the likelihood out, so the draws are the prior's and
   * predictions from them the prior predictive distribution (every prior must then be proper); "yes"
   * adds independent draws of each proper prior (prior_b, prior_sd_g, …) beside the posterior's, for
   * hypothesis()'s Savage–Dickey evidence ratios. Default "no".
   */
  readonly samplePrior?: SamplePrior;
  /**
   * brms's data2: known covariance matrices named by `gr(g, cov = A)` terms, each with its level names
   * and values, e.g. { A: { levels: ["sp1", "sp2"], values: [[1, 0.5], [0.5, 1]] } }.
   */
  readonly data2?: KnownCovariances;
}

export interface FormulaModel {
  readonly formula: string;
  readonly design: FormulaDesign;
  readonly priors: DesignPriors;
  readonly spec: GlmmSpec;
  readonly built: BuiltGlmm;
  /** "only": the likelihood was left out (brms's sample_prior = "only"); the draws are the prior's. "yes": prior_* draws were added. */
  readonly samplePrior: SamplePrior;
  /** Things worth telling the user (rows dropped for missing values, trials assumed, …). */
  readonly messages: readonly string[];
  /** Things that make the fit suspect before it runs (separation with a flat prior, …). */
  readonly warnings: readonly string[];
}

export function buildFormulaModel(input: FormulaModelInput): FormulaModel {
  if (isMultivariateFormula(input.formula)) {
    throw new UserError(`formula: '${input.formula}' is a multivariate model (mvbind / bf() + bf()): fit it with fitMultivariateModel or hbayes fit; this command does not take multivariate models yet`);
  }
  const formula = input.nlpars ? withNonlinearParts(input.formula, input.nlpars) : input.formula;
  const design = buildDesign(formula, input.data, { family: input.family ?? "gaussian", ...(input.levels ? { levels: input.levels } : {}), ...(input.data2 ? { data2: input.data2 } : {}) });
  const priors = resolvePriors(design, input.priors ?? []);
  const spec = toGlmmSpec(design, priors);
  const full = buildGlmmIr(spec);
  const priorOnly = input.samplePrior === "only";
  if (input.samplePrior !== undefined && !SAMPLE_PRIOR_CHOICES.includes(input.samplePrior)) {
    throw new UserError(`samplePrior must be one of ${SAMPLE_PRIOR_CHOICES.join(", ")}, got ${JSON.stringify(input.samplePrior)}`);
  }
  if (priorOnly) checkProperPriors(priors.table);
  const built: BuiltGlmm = priorOnly ? { ...full, program: withoutLikelihood(full.program) } : full;
  return {
    formula,
    design,
    priors,
    spec,
    built,
    samplePrior: input.samplePrior ?? "no",
    messages: design.messages,
    // Separation is the likelihood's problem; a prior-only fit has none.
    warnings: [...responseWarnings(design), ...priorScaleWarnings(design, priors), ...identifiabilityWarnings(design, priors), ...(priorOnly ? [] : separationWarnings(design, priors))],
  };
}

export interface FormulaFit {
  readonly fit: Fit;
  readonly model: FormulaModel;
}

export async function fitFormula(input: FormulaModelInput, options: FitOptions = {}): Promise<Fit> {
  return (await fitFormulaModel(input, options)).fit;
}

export async function fitFormulaModel(input: FormulaModelInput, options: FitOptions = {}): Promise<FormulaFit> {
  const model = buildFormulaModel(input);
  const rename = model.built.outputs.rename;
  const fit = await fitProgram({ name: input.formula, program: model.built.program, data: model.built.data, rename }, options);
  // samplePrior "yes": the prior draws join the sampler's outputs (and so the draws CSV); their seed is the fit's.
  return { fit: model.samplePrior === "yes" ? withPriorDraws(fit, model) : fit, model };
}
