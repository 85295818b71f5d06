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
import { buildFrame, formulaColumns, type Frame } from "./frame.js";
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
  /** brms's `(1 | ID | g)`: the ID of each group term (null for an ordinary `(1 | g)`). */
  readonly ids: readonly (string | null)[];
  readonly encoding: { readonly parsed: ParsedFormula; readonly learned: Learned };
}

/**
 * brms's `(… | ID | g)` in two or more parameters' formulas: one block of group effects, correlated across
 * them. Its members' own groups are then marked uncorrelated (their `cor` names empty); the block holds the
 * joint correlations, named as brms's `cor_g__a_Intercept__b_Intercept`.
 */
export interface DesignNlBlock {
  readonly id: string;
  readonly group: string;
  /** Parameter k's group term gi, in parameter order. */
  readonly members: readonly { readonly k: number; readonly gi: number }[];
  /** The joint terms, qualified by parameter: `a_Intercept`, `b_Intercept`. */
  readonly terms: readonly string[];
  readonly corNames: readonly string[];
}

export interface DesignNonlinear {
  /** The main formula, `y ~ a * exp(-b * x)`. */
  readonly main: string;
  readonly expr: NlExpr;
  /** The data columns the expression reads (`cov` order) and their values on the kept rows. */
  readonly covariates: readonly string[];
  readonly covariateValues: readonly Float64Array[];
  readonly nlpars: readonly DesignNlpar[];
  /** Group terms correlated across parameters (`(1 | p | g)` in several formulas). */
  readonly blocks: readonly DesignNlBlock[];
}

/**
 * The blocks of `(… | ID | g)` terms shared by two or more parameters, and the parameters' groups with
 * the members' own correlation removed (an ID used by one parameter alone is an ordinary group term).
 */
