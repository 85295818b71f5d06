/**
 * brms's non-linear formulas, the design stage: the response and any distributional parts go through
 * the ordinary design (as `y ~ 0, sigma ~ …`), each non-linear parameter's formula becomes its own
 * uncentred X (its intercept a column of ones, as brms: `b_a_Intercept`) and group terms under brms's
 * names (`sd_g__a_Intercept`, `r_g__a[lvl,Intercept]`), and the expression's data columns are read
 * for the kept rows. Rows missing any column of any part are dropped from all of them.
 */
import { UserError } from "../errors.js";
import type { NlExpr } from "../glmm/nonlinearTypes.js";
import { dataColumns, type ColumnInput, type DataColumns, type FormulaData } from "./data.js";
import { buildDesign, designFixed, designRe, dparNames, groupNames, parseDpar, type DesignGroup, type DesignOptions, type FormulaDesign } from "./design.js";
import { caretError } from "./errors.js";
import type { Learned } from "./evaluate.js";
import { buildFrame, formulaColumns } from "./frame.js";
import { parseNonlinearMain, type SplitNonlinear } from "./nonlinear.js";
import { parseFormulaParts, type ParsedFormula } from "./terms.js";

/** One non-linear parameter's design: brms's `X_a` (uncentred) and group terms. */
export interface DesignNlpar {
  readonly name: string;
  /** The part as written, `a ~ 1 + (1 | g)`. */
  readonly text: string;
  /** Whether the formula has an intercept (then `Intercept` is X's first column, of ones). */
  readonly intercept: boolean;
  /** n × p row-major, the intercept's column included; means are zero (brms does not centre non-linear parts). */
  readonly X: { readonly names: readonly string[]; readonly values: Float64Array; readonly means: Float64Array };
  /** `b_a_Intercept`, `b_a_x`. */
  readonly bNames: readonly string[];
  readonly groups: readonly DesignGroup[];
  readonly encoding: { readonly parsed: ParsedFormula; readonly learned: Learned };
}

export interface DesignNonlinear {
  /** The main formula, `y ~ a * exp(-b * x)`. */
  readonly main: string;
  readonly expr: NlExpr;
  /** The data columns the expression reads (`cov` order) and their values on the kept rows. */
  readonly covariates: readonly string[];
  readonly covariateValues: readonly Float64Array[];
  readonly nlpars: readonly DesignNlpar[];
}

/** The rows of `data` (0-based) as a new plain-column data set, missing values kept missing. */
function subsetData(data: DataColumns, rows: Int32Array): Record<string, ColumnInput> {
  const out: Record<string, ColumnInput> = {};
  for (const name of data.names) {
    const c = data.column(name);
    if (!c) continue;
    if (c.kind === "numeric") out[name] = Float64Array.from(rows, (i) => (c.missing[i] ? NaN : c.values[i]));
    else out[name] = Array.from(rows, (i) => (c.missing[i] ? null : c.logical ? c.values[i] === "TRUE" : c.values[i]));
  }
  return out;
}

/**
 * Parse a non-linear parameter's formula (`a ~ 1 + x + (1 | g)`) as its own formula, so carets point into
 * what the user wrote; brms's `(1 | ID | g)`, offsets and s() are refused.
 */
export function parseNlpar(text: string): ParsedFormula {
  const across = /\|\s*[^|()\s][^|()]*\|/.exec(text);
  if (across) {
    throw caretError("formula", text, across.index, "'(… | ID | g)' (group effects correlated across non-linear parameters) is not supported: write (… | g) in each formula; their effects are then independent");
  }
  const parsed = parseFormulaParts(text);
  if (parsed.offsets.length > 0) throw new UserError(`formula: '${text}': offsets in a non-linear parameter's formula are not supported; add the offset to the expression instead`);
  if ((parsed.smooths ?? []).length > 0) throw new UserError(`formula: '${text}': s() in a non-linear parameter's formula is not supported`);
  if ((parsed.monotonic ?? []).length > 0) throw new UserError(`formula: '${text}': mo() in a non-linear parameter's formula is not supported`);
  return { ...parsed, response: null };
}

