/**
 * Syntax tree → the formula's parts, with R's term algebra: `a*b` = `a + b + a:b`, `a/b` = `a + a:b`,
 * `(a + b)^2`, `0 +` / `- 1` / `+ 0`, `offset()`, group terms `(lhs | g)` (`parseRe`), and the response
 * with brms's addition terms (`| trials(n)`, `| se(s)`, `| weights(w)`, `| cens(c)`, `| cens(c, y2)`) or lme4's `cbind(s, f)`.
 * Terms are ordered as R's `terms()` orders them: by degree, then by first appearance.
 */
import type { FormulaAst, Node } from "./ast.js";
import { compareLabels } from "./collate.js";
import { deparse } from "./deparse.js";
import { caretError } from "./errors.js";
import { parseFormula } from "./parse.js";
import { parseSmooth, parseT2, refusedSmooth, REFUSED_SMOOTHS, type ParsedSmooth } from "./smoothTerm.js";
import { parseMonotonic, type MonotonicPart, type ParsedMonotonic } from "./monotonic.js";
import { parseGr } from "./knownCov.js";

/** Functions a predictor may use. Arithmetic (+ − * / ^) is allowed inside their arguments. */
export const TERM_FUNCTIONS = ["factor", "I", "log", "exp", "sqrt", "scale", "offset", "poly", "bs", "ns"] as const;
/** Functions inside arithmetic (in `I()` or another function's argument). */
export const MATH_FUNCTIONS = ["log", "exp", "sqrt", "I", "scale"] as const;
/** brms addition terms after `|` in the response. */
export const ADDITION_TERMS = ["trials", "se", "weights", "cens", "trunc"] as const;

/** A variable as R's `terms()` sees it: identified by its deparsed text. */
export interface Variable {
  readonly label: string;
  readonly node: Node;
}

/** A term is a set of variables (indices into the part's variable list), sorted ascending. */
export type Term = readonly number[];

/** A model part: intercept, terms and their variables (the population part, or one group term's left side). */
export interface TermPart {
  readonly intercept: boolean;
  readonly terms: readonly Term[];
  readonly variables: readonly Variable[];
}

export interface ParsedRe {
  /** `(1 + x | g)` as written, for messages. */
  readonly text: string;
  readonly pos: number;
  readonly part: TermPart;
  /** The grouping factors: one name, or several for an interaction `g1:g2`. */
  readonly factors: readonly { readonly name: string; readonly pos: number }[];
  /** brms's name of the grouping factor: `county`, `g1:g2`. */
  readonly group: string;
  readonly correlated: boolean;
  /** brms's `gr(g, cov = A)`: the known covariance matrix across levels, by name (knownCov.ts). */
  readonly cov?: { readonly name: string; readonly pos: number };
}

export interface ParsedResponse {
  readonly y: Node;
  readonly label: string;
  readonly trials?: Node;
  readonly se?: Node;
  readonly weights?: Node;
  /** brms's `cens(c)`: the censoring indicator per row; `cens(c, y2)`: y2 is the upper bound of interval-censored rows. */
  readonly cens?: Node;
  readonly censUpper?: Node;
  /** `weights(w, scale = TRUE)`: brms rescales the weights to sum to the number of rows. */
  readonly scaleWeights?: boolean;
  /** brms's `trunc(lb = , ub = )`: bounds (constants or columns) of a response that cannot be observed outside them. */
  readonly truncLower?: Node;
  readonly truncUpper?: Node;
  /** lme4's `cbind(successes, failures)`: y is the successes, trials = successes + failures. */
  readonly failures?: Node;
}

export interface ParsedFormula {
  readonly text: string;
  readonly response: ParsedResponse | null;
  readonly fixed: TermPart;
  readonly offsets: readonly Node[];
  readonly re: readonly ParsedRe[];
  /** brms's `s()` smooth terms of the population-level part (smooth.ts), in the order written. */
  readonly smooths?: readonly ParsedSmooth[];
  /** brms's monotonic terms `mo(x)`, `mo(x):z` of the population-level part (monotonic.ts), in R's term order; not in `fixed`. */
  readonly monotonic?: readonly ParsedMonotonic[];
}

