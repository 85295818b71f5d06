/**
 * Parsed formula + data → model frame: the columns the formula uses, rows with missing values in any
 * of them dropped (and reported), every variable evaluated on the kept rows, factor levels in R's
 * order, and each group term's grouping factor encoded (`frameRe`).
 */
import type { Node } from "./ast.js";
import { sortLabels } from "./collate.js";
import { dataColumns, type DataColumns, type FormulaData } from "./data.js";
import { deparse as deparseNode } from "./deparse.js";
import { caretError, suggestion } from "./errors.js";
import { encode, evalNumeric, evalVariable, labelsOf, type EvalContext, type FrameVariable, type Learned } from "./evaluate.js";
import type { ParsedFormula, ParsedRe } from "./terms.js";

export type FrameResponse =
  | { readonly kind: "numeric"; readonly values: Float64Array }
  | { readonly kind: "factor"; readonly codes: Int32Array; readonly levels: readonly string[] };

export interface FrameRe {
  readonly re: ParsedRe;
  readonly levels: readonly string[];
  /** 0-based level per kept row; −1 marks a level the fitted data did not have (new data only). */
  readonly codes: Int32Array;
  readonly variables: readonly FrameVariable[];
}

export interface Frame {
  readonly n: number;
  /** Original (0-based) row of each kept row. */
  readonly rows: Int32Array;
  readonly response: FrameResponse | null;
  readonly trials: Float64Array | null;
  readonly failures: Float64Array | null;
  readonly se: Float64Array | null;
  readonly weights: Float64Array | null;
  /** brms's censoring codes per kept row: −1 left, 0 none, 1 right, 2 interval (null without cens()). */
  readonly cens: Int32Array | null;
  /** Upper bounds of interval-censored rows (0 on the other rows), when cens() has a second argument. */
  readonly censUpper: Float64Array | null;
  /** brms's trunc(lb, ub): the bounds per kept row (null for a bound not given). */
  readonly truncLower?: Float64Array | null;
  readonly truncUpper?: Float64Array | null;
  readonly fixed: readonly FrameVariable[];
  /** Sum of all `offset()` terms, or null. */
  readonly offset: Float64Array | null;
  readonly re: readonly FrameRe[];
  readonly learned: Learned;
  readonly messages: readonly string[];
}

export interface FrameOptions {
  /** New data: encode with these levels and scales; the response is not needed. */
  readonly learned?: Learned;
  /**
   * Columns of the model's other parts (a distributional formula's, or the mean's): a row missing one
   * is dropped here too, so every part keeps the same rows (brms drops a row missing any variable).
   */
  readonly alsoRequire?: readonly string[];
}

/** The data columns a formula part reads (response and its addition terms included). */
export function formulaColumns(parsed: ParsedFormula): string[] {
  return [...new Set(usedColumns(parsed, true).map((u) => u.name))];
}

export interface ColumnUse {
  readonly name: string;
  readonly pos: number;
}

/** The data columns `node` reads, with their positions, appended to `out` (repeats kept). */
export function collectNames(node: Node | undefined, out: ColumnUse[]): void {
  if (!node) return;
  switch (node.kind) {
    case "name":
      out.push({ name: node.name, pos: node.pos });
      return;
    case "num":
      return;
    case "call":
      for (const a of node.args) collectNames(a, out);
      return;
    case "paren":
      return collectNames(node.inner, out);
    case "unary":
      return collectNames(node.arg, out);
    case "binary":
      collectNames(node.left, out);
      collectNames(node.right, out);
  }
}

function usedColumns(parsed: ParsedFormula, withResponse: boolean): ColumnUse[] {
  const out: ColumnUse[] = [];
  const r = parsed.response;
  // cens()'s y2 is not here: brms keeps rows whose y2 is missing unless they are interval-censored.
  if (r && withResponse) for (const n of [r.y, r.failures, r.trials, r.se, r.weights, r.cens, r.truncLower, r.truncUpper]) collectNames(n, out);
  for (const v of parsed.fixed.variables) collectNames(v.node, out);
  for (const o of parsed.offsets) collectNames(o, out);
  for (const re of parsed.re) {
    for (const v of re.part.variables) collectNames(v.node, out);
    for (const f of re.factors) out.push(f);
  }
  return out;
}

