/**
 * A fit's summary in every form the outputs need: rows (the table), sampler diagnostics, warnings
 * in words, and the JSON document of DESIGN.md's contract — computed once, shared by the CLI, the
 * report and the web app.
 */
import { diagnose } from "../diagnostics/diagnose.js";
import { samplerDiagnostics, type SamplerDiagnostics } from "../diagnostics/sampler.js";
import { formatSummaryTable } from "../posterior/formatSummaryTable.js";
import { summarize, type SummaryRow } from "../posterior/summary.js";
import { summaryJson, type SummaryJson } from "../posterior/summaryJson.js";
import type { Fit } from "./fitResult.js";
import { partialRunWarning } from "./partialRun.js";

export interface FitSummary {
  readonly rows: readonly SummaryRow[];
  readonly diagnostics: SamplerDiagnostics;
  readonly warnings: readonly string[];
  readonly json: SummaryJson;
  /** The terminal table. */
  readonly table: string;
}

export interface SummarizeFitOptions {
  /** Which outputs get a row (default all): e.g. leave out posterior-predictive replicates. */
  readonly include?: (name: string) => boolean;
  /** What reading the data and building the model found; listed first, as they come first. */
  readonly dataWarnings?: readonly string[];
}

export function summarizeFit(fit: Fit, options: SummarizeFitOptions = {}): FitSummary {
  const { settings } = fit.result;
  const rows = options.include ? summarize(fit.draws, { variables: fit.names.filter(options.include) }) : summarize(fit.draws);
  const diagnostics = samplerDiagnostics(fit.draws, { maxTreeDepth: settings.maxTreeDepth });
  const partial = partialRunWarning(fit.result);
  const warnings = [...(options.dataWarnings ?? []), ...(partial !== null ? [partial] : []), ...diagnose(fit.draws, { maxTreeDepth: settings.maxTreeDepth, rows, diagnostics })];
  const json = summaryJson({
    rows,
    diagnostics,
    timing: { compile_s: fit.timing.compile_s, warmup_s: fit.timing.warmup_s, sampling_s: fit.timing.sampling_s, gradients: fit.timing.gradients },
    settings: { chains: settings.chains, warmup: settings.warmup, draws: settings.draws, seed: settings.seed, metric: settings.metric },
    warnings,
  });
  return { rows, diagnostics, warnings, json, table: formatSummaryTable(rows) };
}