interface Expansion {
  readonly terms: Term[];
  /** true = `+ 1`, false = `0` or `- 1`, undefined = not said. */
  readonly intercept: boolean | undefined;
}

function termKey(t: Term): string {
  return t.join(",");
}

function union(a: readonly Term[], b: readonly Term[]): Term[] {
  const seen = new Set(a.map(termKey));
  const out = [...a];
  for (const t of b) if (!seen.has(termKey(t))) {
    seen.add(termKey(t));
    out.push(t);
  }
  return out;
}

function product(a: readonly Term[], b: readonly Term[]): Term[] {
  const out: Term[] = [];
  for (const s of a) for (const t of b) out.push([...new Set([...s, ...t])].sort((x, y) => x - y));
  return union([], out);
}

class Expander {
  readonly variables: Variable[] = [];
  private readonly index = new Map<string, number>();
  readonly offsets: Node[] = [];
  readonly re: ParsedRe[] = [];
  readonly smooths: ParsedSmooth[] = [];
  readonly monotonic: ParsedMonotonic[] = [];
  /** Variables that are mo() calls (index → the call). */
  private readonly moCalls = new Map<number, MonotonicPart>();

  constructor(
    private readonly text: string,
    /** Group terms and offsets are allowed only in the population part. */
    private readonly topLevel: boolean,
  ) {}

  fail(pos: number, message: string): never {
    throw caretError("formula", this.text, pos, message);
  }

  /** A mo() call as a variable of the term algebra (so `mo(x):z`, `mo(x)*z` expand as R's); part() takes its terms out. */
  private moVariable(node: Extract<Node, { kind: "call" }>): Term[] {
    const call = parseMonotonic(node, this.text);
    const label = `mo(${call.column})`;
    let i = this.index.get(label);
    if (i === undefined) {
      i = this.variables.length;
      this.index.set(label, i);
      this.variables.push({ label, node });
      this.moCalls.set(i, call);
    }
    return [[i]];
  }

  /** A term with mo() calls as brms's special term: its variables in order, R's label and brms's (`mo(x):z`, `mox:z`). */
  private monotonicTerm(t: Term): ParsedMonotonic {
    const vars = t.map((v) => {
      const call = this.moCalls.get(v);
      if (call) return { kind: "mo" as const, ...call };
      const node = this.variables[v].node;
      if (node.kind !== "name") this.fail(node.pos, `mo() interacts with plain numeric columns and other mo() terms only, not '${this.variables[v].label}': compute the column first`);
      return { kind: "column" as const, column: node.name, pos: node.pos };
    });
    return {
      text: t.map((v) => this.variables[v].label).join(":"),
      pos: Math.min(...vars.map((v) => v.pos)),
      vars,
      label: vars.map((v) => (v.kind === "mo" ? v.label : v.column)).join(":"),
    };
  }

  variable(node: Node): Term[] {
    checkVariable(node, this.text);
    const label = deparse(node);
    let i = this.index.get(label);
    if (i === undefined) {
      i = this.variables.length;
      this.index.set(label, i);
      this.variables.push({ label, node });
    }
    return [[i]];
  }

