/**
 * What log_lik scores a prediction row against: its response, cens() code (and y2 for interval
 * censoring) and weight. The fitted rows' come from the design; new rows' are read from the new data's
 * columns through the fit-time frame functions (frameCens, frameCensUpper, frameWeights, checkResponse),
 * as brms's log_lik(fit, newdata) and kfold read them from newdata.
 */
import { UserError } from "../errors.js";
import type { FormulaDesign } from "../formula/design.js";
import { evalNumeric, labelsOf } from "../formula/evaluate.js";
import { checkResponse } from "../formula/families.js";
import { frameCens, frameCensUpper, frameWeights } from "../formula/frame.js";
import { newRowsContext, requireColumns } from "./newColumns.js";
import type { PredictRows } from "./rows.js";

export interface ObservedRows {
  /** The response per row (cumulative, categorical: category codes 1 … K). */
  readonly y: Float64Array;
  /** brms's censoring codes (−1 left, 0 none, 1 right, 2 interval), null without cens(). */
  readonly cens: Int32Array | null;
  /** Upper bounds of interval-censored rows (0 elsewhere), null without cens()'s y2. */
  readonly censUpper: Float64Array | null;
  readonly weights: Float64Array | null;
}

export function observedRows(design: FormulaDesign, rows: PredictRows): ObservedRows {
  if (rows.fitted) {
    const r = design.response;
    return { y: r.y, cens: r.cens ?? null, censUpper: r.censUpper ?? null, weights: r.weights };
  }
  const ctx = newRowsContext(rows, "logLik");
  const r = design.encoding.parsed.response;
  if (!r) throw new Error("logLik: the model has no response");
  const label = design.response.label;
  requireColumns(ctx, r.y, `log_lik scores the response '${label}', which`);
  const family = design.family;
  const column = r.y.kind === "name" ? ctx.data.column(r.y.name) : undefined;
  const text = column?.kind === "text";
  // Ordered or not, a category response's labels are placed in the fit's categories by checkResponse.
  const categories = family.name === "cumulative" || family.name === "categorical";
  if (text && !categories) throw new UserError(`newdata: log_lik of new rows needs the response '${label}' as numbers${family.name === "bernoulli" ? " (0 or 1)" : ""}; column '${(r.y as { name: string }).name}' holds text`);
  let factor: { codes: Int32Array; levels: string[] } | null = null;
  if (text) {
    // Only the labels matter: checkResponse places each in the fit's categories.
    const { labels } = labelsOf(ctx, r.y as Extract<typeof r.y, { kind: "name" }>);
    const levels = [...new Set(labels)];
    const index = new Map(levels.map((l, k) => [l, k]));
    factor = { codes: Int32Array.from(labels, (l) => index.get(l) as number), levels };
  }
  const y = checkResponse(family, {
    label,
    values: text ? null : evalNumeric(ctx, r.y),
    factor,
    trials: family.name === "binomial" ? rows.trials : null,
    rows: ctx.rows,
    ...(categories ? { levels: design.response.categories } : {}),
  }).y;
  let weights: Float64Array | null = null;
  if (r.weights) {
    requireColumns(ctx, r.weights, "weights()");
    weights = frameWeights(ctx, r.weights, r.scaleWeights === true);
  }
  let cens: Int32Array | null = null;
  let censUpper: Float64Array | null = null;
  if (r.cens) {
    requireColumns(ctx, r.cens, "cens()");
    cens = frameCens(ctx, r.cens);
    if (r.censUpper) {
      requireColumns(ctx, r.censUpper, "cens()'s upper bound y2", true);
      censUpper = frameCensUpper(ctx, r.censUpper, cens, y);
    } else {
      const interval = cens.indexOf(2);
      if (interval >= 0) throw new UserError(`newdata: row ${ctx.rows[interval] + 1} is interval-censored, but the model's cens() has no upper bound (y2) to score it with`);
    }
  }
  return { y, cens, censUpper, weights };
}