export function nonlinearBlocks(nlpars: readonly DesignNlpar[]): { blocks: DesignNlBlock[]; nlpars: DesignNlpar[] } {
  const byKey = new Map<string, { id: string; group: string; members: { k: number; gi: number }[] }>();
  nlpars.forEach((p, k) =>
    p.ids.forEach((id, gi) => {
      if (id === null) return;
      const group = p.groups[gi].group;
      const key = `${id}\u0000${group}`;
      const b = byKey.get(key) ?? { id, group, members: [] };
      if (b.members.some((m) => m.k === k)) throw new UserError(`formula: '${p.text}' has two group terms '| ${id} | ${group}'; give each effect once`);
      b.members.push({ k, gi });
      byKey.set(key, b);
    }),
  );
  const blocks: DesignNlBlock[] = [];
  const inBlock = new Set<string>();
  for (const b of byKey.values()) {
    if (b.members.length < 2) continue;
    const terms = b.members.flatMap(({ k, gi }) => nlpars[k].groups[gi].terms.map((t) => `${nlpars[k].name}_${t}`));
    const corNames: string[] = [];
    for (let i = 0; i < terms.length; i++) for (let j = i + 1; j < terms.length; j++) corNames.push(`cor_${b.group}__${terms[i]}__${terms[j]}`);
    const levels = nlpars[b.members[0].k].groups[b.members[0].gi].levels;
    for (const { k, gi } of b.members) {
      if (nlpars[k].groups[gi].levels.join("\u0000") !== levels.join("\u0000")) throw new Error(`nonlinearBlocks: the members of ${b.id} | ${b.group} have different levels`);
      inBlock.add(`${k}:${gi}`);
    }
    blocks.push({ ...b, terms, corNames });
  }
  const out = nlpars.map((p, k) => ({
    ...p,
    groups: p.groups.map((g, gi) => (inBlock.has(`${k}:${gi}`) ? { ...g, correlated: false, names: { ...g.names, cor: [] } } : g)),
  }));
  return { blocks, nlpars: out };
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
 * Parse a non-linear parameter's formula (`a ~ 1 + x + (1 | p | g)`) as its own formula, so carets point
 * into what the user wrote: each `| ID |` is blanked out (positions kept) and remembered per group term.
 * Offsets, s(), mo() and `(… || ID || g)` are refused.
 */
export function parseNlpar(text: string): { parsed: ParsedFormula; ids: (string | null)[] } {
  const doubled = /\|\|\s*[A-Za-z_.][A-Za-z0-9_.]*\s*\|\|/.exec(text);
  if (doubled) throw caretError("formula", text, doubled.index, "a group term with an ID correlates its effects across parameters: write (… | ID | g), not '||'");
  const marks: { id: string; pos: number }[] = [];
  const blanked = text.replace(/\|\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*\|/g, (m: string, id: string, pos: number) => {
    marks.push({ id, pos });
    return `|${" ".repeat(m.length - 1)}`;
  });
  const parsed = parseFormulaParts(blanked);
  if (parsed.offsets.length > 0) throw new UserError(`formula: '${text}': offsets in a non-linear parameter's formula are not supported; add the offset to the expression instead`);
  if ((parsed.smooths ?? []).length > 0) throw new UserError(`formula: '${text}': s() in a non-linear parameter's formula is not supported`);
  if ((parsed.monotonic ?? []).length > 0) throw new UserError(`formula: '${text}': mo() in a non-linear parameter's formula is not supported`);
  const ids = parsed.re.map((re) => marks.find((m) => m.pos >= re.pos && m.pos < re.pos + re.text.length)?.id ?? null);
  const lost = marks.find((m) => !parsed.re.some((re) => m.pos >= re.pos && m.pos < re.pos + re.text.length));
  if (lost) throw caretError("formula", text, lost.pos, `'| ${lost.id} |' belongs inside a group term, as in (1 | ${lost.id} | g)`);
  return { parsed: { ...parsed, text, response: null }, ids };
}

/**
 * A parameter's X on a frame's rows: its columns without the intercept (uncentred, as fitted), the
 * intercept's column of ones in front when it has one. The fit and new data's predictions build it alike.
 */
export function nlparX(parsed: ParsedFormula, fr: Frame, intercept: boolean): { names: string[]; values: Float64Array } {
  const fixed = designFixed({ ...parsed, fixed: { ...parsed.fixed, intercept: false } }, fr);
  const p = fixed.names.length;
  const off = intercept ? 1 : 0;
  const q = p + off;
  const values = new Float64Array(fr.n * q);
  for (let i = 0; i < fr.n; i++) {
    if (intercept) values[i * q] = 1;
    for (let j = 0; j < p; j++) values[i * q + off + j] = fixed.values[i * p + j];
  }
  return { names: [...(intercept ? ["Intercept"] : []), ...fixed.names], values };
}

/** A non-linear formula + data → the design (`buildDesign` calls this when the formula says `nl = TRUE`). */
export function buildNonlinearDesign(formula: string, split: SplitNonlinear, data: FormulaData, options: DesignOptions = {}): FormulaDesign {
  const family = options.family ?? "gaussian";
  const unsupported = /^\s*(cumulative|categorical)\b/.exec(family);
  if (unsupported) throw new UserError(`formula: non-linear formulas (nl = TRUE) are not supported for the ${unsupported[1]} family`);
  const names = split.nlpars.map((p) => p.name);
  const all = dataColumns(data);
  const main = parseNonlinearMain(split.main, names, all);
  const parts = split.nlpars.map((p) => parseNlpar(p.text));
  const parsed = parts.map((p) => p.parsed);

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
  const separate: DesignNlpar[] = split.nlpars.map((p, k) => {
    const fr = buildFrame(parsed[k], sub, { alsoRequire: [...baseColumns, ...nlColumns] });
    if (fr.n !== base.n) throw new Error(`buildNonlinearDesign: the ${p.name} formula kept ${fr.n} rows, the response ${base.n}`);
    const intercept = parsed[k].fixed.intercept;
    const { names: Xnames, values } = nlparX(parsed[k], fr, intercept);
    const q = Xnames.length;
    if (q === 0 && fr.re.length === 0) throw new UserError(`formula: '${p.text}' has no terms: give it an intercept ('${p.name} ~ 1') or predictors`);
    const groups = fr.re.map((r) => {
      const g = designRe(r, fr.n);
      return { ...g, names: groupNames(g.group, g.terms, g.levels, g.correlated, p.name) };
    });
    return { name: p.name, text: p.text, intercept, X: { names: Xnames, values, means: new Float64Array(q) }, bNames: dparNames(p.name, false, Xnames), groups, ids: parts[k].ids, encoding: { parsed: parsed[k], learned: fr.learned } };
  });
  const { blocks, nlpars } = nonlinearBlocks(separate);
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
    nonlinear: { main: split.main, expr: main.expr, covariates: main.covariates, covariateValues, nlpars, blocks },
  };
}