  expand(node: Node): Expansion {
    switch (node.kind) {
      case "num":
        if (node.value === 1) return { terms: [], intercept: true };
        if (node.value === 0) return { terms: [], intercept: false };
        this.fail(node.pos, `a number is not a term: only 1 (intercept) and 0 (no intercept) may stand alone; write I(${deparse(node)}) for a constant`);
      case "name":
        return { terms: this.variable(node), intercept: undefined };
      case "call":
        if (node.fn === "offset") {
          if (!this.topLevel) this.fail(node.pos, "offset() belongs in the population-level part, not inside a group term");
          if (node.args.length !== 1) this.fail(node.pos, `offset() takes one argument, got ${node.args.length}`);
          checkNamedArguments(node, this.text);
          checkArithmetic(node.args[0], this.text);
          this.offsets.push(node.args[0]);
          return { terms: [], intercept: undefined };
        }
        if (node.fn === "s" || node.fn === "t2") {
          if (!this.topLevel) this.fail(node.pos, `${node.fn}() belongs in the population-level part, not inside a group term`);
          const sm = node.fn === "t2" ? parseT2(node, this.text) : parseSmooth(node, this.text);
          if (this.smooths.some((o) => o.label === sm.label)) this.fail(node.pos, `a smooth of ${sm.vars.join(", ")} is given twice`);
          this.smooths.push(sm);
          return { terms: [], intercept: undefined };
        }
        if (node.fn === "mo") {
          if (!this.topLevel) this.fail(node.pos, "varying monotonic effects (1 + mo(x) | g) are not supported: mo(x) belongs in the population-level part");
          return { terms: this.moVariable(node), intercept: undefined };
        }
        if (REFUSED_SMOOTHS.has(node.fn)) refusedSmooth(node, this.text);
        return { terms: this.variable(node), intercept: undefined };
      case "paren": {
        const inner = node.inner;
        if (inner.kind === "binary" && (inner.op === "|" || inner.op === "||")) {
          if (!this.topLevel) this.fail(node.pos, "group terms cannot be nested inside another group term");
          this.re.push(...parseRe(node, inner, this.text));
          return { terms: [], intercept: undefined };
        }
        return this.expand(inner);
      }
      case "unary": {
        if (node.op === "+") return this.expand(node.arg);
        const removed = this.expand(node.arg);
        // `~ -1 + x`: a leading minus can only remove the intercept.
        return { terms: [], intercept: removed.intercept === undefined ? undefined : !removed.intercept };
      }
      case "binary":
        return this.binary(node);
    }
  }

  private noGroups(side: Node, op: string): void {
    if (side.kind === "paren" && side.inner.kind === "binary" && (side.inner.op === "|" || side.inner.op === "||")) {
      this.fail(side.pos, `a group term (… | g) can only be added with '+', not combined with '${op}'`);
    }
    if (side.kind === "call" && side.fn === "offset") this.fail(side.pos, `offset() can only be added with '+', not combined with '${op}'`);
    if (side.kind === "call" && (side.fn === "s" || side.fn === "t2")) this.fail(side.pos, `${side.fn}() can only be added with '+', not combined with '${op}' (a smooth per level of f is s(x, by = f))`);
  }

  private binary(node: Extract<Node, { kind: "binary" }>): Expansion {
    switch (node.op) {
      case "+": {
        const a = this.expand(node.left);
        const b = this.expand(node.right);
        return { terms: union(a.terms, b.terms), intercept: b.intercept ?? a.intercept };
      }
      case "-": {
        const a = this.expand(node.left);
        const b = this.expand(node.right);
        const drop = new Set(b.terms.map(termKey));
        const intercept = b.intercept === undefined ? a.intercept : !b.intercept;
        return { terms: a.terms.filter((t) => !drop.has(termKey(t))), intercept };
      }
      case "*": {
        this.noGroups(node.left, "*");
        this.noGroups(node.right, "*");
        const a = this.expand(node.left);
        const b = this.expand(node.right);
        return { terms: union(union(a.terms, b.terms), product(a.terms, b.terms)), intercept: b.intercept ?? a.intercept };
      }
      case ":": {
        this.noGroups(node.left, ":");
        this.noGroups(node.right, ":");
        const a = this.expand(node.left);
        const b = this.expand(node.right);
        return { terms: product(a.terms, b.terms), intercept: undefined };
      }
      case "/": {
        this.noGroups(node.left, "/");
        this.noGroups(node.right, "/");
        const a = this.expand(node.left);
        const b = this.expand(node.right);
        const all: Term = [...new Set(a.terms.flat())].sort((x, y) => x - y);
        return { terms: union(a.terms, product([all], b.terms)), intercept: a.intercept };
      }
      case "^": {
        this.noGroups(node.left, "^");
        const k = node.right;
        if (k.kind !== "num" || !Number.isInteger(k.value) || k.value < 1) {
          this.fail(node.right.pos, "the power of a term must be a positive whole number, as in (a + b + c)^2; use I(x^2) for arithmetic");
        }
        const a = this.expand(node.left);
        let terms = a.terms;
        for (let p = 1; p < Math.min(k.value, 16); p++) terms = union(terms, product(terms, a.terms));
        return { terms, intercept: a.intercept };
      }
      case "|":
      case "||":
        this.fail(node.opPos, `a group term must be in parentheses: (… ${node.op} g)`);
      case "~":
        this.fail(node.opPos, "only one '~' is allowed in a formula");
    }
  }

