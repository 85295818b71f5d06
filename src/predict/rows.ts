/**
 * The rows to predict for, in the fitted design's encoding: the training rows themselves, or new data
 * through `designNewData` (same levels, contrasts, scale() values, centring means). Rows of a level
 * the fit did not see carry that level's position in the group's list of new levels, so rows of the
 * same new level share its drawn effects.
 */
import { UserError } from "../errors.js";
import { dataColumns, type FormulaData } from "../formula/data.js";
import type { DesignGroup, FormulaDesign } from "../formula/design.js";
import type { ParsedFormula } from "../formula/terms.js";
import { evalNumeric, type EvalContext } from "../formula/evaluate.js";
import { designNewData, levelLabel } from "../formula/newdata.js";
import { formatR } from "../formula/rformat.js";
import { withSmoothZs } from "../formula/smoothDesign.js";
import type { MonotonicRows } from "../formula/monotonic.js";
import { nonlinearNewRows, nonlinearTrainingRows, type NonlinearRows } from "./nonlinear.js";
import { knownCovNewLevels, type KnownCovNewLevels } from "./knownCovNewLevels.js";

export interface PredictRowsGroup {
  /** 0-based fitted level per row, −1 for a new level. */
  readonly index: Int32Array;
  /** rows × terms, row-major, the fit's term order. */
  readonly Z: Float64Array;
  /** Per row, the position of its new level in `newLevels`, or −1 for a fitted level. */
  readonly newLevel: Int32Array;
  readonly newLevels: readonly string[];
  /** gr(g, cov = A): the new levels' weights on the fitted levels and conditional sds (knownCovNewLevels.ts). */
  readonly knownCov?: KnownCovNewLevels;
}

export interface PredictRows {
  readonly n: number;
  /**
   * True only for `trainingRows(design)`: these are the fitted rows, whose addition terms (trunc()
   * bounds, cens() codes, weights, response) are the design's. Never inferred from the row count: new
   * data may have exactly as many rows as the fitted data and still carry other bounds.
   */
  readonly fitted: boolean;
  /** New rows: the new data's columns, kept rows and the fit's encoding, to read addition terms from; null when `fitted`. */
  readonly context: EvalContext | null;
  /** Original (0-based) data row of each prediction row (rows with missing predictors are dropped). */
  readonly rows: Int32Array;
  /** n × p, uncentred (the draws' b_Intercept is on the uncentred scale). */
  readonly X: Float64Array;
  readonly offset: Float64Array | null;
  readonly groups: readonly PredictRowsGroup[];
  /** Binomial trials per row (1 for bernoulli), null for other families. */
  readonly trials: Float64Array | null;
  /** Known standard errors (gaussian with se()), null otherwise. */
  readonly se: Float64Array | null;
  /** Per distributional formula (design.dpars' order): its X, n × q, uncentred. */
  readonly dparX: readonly Float64Array[];
  /** Per distributional formula: its group terms' rows (as `groups`). */
  readonly dparGroups: readonly (readonly PredictRowsGroup[])[];
  /** Non-linear models: each parameter's rows and the expression's columns. */
  readonly nonlinear?: NonlinearRows;
  /** Per mo() term (design.monotonic's order): codes 0 … D per mo() call and row, and the numeric columns' product. */
  readonly monotonic?: readonly MonotonicRows[];
  readonly messages: readonly string[];
}

/** The fitted rows. */
export function trainingRows(design: FormulaDesign): PredictRows {
  return {
    n: design.n,
    fitted: true,
    context: null,
    rows: design.rows,
    // Smooths: their Zs columns after X (draws s_sx_1[j] after b_*, bs_*; see formulaColumns).
    X: withSmoothZs(design.X.values, design.X.names.length, design.smooths ?? [], design.n),
    offset: design.offset,
    groups: design.groups.map((g) => ({ index: g.index, Z: g.Z, newLevel: new Int32Array(design.n).fill(-1), newLevels: [] })),
    trials: design.family.name === "bernoulli" ? new Float64Array(design.n).fill(1) : design.response.trials,
    se: design.response.se,
    dparX: design.dpars.map((d) => withSmoothZs(d.X.values, d.X.names.length, d.smooths ?? [], design.n)),
    dparGroups: design.dpars.map((d) => d.groups.map((g) => ({ index: g.index, Z: g.Z, newLevel: new Int32Array(design.n).fill(-1), newLevels: [] }))),
    ...(design.nonlinear ? { nonlinear: nonlinearTrainingRows(design.nonlinear, design.n) } : {}),
    ...(design.monotonic ? { monotonic: design.monotonic.map((m) => ({ codes: m.parts.map((p) => p.codes), covariate: m.covariate })) } : {}),
    messages: [],
  };
}

