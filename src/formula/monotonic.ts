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

/** One mo(x) call of a term: the column and brms's label `mox`. */
export interface MonotonicPart {
  readonly column: string;
  readonly label: string;
  readonly pos: number;
}

/**
 * One monotonic term (brms's "special" term): `mo(x)`, or an interaction of mo() calls and numeric
 * columns, `mo(x):z`, `mo(x1):mo(x2)`. Its effect is bsp · Π_j D_j · Σ_{k ≤ x_j} ζ_jk · Π z, one
 * simplex per mo() call.
 */
export interface ParsedMonotonic {
  /** The term as R labels it: `mo(x)`, `mo(x):z`, `z:mo(x)`. */
  readonly text: string;
  readonly pos: number;
  /** The term's variables in its order: mo() calls and numeric columns. */
  readonly vars: readonly ({ readonly kind: "mo" } & MonotonicPart | { readonly kind: "column"; readonly column: string; readonly pos: number })[];
  /** brms's coefficient label: `mox`, `mox:z`, `z:mox`, `mox1:mox2`. */
  readonly label: string;
}

/** `mo(x)`: one column name; brms's `id =` (a simplex shared between terms) is refused with its position. */
export function parseMonotonic(node: Extract<Node, { kind: "call" }>, text: string): MonotonicPart {
  for (const a of node.named ?? []) {
    if (a.name === "id") throw caretError("formula", text, a.pos, "mo(x, id = …) (one simplex shared between terms) is not supported: write mo(x)");
    throw caretError("formula", text, a.pos, `mo() has no argument '${a.name}': write mo(x) with x a column of whole numbers`);
  }
  if (node.args.length !== 1) throw caretError("formula", text, node.pos, `mo() takes one column, got ${node.args.length} arguments: write mo(x)`);
  const arg = node.args[0];
  if (arg.kind !== "name") throw caretError("formula", text, arg.pos, "mo() takes a column name (a whole-number or ordered predictor); compute the column first");
  return { column: arg.name, label: `mo${arg.name}`, pos: node.pos };
}

/** Every column a monotonic term reads, in its order. */
export function monotonicColumns(t: ParsedMonotonic): string[] {
  return t.vars.map((v) => v.column);
}

/** The columns of its mo() calls (brms's int_vars). */
export function monotonicCalls(t: ParsedMonotonic): string[] {
  return t.vars.filter((v) => v.kind === "mo").map((v) => v.column);
}

/** One mo() call of a design term: its coding. */
export interface DesignMonotonicPart {
  readonly column: string;
  /** The fitted column's minimum: codes are value − min (brms's get_mo_values). */
  readonly min: number;
  /** Highest code: the simplex has D elements. */
  readonly D: number;
  /** 0 … D per design row. */
  readonly codes: Int32Array;
}

export interface DesignMonotonic {
  readonly label: string;
  readonly text: string;
  readonly parts: readonly DesignMonotonicPart[];
  /** The numeric columns the term multiplies by (brms's Csp), and their product per row (null without any). */
  readonly covariates: readonly string[];
  readonly covariate: Float64Array | null;
  /** brms's names: `bsp_mox:z`, and per mo() call `simo_mox:z1[1]` … `[D]`. */
  readonly names: { readonly bsp: string; readonly simo: readonly (readonly string[])[] };
}

/** brms's names of one monotonic term's coefficient and simplexes. */
function monotonicNames(label: string, Ds: readonly number[]): DesignMonotonic["names"] {
  return { bsp: `bsp_${label}`, simo: Ds.map((D, j) => Array.from({ length: D }, (_, k) => `simo_${label}${j + 1}[${k + 1}]`)) };
}

function numericAt(data: FormulaData, column: string, rows: Int32Array, where: string, what: string): Float64Array {
  const cols = dataColumns(data);
  const c = cols.column(column);
  if (!c) throw new UserError(`${where}: no column '${column}' in the data${suggestion(column, cols.names)}`);
  if (c.kind !== "numeric") throw new UserError(`${where}: column '${column}' holds text; ${what}`);
  return Float64Array.from(rows, (r) => c.values[r]);
}

/**
 * Codes of column `column` of a mo() call at the design's rows. Fitted data (`fitted` absent): whole
 * numbers, coded from their minimum, D their range (at least 1). New data: the fitted minimum and D, and
 * a value outside them is a `UserError` naming the column and the row.
 */
