/**
 * The result of a pooling comparison, JSON-ready: the CLI (`hbayes pooling`) and the web view read
 * exactly `{ groups: [...], loo }` (see `poolingJson`).
 */

/** Posterior mean and central 90 % interval (type-7 quantiles, as posterior::quantile2). */
export interface Interval {
  readonly mean: number;
  readonly q5: number;
  readonly q95: number;
}

export interface PoolingGroup {
  /** The group's level label. */
  readonly group: string;
  /** How much data the group has: rows, or total trials for the binomial family. */
  readonly n: number;
  readonly no_pooling: Interval;
  readonly complete_pooling: Interval;
  readonly partial_pooling: Interval;
  /**
   * (no − partial) / (no − complete) of the posterior means on the response scale, clamped to
   * [0, 1]; NaN (null in JSON) when no and complete pooling agree too closely for the ratio to mean
   * anything (see `shrinkageFactor`).
   */
  readonly shrinkage: number;
}

export const POOLING_MODELS = ["no_pooling", "complete_pooling", "partial_pooling"] as const;
export type PoolingModel = (typeof POOLING_MODELS)[number];

/** PSIS-LOO of one model. */
export interface LooEntry {
  readonly elpd_loo: number;
  readonly se_elpd_loo: number;
  readonly p_loo: number;
  readonly looic: number;
  /** min(1 − 1/log10(S), 0.7) for S draws: above it an observation's PSIS estimate is unreliable. */
  readonly pareto_k_threshold: number;
  /** Observations whose Pareto k̂ exceeds the threshold. */
  readonly pareto_k_bad: number;
  readonly pareto_k_max: number;
}

/** One row of the comparison, best model first (elpd_diff = 0), as loo::loo_compare. */
export interface LooComparisonRow {
  readonly model: PoolingModel;
  readonly elpd_diff: number;
  readonly se_diff: number;
}

export interface PoolingLoo {
  readonly models: Readonly<Record<PoolingModel, LooEntry>>;
  readonly comparison: readonly LooComparisonRow[];
  /** Human-readable warnings, e.g. high Pareto k. */
  readonly warnings: readonly string[];
}

/** What the response-scale numbers are, for labels. */
export interface ResponseScale {
  readonly kind: "mean" | "median" | "probability" | "rate";
  /** A sentence for reports: what exactly each group's number is. */
  readonly description: string;
}
