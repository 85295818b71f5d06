/**
 * brms's monotonic effects `mo(x)` (Bürkner & Charpentier 2020): an ordered predictor with values
 * 0 … D contributes bsp · D · Σ_{k ≤ x} ζ_k, ζ a simplex of length D (`simo`, Dirichlet prior).
 * Stages as the other term types: `parseMonotonic` (the call), `designMonotonic` (codes per row, D,
 * brms's names `bsp_mox`, `simo_mox1[k]`), `priorMonotonic` (classes bsp and simo), and
 * `monotonicCodes` for new data. Values are coded as brms's `get_mo_values`: whole numbers minus the
 * fitted minimum (so 1 … 6 is 0 … 5, D = 5); gaps are allowed (their ζ is informed by the prior only).
 */
import type { Node } from "./ast.js";
import { UserError } from "../errors.js";
import { dataColumns, type FormulaData } from "./data.js";
import { caretError } from "./errors.js";
import { suggestion } from "./errors.js";
import type { PriorDist, PriorStatement } from "./priorParse.js";
import { formatR } from "./rformat.js";

export interface ParsedMonotonic {
  /** `mo(income)` as written. */
  readonly text: string;
  readonly pos: number;
  readonly column: string;
  /** brms's coefficient label: `moincome`. */
  readonly label: string;
}

/** `mo(x)`: one column name; brms's `id =` (a simplex shared between terms) is refused with its position. */
export function parseMonotonic(node: Extract<Node, { kind: "call" }>, text: string): ParsedMonotonic {
  for (const a of node.named ?? []) {
    if (a.name === "id") throw caretError("formula", text, a.pos, "mo(x, id = …) (one simplex shared between terms) is not supported: write mo(x)");
    throw caretError("formula", text, a.pos, `mo() has no argument '${a.name}': write mo(x) with x a column of whole numbers`);
  }
  if (node.args.length !== 1) throw caretError("formula", text, node.pos, `mo() takes one column, got ${node.args.length} arguments: write mo(x)`);
  const arg = node.args[0];
  if (arg.kind !== "name") throw caretError("formula", text, arg.pos, "mo() takes a column name (a whole-number or ordered predictor); compute the column first");
  return { text: text.slice(node.pos, node.end), pos: node.pos, column: arg.name, label: `mo${arg.name}` };
}

export interface DesignMonotonic {
  readonly label: string;
  readonly column: string;
  readonly text: string;
  /** The fitted column's minimum: codes are value − min (brms's get_mo_values). */
  readonly min: number;
  /** Highest code: the simplex has D elements. */
  readonly D: number;
  /** 0 … D per design row. */
  readonly codes: Int32Array;
  /** brms's names: `bsp_moincome`, `simo_moincome1[1]` … `[D]`. */
  readonly names: { readonly bsp: string; readonly simo: readonly string[] };
}

/** brms's names of one monotonic term's coefficient and simplex. */
export function monotonicNames(label: string, D: number): DesignMonotonic["names"] {
  return { bsp: `bsp_${label}`, simo: Array.from({ length: D }, (_, k) => `simo_${label}1[${k + 1}]`) };
}

function numericAt(data: FormulaData, column: string, rows: Int32Array, where: string): Float64Array {
  const cols = dataColumns(data);
  const c = cols.column(column);
  if (!c) throw new UserError(`${where}: no column '${column}' in the data${suggestion(column, cols.names)}`);
  if (c.kind !== "numeric") {
    throw new UserError(`${where}: column '${column}' holds text; a monotonic predictor must hold whole numbers in their order (0, 1, 2, … or 1, 2, 3, …): recode ordered categories as numbers, lowest first`);
  }
  return Float64Array.from(rows, (r) => c.values[r]);
}

/**
 * Codes of `mo(x)` at the design's rows. Fitted data (`fitted` absent): whole numbers, coded from
 * their minimum, D their range (at least 1). New data: the fitted minimum and D, and a value outside
 * them is a `UserError` naming the column and the row.
 */
