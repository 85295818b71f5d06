/**
 * Multivariate formula models end to end (brms's `mvbind(y1, y2) ~ …` or `bf(y1 ~ …) + bf(y2 ~ …) +
 * set_rescor(…)`): per-response designs and priors → one IR program (src/glmm/multivariateIr.ts) → fit,
 * with brms's names (`b_y1_x`, `sigma_y1`, `rescor__y1__y2`, `sd_g__y1_Intercept`, `r_g__y1[a,Intercept]`).
 */
import { buildMultivariateIr, type BuiltMultivariate } from "../glmm/multivariateIr.js";
import type { FormulaData } from "../formula/data.js";
import { buildMultivariateDesign, type MultivariateDesign } from "../formula/multivariateDesign.js";
import { fitProgram, type FitOptions } from "./fit.js";
import type { Fit } from "./fitResult.js";

export interface MultivariateModelInput {
  /** `mvbind(y1, y2) ~ x + (1 | p | g)` or `bf(y1 ~ x) + bf(y2 ~ z, family = poisson) + set_rescor(FALSE)`. */
  readonly formula: string;
  readonly data: FormulaData;
  /** The responses' family when bf() does not give one: gaussian (default), poisson or bernoulli. */
  readonly family?: string;
  /** brms-style priors; `resp = y1` routes one to a response, `lkj(2), class = rescor` is the residual correlation's. */
  readonly priors?: readonly string[];
}

export interface MultivariateModel {
  readonly design: MultivariateDesign;
  readonly built: BuiltMultivariate;
  readonly messages: readonly string[];
}

export function buildMultivariateModel(input: MultivariateModelInput): MultivariateModel {
  const design = buildMultivariateDesign(input.formula, input.data, { ...(input.family ? { family: input.family } : {}), ...(input.priors ? { priors: input.priors } : {}) });
  const built = buildMultivariateIr(design.model);
  return { design, built, messages: [...design.messages, ...new Set(design.designs.flatMap((d) => d.messages))] };
}

export async function fitMultivariateModel(input: MultivariateModelInput, options: FitOptions = {}): Promise<{ fit: Fit; model: MultivariateModel }> {
  const model = buildMultivariateModel(input);
  const fit = await fitProgram({ name: input.formula, program: model.built.program, data: model.built.data, rename: model.built.outputs.rename }, options);
  return { fit, model };
}
