/**
 * K-fold cross-validation of a formula model, as brms's kfold(): the model is refitted K times, each
 * time without one fold of rows, and the held-out rows are scored by their log predictive density
 * log mean_s p(y_i | θ_s) under the fit that did not see them. Grouped folds (every row of a level in
 * the same fold) ask how well the model predicts groups it has never seen — the question a
 * hierarchical model is often built for, and one PSIS-LOO cannot answer when leaving one row out
 * barely moves the posterior, or when its Pareto k̂ are high.
 *
 * Estimates as loo's kfold: elpd_kfold = Σ_i elpd_i with se √(n · var(elpd_i)), p_kfold = lpd of the
 * full-data fit − elpd_kfold, kfoldic = −2 · elpd_kfold.
 */
import { UserError } from "../errors.js";
import type { FormulaData } from "../formula/data.js";
import { comparePointwise } from "../diagnostics/looCompare.js";
import { logSumExp } from "../math/logSumExp.js";
import { dparLinpredDraws, linpredDraws } from "../predict/linpred.js";
import { logLikFromDraws } from "../predict/formulaPredict.js";
import { logLikFromLinpred } from "../predict/response.js";
import { newDataRows } from "../predict/rows.js";
import { resolvePredictOptions, type NewLevelsMethod } from "../predict/types.js";
import { createRng } from "../random/rng.js";
import type { FitOptions } from "./fit.js";
import { buildFormulaModel, fitFormulaModel, type FormulaModelInput } from "./formulaFit.js";

export const KFOLD_SPLITS = Object.freeze(["random", "grouped"] as const);
export type KfoldSplit = (typeof KFOLD_SPLITS)[number];

export interface KfoldOptions {
  /** Number of folds (default 10). */
  readonly K?: number;
  /** "random": rows shuffled into K folds of near-equal size; "grouped": whole levels of `group` (default "random"). */
  readonly folds?: KfoldSplit;
  /** The data column whose levels "grouped" keeps together. */
  readonly group?: string;
  /** Fold of each data row instead (1 … K; brms's `folds = <vector>`); rows dropped for missing values are ignored. */
  readonly foldIds?: ArrayLike<number>;
  /** How an unseen level of a group term gets its effects in a held-out row (default "gaussian"). */
  readonly newLevels?: NewLevelsMethod;
  /** Options of every fit (chains, draws, seed, …); the split uses `seed` too. */
  readonly fit?: FitOptions;
  /** Called after each fit: fold k of K (0 is the full-data fit). */
  readonly onFold?: (k: number, K: number) => void;
}

export interface KfoldResult {
  readonly K: number;
  readonly folds: KfoldSplit | "given";
  /** Fold (1 … K) of each design row, i.e. of each data row kept by the model, in data order. */
  readonly foldOfRow: Int32Array;
  /** The data row (0-based) of each design row. */
  readonly dataRows: Int32Array;
  /** log mean_s p(y_i | θ_s) of row i under the fit without its fold. */
  readonly pointwise: Float64Array;
  readonly elpd_kfold: number;
  readonly se_elpd_kfold: number;
  readonly p_kfold: number;
  readonly se_p_kfold: number;
  readonly kfoldic: number;
  readonly se_kfoldic: number;
  /** Divergent transitions of each fold's fit (index 0: the full-data fit). */
  readonly divergences: readonly number[];
}

