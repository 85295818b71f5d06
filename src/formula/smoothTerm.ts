/**
 * The formula side of brms's `s()`: `s(x)`, `s(x, k = 5)`, `s(x, bs = "cr", k = 12)`, `s(x, z)`,
 * `s(x, by = f)`, checked, with brms's names (label `sx`, `sxf` before the level is appended; term
 * text `s(x, bs = "cr", k = 12)` for `sds` priors). Other smooth constructors and arguments are
 * refused with what is supported.
 */
import type { Node } from "./ast.js";
import { caretError } from "./errors.js";
import type { SmoothBasisKind } from "./smooth.js";

export interface ParsedSmooth {
  /** The term as written, for messages. */
  readonly text: string;
  readonly pos: number;
  readonly vars: readonly string[];
  readonly bs: SmoothBasisKind;
  readonly k?: number;
  /**
   * brms's label: `s` and the covariates (and a `by` variable) without punctuation, `sx`, `sxz`, `sxf`
   * (names `bs_sx_1`, `sds_sx_1`, `s_sx_1[j]`; a factor `by` appends each level: `sds_sxfa_1`).
   */
  readonly label: string;
  /** `s(x, by = f)`: the column f (a factor: one smooth per level; numeric: the smooth times f). */
  readonly by?: string;
  /** `t2(x, z, bs = "tp")`: mgcv's tensor product smooth with one sds per penalty block (smoothT2.ts). */
  readonly t2?: true;
  /** brms's term (deparsed): `s(x)`, `s(x, bs = "cr", k = 5)`, the `coef` of its sds prior. */
  readonly term: string;
}

/** The data columns a smooth reads, as brms's tidy_smef `vars`: the covariates, then the by variable. */
export function smoothTermColumns(sm: Pick<ParsedSmooth, "vars" | "by">): string[] {
  return sm.by !== undefined ? [...sm.vars, sm.by] : [...sm.vars];
}

/** Smooth constructors brms has that hbayes does not fit yet. */
export const REFUSED_SMOOTHS: ReadonlySet<string> = new Set(["te", "ti", "gp"]);

const SUPPORTED = `supported are s(x), s(x, k = 5), s(x, bs = "cr", k = 5), s(x, z) (thin-plate), s(x, by = f) and t2(x, z, bs = "tp")`;

export function refusedSmooth(node: Extract<Node, { kind: "call" }>, text: string): never {
  throw caretError("formula", text, node.pos, `${node.fn}() is not supported: ${SUPPORTED}`);
}

/**
 * `t2(x, z, bs = "tp")` (k = 5 per marginal unless given) → its covariates, or a caret error. mgcv's
 * default cr marginals are refused: brms's null × range blocks depend on LAPACK's arbitrary null-space
 * eigenvectors there (smoothT2.ts).
 */
export function parseT2(node: Extract<Node, { kind: "call" }>, text: string): ParsedSmooth {
  const usage = `t2() takes two columns and bs = "tp", e.g. t2(x, z, bs = "tp") or t2(x, z, k = 6, bs = "tp")`;
  const vars: string[] = [];
  for (const a of node.args) {
    if (a.kind !== "name") throw caretError("formula", text, a.pos, `${usage} (transform the column in the data first)`);
    if (vars.includes(a.name)) throw caretError("formula", text, a.pos, `t2(): '${a.name}' is given twice`);
    vars.push(a.name);
  }
  if (vars.length !== 2) throw caretError("formula", text, node.pos, `${usage}; got ${vars.length} column${vars.length === 1 ? "" : "s"}`);
  let k: number | undefined;
  let tp = false;
  const extra: string[] = [];
  for (const a of node.named ?? []) {
    const v = a.value;
    if (a.name === "k") {
      if (!(v.kind === "num" && Number.isInteger(v.value) && v.value >= 3)) throw caretError("formula", text, v.pos, "t2(): k must be one whole number ≥ 3 (each marginal's basis dimension, e.g. k = 5)");
      k = v.value;
      extra.push(`k = ${v.value}`);
    } else if (a.name === "bs") {
      if (!(v.kind === "name" && v.name === "tp")) {
        throw caretError("formula", text, v.pos, `t2(): only bs = "tp" is supported (with mgcv's default "cr" marginals brms's basis depends on LAPACK's arbitrary null-space eigenvectors, which hbayes cannot reproduce)`);
      }
      tp = true;
      extra.push(`bs = "tp"`);
    } else {
      throw caretError("formula", text, a.pos, `t2() has no argument '${a.name}' here: it takes k and bs = "tp"`);
    }
  }
  if (!tp) throw caretError("formula", text, node.pos, `t2() needs bs = "tp": mgcv's default "cr" marginals give a basis brms builds from LAPACK's arbitrary null-space eigenvectors, which hbayes cannot reproduce; ${usage}`);
  return { text: text.slice(node.pos, node.end), pos: node.pos, vars, bs: "tp", ...(k !== undefined ? { k } : {}), t2: true, label: `t2${vars.join("")}`, term: `t2(${[...vars, ...extra].join(", ")})` };
}

