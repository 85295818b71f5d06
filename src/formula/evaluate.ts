/**
 * Evaluating variables on the kept rows: columns, `factor()`, and arithmetic inside `I()` and
 * functions. What is learned from the fitting data (factor levels, `scale()`'s centre and scale) is
 * kept in `Learned`, so new data are encoded the same way.
 */
import { UserError } from "../errors.js";
import type { Node } from "./ast.js";
import { bsKnots, nsKnots, polyBasis, polyCoefs, rawPolyBasis, splineBasis, type PolyCoefs, type SplineKnots } from "./basis.js";
import { sortLabels } from "./collate.js";
import type { DataColumns, RawColumn } from "./data.js";
import { deparse } from "./deparse.js";
import { caretError } from "./errors.js";
import { formatR } from "./rformat.js";
import { BASIS_FUNCTIONS, basisArguments } from "./terms.js";

export type FrameVariable =
  | { readonly label: string; readonly kind: "numeric"; readonly values: Float64Array }
  | { readonly label: string; readonly kind: "factor"; readonly codes: Int32Array; readonly levels: readonly string[] }
  /** Several columns from one call (`poly(x, 2)`, `ns(x, 3)`): R names them label + 1, 2, … (`poly(x, 2)1`). */
  | { readonly label: string; readonly kind: "matrix"; readonly columns: readonly Float64Array[] };

export interface Learned {
  /** Levels of each factor variable, by its label (`fac`, `factor(period)`) or grouping factor (`g1:g2`). */
  readonly levels: Map<string, readonly string[]>;
  /** `scale(x)`: the fitting data's mean and sd, by the call's label. */
  readonly scales: Map<string, { readonly center: number; readonly scale: number }>;
  /** `poly(x, d)`: the fitting data's recurrence coefficients, by the call's label (absent in models saved before poly()). */
  readonly polys?: Map<string, PolyCoefs>;
  /** `bs()` / `ns()`: the fitting data's knots, by the call's label (absent in models saved before splines). */
  readonly splines?: Map<string, SplineKnots>;
}

export interface EvalContext {
  readonly text: string;
  readonly data: DataColumns;
  /** Original row index of each kept row. */
  readonly rows: Int32Array;
  readonly learned: Learned;
  /** True for new data: use what was learned instead of learning. */
  readonly frozen: boolean;
}

export function getColumn(ctx: EvalContext, node: Extract<Node, { kind: "name" }>): RawColumn {
  const c = ctx.data.column(node.name);
  if (!c) throw caretError("formula", ctx.text, node.pos, `unknown column '${node.name}'`);
  return c;
}

function numericColumn(ctx: EvalContext, node: Extract<Node, { kind: "name" }>, user: string): Float64Array {
  const c = getColumn(ctx, node);
  if (c.kind !== "numeric") {
    const first = ctx.rows.length > 0 ? c.values[ctx.rows[0]] : "";
    throw caretError("formula", ctx.text, node.pos, `column '${node.name}' holds text (e.g. '${first}'), so it cannot be used in ${user}`);
  }
  const out = new Float64Array(ctx.rows.length);
  for (let i = 0; i < out.length; i++) out[i] = c.values[ctx.rows[i]];
  return out;
}

function map(a: Float64Array, f: (v: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]);
  return out;
}

/** Arithmetic on the kept rows (names must be numeric columns). */
export function evalNumeric(ctx: EvalContext, node: Node): Float64Array {
  const n = ctx.rows.length;
  switch (node.kind) {
    case "num":
      return new Float64Array(n).fill(node.value);
    case "name":
      return numericColumn(ctx, node, "arithmetic");
    case "paren":
      return evalNumeric(ctx, node.inner);
    case "unary": {
      const a = evalNumeric(ctx, node.arg);
      return node.op === "-" ? map(a, (v) => -v) : a;
    }
    case "binary": {
      const a = evalNumeric(ctx, node.left);
      const b = evalNumeric(ctx, node.right);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = a[i];
        const y = b[i];
        switch (node.op) {
          case "+": out[i] = x + y; break;
          case "-": out[i] = x - y; break;
          case "*": out[i] = x * y; break;
          case "/": out[i] = x / y; break;
          case "^": out[i] = Math.pow(x, y); break;
          default: throw caretError("formula", ctx.text, node.opPos, `'${node.op}' is not arithmetic`);
        }
      }
      return out;
    }
    case "call": {
      if (node.fn === "factor") throw caretError("formula", ctx.text, node.pos, "factor() cannot be used inside arithmetic");
      const a = evalNumeric(ctx, node.args[0]);
      switch (node.fn) {
        case "I":
          return a;
        case "log":
          return map(a, Math.log);
        case "exp":
          return map(a, Math.exp);
        case "sqrt":
          return map(a, Math.sqrt);
        case "scale":
          return scaleColumn(ctx, node, a);
        default:
          throw caretError("formula", ctx.text, node.pos, `unknown function '${node.fn}'`);
      }
    }
  }
}

