/**
 * Inputs of the HTML report. The summary row and sampler diagnostics are structurally the ones
 * src/posterior/summary.ts and src/diagnostics/ produce (the JSON summary contract in DESIGN.md);
 * they are declared here so the report does not depend on those modules' internals.
 */
import type { Draws } from "../posterior/draws.js";
import type { ShrinkageGroup } from "../plots/shrinkagePlot.js";

export interface SummaryRow {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
  readonly rhat: number;
  readonly ess_bulk: number;
  readonly ess_tail: number;
  readonly mcse_mean: number;
}

export interface SamplerDiagnostics {
  readonly divergences: number;
  readonly treedepth_hits: number;
  readonly ebfmi: readonly number[];
}

export interface ReportSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number | string;
  /** Any further settings (adapt_delta, max_treedepth, metric, …) are listed as given. */
  readonly [key: string]: string | number | boolean | undefined;
}

export interface ReportTiming {
  readonly compile_s?: number;
  readonly warmup_s?: number;
  readonly sampling_s?: number;
  readonly gradients?: number;
}

export interface ReportGroups {
  readonly groups: readonly ShrinkageGroup[];
  readonly populationMean?: number;
  readonly xLabel?: string;
  readonly title?: string;
}

export type PpcKind = "density" | "bars";

export interface ReportPpc {
  readonly observed: Float64Array;
  readonly replicates: readonly Float64Array[];
  /** "bars" for counts; "density" (the default) otherwise. */
  readonly kind?: PpcKind;
  readonly xLabel?: string;
  /** The section's heading (default "Posterior predictive check"; a prior-only fit's is "Prior predictive check"). */
  readonly title?: string;
}

export interface ReportInput {
  readonly title: string;
  /** The formula or model source, shown verbatim. */
  readonly modelText?: string;
  readonly settings: ReportSettings;
  readonly timing?: ReportTiming;
  readonly rows: readonly SummaryRow[];
  /** Warnings in words, as diagnostics' `diagnose(...)` writes them. */
  readonly warnings: readonly string[];
  readonly diagnostics?: SamplerDiagnostics;
  readonly draws: Draws;
  readonly groups?: ReportGroups;
  readonly ppc?: ReportPpc;
}