/** New data in the fit's encoding; unseen levels are a `UserError` naming the level unless allowed. */
export function newDataRows(design: FormulaDesign, data: FormulaData, allowNewLevels: boolean): PredictRows {
  const nd = designNewData(design, data, { allowNewLevels });
  const cols = dataColumns(data);
  // Rows of the same new level share its drawn effects: each row points at its level's position.
  const rowGroups = (groups: readonly DesignGroup[], newLevels: readonly (readonly string[])[], parsed: ParsedFormula): PredictRowsGroup[] =>
    groups.map((g, gi) => {
      const factors = parsed.re[gi].factors.map((f) => f.name);
      const position = new Map(newLevels[gi].map((l, k) => [l, k]));
      const newLevel = new Int32Array(nd.n).fill(-1);
      for (let i = 0; i < nd.n; i++) {
        if (g.index[i] >= 0) continue;
        const k = position.get(levelLabel(cols, factors, nd.rows[i]));
        if (k === undefined) throw new Error(`newDataRows: row ${nd.rows[i] + 1} has a new level of ${g.group} that designNewData did not list`);
        newLevel[i] = k;
      }
      return { index: g.index, Z: g.Z, newLevel, newLevels: newLevels[gi] };
    });
  const groups = rowGroups(nd.groups, nd.newLevels, design.encoding.parsed).map((r, gi) => {
    const cov = design.groups[gi].cov;
    return cov?.A && cov.L && r.newLevels.length > 0 ? { ...r, knownCov: knownCovNewLevels(cov.A, cov.L, design.groups[gi].levels, r.newLevels) } : r;
  });
  const ctx: EvalContext = { text: design.encoding.parsed.text, data: cols, rows: nd.rows, learned: design.encoding.learned, frozen: true };
  return {
    n: nd.n,
    fitted: false,
    context: ctx,
    rows: nd.rows,
    X: withSmoothZs(nd.X.values, design.X.names.length, nd.smoothZs ?? [], nd.n),
    offset: nd.offset,
    groups,
    trials: newTrials(design, ctx),
    se: newSe(design, ctx),
    dparX: nd.dparX.map((X, k) => withSmoothZs(X, design.dpars[k].X.names.length, nd.dparSmoothZs[k], nd.n)),
    dparGroups: design.dpars.map((d, k) => rowGroups(nd.dparGroups[k], nd.dparNewLevels[k], d.encoding.parsed)),
    ...(design.nonlinear ? { nonlinear: nonlinearNewRows(design, data, nd.rows, allowNewLevels) } : {}),
    ...(nd.monotonic ? { monotonic: nd.monotonic } : {}),
    messages: nd.messages,
  };
}

function columnsOf(node: { kind: string; name?: string }): string {
  return node.kind === "name" ? `column '${node.name}'` : "its columns";
}

function checkedCounts(values: Float64Array, ctx: EvalContext, what: string): Float64Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(Number.isInteger(v) && v >= 0)) throw new UserError(`newdata: ${what} must be non-negative whole numbers, but row ${ctx.rows[i] + 1} has ${formatR(v)}`);
  }
  return values;
}

/** Binomial trials of new rows: `trials(n)` read from the new data; without trials() the fit's (constant) number. */
function newTrials(design: FormulaDesign, ctx: EvalContext): Float64Array | null {
  const family = design.family.name;
  if (family === "bernoulli") return new Float64Array(ctx.rows.length).fill(1);
  if (family !== "binomial") return null;
  const r = design.encoding.parsed.response;
  const need = (node: { kind: string; name?: string }, role: string) => {
    if (node.kind === "name" && !ctx.data.column(node.name as string)) {
      throw new UserError(`newdata: binomial predictions need the ${role} (${columnsOf(node)}) in the new data`);
    }
  };
  if (r?.trials) {
    need(r.trials, "number of trials");
    return checkedCounts(evalNumeric(ctx, r.trials), ctx, "trials()");
  }
  if (r?.failures) {
    // cbind(successes, failures): the trials are their sum, as in the fit.
    need(r.y, "successes");
    need(r.failures, "failures");
    const s = evalNumeric(ctx, r.y);
    const f = evalNumeric(ctx, r.failures);
    return checkedCounts(s.map((v, i) => v + f[i]), ctx, "cbind() successes + failures");
  }
  // The fit used the largest response as the number of trials for every row (brms's fallback).
  const t = design.response.trials;
  const fallback = t && t.length > 0 ? t[0] : NaN;
  if (!Number.isFinite(fallback)) throw new Error("newTrials: the binomial design has no trials");
  return new Float64Array(ctx.rows.length).fill(fallback);
}

function newSe(design: FormulaDesign, ctx: EvalContext): Float64Array | null {
  const node = design.encoding.parsed.response?.se;
  if (!node) return null;
  if (node.kind === "name" && !ctx.data.column(node.name)) {
    throw new UserError(`newdata: the model has known standard errors se(${node.name}); the new data need the column '${node.name}'`);
  }
  const se = evalNumeric(ctx, node);
  for (let i = 0; i < se.length; i++) {
    if (!(se[i] > 0 && Number.isFinite(se[i]))) throw new UserError(`newdata: se() must be positive and finite, but row ${ctx.rows[i] + 1} has ${formatR(se[i])}`);
  }
  return se;
}
