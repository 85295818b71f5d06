/**
 * A known covariance matrix from CSV text, as R's `write.csv(A)` writes it: a header row of level
 * names (its first cell empty or a label), then one row per level, its name first. Rows and columns
 * are matched by name (brms matches A's names to the grouping levels), so the row order may differ
 * from the header's. Browser-safe: text in, matrix out.
 */
import { parse } from "csv-parse/browser/esm/sync";
import { UserError } from "../errors.js";
import type { KnownCovariance } from "./knownCov.js";

export function knownCovFromCsv(name: string, text: string, where = name): KnownCovariance {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    throw new UserError(`covariance matrix '${name}' (${where}): not readable as CSV: ${(e as Error).message}`);
  }
  if (records.length < 2) throw new UserError(`covariance matrix '${name}' (${where}): needs a header row of level names and one row per level`);
  const levels = records[0].slice(1);
  const J = levels.length;
  if (records.length - 1 !== J) throw new UserError(`covariance matrix '${name}' (${where}) is not square: ${J} columns of levels but ${records.length - 1} rows`);
  const col = new Map(levels.map((l, j) => [l, j]));
  if (col.size !== J) throw new UserError(`covariance matrix '${name}' (${where}): the header names a level twice`);
  const values = new Float64Array(J * J);
  const seen = new Set<string>();
  records.slice(1).forEach((r, i) => {
    const label = r[0];
    if (r.length !== J + 1) throw new UserError(`covariance matrix '${name}' (${where}) is not square: line ${i + 2} ('${label}') has ${r.length - 1} values, expected ${J}`);
    const at = col.get(label);
    if (at === undefined) throw new UserError(`covariance matrix '${name}' (${where}): the row '${label}' (line ${i + 2}) is not a column of the header; rows and columns must name the same levels`);
    if (seen.has(label)) throw new UserError(`covariance matrix '${name}' (${where}): the row '${label}' appears twice`);
    seen.add(label);
    for (let j = 0; j < J; j++) {
      const v = Number(r[j + 1]);
      if (r[j + 1] === "" || !Number.isFinite(v)) throw new UserError(`covariance matrix '${name}' (${where}): line ${i + 2}, column '${levels[j]}' is '${r[j + 1]}', not a finite number`);
      values[at * J + j] = v;
    }
  });
  return { levels, values };
}