export async function kfold(input: FormulaModelInput, options: KfoldOptions = {}): Promise<KfoldResult> {
  const full = buildFormulaModel(input);
  const design = full.design;
  if (input.samplePrior === "only") throw new UserError("kfold: a prior-only model never sees the data; cross-validate the model itself");
  const n = design.n;
  const dataRows = design.rows;
  const fitOptions = options.fit ?? {};
  const seed = fitOptions.seed ?? 1;
  const { K, foldOfRow, folds } = splitFolds(input.data, dataRows, options, seed);
  // An ordinal or categorical response keeps the full data's categories in every fold, as an R factor
  // keeps its levels in brms's training subsets: a category seen only in held-out rows is then a
  // category the fold's fit has (from its prior) rather than an error, and the codes mean the same.
  const categories = input.levels ?? design.response.categories;

  const pointwise = new Float64Array(n);
  const divergences: number[] = [];
  const predictOptions = resolvePredictOptions({ allowNewLevels: true, newLevels: options.newLevels ?? "gaussian", seed });
  const first = await fitFormulaModel(input, fitOptions);
  divergences.push(first.fit.divergences);
  const lpdFull = logMeanExpByColumn(logLikFromDraws(first.fit.draws, first.model.design));
  options.onFold?.(0, K);
  for (let k = 1; k <= K; k++) {
    const train: number[] = [];
    const heldIdx: number[] = []; // design-row index of each held-out data row
    for (let i = 0; i < n; i++) {
      if (foldOfRow[i] === k) heldIdx.push(i);
      else train.push(dataRows[i]);
    }
    const held = heldIdx.map((i) => dataRows[i]);
    if (held.length === 0) continue;
    const trainData = subsetRows(input.data, train);
    const heldData = subsetRows(input.data, held);
    let ll;
    let rowsOfPhase = train; // which subset the row numbers of an error refer to
    try {
      const { fit, model } = await fitFormulaModel({ ...input, data: trainData, ...(categories ? { levels: categories } : {}) }, fitOptions);
      divergences.push(fit.divergences);
      rowsOfPhase = held;
      // As brms's kfold (log_lik(fit_k, newdata = held-out rows)): each held-out row is scored against
      // its own response, cens() code, weight and trunc() bounds, read from the held-out data.
      const rows = newDataRows(model.design, heldData, true);
      if (rows.n !== held.length) throw new Error(`kfold: fold ${k} has ${held.length} held-out rows but ${rows.n} prediction rows`);
      const eta = linpredDraws(fit.draws, model.design, rows, predictOptions);
      const parts = dparLinpredDraws(fit.draws, model.design, rows, predictOptions);
      ll = logLikFromLinpred(fit.draws, model.design, rows, eta, parts);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(`kfold: fold ${k} of ${K} (${held.length} held-out rows): ${dataRowNumbers(e.message, rowsOfPhase)}`);
      throw e;
    }
    const lpd = logMeanExpByColumn(ll);
    heldIdx.forEach((i, j) => (pointwise[i] = lpd[j]));
    options.onFold?.(k, K);
  }
  const [elpd, se] = sumAndSe(pointwise);
  const [p, seP] = sumAndSe(lpdFull.map((v, i) => v - pointwise[i]));
  return { K, folds, foldOfRow, dataRows, pointwise, elpd_kfold: elpd, se_elpd_kfold: se, p_kfold: p, se_p_kfold: seP, kfoldic: -2 * elpd, se_kfoldic: 2 * se, divergences };
}

/**
 * An error raised while fitting or scoring a fold numbers rows within the fold's subset (row 2 of the
 * training rows); the user knows the data file's rows, so each "row N" of the message's first line
 * becomes the data's row number. Only the first line: the rest of a caret error is the echoed formula,
 * whose text is the user's and must stay as typed. Rewriting the text here, rather than passing a row
 * mapping into every design, frame and newdata check (some thirty messages, each counting from its own
 * `rows` array), keeps those checks free of a kfold-only concern.
 */
export function dataRowNumbers(message: string, subset: readonly number[]): string {
  const nl = message.indexOf("\n");
  const head = nl < 0 ? message : message.slice(0, nl);
  const mapped = head.replace(/\brow (\d+)\b/g, (whole, d: string) => {
    const r = subset[Number(d) - 1];
    return r === undefined ? whole : `row ${r + 1}`;
  });
  return nl < 0 ? mapped : mapped + message.slice(nl);
}

/** Σ x_i and its standard error √(n · var(x)), as loo's table. */
function sumAndSe(x: Float64Array): [number, number] {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - sum / n) ** 2;
  return [sum, Math.sqrt((n * v) / (n - 1))];
}

export interface KfoldComparisonRow {
  /** Position of the model among the arguments (0-based). */
  readonly model: number;
  /** Σ_i (elpd_i(model) − elpd_i(best)) over the held-out rows; 0 for the best model. */
  readonly elpd_diff: number;
  readonly se_diff: number;
  readonly elpd_kfold: number;
  readonly se_elpd_kfold: number;
  readonly p_kfold: number;
  readonly kfoldic: number;
}

/**
 * loo's loo_compare on K-fold results: best first, each model's paired difference from the best. The
 * models must have been cross-validated on the same rows in the same folds (kfold with the same data,
 * split and seed), or the differences would compare different held-out sets.
 */
export function kfoldCompare(...results: KfoldResult[]): KfoldComparisonRow[] {
  if (results.length < 2) throw new UserError(`kfoldCompare: needs at least two models, got ${results.length}`);
  const [first] = results;
  results.forEach((r, j) => {
    const same = r.dataRows.length === first.dataRows.length && r.dataRows.every((v, i) => v === first.dataRows[i] && r.foldOfRow[i] === first.foldOfRow[i]);
    if (!same) {
      throw new UserError(
        `kfoldCompare: model ${j + 1} was not cross-validated on the same rows in the same folds as model 1 ` +
          "(its formula drops other rows for missing values, or the split differs): compare models fitted to the same complete rows",
      );
    }
  });
  return comparePointwise(results.map((r) => r.pointwise), "kfoldCompare").map(({ model, elpd_diff, se_diff }) => {
    const r = results[model];
    return { model, elpd_diff, se_diff, elpd_kfold: r.elpd_kfold, se_elpd_kfold: r.se_elpd_kfold, p_kfold: r.p_kfold, kfoldic: r.kfoldic };
  });
}