function checkColumns(text: string, data: DataColumns, uses: readonly ColumnUse[], newData: boolean): string[] {
  const names: string[] = [];
  for (const u of uses) {
    if (!data.column(u.name) && newData) {
      // Predictions: the formula and the fitted data are fine; the new data lack a column.
      const have = data.names.map((n) => `'${n}'`).join(", ");
      throw caretError("newdata", text, u.pos, `the new data have no column '${u.name}', which the model uses; they have ${have}`);
    }
    if (!data.column(u.name)) {
      throw caretError("formula", text, u.pos, `unknown column '${u.name}'${suggestion(u.name, data.names)}; the data have ${data.names.length} columns`);
    }
    if (!names.includes(u.name)) names.push(u.name);
  }
  return names;
}

function keptRows(data: DataColumns, names: readonly string[], messages: string[]): Int32Array {
  const drop = new Uint8Array(data.nRows);
  const culprits: string[] = [];
  for (const name of names) {
    const c = data.column(name);
    if (!c) continue;
    let any = false;
    for (let i = 0; i < data.nRows; i++) if (c.missing[i]) {
      drop[i] = 1;
      any = true;
    }
    if (any) culprits.push(name);
  }
  let kept = 0;
  for (let i = 0; i < data.nRows; i++) if (!drop[i]) kept++;
  const rows = new Int32Array(kept);
  for (let i = 0, k = 0; i < data.nRows; i++) if (!drop[i]) rows[k++] = i;
  const dropped = data.nRows - kept;
  if (dropped > 0) messages.push(`dropped ${dropped} row${dropped === 1 ? "" : "s"} with missing values in ${culprits.join(", ")}`);
  return rows;
}

/** The grouping factor of a group term, encoded: brms pastes interaction levels with `_` (`a_x`). */
export function frameRe(ctx: EvalContext, re: ParsedRe): FrameRe {
  const parts = re.factors.map((f) => labelsOf(ctx, { kind: "name", name: f.name, pos: f.pos, end: f.pos + f.name.length }));
  const labels = parts.length === 1 ? parts[0].labels : parts[0].labels.map((_, i) => parts.map((p) => p.labels[i]).join("_"));
  const numeric = parts.length === 1 ? parts[0].numeric : null;
  const { codes, levels } = encode(ctx, re.group, labels, numeric);
  const variables = re.part.variables.map((v) => evalVariable(ctx, v.label, v.node));
  return { re, levels, codes, variables };
}

function positive(values: Float64Array, ctx: EvalContext, node: Node, what: string, allowZero: boolean): Float64Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
      throw caretError("formula", ctx.text, node.pos, `${what} must be ${allowZero ? "non-negative" : "positive"} and finite, but row ${ctx.rows[i] + 1} has ${v}`);
    }
  }
  return values;
}

/**
 * weights(w) on the kept rows: non-negative and finite; with `scale = TRUE` rescaled as brms does,
 * weights / sum(weights) * length(weights) over these rows. Also used for new data's rows (predict/).
 */
export function frameWeights(ctx: EvalContext, node: Node, scale: boolean): Float64Array {
  const weights = positive(evalNumeric(ctx, node), ctx, node, "weights()", true);
  if (scale) {
    let sum = 0;
    for (let i = 0; i < weights.length; i++) sum += weights[i];
    if (!(sum > 0)) throw caretError("formula", ctx.text, node.pos, "weights(scale = TRUE): the weights sum to 0, so they cannot be rescaled");
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] / sum) * weights.length;
  }
  return weights;
}

/** brms's censoring values: a prefix of left / none / right / interval, TRUE / FALSE (right / none), or −1, 0, 1, 2. */
const CENS_WORDS: readonly (readonly [string, number])[] = [["left", -1], ["none", 0], ["right", 1], ["interval", 2]];

function censFail(ctx: EvalContext, node: Node, i: number, got: string): never {
  throw caretError(
    "formula",
    ctx.text,
    node.pos,
    `cens(): the censoring values must be 'left', 'none', 'right' or 'interval' (abbreviations allowed), -1, 0, 1 or 2, or TRUE/FALSE (right/none), but row ${ctx.rows[i] + 1} has ${got}`,
  );
}

