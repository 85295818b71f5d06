/**
 * The summary the page shows and downloads: the CLI's columns and names, and the JSON summary schema
 * of DESIGN.md. Mean, sd and type-7 quantiles over all draws; rank-normalised split R-hat, bulk/tail
 * ESS, MCSE and E-BFMI from src/diagnostics (R posterior's definitions; NaN with too few draws).
 * When src/posterior/summary.ts lands this file should defer to it.
 */
import type { Fit } from "../../src/api/fitResult.js";
import { chainsOf } from "../../src/diagnostics/chains.js";
import { ebfmi } from "../../src/diagnostics/ebfmi.js";
import { essBulk, essTail } from "../../src/diagnostics/ess.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { rhat } from "../../src/diagnostics/rhat.js";
import { chainOf, modelVariableNames, variableIndex, variableOf } from "../../src/posterior/draws.js";

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
  readonly rhat: number;
  readonly ess_bulk: number;
  readonly ess_tail: number;
  readonly mcse_mean: number;
}

/** R-hat above this flags a parameter (Vehtari et al. 2021). */
export const RHAT_WARN = 1.01;
/** Bulk or tail ESS below this many per chain flags a parameter (the same paper's 100 per chain). */
export const ESS_WARN_PER_CHAIN = 100;

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
  return names.map((name) => {
    const v = variableIndex(d, name);
    const chains = chainsOf(d, v);
    return { name, ...summarise(variableOf(d, v)), rhat: rhat(chains), ess_bulk: essBulk(chains), ess_tail: essTail(chains), mcse_mean: mcseMean(chains) };
  });
}

/** E-BFMI of each chain from `energy__` (below 0.3 suggests the momentum resampling explores poorly). */
export function ebfmiPerChain(fit: Fit): number[] {
  const d = fit.result.draws;
  const e = d.names.indexOf("energy__");
  if (e < 0 || d.draws < 2) return Array.from({ length: d.chains }, () => NaN);
  return Array.from({ length: d.chains }, (_, c) => ebfmi(chainOf(d, e, c)));
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
      ebfmi: ebfmiPerChain(fit),
    },
    timing: fit.timing,
    settings: { chains: r.settings.chains, warmup: r.settings.warmup, draws: r.settings.draws, seed: r.settings.seed },
    partial: r.partial,
  };
}