export function monotonicCodes(term: ParsedMonotonic, data: FormulaData, rows: Int32Array, fitted?: { readonly min: number; readonly D: number }): { codes: Int32Array; min: number; D: number } {
  const where = fitted ? `newdata: ${term.text}` : `formula: ${term.text}`;
  const v = numericAt(data, term.column, rows, where);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isInteger(v[i])) {
      throw new UserError(`${where}: monotonic predictors must be whole numbers or ordered categories, but column '${term.column}' row ${rows[i] + 1} has ${formatR(v[i])}`);
    }
  }
  let min = fitted?.min ?? Infinity;
  let max = -Infinity;
  if (!fitted) for (let i = 0; i < v.length; i++) min = Math.min(min, v[i]);
  for (let i = 0; i < v.length; i++) max = Math.max(max, v[i]);
  const D = fitted?.D ?? max - min;
  if (!fitted && !(D >= 1)) throw new UserError(`${where}: column '${term.column}' needs at least two different values to have a monotonic effect (it has ${v.length === 0 ? "no rows" : `only ${formatR(min)}`})`);
  const codes = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const k = v[i] - min;
    if (k < 0 || k > D) {
      throw new UserError(`${where}: column '${term.column}' row ${rows[i] + 1} has ${formatR(v[i])}, outside the fitted values ${formatR(min)} … ${formatR(min + D)}`);
    }
    codes[i] = k;
  }
  return { codes, min, D };
}

/** The monotonic terms of a design (brms's data_sp): codes, D and names per term, in the order written. */
export function designMonotonic(terms: readonly ParsedMonotonic[], data: FormulaData, rows: Int32Array): DesignMonotonic[] {
  return terms.map((t) => {
    const { codes, min, D } = monotonicCodes(t, data, rows);
    return { label: t.label, column: t.column, text: t.text, min, D, codes, names: monotonicNames(t.label, D) };
  });
}

/** One term's resolved priors: its coefficient's and its simplex's concentration (length D). */
export interface MonotonicPriors {
  readonly bsp: { readonly dist: PriorDist; readonly source: "default" | "user" };
  readonly simo: { readonly alpha: readonly number[]; readonly dist: PriorDist; readonly source: "default" | "user" };
}

/** brms's default simplex prior: dirichlet(1), i.e. 1 for each of the D elements. */
const DIRICHLET1: PriorDist = { family: "dirichlet", args: [1] };

/** Whether a prior's coef names a term: brms's `moincome`, or the term as written `mo(income)`. */
export function monotonicNamed(m: { readonly label: string; readonly text: string }, coef: string): boolean {
  return coef === m.label || coef.replace(/\s+/g, "") === m.text.replace(/\s+/g, "");
}

type Resolved = { readonly dist: PriorDist; readonly source: "default" | "user" };

/**
 * Priors of the monotonic terms, as brms 2.18's get_prior lists them: the coefficient bsp_mox is class b
 * with coef `mox` (so `b ~ …` covers it; `b[mox]`, `b_mox`, `bsp_mox`, `bsp[mox]` name it, and `bsp ~ …`
 * covers every mo() term), the simplex is class simo with coef `mox1`, dirichlet(1) by default. Unknown
 * names are refused; a Dirichlet takes D concentrations (or one for all, as brms). `row` adds the table
 * rows brms shows (the b rows of mo() terms; the class-level b row when X has no column to show it).
 */