function scaleColumn(ctx: EvalContext, node: Node, a: Float64Array): Float64Array {
  const label = deparse(node);
  let s = ctx.learned.scales.get(label);
  if (!s) {
    if (ctx.frozen) throw new UserError(`newdata: ${label} was not in the fitted model`);
    const n = a.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += a[i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (a[i] - mean) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    if (!(sd > 0)) throw caretError("formula", ctx.text, node.pos, `${label}: the values do not vary (sd ${formatR(sd)}), so they cannot be scaled`);
    s = { center: mean, scale: sd };
    ctx.learned.scales.set(label, s);
  }
  const { center, scale } = s;
  return map(a, (v) => (v - center) / scale);
}

/** The text of each kept row of a column as a factor label (numbers as R writes them). */
export function labelsOf(ctx: EvalContext, node: Extract<Node, { kind: "name" }>): { labels: string[]; numeric: Float64Array | null } {
  const c = getColumn(ctx, node);
  const labels = new Array<string>(ctx.rows.length);
  if (c.kind === "numeric") {
    const nums = new Float64Array(ctx.rows.length);
    for (let i = 0; i < labels.length; i++) {
      nums[i] = c.values[ctx.rows[i]];
      labels[i] = formatR(nums[i]);
    }
    return { labels, numeric: nums };
  }
  for (let i = 0; i < labels.length; i++) labels[i] = c.values[ctx.rows[i]];
  return { labels, numeric: null };
}

/** Factor levels in R's order: numbers numerically (`factor(period)`), text by collation. */
export function levelsOf(labels: readonly string[], numeric: Float64Array | null): string[] {
  if (numeric) {
    const uniq = [...new Set(numeric)].sort((a, b) => a - b);
    return uniq.map(formatR);
  }
  return sortLabels(labels);
}

/** Encode labels as 0-based codes against learned levels (or learn them). Unseen levels get −1. */
export function encode(ctx: EvalContext, key: string, labels: readonly string[], numeric: Float64Array | null): { codes: Int32Array; levels: readonly string[] } {
  let levels = ctx.learned.levels.get(key);
  if (!levels) {
    if (ctx.frozen) throw new UserError(`newdata: ${key} was not in the fitted model`);
    levels = levelsOf(labels, numeric);
    ctx.learned.levels.set(key, levels);
  }
  const index = new Map(levels.map((l, i) => [l, i]));
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) codes[i] = index.get(labels[i]) ?? -1;
  return { codes, levels };
}

/**
 * `poly(x, degree)`, `poly(x, degree, raw = TRUE)`, `bs(x, df, degree)`, `ns(x, df)`: several
 * columns from one variable (basis.ts). What the fitting data decide (poly's coefficients, the
 * splines' knots) is learned under the call's label; new data reuse it.
 */
function basisVariable(ctx: EvalContext, label: string, node: Extract<Node, { kind: "call" }>): FrameVariable {
  const a = basisArguments(node, ctx.text);
  const x = evalNumeric(ctx, node.args[0]);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw caretError("formula", ctx.text, node.pos, `${label}: the variable is ${formatR(x[i])} at row ${ctx.rows[i] + 1}; it must be finite`);
  }
  if (a.fn === "poly" && a.raw) return { label, kind: "matrix", columns: rawPolyBasis(x, a.degree) };
  const learnedMap = a.fn === "poly" ? ctx.learned.polys : ctx.learned.splines;
  let learned = learnedMap?.get(label);
  if (learned === undefined) {
    if (ctx.frozen || learnedMap === undefined) throw new UserError(`newdata: ${label} was not in the fitted model`);
    const distinct = new Set(x).size;
    if (a.fn === "poly") {
      if (a.degree >= distinct) throw caretError("formula", ctx.text, node.pos, `${label}: the degree must be less than the number of distinct values (${distinct})`);
      learned = polyCoefs(x, a.degree);
    } else {
      if (distinct < 2) throw caretError("formula", ctx.text, node.pos, `${label}: the variable takes one value, so it has no spline basis`);
      learned = a.fn === "bs" ? bsKnots(x, a.df, a.degree) : nsKnots(x, a.df);
    }
    (learnedMap as Map<string, PolyCoefs | SplineKnots>).set(label, learned);
  }
  return { label, kind: "matrix", columns: "alpha" in learned ? polyBasis(x, learned) : splineBasis(x, learned) };
}

/** A predictor variable (a term's building block). */
export function evalVariable(ctx: EvalContext, label: string, node: Node): FrameVariable {
  if (node.kind === "call" && BASIS_FUNCTIONS.has(node.fn)) return basisVariable(ctx, label, node);
  const factorName = node.kind === "name" ? node : node.kind === "call" && node.fn === "factor" && node.args[0].kind === "name" ? node.args[0] : null;
  if (factorName) {
    const col = getColumn(ctx, factorName);
    if (col.kind === "text" || node.kind === "call") {
      const { labels, numeric } = labelsOf(ctx, factorName);
      const { codes, levels } = encode(ctx, label, labels, numeric);
      for (let i = 0; i < codes.length; i++) {
        if (codes[i] < 0) {
          throw new UserError(`newdata: ${label} has the level '${labels[i]}' (row ${ctx.rows[i] + 1}) that the fitted data did not have; known levels: ${levels.join(", ")}`);
        }
      }
      return { label, kind: "factor", codes, levels };
    }
  }
  const values = evalNumeric(ctx, node);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw caretError("formula", ctx.text, node.pos, `${label} is ${formatR(values[i])} at row ${ctx.rows[i] + 1}; predictors must be finite`);
    }
  }
  return { label, kind: "numeric", values };
}
