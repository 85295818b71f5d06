/**
 * The posterior summary table: one row per model variable with the columns of the JSON summary
 * contract (DESIGN.md): mean, sd, 5/50/95% quantiles (type 7), rank-normalised split R-hat, bulk and
 * tail ESS and the MCSE of the mean, all as R's posterior 1.4.0 computes them.
 */
import { chainsOf } from "../diagnostics/chains.js";
import { essBulk, essTail } from "../diagnostics/ess.js";
import { mcseMean } from "../diagnostics/mcse.js";
import { quantile7Sorted } from "../diagnostics/quantile7.js";
import { rhat } from "../diagnostics/rhat.js";
import { modelVariableNames, variableOf, type Draws } from "./draws.js";

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

export interface SummarizeOptions {
  /** Variables to summarise, in this order; default: the model variables (names not ending in `__`). */
  readonly variables?: readonly string[];
}

export function summarize(draws: Draws, options: SummarizeOptions = {}): SummaryRow[] {
  const names = options.variables ?? modelVariableNames(draws);
  return names.map((name) => {
    const v = draws.names.indexOf(name);
    if (v < 0) throw new RangeError(`summarize: variables must be names in the draws, got ${JSON.stringify(name)}`);
    return summarizeVariable(draws, v);
  });
}

/** One row of the summary for variable index v. */
export function summarizeVariable(draws: Draws, v: number): SummaryRow {
  const all = variableOf(draws, v);
  const chains = chainsOf(draws, v);
  const n = all.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += all[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (all[i] - mean) * (all[i] - mean);
  let hasNaN = false;
  for (let i = 0; i < n && !hasNaN; i++) hasNaN = Number.isNaN(all[i]);
  const sorted = hasNaN ? null : Float64Array.from(all).sort();
  const q = (p: number): number => (sorted === null ? NaN : quantile7Sorted(sorted, p));
  return {
    name: draws.names[v],
    mean: n > 0 ? mean : NaN,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    q5: q(0.05),
    q50: q(0.5),
    q95: q(0.95),
    rhat: rhat(chains),
    ess_bulk: essBulk(chains),
    ess_tail: essTail(chains),
    mcse_mean: mcseMean(chains),
  };
}
