/**
 * CSV text → DataTable. Browser-safe: csv-parse's `browser/esm/sync` build carries its own Buffer
 * polyfill, whereas `csv-parse/sync` uses Node's global `Buffer` and fails in a browser without a shim.
 */
import { parse } from "csv-parse/browser/esm/sync";
import { UserError } from "../errors.js";
import type { Column, DataTable } from "./dataTable.js";
import { csvMessages } from "./messages.js";
import { parseNumberText } from "./numberText.js";

export type CsvDelimiter = "," | ";" | "\t";
const DELIMITERS: readonly CsvDelimiter[] = [",", ";", "\t"];

export interface CsvOptions {
  /** Field separator; default ",". */
  readonly delimiter?: CsvDelimiter;
  /** Cell texts (after trimming whitespace) read as missing; default `DEFAULT_MISSING`. */
  readonly missing?: readonly string[];
  /**
   * The decimal mark of numbers: "." (default) or "," (R's read.csv2, with ';' as the separator);
   * with ",", a cell holding '.' is text, as in R.
   */
  readonly decimal?: "." | ",";
}

/** R's `NA`, an empty cell, `NaN` and JSON-ish `null` all mean "missing". */
export const DEFAULT_MISSING: readonly string[] = Object.freeze(["NA", "", "NaN", "null"]);

interface Row {
  readonly record: string[];
  readonly line: number;
}

export function readCsvText(text: string, options: CsvOptions = {}): DataTable {
  if (typeof text !== "string") throw new UserError(csvMessages.notText(text));
  let delimiter = options.delimiter ?? ",";
  if (!DELIMITERS.includes(delimiter)) throw new UserError(csvMessages.badDelimiter(delimiter));
  let decimal = options.decimal ?? ".";
  if (decimal !== "." && decimal !== ",") throw new UserError(csvMessages.badDecimal(decimal));
  if (decimal === "," && delimiter === ",") throw new UserError(csvMessages.decimalIsDelimiter());
  const missing = new Set(options.missing ?? DEFAULT_MISSING);
  const warnings: string[] = [];

  // One line-ending convention first: csv-parse counts a CRLF inside a quoted field as two lines.
  const lf = text.replace(/\r\n?/g, "\n");
  let rows = parseRows(lf, delimiter);
  if (rows.length === 0) throw new UserError(csvMessages.empty());
  const other = options.delimiter === undefined ? otherSeparator(rows[0].record) : undefined;
  if (other !== undefined) {
    // R users save such files with write.csv2 (Excel in decimal-comma locales too): read them as
    // read.csv2 does, ';' with ',' decimals, and say so, rather than stop at a one-column header.
    delimiter = other;
    if (other === ";" && options.decimal === undefined) decimal = ",";
    rows = parseRows(lf, delimiter);
    warnings.push(csvMessages.otherSeparator(other === "\t" ? "tab" : `'${other}'`, decimal));
  }
  const names = headerNames(rows[0].record);
  const body = rows.slice(1);
  if (body.length === 0) throw new UserError(csvMessages.headerOnly(names.length));

  const lines = new Int32Array(body.length);
  for (let r = 0; r < body.length; r++) {
    const { record, line } = body[r];
    if (record.length !== names.length) throw new UserError(csvMessages.ragged(r + 1, record.length, names.length, line));
    lines[r] = line;
  }

  const columns: Record<string, Column> = Object.create(null);
  for (let c = 0; c < names.length; c++) {
    columns[names[c]] = readColumn(names[c], body, c, missing, warnings, decimal);
  }
  return { names, nRows: body.length, columns, warnings, lines };
}

function parseRows(text: string, delimiter: CsvDelimiter): Row[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true, // ragged rows get our own message, with the row number
      relax_quotes: true, // a stray quote inside an unquoted field (5'4") is kept as text, as R does
      skip_empty_lines: true, // R's read.csv skips blank lines too
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { message?: unknown; lines?: unknown; code?: unknown };
    const what =
      err.code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted field is never closed (the file ends inside quotes)"
        : typeof err.message === "string"
          ? err.message.replace(/\s+at line \d+$/, "")
          : String(e);
    throw new UserError(csvMessages.parseError(what, typeof err.lines === "number" ? err.lines : undefined));
  }
  return parsed.map((p) => ({ record: p.record, line: p.info.lines }));
}