/** A non-linear formula + data → the design (`buildDesign` calls this when the formula says `nl = TRUE`). */
export function buildNonlinearDesign(formula: string, split: SplitNonlinear, data: FormulaData, options: DesignOptions = {}): FormulaDesign {
  const family = options.family ?? "gaussian";
  const unsupported = /^\s*(cumulative|categorical)\b/.exec(family);
  if (unsupported) throw new UserError(`formula: non-linear formulas (nl = TRUE) are not supported for the ${unsupported[1]} family`);
  const names = split.nlpars.map((p) => p.name);
  const all = dataColumns(data);
  const main = parseNonlinearMain(split.main, names, all);
  const parsed = split.nlpars.map((p) => parseNlpar(p.text));

  // Rows missing a column only the non-linear parts read are dropped first; the ordinary design drops the rest.
  const nlColumns = [...new Set([...main.covariates, ...parsed.flatMap(formulaColumns)])];
  const drop = new Uint8Array(all.nRows);
  const culprits: string[] = [];
  for (const c of nlColumns) {
    const col = all.column(c);
    if (!col) continue;
    let any = false;
    for (let i = 0; i < all.nRows; i++) {
      if (col.missing[i]) {
        drop[i] = 1;
        any = true;
      }
    }
    if (any) culprits.push(c);
  }
  const keep = Int32Array.from({ length: all.nRows }, (_, i) => i).filter((i) => !drop[i]);
  const dropped = all.nRows - keep.length;
  const sub = dropped > 0 ? subsetData(all, keep) : data;

  const dparText = split.dpars.length > 0 ? `, ${split.dpars.join(", ")}` : "";
  const base = buildDesign(`bf(${main.lhs} ~ 0${dparText})`, sub, options);
  // The response's and distributional parts' columns: a row the ordinary design dropped is dropped here too.
  const baseColumns = [...formulaColumns(parseFormulaParts(`${main.lhs} ~ 1`)), ...split.dpars.flatMap((d) => formulaColumns(parseDpar({ dpar: "sigma", rhs: "", pos: 0, text: d })))];
  const subColumns = dataColumns(sub);
  const nlpars: DesignNlpar[] = split.nlpars.map((p, k) => {
    const fr = buildFrame(parsed[k], sub, { alsoRequire: [...baseColumns, ...nlColumns] });
    if (fr.n !== base.n) throw new Error(`buildNonlinearDesign: the ${p.name} formula kept ${fr.n} rows, the response ${base.n}`);
    const fixed = designFixed({ ...parsed[k], fixed: { ...parsed[k].fixed, intercept: false } }, fr);
    const intercept = parsed[k].fixed.intercept;
    const q = fixed.names.length + (intercept ? 1 : 0);
    const values = new Float64Array(fr.n * q);
    const off = intercept ? 1 : 0;
    for (let i = 0; i < fr.n; i++) {
      if (intercept) values[i * q] = 1;
      for (let j = 0; j < fixed.names.length; j++) values[i * q + off + j] = fixed.values[i * fixed.names.length + j];
    }
    const Xnames = [...(intercept ? ["Intercept"] : []), ...fixed.names];
    if (q === 0 && fr.re.length === 0) throw new UserError(`formula: '${p.text}' has no terms: give it an intercept ('${p.name} ~ 1') or predictors`);
    const groups = fr.re.map((r) => {
      const g = designRe(r, fr.n);
      return { ...g, names: groupNames(g.group, g.terms, g.levels, g.correlated, p.name) };
    });
    return { name: p.name, text: p.text, intercept, X: { names: Xnames, values, means: new Float64Array(q) }, bNames: dparNames(p.name, false, Xnames), groups, encoding: { parsed: parsed[k], learned: fr.learned } };
  });
  const covariateValues = main.covariates.map((c) => {
    const col = subColumns.column(c);
    if (!col || col.kind !== "numeric") throw new Error(`buildNonlinearDesign: column ${c} is not numeric`);
    return Float64Array.from(base.rows, (i) => col.values[i]);
  });
  const rows = dropped > 0 ? Int32Array.from(base.rows, (i) => keep[i]) : base.rows;
  const messages = [...(dropped > 0 ? [`dropped ${dropped} row${dropped === 1 ? "" : "s"} with missing values in ${culprits.join(", ")}`] : []), ...base.messages];
  return {
    ...base,
    formula,
    rows,
    messages,
    nonlinear: { main: split.main, expr: main.expr, covariates: main.covariates, covariateValues, nlpars },
  };
}
