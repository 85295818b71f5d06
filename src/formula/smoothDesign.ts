/**
 * Smooth terms in a design (brms's `data_sm`): each `s()` gives unpenalised columns Xs, appended to
 * the population-level X under brms's names (`sx_1`, coefficient `bs_sx_1`, class b priors), and a
 * penalised block Zs with one sds (`sds_sx_1`) and coefficients `s_sx_1[j]`. `s(x, by = f)` with f a
 * factor gives one such smooth per level of f (`bs_sx:fa_1`, `sds_sxfa_1`, `s_sxfa_1[j]`).
 */
import { UserError } from "../errors.js";
import { sortLabels } from "./collate.js";
import { dataColumns, type FormulaData } from "./data.js";
import { brmsRename } from "./deparse.js";
import { constructSmooths, smoothColumns, type SmoothByInput, type SmoothState } from "./smooth.js";
import { constructT2, t2ColumnsAt, type T2State } from "./smoothT2.js";
import type { ParsedSmooth } from "./smoothTerm.js";

export interface DesignSmooth {
  /**
   * brms's label (`sx`; `sxfa` for level a of `s(x, by = f)`), the term's label without a level (`sxf`)
   * and the term (`s(x, k = 5)`, the coef of an sds prior, shared by a factor by's levels); the term as written.
   */
  readonly label: string;
  readonly termLabel: string;
  readonly term: string;
  readonly text: string;
  /** The basis, for new data (model.json): an s() smooth's, or one penalty block of a t2(). */
  readonly state: SmoothState | T2State;
  /** brms's basis number within the term (the `_1` of `sds_sx_1`): 1, or t2's block 1 … 3. */
  readonly nb: number;
  /** n × q row-major penalised columns. */
  readonly Zs: Float64Array;
  readonly q: number;
  /** Names of the Xs columns in X (`sx_1`); their coefficients print as `bs_sx_1`. */
  readonly xsNames: readonly string[];
  readonly names: { readonly sds: string; readonly s: readonly string[] };
}

/** The smooth's covariates at the design's rows: numeric columns only. */
export function smoothCovariates(data: FormulaData, vars: readonly string[], rows: Int32Array, what: string): Float64Array[] {
  const cols = dataColumns(data);
  return vars.map((v) => {
    const c = cols.column(v);
    if (!c) throw new UserError(`${what}: the data have no column '${v}'`);
    if (c.kind !== "numeric") throw new UserError(`${what}: '${v}' must be numeric (a smooth of a factor is not defined)`);
    return Float64Array.from(rows, (r) => c.values[r]);
  });
}

/** Columns (each of length n) → one n × q row-major matrix. */
export function rowMajor(cols: readonly Float64Array[], n: number): Float64Array {
  const q = cols.length;
  const out = new Float64Array(n * q);
  for (let j = 0; j < q; j++) for (let i = 0; i < n; i++) out[i * q + j] = cols[j][i];
  return out;
}

/**
 * The by variable at the given rows: a text (factor) column as its level codes into `levels` (the
 * fitting rows' levels in R's order when not given; a value outside them is an error naming it), a
 * numeric column as its values (TRUE / FALSE as 1 / 0, as R's as.numeric).
 */
function smoothByValues(data: FormulaData, variable: string, rows: Int32Array, what: string, levels?: readonly string[]): SmoothByInput {
  const c = dataColumns(data).column(variable);
  if (!c) throw new UserError(`${what}: the data have no column '${variable}' (the by variable)`);
  for (const r of rows) if (c.missing[r]) throw new UserError(`${what}: the by variable '${variable}' is missing in row ${r + 1}`);
  if (c.kind === "numeric") return { kind: "numeric", variable, values: Float64Array.from(rows, (r) => c.values[r]) };
  if (c.logical) return { kind: "numeric", variable, values: Float64Array.from(rows, (r) => (c.values[r] === "TRUE" ? 1 : 0)) };
  const lv = levels ?? sortLabels(new Set(Array.from(rows, (r) => c.values[r])));
  const index = new Map(lv.map((l, i) => [l, i]));
  const codes = Int32Array.from(rows, (r) => {
    const v = c.values[r];
    const code = index.get(v);
    if (code === undefined) throw new UserError(`${what}: level '${v}' of the by factor '${variable}' was not in the fitting data (its levels are ${lv.join(", ")}); a smooth for it was never estimated`);
    return code;
  });
  return { kind: "factor", variable, levels: lv, codes };
}