/**
 * A header read as one field that holds ';' or a tab is almost surely a file written with that
 * separator (Excel in decimal-comma locales writes ';'); read as one column it would surface later as
 * a ragged row or an unknown formula column, far from the cause.
 */
function otherSeparator(header: readonly string[]): CsvDelimiter | undefined {
  if (header.length !== 1) return undefined;
  return DELIMITERS.find((d) => d !== "," && header[0].includes(d));
}

function headerNames(record: readonly string[]): string[] {
  const names = record.map((n) => n.trim());
  const seen = new Map<string, number>();
  for (let c = 0; c < names.length; c++) {
    if (names[c] === "") throw new UserError(csvMessages.emptyName(c + 1));
    const first = seen.get(names[c]);
    if (first !== undefined) throw new UserError(csvMessages.duplicateName(names[c], first + 1, c + 1));
    seen.set(names[c], c);
  }
  return names;
}

/** Numeric when every non-missing cell is a number; otherwise text, kept verbatim. */
function readColumn(name: string, body: readonly Row[], c: number, missing: ReadonlySet<string>, warnings: string[], decimal: "." | ","): Column {
  const n = body.length;
  const values = new Float64Array(n);
  let nMissing = 0;
  let nInfinite = 0;
  let firstInfinite = -1;
  for (let r = 0; r < n; r++) {
    const cell = body[r].record[c];
    if (missing.has(cell.trim())) {
      values[r] = NaN;
      nMissing++;
      continue;
    }
    const parsed = numberIn(cell, decimal);
    if (parsed.kind !== "number") {
      if (parsed.kind === "lossyInteger") warnings.push(csvMessages.lossyWarning(name, r + 1, cell.trim()));
      const text = stringColumn(body, c, missing);
      mostlyNumeric(name, text, r, warnings, decimal);
      return text;
    }
    values[r] = parsed.value;
    if (!Number.isFinite(parsed.value)) {
      if (firstInfinite < 0) firstInfinite = r;
      nInfinite++;
    }
  }
  if (nInfinite > 0) warnings.push(csvMessages.infiniteWarning(name, nInfinite, firstInfinite + 1));
  return { kind: "numeric", values, missing: nMissing, infinite: nInfinite };
}

/** At least this share of a text column's values being numbers suggests a stray cell, worth a warning. */
const MOSTLY_NUMERIC = 0.9;

/** A cell as a number with the file's decimal mark: with ',', "0,42" is 0.42 and a cell holding '.' is text (R's read.csv2). */
function numberIn(cell: string, decimal: "." | ","): ReturnType<typeof parseNumberText> {
  if (decimal === ".") return parseNumberText(cell);
  return cell.includes(".") ? { kind: "text" } : parseNumberText(cell.replace(",", "."));
}

/** A numeric column turned into a factor by one stray cell would silently change the model: say so. */
function mostlyNumeric(name: string, col: { values: readonly (string | null)[] }, firstText: number, warnings: string[], decimal: "." | ","): void {
  let present = 0;
  let numbers = 0;
  for (const v of col.values) {
    if (v === null) continue;
    present++;
    if (numberIn(v, decimal).kind === "number") numbers++;
  }
  if (numbers > 0 && numbers >= MOSTLY_NUMERIC * present) {
    warnings.push(csvMessages.mostlyNumericWarning(name, firstText + 1, (col.values[firstText] ?? "").trim(), numbers, present));
  }
}

function stringColumn(body: readonly Row[], c: number, missing: ReadonlySet<string>): Extract<Column, { kind: "string" }> {
  let nMissing = 0;
  const values = body.map((row) => {
    const cell = row.record[c];
    if (missing.has(cell.trim())) {
      nMissing++;
      return null;
    }
    return cell;
  });
  return { kind: "string", values, missing: nMissing };
}
