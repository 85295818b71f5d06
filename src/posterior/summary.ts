/**
 * The posterior summary table: one row per model variable with the columns of the JSON summary
 * contract (DESIGN.md): mean, sd, 5/50/95% quantiles (type 7), rank-normalised split R-hat, bulk and
 * tail ESS and the MCSE of the mean, all as R's posterior 1.4.0 computes them.
 */
import { shouldReturnNaN } from "../diagnostics/chains.js";
import { createEssWorkspace, essFlat, type EssWorkspace } from "../diagnostics/essCore.js";
import { quantile7Sorted } from "../diagnostics/quantile7.js";
import {
  argsortInto,
  createArgsortWorkspace,
  createZScaleWorkspace,
  foldSortedPerm,
  medianSorted,
  zScaleInto,
  zScaleSorted,
  type ArgsortWorkspace,
  type ZScaleWorkspace,
} from "../diagnostics/ranks.js";
import { rhatFlat } from "../diagnostics/rhat.js";
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
  const ws = createSummaryWorkspace(draws.chains, draws.draws);
  return names.map((name) => {
    const v = draws.names.indexOf(name);
    if (v < 0) throw new RangeError(`summarize: variables must be names in the draws, got ${JSON.stringify(name)}`);
    return summarizeVariable(draws, v, ws);
  });
}

/**
 * Scratch for summarising variables of `chains` × `draws`: made once per summary so a row allocates
 * nothing beyond itself. Split chains follow posterior's `.split_chains` (each chain's first and
 * second half, the middle draw dropped when the count is odd; a chain of one draw stays whole), laid
 * out as R's cbind: all first halves, then all second halves.
 */
export interface SummaryWorkspace {
  readonly chains: number;
  readonly draws: number;
  readonly splitChains: number;
  readonly splitDraws: number;
  /** All draws sorted (NaN-free variables only), and the permutation that sorts them. */
  readonly sorted: Float64Array;
  readonly perm: Int32Array;
  readonly foldedSorted: Float64Array;
  readonly foldPerm: Int32Array;
  /** A variable's values in draw order (folded draws, or z-scores before splitting). */
  readonly folded: Float64Array;
  readonly argsort: ArgsortWorkspace;
  readonly split: Float64Array;
  readonly z: Float64Array;
  readonly zScale: ZScaleWorkspace;
  readonly ess: EssWorkspace;
  readonly means: Float64Array;
}

export function createSummaryWorkspace(chains: number, draws: number): SummaryWorkspace {
  const splitChains = draws <= 1 ? chains : 2 * chains;
  const splitDraws = draws <= 1 ? draws : Math.floor(draws / 2);
  const size = splitChains * splitDraws;
  return {
    chains,
    draws,
    splitChains,
    splitDraws,
    sorted: new Float64Array(chains * draws),
    perm: new Int32Array(chains * draws),
    foldedSorted: new Float64Array(chains * draws),
    foldPerm: new Int32Array(chains * draws),
    folded: new Float64Array(chains * draws),
    argsort: createArgsortWorkspace(chains * draws),
    split: new Float64Array(size),
    z: new Float64Array(size),
    zScale: createZScaleWorkspace(size),
    ess: createEssWorkspace(splitChains, splitDraws),
    means: new Float64Array(splitChains),
  };
}

/** Writes the split chains of `all` (chains × draws, chain-major) into `out` in R's order. */
function splitInto(all: Float64Array, ws: SummaryWorkspace, out: Float64Array): void {
  const { chains: m, draws: n, splitDraws: half } = ws;
  if (n <= 1) {
    out.set(all.subarray(0, m * n));
    return;
  }
  const secondStart = Math.ceil(n / 2 + 1) - 1;
  for (let c = 0; c < m; c++) {
    const from = c * n;
    const first = c * half;
    const second = (m + c) * half;
    for (let i = 0; i < half; i++) {
      out[first + i] = all[from + i];
      out[second + i] = all[from + secondStart + i];
    }
  }
}

