/**
 * The grid of one effect, as brms's `prepare_cond_data`: a numeric first variable takes
 * `resolution` evenly spaced values over its observed range, a factor its observed levels; a second
 * numeric variable takes mean − sd, mean, mean + sd, a second factor its levels; `int_conditions`
 * override the second variable's values. Rows are sorted by the first variable, then the second.
 */
import { UserError } from "../errors.js";
import { formatR, madR, medianR } from "../formula/rformat.js";
import { roundHalfEven } from "../formula/monotonic.js";
import type { FrameColumn } from "./columns.js";
import { seqR } from "./columns.js";
import type { EffectColumn } from "./types.js";

type Values = { readonly kind: "numeric"; readonly values: Float64Array } | { readonly kind: "factor"; readonly codes: Int32Array; readonly levels: readonly string[] };

function levelsOf(col: Extract<FrameColumn, { kind: "factor" }>, wanted: readonly (number | string)[] | undefined, what: string): Values {
  if (wanted === undefined) {
    // factor(unique(x)): only levels present in the fitted rows, in level order.
    const present = new Set(col.labels);
    const levels = col.levels.filter((l) => present.has(l));
    return { kind: "factor", codes: Int32Array.from(levels, (_, k) => k), levels };
  }
  const labels = wanted.map((w) => (typeof w === "number" ? formatR(w) : w));
  for (const l of labels) {
    if (!col.levels.includes(l)) throw new UserError(`conditionalEffects: ${what} '${l}' is not a level of ${col.name}; its levels are ${col.levels.join(", ")}`);
  }
  const levels = col.levels.filter((l) => labels.includes(l));
  return { kind: "factor", codes: Int32Array.from(levels, (_, k) => k), levels };
}

function numbersOf(wanted: readonly (number | string)[], name: string): Float64Array {
  return Float64Array.from(wanted, (w) => {
    const v = typeof w === "number" ? w : Number(w);
    if (!Number.isFinite(v)) throw new UserError(`conditionalEffects: intConditions for the numeric ${name} must be numbers, got ${JSON.stringify(w)}`);
    return v;
  });
}

function firstValues(col: FrameColumn, resolution: number, wanted: readonly (number | string)[] | undefined, whole: boolean): Values {
  if (col.kind === "factor") return levelsOf(col, wanted, "intConditions value");
  if (wanted !== undefined) return { kind: "numeric", values: numbersOf(wanted, col.name) };
  // brms's int_vars (mo() columns): seq(min, max, by = 1).
  if (whole) return { kind: "numeric", values: Float64Array.from({ length: col.max - col.min + 1 }, (_, k) => col.min + k) };
  return { kind: "numeric", values: seqR(col.min, col.max, resolution) };
}

function secondValues(col: FrameColumn, wanted: readonly (number | string)[] | undefined, whole: boolean): Values {
  if (col.kind === "factor") return levelsOf(col, wanted, "intConditions value");
  if (wanted !== undefined) return { kind: "numeric", values: numbersOf(wanted, col.name) };
  if (whole) {
    // brms's int_vars: round((-1:1) * mad + median).
    const median = medianR(col.values);
    const mad = madR(col.values);
    return { kind: "numeric", values: Float64Array.of(roundHalfEven(-1 * mad + median), roundHalfEven(median), roundHalfEven(mad + median)) };
  }
  // (-1:1) * sd + mean, as brms computes it.
  return { kind: "numeric", values: Float64Array.of(-1 * col.sd + col.mean, 0 * col.sd + col.mean, 1 * col.sd + col.mean) };
}

function count(v: Values): number {
  return v.kind === "numeric" ? v.values.length : v.codes.length;
}

function sortKey(v: Values, k: number): number {
  return v.kind === "numeric" ? v.values[k] : v.codes[k];
}

function column(name: string, v: Values, index: Int32Array): EffectColumn {
  if (v.kind === "numeric") return { name, kind: "numeric", values: Float64Array.from(index, (k) => v.values[k]) };
  return { name, kind: "factor", values: Array.from(index, (k) => v.levels[v.codes[k]]), levels: v.levels };
}

/** The grid's columns (one per effect variable, equal length). */
export function effectGrid(cols: readonly FrameColumn[], resolution: number, intConditions: Readonly<Record<string, readonly (number | string)[]>>, intVars: ReadonlySet<string> = new Set()): EffectColumn[] {
  const first = firstValues(cols[0], resolution, intConditions[cols[0].name], intVars.has(cols[0].name));
  if (cols.length === 1) {
    const n = count(first);
    const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => sortKey(first, a) - sortKey(first, b));
    // unique(): repeated values (a constant column) collapse to one row.
    const kept = order.filter((k, j) => j === 0 || sortKey(first, k) !== sortKey(first, order[j - 1]));
    return [column(cols[0].name, first, kept)];
  }
  const second = secondValues(cols[1], intConditions[cols[1].name], intVars.has(cols[1].name));
  const n1 = count(first);
  const n2 = count(second);
  // expand.grid (first varies fastest), unique, then order by first, then second.
  const pairs: [number, number][] = [];
  const seen = new Set<string>();
  for (let b = 0; b < n2; b++) {
    for (let a = 0; a < n1; a++) {
      const key = `${sortKey(first, a)}\u0000${sortKey(second, b)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push([a, b]);
    }
  }
  pairs.sort((p, q) => sortKey(first, p[0]) - sortKey(first, q[0]) || sortKey(second, p[1]) - sortKey(second, q[1]));
  return [column(cols[0].name, first, Int32Array.from(pairs, (p) => p[0])), column(cols[1].name, second, Int32Array.from(pairs, (p) => p[1]))];
}
