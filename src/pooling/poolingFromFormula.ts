/**
 * The formula entry point: `poolingFromFormula("Hits | trials(AB) ~ 1 + (1 | Player)", data,
 * "binomial")` builds the GlmmSpec with the formula front end (brms's default priors unless
 * `priors` are given) and runs the pooling comparison on it.
 */
import { buildFormulaModel } from "../api/formulaFit.js";
import type { FormulaData } from "../formula/data.js";
import { pooling, type PoolingOptions, type PoolingResult } from "./pooling.js";

export type PoolingFormulaOptions = PoolingOptions & {
  /** brms-style prior strings for the partial-pooling model, e.g. "sd ~ normal(0, 1)". */
  readonly priors?: readonly string[];
};

export async function poolingFromFormula(
  formula: string,
  data: FormulaData,
  family = "gaussian",
  options: PoolingFormulaOptions = {},
): Promise<PoolingResult & { readonly messages: readonly string[] }> {
  const { priors, ...rest } = options;
  const model = buildFormulaModel({ formula, data, family, priors });
  const result = await pooling(model.spec, rest);
  return { ...result, messages: model.messages };
}
