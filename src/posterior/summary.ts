/**
 * The posterior summary table: one row per model variable with the columns of the JSON summary
 * contract (DESIGN.md): mean, sd, 5/50/95% quantiles (type 7), rank-normalised split R-hat, bulk and
 * tail ESS and the MCSE of the mean, all as R's posterior 1.4.0 computes them.
 */
import { chainsOf, shouldReturnNaN, splitChains } from "../diagnostics/chains.js";
import { essBelow } from "../diagnostics/ess.js";
import { essCore } from "../diagnostics/essCore.js";
import { quantile7Sorted } from "../diagnostics/quantile7.js";
import { foldDraws, zScale } from "../diagnostics/ranks.js";
import { rhatCore } from "../diagnostics/rhat.js";
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

/**
 * One row of the summary for variable index v. Computes what rhat, essBulk, essTail and mcseMean
 * compute, sharing their common steps (the z-scaled split chains serve both bulk R-hat and bulk ESS;
 * one sort serves the quantiles and the tail-ESS thresholds); the tests check the rows against
 * posterior's values.
 */
export function summarizeVariable(draws: Draws, v: number): SummaryRow {
  const all = variableOf(draws, v);
  const chains = chainsOf(draws, v);
  const n = all.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += all[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (all[i] - mean) * (all[i] - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  let hasNaN = false;
  for (let i = 0; i < n && !hasNaN; i++) hasNaN = Number.isNaN(all[i]);
  const sorted = hasNaN ? null : Float64Array.from(all).sort();
  const q = (p: number): number => (sorted === null ? NaN : quantile7Sorted(sorted, p));

  const split = splitChains(chains);
  const zSplit = zScale(split);
  const rhatBulk = rhatCore(zSplit);
  const rhatTail = rhatCore(zScale(splitChains(foldDraws(chains))));
  const degenerate = shouldReturnNaN(chains);
  const essTail = degenerate ? NaN : Math.min(essBelow(chains, q(0.05)), essBelow(chains, q(0.95)));
  return {
    name: draws.names[v],
    mean: n > 0 ? mean : NaN,
    sd,
    q5: q(0.05),
    q50: q(0.5),
    q95: q(0.95),
    rhat: Math.max(rhatBulk, rhatTail),
    ess_bulk: essCore(zSplit),
    ess_tail: essTail,
    mcse_mean: sd / Math.sqrt(essCore(split)),
  };
}
