/**
 * What `hbayes pooling` must say about its three fits besides PSIS-LOO: the comparison's own notes
 * (src/pooling leaves predictors constant within every group out of the no-pooling model and says
 * so), then each fit's own sampler warnings (divergences, R-hat, ESS — the web app lists them, the
 * command printed none).
 */
import { summarizeFit, type FitSummary } from "../api/fitSummary.js";
import type { Fit } from "../api/fitResult.js";
import { POOLING_MODELS, type PoolingModel } from "../pooling/index.js";

const LABELS: Readonly<Record<PoolingModel, string>> = { no_pooling: "no pooling", complete_pooling: "complete pooling", partial_pooling: "partial pooling" };

/**
 * `notes`: PoolingResult.notes (absent for a DSL model's comparison, which drops no predictor);
 * `summaries`: fits the caller has summarised already (the command's report needs the partial-pooling one).
 */
export function poolingFitWarnings(fits: Readonly<Record<PoolingModel, Fit>>, notes: readonly string[] = [], summaries: Partial<Record<PoolingModel, FitSummary>> = {}): string[] {
  const out = [...notes];
  for (const m of POOLING_MODELS) for (const w of (summaries[m] ?? summarizeFit(fits[m])).warnings) out.push(`${LABELS[m]}: ${w}`);
  return out;
}
