/**
 * The summary the page shows and downloads: exactly the CLI's (src/api/fitSummary.ts) — the same
 * rows, warnings in words and JSON document — plus the thresholds the table uses to flag cells.
 */
export { summarizeFit, type FitSummary } from "../../src/api/fitSummary.js";
export type { SummaryRow } from "../../src/posterior/summary.js";
import { DIAGNOSE_THRESHOLDS as DIAGNOSE_THRESHOLDS_VALUES } from "../../src/diagnostics/diagnose.js";

export const SUMMARY_COLUMNS = ["mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail"] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];
/** Headers as the CLI prints them. */
export const SUMMARY_HEADERS: Readonly<Record<SummaryColumn, string>> = Object.freeze({
  mean: "mean", sd: "sd", q5: "5%", q50: "50%", q95: "95%", rhat: "rhat", ess_bulk: "ess_bulk", ess_tail: "ess_tail",
});

/** R-hat above this flags a cell (Vehtari et al. 2021), as the CLI's warnings do. */
export const RHAT_WARN = DIAGNOSE_THRESHOLDS_VALUES.rhat;
/** Bulk or tail ESS below this many per chain flags a cell. */
export const ESS_WARN_PER_CHAIN = DIAGNOSE_THRESHOLDS_VALUES.essPerChain;