  part(node: Node): TermPart {
    const e = this.expand(node);
    // R's terms(): order by degree, keeping first appearance within a degree.
    const terms = e.terms.map((t, i) => ({ t, i })).sort((a, b) => a.t.length - b.t.length || a.i - b.i).map((x) => x.t);
    if (this.moCalls.size === 0) return { intercept: e.intercept ?? true, terms, variables: this.variables };
    // Terms with a mo() call leave the part as brms's special terms; the other variables are renumbered.
    const special = (t: Term): boolean => t.some((v) => this.moCalls.has(v));
    for (const t of terms) if (special(t)) this.monotonic.push(this.monotonicTerm(t));
    const renumber = new Map<number, number>();
    const variables: Variable[] = [];
    this.variables.forEach((v, i) => {
      if (this.moCalls.has(i)) return;
      renumber.set(i, variables.length);
      variables.push(v);
    });
    return { intercept: e.intercept ?? true, terms: terms.filter((t) => !special(t)).map((t) => t.map((v) => renumber.get(v) as number)), variables };
  }
}

/** Functions that give several columns from one variable (basis.ts). */
export const BASIS_FUNCTIONS: ReadonlySet<string> = new Set(["poly", "bs", "ns"]);

export type BasisArguments =
  | { readonly fn: "poly"; readonly degree: number; readonly raw: boolean }
  | { readonly fn: "bs"; readonly df: number; readonly degree: number }
  | { readonly fn: "ns"; readonly df: number };

/**
 * The arguments of `poly(x, degree, raw = )`, `bs(x, df, degree = )`, `ns(x, df)` as R matches them
 * (the second positional argument is poly's degree, bs's and ns's df), checked: whole numbers, df at
 * least the degree for bs(). R's defaults: poly degree 1; bs degree 3 and df = degree (no interior
 * knot); ns df 1. Knots given by hand are not supported.
 */
export function basisArguments(node: Extract<Node, { kind: "call" }>, text: string): BasisArguments {
  const fn = node.fn;
  const usage = fn === "poly" ? "poly(x, 2) or poly(x, 2, raw = TRUE)" : fn === "bs" ? "bs(x, df = 5) or bs(x, 5, degree = 2)" : "ns(x, df = 4) or ns(x, 4)";
  if (node.args.length < 1 || node.args.length > 2) throw caretError("formula", text, node.pos, `${fn}() takes a variable and ${fn === "poly" ? "a degree" : "df"}, e.g. ${usage}; got ${node.args.length} positional arguments`);
  const named = new Map((node.named ?? []).map((a) => [a.name, a] as const));
  const second = fn === "poly" ? "degree" : "df";
  if (node.args.length === 2 && named.has(second)) throw caretError("formula", text, node.pos, `${fn}(): ${second} is given twice`);
  const whole = (name: string, fallback: number, least: number): number => {
    const v = name === second && node.args.length === 2 ? node.args[1] : named.get(name)?.value;
    if (v === undefined) return fallback;
    if (!(v.kind === "num" && Number.isInteger(v.value) && v.value >= least)) throw caretError("formula", text, v.pos, `${fn}(): ${name} must be a whole number ≥ ${least}, e.g. ${usage}`);
    return v.value;
  };
  if (fn === "poly") {
    const raw = named.get("raw")?.value;
    if (raw !== undefined && !(raw.kind === "name" && ["TRUE", "FALSE", "T", "F"].includes(raw.name))) throw caretError("formula", text, raw.pos, "poly(): raw must be TRUE or FALSE");
    return { fn, degree: whole("degree", 1, 1), raw: raw?.kind === "name" && (raw.name === "TRUE" || raw.name === "T") };
  }
  if (fn === "bs") {
    const degree = whole("degree", 3, 1);
    const df = whole("df", degree, 1);
    if (df < degree) throw caretError("formula", text, node.pos, `bs(): df (${df}) must be at least the degree (${degree}): df − degree interior knots`);
    return { fn, df, degree };
  }
  return { fn: "ns", df: whole("df", 1, 1) };
}

