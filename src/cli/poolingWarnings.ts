/**
 * What `hbayes pooling` must say about its three fits besides PSIS-LOO: each fit's own sampler
 * warnings (divergences, R-hat, ESS — the web app lists them, the command printed none), and the
 * common way the no-pooling fit goes wrong: a predictor constant within every group (a group-level
 * predictor such as a patient's age) is collinear with the per-group intercepts, so under no pooling
 * it is not identified and that column of the table is meaningless.
 */
import { summarizeFit } from "../api/fitSummary.js";
import type { Fit } from "../api/fitResult.js";
import type { GlmmSpec } from "../glmm/types.js";
import { POOLING_MODELS, type PoolingModel } from "../pooling/index.js";

const LABELS: Readonly<Record<PoolingModel, string>> = { no_pooling: "no pooling", complete_pooling: "complete pooling", partial_pooling: "partial pooling" };

/** Names of the population-level predictors that take one value within each level of the first group. */
export function groupConstantPredictors(spec: Pick<GlmmSpec, "n" | "X" | "groups">): string[] {
  const g = spec.groups[0];
  if (g === undefined) return [];
  const { names, values } = spec.X;
  const p = names.length;
  const out: string[] = [];
  for (let k = 0; k < p; k++) {
    const first = new Map<number, number>();
    let constant = true;
    for (let i = 0; i < spec.n && constant; i++) {
      const v = values[i * p + k];
      const seen = first.get(g.index[i]);
      if (seen === undefined) first.set(g.index[i], v);
      else if (seen !== v) constant = false;
    }
    if (constant) out.push(names[k]);
  }
  return out;
}

export function poolingFitWarnings(fits: Readonly<Record<PoolingModel, Fit>>, spec?: Pick<GlmmSpec, "n" | "X" | "groups">): string[] {
  const out: string[] = [];
  const constant = spec ? groupConstantPredictors(spec) : [];
  if (constant.length > 0 && spec) {
    const group = spec.groups[0].name;
    out.push(
      `no pooling: ${constant.join(", ")} ${constant.length === 1 ? "is" : "are"} constant within every ${group}, so beside one intercept per ${group} ` +
        `${constant.length === 1 ? "it is" : "they are"} not identified: the no-pooling estimates (and its LOO) are meaningless. ` +
        `Compare complete and partial pooling only, or leave group-level predictors out of this comparison.`,
    );
  }
  for (const m of POOLING_MODELS) for (const w of summarizeFit(fits[m]).warnings) out.push(`${LABELS[m]}: ${w}`);
  return out;
}