export function frameCens(ctx: EvalContext, node: Node): Int32Array {
  const n = ctx.rows.length;
  const out = new Int32Array(n);
  const col = node.kind === "name" ? ctx.data.column(node.name) : undefined;
  if (col && col.kind === "text") {
    const { labels } = labelsOf(ctx, node as Extract<Node, { kind: "name" }>);
    for (let i = 0; i < n; i++) {
      const v = labels[i];
      if (v === "TRUE" || v === "FALSE") {
        out[i] = v === "TRUE" ? 1 : 0;
        continue;
      }
      // brms matches the value as a prefix of the word (grepl("^v", word)).
      const hit = CENS_WORDS.find(([word]) => v.length > 0 && word.startsWith(v));
      if (!hit) censFail(ctx, node, i, `'${v}'`);
      out[i] = hit[1];
    }
    return out;
  }
  const values = evalNumeric(ctx, node);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v === -1 || v === 0 || v === 1 || v === 2)) censFail(ctx, node, i, String(v));
    out[i] = v;
  }
  return out;
}

/** y2 of cens(c, y2): finite and above y on interval-censored rows, 0 elsewhere (brms sets them to 0; they may be missing). */
export function frameCensUpper(ctx: EvalContext, node: Node, cens: Int32Array, y: Float64Array | null): Float64Array {
  const values = evalNumeric(ctx, node);
  for (let i = 0; i < values.length; i++) {
    if (cens[i] !== 2) {
      values[i] = 0;
      continue;
    }
    if (!Number.isFinite(values[i])) {
      throw caretError("formula", ctx.text, node.pos, `cens(): the upper bound of interval-censored row ${ctx.rows[i] + 1} is ${values[i]}; it must be a finite number`);
    }
    if (y && !(values[i] > y[i])) {
      throw caretError("formula", ctx.text, node.pos, `cens(): interval-censored row ${ctx.rows[i] + 1} has upper bound ${values[i]}, not above the response ${y[i]} (brms needs lower < upper)`);
    }
  }
  return values;
}

export function buildFrame(parsed: ParsedFormula, input: FormulaData, options: FrameOptions = {}): Frame {
  const data = dataColumns(input);
  const frozen = options.learned !== undefined;
  const messages: string[] = [];
  const names = checkColumns(parsed.text, data, usedColumns(parsed, !frozen), frozen);
  if (parsed.response?.censUpper && !frozen) {
    const upperUses: ColumnUse[] = [];
    collectNames(parsed.response.censUpper, upperUses);
    checkColumns(parsed.text, data, upperUses, false);
  }
  const required = [...new Set([...names, ...(options.alsoRequire ?? []).filter((c) => data.column(c))])];
  const rows = keptRows(data, required, messages);
  if (rows.length === 0) {
    // `required`, not `names`: a categorical model's mean part reads no column (its predictors' columns
    // come in alsoRequire), which left this message naming nothing.
    throw caretError("formula", parsed.text, 0, data.nRows === 0 ? "the data have no rows" : `every row has a missing value in one of ${required.join(", ")}`);
  }
  const learned: Learned = options.learned ?? { levels: new Map(), scales: new Map(), polys: new Map(), splines: new Map() };
  const ctx: EvalContext = { text: parsed.text, data, rows, learned, frozen };

  let response: FrameResponse | null = null;
  let trials: Float64Array | null = null;
  let failures: Float64Array | null = null;
  let se: Float64Array | null = null;
  let weights: Float64Array | null = null;
  let cens: Int32Array | null = null;
  let censUpper: Float64Array | null = null;
  let truncLower: Float64Array | null = null;
  let truncUpper: Float64Array | null = null;
  const r = parsed.response;
  if (r && !frozen) {
    const col = r.y.kind === "name" ? data.column(r.y.name) : undefined;
    if (col && col.kind === "text") {
      const { labels } = labelsOf(ctx, r.y as Extract<Node, { kind: "name" }>);
      const levels = [...new Set(labels)];
      const { codes, levels: sorted } = encodeResponse(labels, levels);
      response = { kind: "factor", codes, levels: sorted };
    } else response = { kind: "numeric", values: evalNumeric(ctx, r.y) };
    if (r.failures) failures = positive(evalNumeric(ctx, r.failures), ctx, r.failures, `cbind(): the failures ${r.failures.kind === "name" ? `'${r.failures.name}'` : ""}`.trim(), true);
    if (r.trials) trials = positive(evalNumeric(ctx, r.trials), ctx, r.trials, "trials()", true);
    if (r.se) se = positive(evalNumeric(ctx, r.se), ctx, r.se, "se()", false);
    if (r.weights) {
      weights = frameWeights(ctx, r.weights, r.scaleWeights === true);
      // All zero leaves the likelihood out entirely: the posterior is the prior (improper under brms's
      // flat b prior), with no message. brms fits it; a user never means it.
      if (!weights.some((w) => w > 0)) throw caretError("formula", ctx.text, r.weights.pos, "weights(): every weight is 0, so no row counts and the posterior is the prior alone");
    }
    if (r.cens) {
      cens = frameCens(ctx, r.cens);
      censUpper = r.censUpper ? frameCensUpper(ctx, r.censUpper, cens, response.kind === "numeric" ? response.values : null) : null;
      const interval = cens.indexOf(2);
      if (interval >= 0 && !censUpper) {
        throw caretError("formula", ctx.text, r.cens.pos, `row ${rows[interval] + 1} is interval-censored: give the upper bounds as cens()'s second argument, e.g. cens(${deparseNode(r.cens)}, upper)`);
      }
    }
    if (r.truncLower || r.truncUpper) ({ truncLower, truncUpper } = frameTrunc(ctx, r, response.kind === "numeric" ? response.values : null));
  }

  const fixed = parsed.fixed.variables.map((v) => evalVariable(ctx, v.label, v.node));
  let offset: Float64Array | null = null;
  for (const o of parsed.offsets) {
    const v = evalNumeric(ctx, o);
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) throw caretError("formula", parsed.text, o.pos, `offset is ${v[i]} at row ${rows[i] + 1}; offsets must be finite`);
    }
    if (offset) for (let i = 0; i < v.length; i++) offset[i] += v[i];
    else offset = v;
  }
  const re = parsed.re.map((g) => frameRe(ctx, g));
  return {
    n: rows.length, rows, response, trials, failures, se, weights, cens, censUpper,
    ...(truncLower || truncUpper ? { truncLower, truncUpper } : {}),
    fixed, offset, re, learned, messages,
  };
}