/** A factor level's indicator or the numeric by variable, per row: what multiplies the smooth's basis rows. */
function byMultiplier(by: SmoothByInput, level: string | undefined): Float64Array {
  if (by.kind === "numeric") return by.values;
  const code = by.levels.indexOf(level as string);
  return Float64Array.from(by.codes, (c) => (c === code ? 1 : 0));
}

/** brms's names of a smooth's sds and penalised coefficients: `sds_sx_1`, `s_sx_1[j]` (t2's blocks: `sds_t2xz_2`). */
export function smoothNames(label: string, q: number, nb = 1): DesignSmooth["names"] {
  return { sds: `sds_${label}_${nb}`, s: Array.from({ length: q }, (_, j) => `s_${label}_${nb}[${j + 1}]`) };
}

/** The data columns a fitted smooth reads at new rows: its covariates, then its by variable. */
export function smoothStateColumns(state: SmoothState | T2State): string[] {
  return !isT2State(state) && state.by ? [...state.spec.vars, state.by.variable] : [...state.spec.vars];
}

/** Whether a saved or designed state is a t2() block's. */
function isT2State(state: SmoothState | T2State): state is T2State {
  return "margins" in state;
}

/**
 * Builds each smooth on the fitting rows; returns them and the Xs columns to append to X. In a
 * distributional part (`dpar`, e.g. sigma) the sds and s names carry it: `sds_sigma_sx_1`, `s_sigma_sx_1[j]`.
 */
export function designSmooths(smooths: readonly ParsedSmooth[], data: FormulaData, rows: Int32Array, dpar?: string): { smooths: DesignSmooth[]; xs: { names: string[]; columns: Float64Array[] } } {
  const n = rows.length;
  const out: DesignSmooth[] = [];
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const sm of smooths) {
    const what = `formula: ${sm.text}`;
    const x = smoothCovariates(data, sm.vars, rows, what);
    if (sm.t2) {
      // One block per penalty (brms's sds_t2xz_1 … _3); the unpenalised columns t2xz_1 … ride on the first.
      for (const built of constructT2({ vars: sm.vars, bs: sm.bs, ...(sm.k !== undefined ? { k: sm.k } : {}) }, x, what)) {
        const xsNames = built.Xs.map((_, j) => `${sm.label}_${j + 1}`);
        names.push(...xsNames);
        columns.push(...built.Xs);
        const { Xs: _xs, Zs: zs, ...state } = built;
        out.push({ label: sm.label, termLabel: sm.label, term: sm.term, text: sm.text, state, nb: built.block + 1, Zs: rowMajor(zs, n), q: zs.length, xsNames, names: smoothNames(dpar !== undefined ? `${dpar}_${sm.label}` : sm.label, zs.length, built.block + 1) });
      }
      continue;
    }
    const by = sm.by !== undefined ? smoothByValues(data, sm.by, rows, what) : undefined;
    const list = constructSmooths({ vars: sm.vars, bs: sm.bs, ...(sm.k !== undefined ? { k: sm.k } : {}) }, x, what, by);
    for (const built of list) {
      // mgcv's label `s(x)`, `s(x):fa` (factor by), `s(x):z` (numeric by); brms renames it for Xs's columns.
      const level = built.by?.kind === "factor" ? built.by.level : undefined;
      const mgcvLabel = `s(${sm.vars.join(",")})${sm.by !== undefined ? `:${sm.by}${level ?? ""}` : ""}`;
      const label = level !== undefined ? `${sm.label}${brmsRename(level)}` : sm.label;
      const xsNames = built.Xs.map((_, j) => brmsRename(`${mgcvLabel}_${j + 1}`));
      names.push(...xsNames);
      columns.push(...built.Xs);
      const q = built.Zs.length;
      out.push({
        label,
        termLabel: sm.label,
        term: sm.term,
        text: sm.text,
        state: { spec: built.spec, raw: built.raw, transform: built.transform, nPen: built.nPen, ...(built.by ? { by: built.by } : {}) },
        nb: 1,
        Zs: rowMajor(built.Zs, n),
        q,
        xsNames,
        names: smoothNames(dpar !== undefined ? `${dpar}_${label}` : label, q),
      });
    }
  }
  return { smooths: out, xs: { names, columns } };
}