/** The named arguments (`poly(x, 2, raw = TRUE)`) each function takes; any other is an error at its name. */
const NAMED_ARGUMENTS: Readonly<Record<string, readonly string[]>> = { poly: ["degree", "raw"], ns: ["df"], bs: ["df", "degree"] };

function checkNamedArguments(node: Extract<Node, { kind: "call" }>, text: string): void {
  const known = NAMED_ARGUMENTS[node.fn] ?? [];
  for (const a of node.named ?? []) {
    if (!known.includes(a.name)) {
      throw caretError("formula", text, a.pos, known.length > 0 ? `${node.fn}() has no argument '${a.name}' here: it takes ${known.join(", ")}` : `${node.fn}() takes no named arguments ('${a.name} = …')`);
    }
  }
}

/** Check a predictor variable: a column, or one of the supported functions with valid arguments. */
function checkVariable(node: Node, text: string): void {
  if (node.kind === "name") return;
  if (node.kind !== "call") throw caretError("formula", text, node.pos, "expected a variable");
  checkNamedArguments(node, text);
  if (!(TERM_FUNCTIONS as readonly string[]).includes(node.fn)) {
    throw caretError("formula", text, node.pos, `unknown function '${node.fn}': supported are ${TERM_FUNCTIONS.map((f) => `${f}()`).join(", ")}`);
  }
  if (BASIS_FUNCTIONS.has(node.fn)) {
    basisArguments(node, text);
    checkArithmetic(node.args[0], text);
    return;
  }
  if (node.args.length !== 1) throw caretError("formula", text, node.pos, `${node.fn}() takes one argument, got ${node.args.length}`);
  if (node.fn === "factor") {
    if (node.args[0].kind !== "name") throw caretError("formula", text, node.args[0].pos, "factor() takes a column name");
    return;
  }
  checkArithmetic(node.args[0], text);
}

/** Arithmetic inside `I()` and function arguments: + − * / ^, numbers, columns, log/exp/sqrt/scale. */
export function checkArithmetic(node: Node, text: string): void {
  switch (node.kind) {
    case "name":
    case "num":
      return;
    case "paren":
      return checkArithmetic(node.inner, text);
    case "unary":
      return checkArithmetic(node.arg, text);
    case "binary":
      if (!["+", "-", "*", "/", "^"].includes(node.op)) {
        throw caretError("formula", text, node.opPos, `'${node.op}' is not arithmetic: inside I() and functions only + - * / ^ are allowed`);
      }
      checkArithmetic(node.left, text);
      return checkArithmetic(node.right, text);
    case "call":
      if (BASIS_FUNCTIONS.has(node.fn)) throw caretError("formula", text, node.pos, `${node.fn}() gives several columns: use it as a term of its own (y ~ ${node.fn}(x, 3)), not inside arithmetic or another function`);
      checkNamedArguments(node, text);
      if (!(MATH_FUNCTIONS as readonly string[]).includes(node.fn)) {
        throw caretError("formula", text, node.pos, `unknown function '${node.fn}' in arithmetic: supported are ${MATH_FUNCTIONS.map((f) => `${f}()`).join(", ")}`);
      }
      if (node.args.length !== 1) throw caretError("formula", text, node.pos, `${node.fn}() takes one argument, got ${node.args.length}`);
      return checkArithmetic(node.args[0], text);
  }
}

