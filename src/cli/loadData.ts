/**
 * Node-only: reads `--data` (CSV or Stan-style JSON) into the plain record a DSL model's build
 * function reads, or into a DataTable for formula models.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { UserError } from "../errors.js";
import { readCsvFile } from "../io/readCsvFile.js";
import { readJsonData } from "../io/readJsonData.js";
import type { DataTable } from "../io/dataTable.js";

export function dataKind(path: string): "csv" | "json" {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  if (ext === ".json") return "json";
  throw new UserError(`--data ${path}: unknown file type "${ext}"; give a .csv or .json file`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new UserError(`cannot read the data file '${path}' (${(e as { code?: string }).code ?? String(e)}): check the path`);
  }
}

/** A CSV table as named columns: numeric columns as number arrays (NaN for missing), others as strings. */
export function tableToRecord(table: DataTable): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const name of table.names) {
    const col = table.columns[name];
    out[name] = col.kind === "numeric" ? Array.from(col.values) : [...col.values];
  }
  return out;
}

export function loadDataRecord(path: string): Record<string, unknown> {
  if (dataKind(path) === "csv") return tableToRecord(readCsvFile(path));
  const fields = readJsonData(readText(path));
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, f] of Object.entries(fields)) {
    if (f.dims.length === 0) out[name] = f.values[0];
    else if (f.dims.length === 1) out[name] = Array.from(f.values);
    else if (f.dims.length === 2) {
      const [rows, cols] = f.dims;
      out[name] = Array.from({ length: rows }, (_, r) => Array.from(f.values.subarray(r * cols, (r + 1) * cols)));
    } else throw new UserError(`--data ${path}: field "${name}" has ${f.dims.length} dimensions; hbayes reads scalars, vectors and matrices`);
  }
  return out;
}

/**
 * `use(table)`, with the table's reading notes on stderr first if it throws: a ';' file read with ','
 * decimals, or a column made text by one stray cell, is often what the error is about, and the caller
 * that would have reported the notes beside its results never gets to.
 */
export function withDataNotes<T>(table: DataTable, use: (table: DataTable) => T): T {
  const say = (e: unknown): never => {
    for (const w of table.warnings) process.stderr.write(`warning: ${w}\n`);
    throw e;
  };
  let result: T;
  try {
    result = use(table);
  } catch (e) {
    return say(e);
  }
  return result instanceof Promise ? (result.catch(say) as T) : result;
}

export function loadDataTable(path: string): DataTable {
  if (dataKind(path) !== "csv") throw new UserError(`--data ${path}: formula models read a CSV file (one row per observation)`);
  return readCsvFile(path);
}