/**
 * One row of the summary for variable index v. Computes what rhat, essBulk, essTail and mcseMean
 * compute with the same arithmetic (the tests check equality to the last bit), sharing their common
 * steps: one sort serves the quantiles, the median, the bulk ranks and (merged around the median)
 * the folded ranks when the split chains hold every draw; the z-scaled split chains serve both bulk
 * R-hat and bulk ESS; Φ⁻¹ of each rank is computed once per summary.
 */
export function summarizeVariable(draws: Draws, v: number, ws: SummaryWorkspace = createSummaryWorkspace(draws.chains, draws.draws)): SummaryRow {
  if (ws.chains !== draws.chains || ws.draws !== draws.draws) {
    throw new RangeError(`summarizeVariable: workspace must be for ${draws.chains} × ${draws.draws} draws, got ${ws.chains} × ${ws.draws}`);
  }
  const all = variableOf(draws, v);
  const n = all.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += all[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (all[i] - mean) * (all[i] - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  let hasNaN = false;
  for (let i = 0; i < n && !hasNaN; i++) hasNaN = Number.isNaN(all[i]);
  const { split, splitChains: M, splitDraws: N } = ws;
  // With an even number of draws per chain the split chains hold every draw, so one argsort of
  // all draws gives the quantiles, the median, the bulk ranks and (merged around the median) the
  // folded ranks. Otherwise (odd draws, NaN, an infinite median) the ranks come from zScaleInto.
  const whole = !hasNaN && ws.draws > 1 && ws.draws % 2 === 0;
  let sorted: Float64Array | null = null;
  if (whole) {
    sorted = ws.sorted;
    argsortInto(all, ws.perm, sorted, ws.argsort);
  } else if (!hasNaN) {
    sorted = ws.sorted;
    sorted.set(all);
    sorted.sort();
  }
  const q = (p: number): number => (sorted === null ? NaN : quantile7Sorted(sorted, p));
  const zAll = ws.folded;

  if (whole) {
    zScaleSorted(ws.perm, ws.sorted, zAll, ws.zScale);
    splitInto(zAll, ws, split);
  } else {
    splitInto(all, ws, split);
    zScaleInto(split, split, ws.zScale);
  }
  const rhatBulk = rhatFlat(split, M, N, ws.means);
  const essBulk = essFlat(split, ws.ess);

  // Tail R-hat on |x − median| (posterior's fold_draws; the median over all chains).
  const med = sorted === null ? NaN : medianSorted(sorted);
  if (whole && Number.isFinite(med)) {
    foldSortedPerm(ws.perm, ws.sorted, med, ws.foldPerm, ws.foldedSorted);
    zScaleSorted(ws.foldPerm, ws.foldedSorted, zAll, ws.zScale);
    splitInto(zAll, ws, split);
  } else {
    for (let i = 0; i < n; i++) zAll[i] = Math.abs(all[i] - med);
    splitInto(zAll, ws, split);
    zScaleInto(split, split, ws.zScale);
  }
  const rhatTail = rhatFlat(split, M, N, ws.means);

  // Tail ESS: ESS of the split indicators x ≤ q5 and x ≤ q95 (posterior's ess_quantile).
  let essTail = NaN;
  if (!shouldReturnNaN([all])) {
    essTail = Math.min(essBelowFlat(all, q(0.05), ws), essBelowFlat(all, q(0.95), ws));
  }
  splitInto(all, ws, split);
  const essMean = essFlat(split, ws.ess);
  return {
    name: draws.names[v],
    mean: n > 0 ? mean : NaN,
    sd,
    q5: q(0.05),
    q50: q(0.5),
    q95: q(0.95),
    rhat: Math.max(rhatBulk, rhatTail),
    ess_bulk: essBulk,
    ess_tail: essTail,
    mcse_mean: sd / Math.sqrt(essMean),
  };
}

function essBelowFlat(all: Float64Array, threshold: number, ws: SummaryWorkspace): number {
  const { split, z } = ws;
  splitInto(all, ws, split);
  for (let i = 0; i < split.length; i++) z[i] = split[i] <= threshold ? 1 : 0;
  return essFlat(z, ws.ess);
}