/** The grouping factors of `g`, `g1:g2` or `g1/g2` (nested: `g1` and `g1:g2`). */
function groupFactors(node: Node, text: string): { name: string; pos: number }[][] {
  if (node.kind === "name") return [[{ name: node.name, pos: node.pos }]];
  if (node.kind === "paren") return groupFactors(node.inner, text);
  if (node.kind === "binary" && node.op === ":") {
    const a = groupFactors(node.left, text);
    const b = groupFactors(node.right, text);
    if (a.length !== 1 || b.length !== 1) throw caretError("formula", text, node.opPos, "write nesting with '/' outside interactions: (1 | a/b)");
    return [[...a[0], ...b[0]]];
  }
  if (node.kind === "binary" && node.op === "/") {
    const outer = groupFactors(node.left, text);
    const inner = groupFactors(node.right, text);
    if (inner.length !== 1) throw caretError("formula", text, node.right.pos, "expected a grouping factor after '/'");
    const last = outer[outer.length - 1];
    return [...outer, [...last, ...inner[0]]];
  }
  throw caretError("formula", text, node.pos, "expected a grouping factor after '|': a column name, g1:g2 or g1/g2");
}

/** `(lhs | g)` → one group term per grouping factor (nesting gives several), with its own terms. */
export function parseRe(paren: Node, bar: Extract<Node, { kind: "binary" }>, text: string): ParsedRe[] {
  const gr = bar.right.kind === "call" && bar.right.fn === "gr" ? parseGr(bar.right, text) : null;
  const factorSets = gr ? [[gr.factor]] : groupFactors(bar.right, text);
  const expander = new Expander(text, false);
  const part = expander.part(bar.left);
  if (!part.intercept && part.terms.length === 0) throw caretError("formula", text, bar.left.pos, "a group term needs at least one effect: (1 | g) or (0 + x | g)");
  return factorSets.map((factors) => ({
    text: text.slice(paren.pos, paren.end),
    pos: paren.pos,
    part,
    factors,
    group: factors.map((f) => f.name).join(":"),
    correlated: bar.op === "|",
    ...(gr?.cov ? { cov: gr.cov } : {}),
  }));
}

/** brms's trunc(lb, ub), positional or named; at least one bound (brms's defaults are −Inf and Inf). */
function parseTrunc(n: Extract<Node, { kind: "call" }>, text: string, adds: Record<string, Node>): void {
  if (n.args.length > 2) throw caretError("formula", text, n.pos, `trunc() takes a lower and an upper bound: trunc(lb = 0), trunc(ub = 10) or trunc(lb = 0, ub = u), got ${n.args.length} arguments`);
  adds.trunc = n;
  const set = (name: "lb" | "ub", v: Node, pos: number): void => {
    const key = name === "lb" ? "truncLower" : "truncUpper";
    if (adds[key]) throw caretError("formula", text, pos, `trunc(): ${name} is given twice`);
    checkArithmetic(v, text);
    adds[key] = v;
  };
  n.args.forEach((a, k) => set(k === 0 ? "lb" : "ub", a, a.pos));
  for (const a of n.named ?? []) {
    if (a.name !== "lb" && a.name !== "ub") throw caretError("formula", text, a.pos, `trunc() has no argument '${a.name}' here: it takes lb, ub`);
    set(a.name, a.value, a.pos);
  }
  if (!adds.truncLower && !adds.truncUpper) throw caretError("formula", text, n.pos, "trunc() needs a bound: trunc(lb = 0), trunc(ub = 10) or both");
}

