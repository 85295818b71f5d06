import { UserError } from "../errors.js";
import { csvMessages } from "./messages.js";
import { parseNumberText } from "./numberText.js";

/** A column in which every non-missing cell is a number. Missing cells are NaN. */
export interface NumericColumn {
  readonly kind: "numeric";
  readonly values: Float64Array;
  readonly missing: number;
  /** How many cells are ±Inf (allowed, but reported in `DataTable.warnings`). */
  readonly infinite: number;
}

/** Any other column: labels, or numbers mixed with text. Missing cells are null; text is kept verbatim. */
export interface StringColumn {
  readonly kind: "string";
  readonly values: readonly (string | null)[];
  readonly missing: number;
}

export type Column = NumericColumn | StringColumn;

export interface DataTable {
  /** Column names in file order. */
  readonly names: readonly string[];
  readonly nRows: number;
  /** Keyed by name; a prototype-free object, so a column called `constructor` or `__proto__` is safe. */
  readonly columns: Readonly<Record<string, Column>>;
  /** Things worth telling the user that are not errors (infinite values, integers kept as text). */
  readonly warnings: readonly string[];
  /** File line (1-based) on which each data row ends, when the table came from text; used in messages. */
  readonly lines?: Int32Array;
}

/**
 * The values of a numeric column (NaN = missing), or a `UserError` naming the first row that is not a
 * number: `floor model: column 'floor' must be numeric: row 12 has 'basement'`. `context` says who asks.
 */
export function requireNumeric(table: DataTable, column: string, context: string): Float64Array {
  const col = Object.prototype.hasOwnProperty.call(table.columns, column) ? table.columns[column] : undefined;
  if (col === undefined) throw new UserError(csvMessages.noColumn(context, column, table.names));
  if (col.kind === "numeric") return col.values;
  for (let i = 0; i < col.values.length; i++) {
    const cell = col.values[i];
    if (cell === null) continue;
    const parsed = parseNumberText(cell);
    const line = table.lines?.[i];
    if (parsed.kind === "lossyInteger") {
      throw new UserError(csvMessages.lossyInteger(context, column, i + 1, cell.trim(), line));
    }
    if (parsed.kind === "text") throw new UserError(csvMessages.notNumeric(context, column, i + 1, cell, line));
  }
  // Unreachable for tables built by readCsvText (such a column would be numeric); kept for hand-built tables.
  const out = new Float64Array(col.values.length);
  for (let i = 0; i < out.length; i++) {
    const cell = col.values[i];
    out[i] = cell === null ? NaN : (parseNumberText(cell) as { value: number }).value;
  }
  return out;
}