export function priorMonotonic(
  terms: readonly DesignMonotonic[],
  user: readonly PriorStatement[],
  bClass: Resolved,
  hasX: boolean,
  row: (cls: string, coef: string, r: Resolved) => void,
): MonotonicPriors[] {
  for (const s of user) {
    if (s.class !== "bsp" && s.class !== "simo") continue;
    if (terms.length === 0) throw new UserError(`prior ${s.text}: the model has no monotonic terms (mo(x))`);
    if (s.class === "bsp" && s.coef !== "" && !terms.some((m) => monotonicNamed(m, s.coef))) {
      const labels = terms.map((m) => m.label);
      throw new UserError(`prior ${s.text}: no monotonic term '${s.coef}'${suggestion(s.coef, labels)}; the terms are ${labels.join(", ")}`);
    }
    if (s.class === "simo") {
      const labels = terms.map((m) => `${m.label}1`);
      if (s.coef === "") throw new UserError(`prior ${s.text}: a simplex prior names its term, as brms's coef: ${labels.map((l) => `simo[${l}]`).join(", ")}`);
      const m = terms.find((q) => `${q.label}1` === s.coef);
      if (!m) throw new UserError(`prior ${s.text}: no simplex '${s.coef}'${suggestion(s.coef, labels)}; the simplexes are ${labels.join(", ")}`);
      const k = (s.dist as { args: readonly number[] }).args.length;
      if (k !== 1 && k !== m.D) throw new UserError(`prior ${s.text}: ${m.text} has D = ${m.D} steps (values ${formatR(m.min)} … ${formatR(m.min + m.D)}), so its Dirichlet takes ${m.D} concentrations (or one for all), got ${k}`);
    }
  }
  if (terms.length > 0 && !hasX) row("b", "", bClass);
  const bspAll = user.find((s) => s.class === "bsp" && s.coef === "");
  const base: Resolved = bspAll ? { dist: bspAll.dist, source: "user" } : bClass;
  return terms.map((m) => {
    const own = user.find((s) => (s.class === "bsp" || s.class === "b") && s.coef !== "" && monotonicNamed(m, s.coef));
    const bsp: Resolved = own ? { dist: own.dist, source: "user" } : base;
    const z = user.find((s) => s.class === "simo" && s.coef === `${m.label}1`);
    const dist = z ? z.dist : DIRICHLET1;
    const args = (dist as { args: readonly number[] }).args;
    const alpha = args.length === 1 ? Array.from({ length: m.D }, () => args[0]) : [...args];
    row("b", m.label, bsp);
    row("simo", `${m.label}1`, { dist, source: z ? "user" : "default" });
    return { bsp, simo: { alpha, dist, source: z ? "user" : "default" } };
  });
}

/** What model.json keeps of a mo() term: enough to code new rows as the fit did. */
export interface SavedMonotonic {
  readonly label: string;
  readonly column: string;
  readonly min: number;
  readonly D: number;
}

export function saveMonotonic(m: DesignMonotonic): SavedMonotonic {
  return { label: m.label, column: m.column, min: m.min, D: m.D };
}

/** Saved mo() terms against the formula's, one each in order; `bad` words model.json's error. */
export function restoreMonotonic(terms: readonly ParsedMonotonic[], saved: unknown, bad: (what: string) => Error): DesignMonotonic[] {
  const list = saved === undefined ? [] : saved;
  if (!Array.isArray(list) || list.length !== terms.length) throw bad(`the formula has ${terms.length} mo() terms but ${Array.isArray(list) ? list.length : "no list of"} are saved`);
  return terms.map((t, k) => {
    const s = list[k] as Partial<SavedMonotonic> | null;
    if (!s || s.label !== t.label || s.column !== t.column || !Number.isInteger(s.min) || !(Number.isInteger(s.D) && (s.D as number) >= 1)) {
      throw bad(`monotonic[${k}] does not match the formula's ${t.text}`);
    }
    const D = s.D as number;
    return { label: t.label, column: t.column, text: t.text, min: s.min as number, D, codes: new Int32Array(0), names: monotonicNames(t.label, D) };
  });
}

/**
 * brms's keyed spelling for the monotonic classes, `normal(0, 1), class = bsp` or
 * `dirichlet(2, 2, 2), class = simo, coef = moincome1` (keys in any order), as the `~` form
 * (`bsp ~ normal(0, 1)`, `simo[moincome1] ~ dirichlet(2, 2, 2)`); null for any other text.
 */
export function monotonicKeyedPrior(text: string): string | null {
  if (text.includes("~")) return null;
  const close = text.lastIndexOf(")");
  if (close < 0) return null;
  const keys: Record<string, string> = {};
  for (const piece of text.slice(close + 1).split(",").slice(1)) {
    const m = /^\s*([A-Za-z_]+)\s*=\s*["'`]?([^"'`]*?)["'`]?\s*$/.exec(piece);
    if (!m || m[1] in keys) return null;
    keys[m[1]] = m[2];
  }
  if (!/^\s*,/.test(text.slice(close + 1)) && text.slice(close + 1).trim() !== "") return null;
  const cls = keys.class;
  if ((cls !== "bsp" && cls !== "simo") || Object.keys(keys).some((k) => k !== "class" && k !== "coef")) return null;
  const coef = keys.coef ?? "";
  return `${cls}${coef === "" ? "" : `[${coef}]`} ~ ${text.slice(0, close + 1).trim()}`;
}

/** R's round() to a whole number: halves go to the even neighbour (IEC 60559), as brms's integer conditions. */
export function roundHalfEven(x: number): number {
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}
