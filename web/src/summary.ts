/**
 * The summary the page shows and downloads: the CLI's columns and names. Mean, sd and quantiles are
 * computed here from the draws. R-hat, ESS and MCSE come from src/diagnostics, which has not landed
 * yet: until it does they are null and the page says so (never a made-up number).
 */
import type { Fit } from "../../src/api/fitResult.js";
import { modelVariableNames, variableIndex, variableOf } from "../../src/posterior/draws.js";

export const SUMMARY_COLUMNS = ["mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail"] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];
/** Headers as the CLI prints them. */
export const SUMMARY_HEADERS: Readonly<Record<SummaryColumn, string>> = Object.freeze({
  mean: "mean", sd: "sd", q5: "5%", q50: "50%", q95: "95%", rhat: "rhat", ess_bulk: "ess_bulk", ess_tail: "ess_tail",
});

export interface SummaryRow {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
  readonly rhat: number | null;
  readonly ess_bulk: number | null;
  readonly ess_tail: number | null;
  readonly mcse_mean: number | null;
}

export const DIAGNOSTICS_AVAILABLE = false;

/** R's default quantile (type 7) of sorted values. */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function summarise(x: Float64Array): Pick<SummaryRow, "mean" | "sd" | "q5" | "q50" | "q95"> {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) ** 2;
  const sorted = Float64Array.from(x).sort();
  return { mean: m, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, q5: quantileSorted(sorted, 0.05), q50: quantileSorted(sorted, 0.5), q95: quantileSorted(sorted, 0.95) };
}

export function summaryRows(fit: Fit, include: (name: string) => boolean = () => true): SummaryRow[] {
  const d = fit.draws;
  const names = ["lp__", ...modelVariableNames(d)].filter(include);
  return names.map((name) => ({
    name,
    ...summarise(variableOf(d, variableIndex(d, name))),
    rhat: null,
    ess_bulk: null,
    ess_tail: null,
    mcse_mean: null,
  }));
}

/** The CLI's JSON summary schema (DESIGN.md "JSON summary"). */
export function summaryJson(fit: Fit, rows: readonly SummaryRow[], modelName: string): unknown {
  const r = fit.result;
  return {
    schema: "hbayes.summary/1",
    model: modelName,
    parameters: rows,
    diagnostics: {
      divergences: r.divergences,
      treedepth_hits: r.treeDepthHits,
      // E-BFMI comes with src/diagnostics; null until then.
      ebfmi: r.chains.map(() => null),
    },
    timing: fit.timing,
    settings: { chains: r.settings.chains, warmup: r.settings.warmup, draws: r.settings.draws, seed: r.settings.seed },
    partial: r.partial,
  };
}