/** X with extra columns (means 0: not centred, as brms's Xs). */
export function appendColumns(X: { names: readonly string[]; values: Float64Array; means: Float64Array }, extra: { names: readonly string[]; columns: readonly Float64Array[] }, n: number): { names: string[]; values: Float64Array; means: Float64Array } {
  const p = X.names.length;
  const q = p + extra.names.length;
  const values = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) values[i * q + k] = X.values[i * p + k];
    extra.columns.forEach((c, j) => (values[i * q + p + j] = c[i]));
  }
  const means = new Float64Array(q);
  means.set(X.means);
  return { names: [...X.names, ...extra.names], values, means };
}

/**
 * Predictions: X (n × p) followed by every smooth's Zs columns, so that eta = X·[b, bs] + Zs·s is one
 * product with the draws `b_*`, `bs_*`, `s_sx_1[j]` (see `smoothCoefficientNames`).
 */
export function withSmoothZs(X: Float64Array, p: number, Zs: readonly { readonly Zs: Float64Array; readonly q: number }[], n: number): Float64Array {
  if (Zs.length === 0) return X;
  const q = Zs.reduce((a, z) => a + z.q, 0);
  const w = p + q;
  const out = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) out[i * w + k] = X[i * p + k];
    let off = p;
    for (const z of Zs) {
      for (let j = 0; j < z.q; j++) out[i * w + off + j] = z.Zs[i * z.q + j];
      off += z.q;
    }
  }
  return out;
}

/**
 * The draws' names for X's columns (`b_x`, `bs_sx_1`) followed by the smooths' `s_sx_1[j]`, as
 * withSmoothZs lays them out; a distributional part's carry it (`b_sigma_x`, `bs_sigma_sx_1`).
 */
export function smoothCoefficientNames(xNames: readonly string[], smooths: readonly DesignSmooth[], dpar?: string): string[] {
  const xs = new Set(smooths.flatMap((sm) => sm.xsNames));
  const part = dpar !== undefined ? `${dpar}_` : "";
  return [...xNames.map((x) => `${xs.has(x) ? "bs" : "b"}_${part}${x}`), ...smooths.flatMap((sm) => sm.names.s)];
}

/** A fitted smooth's Xs and Zs (row-major) at new rows; a factor by's level unseen in the fit is an error naming it. */
export function newdataSmooth(sm: DesignSmooth | { readonly state: SmoothState | T2State; readonly text: string }, data: FormulaData, rows: Int32Array): { Xs: Float64Array[]; Zs: Float64Array } {
  const what = `new data: ${sm.text}`;
  const x = smoothCovariates(data, sm.state.spec.vars, rows, what);
  if (isT2State(sm.state)) {
    const cols = t2ColumnsAt(sm.state, x);
    return { Xs: cols.Xs, Zs: rowMajor(cols.Zs, rows.length) };
  }
  const b = sm.state.by;
  const by = b ? smoothByValues(data, b.variable, rows, what, b.kind === "factor" ? b.levels : undefined) : undefined;
  if (b && by && b.kind !== by.kind) throw new UserError(`${what}: the by variable '${b.variable}' was ${b.kind === "factor" ? "a factor" : "numeric"} in the fitting data`);
  const cols = smoothColumns(sm.state, x, by ? byMultiplier(by, b?.kind === "factor" ? b.level : undefined) : undefined);
  return { Xs: cols.Xs, Zs: rowMajor(cols.Zs, rows.length) };
}