export function monotonicCodes(text: string, column: string, data: FormulaData, rows: Int32Array, fitted?: { readonly min: number; readonly D: number }): { codes: Int32Array; min: number; D: number } {
  const where = fitted ? `newdata: ${text}` : `formula: ${text}`;
  const v = numericAt(data, column, rows, where, "a monotonic predictor must hold whole numbers in their order (0, 1, 2, … or 1, 2, 3, …): recode ordered categories as numbers, lowest first");
  for (let i = 0; i < v.length; i++) {
    if (!Number.isInteger(v[i])) {
      throw new UserError(`${where}: monotonic predictors must be whole numbers or ordered categories, but column '${column}' row ${rows[i] + 1} has ${formatR(v[i])}`);
    }
  }
  let min = fitted?.min ?? Infinity;
  let max = -Infinity;
  if (!fitted) for (let i = 0; i < v.length; i++) min = Math.min(min, v[i]);
  for (let i = 0; i < v.length; i++) max = Math.max(max, v[i]);
  const D = fitted?.D ?? max - min;
  if (!fitted && !(D >= 1)) throw new UserError(`${where}: column '${column}' needs at least two different values to have a monotonic effect (it has ${v.length === 0 ? "no rows" : `only ${formatR(min)}`})`);
  const codes = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const k = v[i] - min;
    if (k < 0 || k > D) {
      throw new UserError(`${where}: column '${column}' row ${rows[i] + 1} has ${formatR(v[i])}, outside the fitted values ${formatR(min)} … ${formatR(min + D)}`);
    }
    codes[i] = k;
  }
  return { codes, min, D };
}

/** The product of a term's numeric columns per row (null without any). */
function monotonicCovariate(t: ParsedMonotonic, data: FormulaData, rows: Int32Array, where: string): Float64Array | null {
  const cols = t.vars.filter((v) => v.kind === "column");
  if (cols.length === 0) return null;
  const out = new Float64Array(rows.length).fill(1);
  for (const c of cols) {
    const v = numericAt(data, c.column, rows, `${where}: ${t.text}`, "interactions of mo() with factors are not supported; multiply by numeric columns only");
    for (let i = 0; i < v.length; i++) out[i] *= v[i];
  }
  return out;
}

/** The monotonic terms of a design (brms's data_sp): codes, D and names per mo() call, in R's term order. */
export function designMonotonic(terms: readonly ParsedMonotonic[], data: FormulaData, rows: Int32Array): DesignMonotonic[] {
  return terms.map((t) => {
    const parts = t.vars.flatMap((v) => (v.kind === "mo" ? [{ column: v.column, ...monotonicCodes(t.text, v.column, data, rows) }] : []));
    const covariates = t.vars.filter((v) => v.kind === "column").map((v) => v.column);
    return { label: t.label, text: t.text, parts, covariates, covariate: monotonicCovariate(t, data, rows, "formula"), names: monotonicNames(t.label, parts.map((p) => p.D)) };
  });
}

/** A term's rows for predictions: codes per mo() call and the covariate product. */
export interface MonotonicRows {
  readonly codes: readonly Int32Array[];
  readonly covariate: Float64Array | null;
}

/** New rows of the fitted terms: the fitted minimum and D of each mo() call; a value outside is refused with column and row. */
export function newdataMonotonic(fitted: readonly DesignMonotonic[], terms: readonly ParsedMonotonic[], data: FormulaData, rows: Int32Array): MonotonicRows[] {
  return fitted.map((m) => {
    const t = terms.find((q) => q.label === m.label);
    if (!t) throw new Error(`newdataMonotonic: the formula has no ${m.text}`);
    return { codes: m.parts.map((p) => monotonicCodes(t.text, p.column, data, rows, p).codes), covariate: monotonicCovariate(t, data, rows, "newdata") };
  });
}

/** One term's resolved priors: its coefficient's, and each simplex's concentrations (length D). */
export interface MonotonicPriors {
  readonly bsp: { readonly dist: PriorDist; readonly source: "default" | "user" };
  readonly simo: readonly { readonly alpha: readonly number[]; readonly dist: PriorDist; readonly source: "default" | "user" }[];
}

/** brms's default simplex prior: dirichlet(1), i.e. 1 for each of the D elements. */
const DIRICHLET1: PriorDist = { family: "dirichlet", args: [1] };

/** Whether a prior's coef names a term: brms's `moincome`, `mox:z`, or the term as written `mo(income)`. */
export function monotonicNamed(m: { readonly label: string; readonly text: string }, coef: string): boolean {
  return coef === m.label || coef.replace(/\s+/g, "") === m.text.replace(/\s+/g, "");
}

type Resolved = { readonly dist: PriorDist; readonly source: "default" | "user" };

/**
 * Priors of the monotonic terms, as brms 2.18's get_prior lists them: the coefficient bsp_mox is class b
 * with coef `mox` (so `b ~ …` covers it; `b[mox]`, `b_mox`, `bsp_mox`, `bsp[mox]` name it, and `bsp ~ …`
 * covers every mo() term), each simplex is class simo with coef `mox1` (`mox:z1`; `mox1:mox22` for the
 * second call of `mo(x1):mo(x2)`), dirichlet(1) by default. Unknown names are refused; a Dirichlet takes
 * D concentrations (or one for all, as brms). `row` adds the table rows brms shows (the b rows of mo()
 * terms; the class-level b row when X has no column to show it).
 */
