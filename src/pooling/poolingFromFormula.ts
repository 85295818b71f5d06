/**
 * The formula entry point: `poolingFromFormula("Hits | trials(AB) ~ 1 + (1 | Player)", data,
 * "binomial")` builds the GlmmSpec with the formula front end (brms's default priors unless
 * `priors` are given) and runs the pooling comparison on it.
 */
import { buildFormulaModel } from "../api/formulaFit.js";
import type { FormulaData } from "../formula/data.js";
import { caretError } from "../formula/errors.js";
import { parseFormula } from "../formula/parse.js";
import { parseFormulaParts } from "../formula/terms.js";
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
  refuseKnownCov(formula);
  const model = buildFormulaModel({ formula, data, family, priors });
  const result = await pooling(model.spec, rest);
  return { ...result, messages: model.messages };
}

/**
 * gr(g, cov = A) is refused before the model is built (which would ask for the matrix): the comparison's
 * no-pooling fit and REML / Laplace plug-ins treat the levels as independent, which A says they are not.
 * A formula that does not parse as one part (bf(…), a typo) is left to buildFormulaModel's own errors.
 */
function refuseKnownCov(formula: string): void {
  let ast: ReturnType<typeof parseFormula>;
  try {
    ast = parseFormula(formula);
  } catch {
    return;
  }
  let re: ReturnType<typeof parseFormulaParts>["re"];
  try {
    re = parseFormulaParts(ast).re;
  } catch {
    return;
  }
  const gr = re.find((r) => r.cov !== undefined);
  if (gr?.cov) {
    throw caretError(
      "formula",
      ast.text,
      gr.cov.pos,
      `pooling: gr(${gr.group}, cov = ${gr.cov.name}) is not supported by the pooling comparison (its no-pooling fit and plug-ins treat the levels as independent); fit the model with 'hbayes fit --cov ${gr.cov.name}=file.csv' instead`,
    );
  }
}
