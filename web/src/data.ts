/** CSV text → the table the page shows and the plain record a DSL model reads. */
import { readCsvText } from "../../src/io/readCsvText.js";
import type { DataTable } from "../../src/io/dataTable.js";

export interface LoadedData {
  readonly fileName: string;
  readonly table: DataTable;
}

export function loadCsv(fileName: string, text: string): LoadedData {
  return { fileName, table: readCsvText(text) };
}

/**
 * Numeric columns as number arrays, others as label arrays, keyed on a prototype-free object
 * (a column called `__proto__` stays a column). Same shape as the CLI's data record.
 */
export function tableToRecord(table: DataTable): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const name of table.names) {
    const col = table.columns[name];
    out[name] = col.kind === "numeric" ? Array.from(col.values) : [...col.values];
  }
  return out;
}

export function numericColumn(table: DataTable, name: string): Float64Array {
  const col = table.columns[name];
  if (col === undefined || col.kind !== "numeric") throw new Error(`column ${name} is not numeric`);
  return col.values;
}

export function labelColumn(table: DataTable, name: string): string[] {
  const col = table.columns[name];
  if (col === undefined) throw new Error(`no column ${name}`);
  return col.kind === "numeric" ? Array.from(col.values, String) : col.values.map((v) => v ?? "NA");
}