export function priorMonotonic(
  terms: readonly DesignMonotonic[],
  user: readonly PriorStatement[],
  bClass: Resolved,
  hasX: boolean,
  row: (cls: string, coef: string, r: Resolved) => void,
): MonotonicPriors[] {
  const simplexes = terms.flatMap((m) => m.parts.map((p, j) => ({ m, p, coef: `${m.label}${j + 1}` })));
  for (const s of user) {
    if (s.class !== "bsp" && s.class !== "simo") continue;
    if (terms.length === 0) throw new UserError(`prior ${s.text}: the model has no monotonic terms (mo(x))`);
    if (s.class === "bsp" && s.coef !== "" && !terms.some((m) => monotonicNamed(m, s.coef))) {
      const labels = terms.map((m) => m.label);
      throw new UserError(`prior ${s.text}: no monotonic term '${s.coef}'${suggestion(s.coef, labels)}; the terms are ${labels.join(", ")}`);
    }
    if (s.class === "simo") {
      const labels = simplexes.map((x) => x.coef);
      if (s.coef === "") throw new UserError(`prior ${s.text}: a simplex prior names its term, as brms's coef: ${labels.map((l) => `simo[${l}]`).join(", ")}`);
      const x = simplexes.find((q) => q.coef === s.coef);
      if (!x) throw new UserError(`prior ${s.text}: no simplex '${s.coef}'${suggestion(s.coef, labels)}; the simplexes are ${labels.join(", ")}`);
      const k = (s.dist as { args: readonly number[] }).args.length;
      const D = x.p.D;
      if (k !== 1 && k !== D) throw new UserError(`prior ${s.text}: mo(${x.p.column}) has D = ${D} steps (values ${formatR(x.p.min)} … ${formatR(x.p.min + D)}), so its Dirichlet takes ${D} concentrations (or one for all), got ${k}`);
    }
  }
  if (terms.length > 0 && !hasX) row("b", "", bClass);
  const bspAll = user.find((s) => s.class === "bsp" && s.coef === "");
  const base: Resolved = bspAll ? { dist: bspAll.dist, source: "user" } : bClass;
  return terms.map((m) => {
    const own = user.find((s) => (s.class === "bsp" || s.class === "b") && s.coef !== "" && monotonicNamed(m, s.coef));
    const bsp: Resolved = own ? { dist: own.dist, source: "user" } : base;
    row("b", m.label, bsp);
    const simo = m.parts.map((p, j) => {
      const coef = `${m.label}${j + 1}`;
      const z = user.find((s) => s.class === "simo" && s.coef === coef);
      const dist = z ? z.dist : DIRICHLET1;
      const args = (dist as { args: readonly number[] }).args;
      const alpha = args.length === 1 ? Array.from({ length: p.D }, () => args[0]) : [...args];
      row("simo", coef, { dist, source: z ? "user" : "default" });
      return { alpha, dist, source: z ? ("user" as const) : ("default" as const) };
    });
    return { bsp, simo };
  });
}

/** What model.json keeps of a mo() term: enough to code new rows as the fit did. */
export interface SavedMonotonic {
  readonly label: string;
  readonly parts: readonly { readonly column: string; readonly min: number; readonly D: number }[];
}

export function saveMonotonic(m: DesignMonotonic): SavedMonotonic {
  return { label: m.label, parts: m.parts.map((p) => ({ column: p.column, min: p.min, D: p.D })) };
}

/** Saved mo() terms against the formula's, one each in order; `bad` words model.json's error. */
export function restoreMonotonic(terms: readonly ParsedMonotonic[], saved: unknown, bad: (what: string) => Error): DesignMonotonic[] {
  const list = saved === undefined ? [] : saved;
  if (!Array.isArray(list) || list.length !== terms.length) throw bad(`the formula has ${terms.length} mo() terms but ${Array.isArray(list) ? list.length : "no list of"} are saved`);
  return terms.map((t, k) => {
    const s = list[k] as Partial<SavedMonotonic> | null;
    const calls = monotonicCalls(t);
    const ok =
      s && s.label === t.label && Array.isArray(s.parts) && s.parts.length === calls.length &&
      s.parts.every((p, j) => p && p.column === calls[j] && Number.isInteger(p.min) && Number.isInteger(p.D) && p.D >= 1);
    if (!ok) throw bad(`monotonic[${k}] does not match the formula's ${t.text}`);
    const parts = (s as SavedMonotonic).parts.map((p) => ({ column: p.column, min: p.min, D: p.D, codes: new Int32Array(0) }));
    const covariates = t.vars.filter((v) => v.kind === "column").map((v) => v.column);
    return { label: t.label, text: t.text, parts, covariates, covariate: null, names: monotonicNames(t.label, parts.map((p) => p.D)) };
  });
}

/** R's round() to a whole number: halves go to the even neighbour (IEC 60559), as brms's integer conditions. */
export function roundHalfEven(x: number): number {
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}

/**
 * brms's default conditional effects of a monotonic term (get_all_effects_type "sp"): the terms of
 * `~ v1 * v2 * …` over its columns, singles then pairs (`mo(x):z` gives x, z, x:z); larger sets are left out.
 */
export function monotonicEffects(t: ParsedMonotonic): string[][] {
  const vars = [...new Set(monotonicColumns(t))];
  const pairs: string[][] = [];
  for (let a = 0; a < vars.length; a++) for (let b = a + 1; b < vars.length; b++) pairs.push([vars[a], vars[b]]);
  return [...vars.map((v) => [v]), ...pairs];
}
