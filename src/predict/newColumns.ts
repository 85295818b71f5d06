/**
 * New data must carry the columns of the addition terms they are scored or bounded by (brms reads
 * trunc() bounds, cens() codes, weights and the response from `newdata` too): a missing one is a
 * UserError naming it, before the fit-time frame functions evaluate the term on the new rows.
 */
import { UserError } from "../errors.js";
import type { Node } from "../formula/ast.js";
import { deparse } from "../formula/deparse.js";
import type { EvalContext } from "../formula/evaluate.js";
import { collectNames, type ColumnUse } from "../formula/frame.js";
import type { PredictRows } from "./rows.js";

/** The columns `node` reads, in order of appearance, each once. */
function columnNames(node: Node): string[] {
  const uses: ColumnUse[] = [];
  collectNames(node, uses);
  return [...new Set(uses.map((u) => u.name))];
}

/**
 * `what` says why the columns are needed, e.g. "the truncation bound trunc(lb = …)". A kept row with
 * a missing value is refused too (the fit dropped such rows; a prediction row has to be scored), unless
 * `allowMissing` (cens()'s y2, needed on interval-censored rows only, as at fit time).
 */
export function requireColumns(ctx: EvalContext, node: Node, what: string, allowMissing = false): void {
  for (const name of columnNames(node)) {
    const c = ctx.data.column(name);
    if (!c) {
      const have = ctx.data.names.map((n) => `'${n}'`).join(", ");
      // The expression only when it says more than the column's name: "reads column 'y'", not "'y' (y)".
      const expr = deparse(node);
      throw new UserError(`newdata: ${what} reads column '${name}'${expr === name ? "" : ` (${expr})`}, so the new data must carry it, as in brms; they have ${have}`);
    }
    if (allowMissing) continue;
    for (let i = 0; i < ctx.rows.length; i++) {
      if (c.missing[ctx.rows[i]]) throw new UserError(`newdata: ${what} reads column '${name}', which is missing in row ${ctx.rows[i] + 1}`);
    }
  }
}

/** The evaluation context of new rows; an internal error for the fitted rows, which use the design's values. */
export function newRowsContext(rows: PredictRows, caller: string): EvalContext {
  if (rows.fitted || rows.context === null) throw new Error(`${caller}: the fitted rows read their addition terms from the design, not from new data`);
  return rows.context;
}
