/**
 * What `hbayes pooling` must say about its three fits besides PSIS-LOO: each fit's own sampler
 * warnings (divergences, R-hat, ESS — the web app lists them, the command printed none), and the
 * common way the no-pooling fit goes wrong: a predictor constant within every group (a group-level
 * predictor such as a patient's age) is collinear with the per-group intercepts, so under no pooling
 * it is not identified: src/pooling leaves it out of that model, and this says so.
 */
import { summarizeFit } from "../api/fitSummary.js";
import type { Fit } from "../api/fitResult.js";
import type { GlmmSpec } from "../glmm/types.js";
import { groupConstantPredictors, noPoolingNote, POOLING_MODELS, type PoolingModel } from "../pooling/index.js";

const LABELS: Readonly<Record<PoolingModel, string>> = { no_pooling: "no pooling", complete_pooling: "complete pooling", partial_pooling: "partial pooling" };

/** src/pooling's (the no-pooling model leaves these out); re-exported for the command's callers. */
export { groupConstantPredictors };

export function poolingFitWarnings(fits: Readonly<Record<PoolingModel, Fit>>, spec?: Pick<GlmmSpec, "n" | "X" | "groups">): string[] {
  const out: string[] = [];
  const constant = spec ? groupConstantPredictors(spec) : [];
  if (constant.length > 0 && spec) {
    // src/pooling now leaves them out of the no-pooling model (before: an improper fit, shown as 6e5).
    out.push(noPoolingNote(constant, spec.groups[0].name));
  }
  for (const m of POOLING_MODELS) for (const w of summarizeFit(fits[m]).warnings) out.push(`${LABELS[m]}: ${w}`);
  return out;
}