function parseResponse(node: Node, text: string): ParsedResponse {
  if (node.kind === "binary" && node.op === "|") {
    const base = parseResponse(node.left, text);
    if (base.failures) throw caretError("formula", text, node.opPos, "cbind() already gives the trials: drop the '| …' part");
    const adds: Record<string, Node> = {};
    const visit = (n: Node): void => {
      if (n.kind === "binary" && n.op === "+") {
        visit(n.left);
        visit(n.right);
        return;
      }
      if (n.kind !== "call" || !(ADDITION_TERMS as readonly string[]).includes(n.fn)) {
        const what = n.kind === "call" ? `'${n.fn}()'` : `'${deparse(n)}'`;
        throw caretError("formula", text, n.pos, `unsupported response term ${what} after '|': supported are ${ADDITION_TERMS.map((f) => `${f}()`).join(", ")}`);
      }
      if (n.fn === "trunc") {
        if (adds.trunc) throw caretError("formula", text, n.pos, "trunc() is given twice");
        parseTrunc(n, text, adds);
        return;
      }
      const most = n.fn === "cens" ? 2 : 1;
      if (n.args.length < 1 || n.args.length > most) {
        throw caretError("formula", text, n.pos, n.fn === "cens" ? `cens() takes the censoring column and, for interval censoring, the upper bounds: cens(c) or cens(c, y2), got ${n.args.length} arguments` : `${n.fn}() takes one argument, got ${n.args.length}`);
      }
      if (adds[n.fn]) throw caretError("formula", text, n.pos, `${n.fn}() is given twice`);
      for (const a of n.args) checkArithmetic(a, text);
      adds[n.fn] = n.args[0];
      if (n.args.length === 2) adds.censUpper = n.args[1];
      // brms's named forms: weights(w, scale = TRUE), cens(c, y2 = u).
      const allowed = n.fn === "weights" ? ["scale"] : n.fn === "cens" ? ["y2"] : [];
      for (const a of n.named ?? []) {
        if (!allowed.includes(a.name)) {
          throw caretError("formula", text, a.pos, allowed.length > 0 ? `${n.fn}() has no argument '${a.name}' here: it takes ${allowed.join(", ")}` : `${n.fn}() takes no named arguments ('${a.name} = …')`);
        }
        if (a.name === "y2") {
          if (adds.censUpper) throw caretError("formula", text, a.pos, "cens(): y2 is given twice");
          checkArithmetic(a.value, text);
          adds.censUpper = a.value;
        }
        if (a.name === "scale") {
          const v = a.value;
          if (!(v.kind === "name" && ["TRUE", "FALSE", "T", "F"].includes(v.name))) throw caretError("formula", text, v.pos, "weights(): scale must be TRUE or FALSE");
          scaleWeights = v.name === "TRUE" || v.name === "T";
        }
      }
    };
    let scaleWeights = false;
    visit(node.right);
    return {
      ...base,
      trials: adds.trials,
      se: adds.se,
      weights: adds.weights,
      ...(scaleWeights && adds.weights ? { scaleWeights } : {}),
      cens: adds.cens,
      censUpper: adds.censUpper,
      ...(adds.truncLower ? { truncLower: adds.truncLower } : {}),
      ...(adds.truncUpper ? { truncUpper: adds.truncUpper } : {}),
    };
  }
  if (node.kind === "call" && node.fn === "cbind") {
    if (node.args.length !== 2) throw caretError("formula", text, node.pos, `cbind() takes two columns (successes, failures), got ${node.args.length}`);
    checkNamedArguments(node, text);
    checkArithmetic(node.args[0], text);
    checkArithmetic(node.args[1], text);
    return { y: node.args[0], label: deparse(node.args[0]), failures: node.args[1] };
  }
  if (node.kind === "binary" && node.op === "||") throw caretError("formula", text, node.opPos, "expected '|' before the response's addition terms, not '||'");
  checkArithmetic(node, text);
  return { y: node, label: deparse(node) };
}

/** Formula text (or an already parsed tree) → response, population-level part, offsets and group terms. */
export function parseFormulaParts(input: string | FormulaAst): ParsedFormula {
  const ast = typeof input === "string" ? parseFormula(input) : input;
  const response = ast.lhs ? parseResponse(ast.lhs, ast.text) : null;
  const expander = new Expander(ast.text, true);
  const fixed = expander.part(ast.rhs);
  // brms orders group terms by the grouping factor's name (stable), so r_ and sd_ follow that order.
  const re = expander.re.map((r, i) => ({ r, i })).sort((a, b) => compareLabels(a.r.group, b.r.group) || a.i - b.i).map((x) => x.r);
  return { text: ast.text, response, fixed, offsets: expander.offsets, re, ...(expander.smooths.length > 0 ? { smooths: expander.smooths } : {}), ...(expander.monotonic.length > 0 ? { monotonic: expander.monotonic } : {}) };
}