/**
 * trunc(lb, ub): finite bounds, lb < ub, and the response inside [lb, ub] on every row (brms stops with
 * "Truncation bounds are invalid: lb >= ub" and "Some responses are outside of the truncation bounds";
 * here the first offending row is named). A censored row's y is checked the same way, as brms does.
 */
export function frameTrunc(ctx: EvalContext, r: NonNullable<ParsedFormula["response"]>, y: Float64Array | null): { truncLower: Float64Array | null; truncUpper: Float64Array | null } {
  const bound = (node: Node | undefined, name: string): Float64Array | null => {
    if (!node) return null;
    const v = evalNumeric(ctx, node);
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) throw caretError("formula", ctx.text, node.pos, `trunc(): ${name} is ${v[i]} at row ${ctx.rows[i] + 1}; truncation bounds must be finite (leave a side out instead)`);
    }
    return v;
  };
  const lo = bound(r.truncLower, "lb");
  const hi = bound(r.truncUpper, "ub");
  const at = (r.truncLower ?? r.truncUpper) as Node;
  for (let i = 0; i < ctx.rows.length; i++) {
    if (lo && hi && !(lo[i] < hi[i])) throw caretError("formula", ctx.text, at.pos, `trunc(): the bounds of row ${ctx.rows[i] + 1} are invalid: lb ${lo[i]} >= ub ${hi[i]}`);
    if (y && ((lo && y[i] < lo[i]) || (hi && y[i] > hi[i]))) {
      throw caretError("formula", ctx.text, at.pos, `trunc(): the response of row ${ctx.rows[i] + 1} is ${y[i]}, outside its truncation bounds [${lo ? lo[i] : "-Inf"}, ${hi ? hi[i] : "Inf"}]`);
    }
  }
  return { truncLower: lo, truncUpper: hi };
}


function encodeResponse(labels: readonly string[], present: readonly string[]): { codes: Int32Array; levels: string[] } {
  const levels = sortLabels(present);
  const index = new Map(levels.map((l, i) => [l, i]));
  return { codes: Int32Array.from(labels, (l) => index.get(l) as number), levels };
}
