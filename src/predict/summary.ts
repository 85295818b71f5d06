/** Per-row summaries of a draws × rows matrix: mean, sd and R's type-7 quantiles (as posterior::summarise_draws). */
import { quantile7Sorted } from "../diagnostics/quantile7.js";
import type { LogLikMatrix } from "../diagnostics/loo.js";

export interface PredictionSummaryRow {
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
}

export function summarizePredictions(m: LogLikMatrix): PredictionSummaryRow[] {
  const { draws: S, observations: n, data } = m;
  const column = new Float64Array(S);
  const out: PredictionSummaryRow[] = [];
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let s = 0; s < S; s++) sum += column[s] = data[s * n + i];
    const mean = sum / S;
    let ss = 0;
    for (let s = 0; s < S; s++) ss += (column[s] - mean) ** 2;
    // NaN draws (a failed evaluation) give NaN quantiles, as posterior's quantile2 with na.rm = FALSE.
    const hasNaN = Number.isNaN(mean);
    if (!hasNaN) column.sort();
    const q = (p: number) => (hasNaN ? NaN : quantile7Sorted(column, p));
    out.push({ mean, sd: S > 1 ? Math.sqrt(ss / (S - 1)) : NaN, q5: q(0.05), q50: q(0.5), q95: q(0.95) });
  }
  return out;
}