/** Per observation, log mean_s exp(ll_si) of a draws × observations matrix. */
function logMeanExpByColumn(m: { draws: number; observations: number; data: Float64Array }): Float64Array {
  const out = new Float64Array(m.observations);
  const col = new Float64Array(m.draws);
  for (let i = 0; i < m.observations; i++) {
    for (let s = 0; s < m.draws; s++) col[s] = m.data[s * m.observations + i];
    out[i] = logSumExp(col) - Math.log(m.draws);
  }
  return out;
}

/** Folds as loo's kfold_split_random / kfold_split_grouped do them, with hbayes's seeded generator. */
function splitFolds(data: FormulaData, dataRows: Int32Array, o: KfoldOptions, seed: number): { K: number; foldOfRow: Int32Array; folds: KfoldSplit | "given" } {
  const n = dataRows.length;
  if (o.foldIds !== undefined) {
    if (o.folds !== undefined || o.group !== undefined) throw new UserError("kfold: give foldIds, or folds (and group), not both");
    const ids = Int32Array.from(dataRows, (r) => Number(o.foldIds?.[r]));
    const K = Math.max(...ids);
    for (let i = 0; i < n; i++) if (!(Number.isInteger(ids[i]) && ids[i] >= 1)) throw new UserError(`kfold: foldIds must be whole numbers 1 … K, got ${o.foldIds[dataRows[i]]} in row ${dataRows[i] + 1}`);
    if (K < 2) throw new UserError("kfold: foldIds name a single fold; cross-validation needs at least 2");
    if (o.K !== undefined && o.K !== K) throw new UserError(`kfold: K is ${o.K} but foldIds go up to ${K}`);
    return { K, foldOfRow: ids, folds: "given" };
  }
  const K = o.K ?? 10;
  const folds = o.folds ?? "random";
  if (!KFOLD_SPLITS.includes(folds)) throw new UserError(`kfold: folds must be one of ${KFOLD_SPLITS.join(", ")}, got ${JSON.stringify(folds)}`);
  if (!(Number.isInteger(K) && K >= 2)) throw new UserError(`kfold: K must be a whole number ≥ 2, got ${K}`);
  const rng = createRng(seed, 0x6b666f6c); // "kfol": a stream of its own, shared with no fit
  const shuffled = (m: number): Int32Array => {
    const p = Int32Array.from({ length: m }, (_, i) => i);
    for (let i = m - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  };
  const foldOfRow = new Int32Array(n);
  if (folds === "random") {
    if (K > n) throw new UserError(`kfold: K = ${K} folds for ${n} rows`);
    shuffled(n).forEach((row, pos) => (foldOfRow[row] = (pos % K) + 1));
    return { K, foldOfRow, folds };
  }
  if (o.group === undefined) throw new UserError('kfold: grouped folds need the group column, e.g. { folds: "grouped", group: "county" }');
  const column = groupColumn(data, o.group);
  const levels = [...new Set(Array.from(dataRows, (r) => column[r]))];
  if (K > levels.length) throw new UserError(`kfold: K = ${K} folds for ${levels.length} levels of ${o.group}; grouped folds need K ≤ the number of levels`);
  const foldOfLevel = new Map<string, number>();
  shuffled(levels.length).forEach((l, pos) => foldOfLevel.set(levels[l], (pos % K) + 1));
  for (let i = 0; i < n; i++) foldOfRow[i] = foldOfLevel.get(column[dataRows[i]]) as number;
  return { K, foldOfRow, folds };
}

function groupColumn(data: FormulaData, name: string): string[] {
  if (isTable(data)) {
    const c = data.columns[name];
    if (c === undefined) throw new UserError(`kfold: no column '${name}' in the data; columns are ${data.names.join(", ")}`);
    return Array.from(c.values as ArrayLike<unknown>, (v) => String(v));
  }
  const c = (data as Readonly<Record<string, ArrayLike<unknown>>>)[name];
  if (c === undefined) throw new UserError(`kfold: no column '${name}' in the data; columns are ${Object.keys(data).join(", ")}`);
  return Array.from(c, (v) => String(v));
}

function isTable(data: FormulaData): data is Extract<FormulaData, { nRows: number }> {
  return typeof (data as { nRows?: unknown }).nRows === "number" && typeof (data as { columns?: unknown }).columns === "object";
}

/** The data's rows at `rows` (0-based, in that order), in the same shape as the data. */
export function subsetRows(data: FormulaData, rows: readonly number[]): FormulaData {
  if (isTable(data)) {
    const columns: Record<string, { kind: "numeric"; values: Float64Array } | { kind: "string"; values: (string | null)[] }> = {};
    for (const name of data.names) {
      const c = data.columns[name];
      columns[name] = c.kind === "numeric" ? { kind: "numeric", values: Float64Array.from(rows, (r) => c.values[r]) } : { kind: "string", values: rows.map((r) => c.values[r]) };
    }
    return { ...data, nRows: rows.length, columns };
  }
  const out: Record<string, unknown[]> = {};
  for (const [name, col] of Object.entries(data as Readonly<Record<string, ArrayLike<unknown>>>)) out[name] = rows.map((r) => col[r]);
  return out as FormulaData;
}