/** `s(...)` → its covariates and basis, or a caret error at the offending argument. */
export function parseSmooth(node: Extract<Node, { kind: "call" }>, text: string): ParsedSmooth {
  const vars: string[] = [];
  for (const a of node.args) {
    if (a.kind !== "name") throw caretError("formula", text, a.pos, `s() takes column names (transform the column in the data first); ${SUPPORTED}`);
    if (vars.includes(a.name)) throw caretError("formula", text, a.pos, `s(): '${a.name}' is given twice`);
    vars.push(a.name);
  }
  if (vars.length === 0) throw caretError("formula", text, node.pos, `s() needs a covariate: ${SUPPORTED}`);
  if (vars.length > 2) throw caretError("formula", text, node.args[2].pos, `s() with more than two covariates is not supported: ${SUPPORTED}`);
  let bs: SmoothBasisKind = "tp";
  let k: number | undefined;
  let by: string | undefined;
  const extra: string[] = [];
  for (const a of node.named ?? []) {
    if (a.name === "k") {
      const v = a.value;
      if (!(v.kind === "num" && Number.isInteger(v.value) && v.value >= 3)) throw caretError("formula", text, v.pos, "s(): k must be a whole number ≥ 3 (the basis dimension, e.g. k = 10)");
      k = v.value;
      extra.push(`k = ${v.value}`);
    } else if (a.name === "bs") {
      const v = a.value;
      if (!(v.kind === "name" && (v.name === "tp" || v.name === "cr"))) throw caretError("formula", text, v.pos, `s(): bs must be "tp" (thin-plate, the default) or "cr" (cubic regression spline)`);
      bs = v.name;
      extra.push(`bs = "${v.name}"`);
    } else if (a.name === "by") {
      const v = a.value;
      if (v.kind !== "name") throw caretError("formula", text, v.pos, "s(): by takes a column name: a factor (one smooth per level) or a numeric column (the smooth times it)");
      if (vars.includes(v.name)) throw caretError("formula", text, v.pos, `s(): '${v.name}' is both a covariate and the by variable`);
      by = v.name;
      extra.push(`by = ${v.name}`);
    } else {
      throw caretError("formula", text, a.pos, `s() has no argument '${a.name}' here: it takes k, bs ("tp" or "cr") and by`);
    }
  }
  if (bs === "cr" && vars.length > 1) throw caretError("formula", text, node.pos, `s(): bs = "cr" takes one covariate; s(x, z) uses the thin-plate basis (bs = "tp")`);
  return {
    text: text.slice(node.pos, node.end),
    pos: node.pos,
    vars,
    bs,
    ...(k !== undefined ? { k } : {}),
    ...(by !== undefined ? { by } : {}),
    // brms (tidy_smef): "s" + rename(covariates and by variable pasted together).
    label: `s${[...vars, ...(by !== undefined ? [by] : [])].join("")}`,
    term: `s(${[...vars, ...extra].join(", ")})`,
  };
}
