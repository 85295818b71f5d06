/**
 * A data column as the fitted rows see it (brms's model frame): numeric values with their mean, sd
 * and range, or factor labels with R's level order and each label's raw value (a number for
 * `factor(x)` on a numeric column, so new data encode it as the fit did).
 */
import { UserError } from "../errors.js";
import type { DataColumns } from "../formula/data.js";
import { sortLabels } from "../formula/collate.js";
import { formatR } from "../formula/rformat.js";
import { meanSdR } from "../posterior/rStats.js";

export type FrameColumn =
  | { readonly name: string; readonly kind: "numeric"; readonly values: Float64Array; readonly mean: number; readonly sd: number; readonly min: number; readonly max: number }
  | { readonly name: string; readonly kind: "factor"; readonly labels: readonly string[]; readonly levels: readonly string[]; readonly raw: ReadonlyMap<string, number | string> };

export function frameColumn(data: DataColumns, name: string, rows: Int32Array, asFactor: boolean): FrameColumn {
  const c = data.column(name);
  if (!c) throw new UserError(`conditionalEffects: the data have no column '${name}', which the model uses; give the data the model was fitted to`);
  if (c.kind === "numeric" && !asFactor) {
    const values = new Float64Array(rows.length);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < rows.length; i++) {
      const v = (values[i] = c.values[rows[i]]);
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const [mean, sd] = meanSdR(values);
    return { name, kind: "numeric", values, mean, sd, min, max };
  }
  const labels = new Array<string>(rows.length);
  const raw = new Map<string, number | string>();
  for (let i = 0; i < rows.length; i++) {
    const v = c.values[rows[i]];
    const label = typeof v === "number" ? formatR(v) : v;
    labels[i] = label;
    if (!raw.has(label)) raw.set(label, v);
  }
  const levels = c.kind === "numeric" ? [...raw.values()].map(Number).sort((a, b) => a - b).map(formatR) : sortLabels(raw.keys());
  return { name, kind: "factor", labels, levels, raw };
}

/** R's seq(from, to, length.out = n): exact endpoints, from + k·(to − from)/(n − 1) between. */
export function seqR(from: number, to: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (from === to) return out.fill(from);
  const by = (to - from) / (n - 1);
  out[0] = from;
  for (let k = 1; k < n - 1; k++) out[k] = from + k * by;
  out[n - 1] = to;
  return out;
}
