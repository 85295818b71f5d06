/**
 * Input data → typed columns. Accepts a plain record of columns (`{ x: [1, 2], g: ["a", "b"] }`,
 * typed arrays too) or the `DataTable` that `src/io` reads from CSV. Numbers are numeric; strings and
 * booleans are factors (as in R); missing is null, undefined, NaN, "NA" or "".
 */
import { UserError } from "../errors.js";
import { formatR } from "./rformat.js";

export type ColumnInput = ArrayLike<number | string | boolean | null | undefined>;

/** The shape of `src/io`'s DataTable, structurally (so this module does not depend on io/). */
export interface TableInput {
  readonly names: readonly string[];
  readonly nRows: number;
  readonly columns: Readonly<Record<string, { readonly kind: "numeric"; readonly values: Float64Array } | { readonly kind: "string"; readonly values: readonly (string | null)[] }>>;
}

export type FormulaData = Readonly<Record<string, ColumnInput>> | TableInput;

export type RawColumn =
  | { readonly kind: "numeric"; readonly values: Float64Array; readonly missing: Uint8Array }
  /** Text values (numbers in a mixed column are written as R writes them); `logical` for TRUE/FALSE. */
  | { readonly kind: "text"; readonly values: readonly string[]; readonly missing: Uint8Array; readonly logical: boolean };

export interface DataColumns {
  readonly nRows: number;
  readonly names: readonly string[];
  column(name: string): RawColumn | undefined;
}

function isTable(data: FormulaData): data is TableInput {
  const d = data as Partial<TableInput>;
  return Array.isArray(d.names) && typeof d.nRows === "number" && typeof d.columns === "object" && d.columns !== null;
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) || v === "NA" || v === "";
}

function fromArray(values: ColumnInput): RawColumn {
  const n = values.length;
  const missing = new Uint8Array(n);
  let numbers = 0;
  let booleans = 0;
  let others = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isMissing(v)) missing[i] = 1;
    else if (typeof v === "number") numbers++;
    else if (typeof v === "boolean") booleans++;
    else others++;
  }
  if (others === 0 && booleans === 0) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = missing[i] ? NaN : (values[i] as number);
    return { kind: "numeric", values: out, missing };
  }
  const text: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    text[i] = missing[i] ? "" : typeof v === "number" ? formatR(v) : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
  }
  return { kind: "text", values: text, missing, logical: others === 0 && numbers === 0 };
}

/** Wrap the user's data; columns are converted on first use. Columns must all have the same length. */
export function dataColumns(data: FormulaData): DataColumns {
  if (data === null || typeof data !== "object") throw new UserError(`data: expected columns (an object of arrays), got ${data === null ? "null" : typeof data}`);
  const cache = new Map<string, RawColumn>();
  if (isTable(data)) {
    const has = (name: string) => Object.prototype.hasOwnProperty.call(data.columns, name);
    return {
      nRows: data.nRows,
      names: data.names,
      column(name) {
        if (!has(name)) return undefined;
        let c = cache.get(name);
        if (!c) {
          const col = data.columns[name];
          c = col.kind === "numeric" ? fromArray(col.values) : fromArray(col.values);
          cache.set(name, c);
        }
        return c;
      },
    };
  }
  const names = Object.keys(data);
  let nRows = -1;
  for (const name of names) {
    const col = data[name];
    if (col === null || typeof col !== "object" || typeof (col as ArrayLike<unknown>).length !== "number") {
      throw new UserError(`data: column '${name}' must be an array, got ${col === null ? "null" : typeof col}`);
    }
    if (nRows < 0) nRows = col.length;
    else if (col.length !== nRows) throw new UserError(`data: column '${name}' has ${col.length} values but '${names[0]}' has ${nRows}; all columns must have the same length`);
  }
  return {
    nRows: Math.max(0, nRows),
    names,
    column(name) {
      if (!Object.prototype.hasOwnProperty.call(data, name)) return undefined;
      let c = cache.get(name);
      if (!c) {
        c = fromArray(data[name]);
        cache.set(name, c);
      }
      return c;
    },
  };
}
