/** Node-only: read a CSV data file from disk. Kept apart from readCsvText so the core stays browser-safe. */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { UserError } from "../errors.js";
import type { DataTable } from "./dataTable.js";
import { readCsvText, type CsvOptions } from "./readCsvText.js";

export function readCsvFile(path: string, options: CsvOptions = {}): DataTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    throw new UserError(`cannot read the data file '${path}' (${code}): check the path and that the file is readable`);
  }
  try {
    // A .tsv file says its separator in its name.
    const tsv = options.delimiter === undefined && extname(path).toLowerCase() === ".tsv";
    return readCsvText(text, tsv ? { ...options, delimiter: "\t" } : options);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(`${path}: ${e.message}`);
    throw e;
  }
}
