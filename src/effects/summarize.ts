/** Per-column summaries of a draws × columns matrix, as brms's posterior_summary. */
import { quantile7Sorted } from "../diagnostics/quantile7.js";

export interface ColumnSummaries {
  readonly estimate: Float64Array;
  readonly se: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * robust = TRUE (conditional_effects): median, MAD (R's 1.4826 × median |x − median|), and R's type-7
 * quantiles at (1 − prob)/2 and 1 − (1 − prob)/2, the same arithmetic as brms's `probs`.
 * `value(s, j)` reads draw s of column j, so callers can summarise a derived quantity without a copy.
 */
export function summarizeColumns(S: number, columns: number, value: (s: number, j: number) => number, prob: number): ColumnSummaries {
  const lo = (1 - prob) / 2;
  const hi = 1 - lo;
  const x = new Float64Array(S);
  const dev = new Float64Array(S);
  const out = { estimate: new Float64Array(columns), se: new Float64Array(columns), lower: new Float64Array(columns), upper: new Float64Array(columns) };
  for (let j = 0; j < columns; j++) {
    let nan = false;
    for (let s = 0; s < S; s++) {
      x[s] = value(s, j);
      if (Number.isNaN(x[s])) nan = true;
    }
    if (nan) {
      out.estimate[j] = out.se[j] = out.lower[j] = out.upper[j] = NaN;
      continue;
    }
    x.sort();
    const med = quantile7Sorted(x, 0.5);
    for (let s = 0; s < S; s++) dev[s] = Math.abs(x[s] - med);
    dev.sort();
    out.estimate[j] = med;
    out.se[j] = 1.4826 * quantile7Sorted(dev, 0.5);
    out.lower[j] = quantile7Sorted(x, lo);
    out.upper[j] = quantile7Sorted(x, hi);
  }
  return out;
}
