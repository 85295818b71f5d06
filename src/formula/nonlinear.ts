/**
 * brms's non-linear formulas, the syntax stage: `bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)`
 * (or the same without `bf( )`) is split into the main formula, the non-linear parameters' formulas and
 * any distributional ones (`sigma ~ x`); the main formula's right side becomes an `NlExpr` whose leaves
 * are parameters, data columns and numbers. Anything else is a caret error pointing into the text.
 */
import { UserError } from "../errors.js";
import type { Node } from "./ast.js";
import { NL_UNARY, type NlExpr, type NlUnary } from "../glmm/nonlinearTypes.js";
import type { DataColumns } from "./data.js";
import { caretError, suggestion } from "./errors.js";
import { matchingParen, topLevelCommas } from "./families.js";
import { parseFormula } from "./parse.js";

/** One non-linear parameter's formula, `a ~ 1 + (1 | g)`. */
export interface NonlinearPart {
  readonly name: string;
  /** The part as written. */
  readonly text: string;
  /** The right-hand side. */
  readonly rhs: string;
}

export interface SplitNonlinear {
  /** The main formula, `y ~ a * exp(-b * x)`. */
  readonly main: string;
  readonly nlpars: readonly NonlinearPart[];
  /** Distributional parts as written (`sigma ~ x`), fitted as usual. */
  readonly dpars: readonly string[];
}

/** The family parameters a part may model instead (distributional formulas); any other name is a non-linear parameter. */
const DPAR_NAMES: readonly string[] = ["sigma", "shape", "nu", "phi", "zi", "hu", "disc"];
const NL_FLAG = /^nl\s*=\s*(TRUE|T|FALSE|F)$/;

function pieces(formula: string): { body: string; parts: string[] } {
  let body = formula;
  const open = /^\s*(?:brms::)?bf\s*\(/.exec(formula);
  if (open && matchingParen(formula, open[0].length - 1) === formula.trimEnd().length - 1) body = formula.slice(open[0].length, formula.trimEnd().length - 1);
  const parts: string[] = [];
  let prev = 0;
  for (const c of [...topLevelCommas(body, 0), body.length]) {
    parts.push(body.slice(prev, c).trim());
    prev = c + 1;
  }
  return { body, parts };
}

/** The formula's parts when it says `nl = TRUE`; null for an ordinary formula. */
export function splitNonlinearFormula(formula: string): SplitNonlinear | null {
  const { parts } = pieces(formula);
  const flags = parts.filter((p) => NL_FLAG.test(p));
  if (flags.length === 0) return null;
  if (flags.length > 1) throw new UserError("formula: 'nl = TRUE' is given twice");
  const flag = NL_FLAG.exec(flags[0]) as RegExpExecArray;
  if (flag[1] === "FALSE" || flag[1] === "F") throw new UserError("formula: 'nl = FALSE' is the default: write the formula without it");
  const rest = parts.filter((p) => !NL_FLAG.test(p));
  const nlpars: NonlinearPart[] = [];
  const dpars: string[] = [];
  for (const text of rest.slice(1)) {
    const m = /^([A-Za-z_.][A-Za-z0-9_.]*)\s*~/.exec(text);
    if (!m) throw new UserError(`formula: after the main formula, each part must be a parameter's formula such as 'a ~ 1 + (1 | g)', got '${text}'`);
    if (DPAR_NAMES.includes(m[1])) dpars.push(text);
    else {
      if (nlpars.some((p) => p.name === m[1])) throw new UserError(`formula: '${m[1]} ~ …' is given twice`);
      nlpars.push({ name: m[1], text, rhs: text.slice(m[0].length).trim() });
    }
  }
  if (nlpars.length === 0) throw new UserError("formula: nl = TRUE needs a formula for each non-linear parameter, e.g. bf(y ~ a * exp(-b * x), a ~ 1, b ~ 1, nl = TRUE)");
  return { main: rest[0], nlpars, dpars };
}

/**
 * The formula with the given non-linear parameters' formulas added (the API's `nlpars`, the CLI's
 * `--nlpar`): `bf(main, a ~ …, b ~ …, nl = TRUE)`. Each value is a right side (`1 + (1 | g)`) or a whole
 * part (`a ~ 1 + (1 | g)`), whose name must then be its key.
 */
export function withNonlinearParts(formula: string, nlpars: Readonly<Record<string, string>> | readonly string[]): string {
  const given = Array.isArray(nlpars)
    ? (nlpars as readonly string[]).map((text) => {
        const m = /^\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*~/.exec(text);
        if (!m) throw new UserError(`nlpar: expected a non-linear parameter's formula such as 'a ~ 1 + (1 | g)', got '${text}'`);
        return text.trim();
      })
    : Object.entries(nlpars as Readonly<Record<string, string>>).map(([name, text]) => {
        if (!/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(name)) throw new UserError(`nlpars: '${name}' is not a parameter name (letters, digits, '_' and '.', not starting with a digit)`);
        if (typeof text !== "string") throw new UserError(`nlpars: the formula of '${name}' must be a string, got ${typeof text}`);
        const m = /^\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*~/.exec(text);
        if (m && m[1] !== name) throw new UserError(`nlpars: the formula given for '${name}' is for '${m[1]}': '${text}'`);
        return m ? text.trim() : `${name} ~ ${text.trim()}`;
      });
  if (given.length === 0) return formula;
  const { parts } = pieces(formula);
  const rest = parts.filter((p) => !NL_FLAG.test(p));
  return `bf(${[...rest, ...given, "nl = TRUE"].join(", ")})`;
}

/** The main formula parsed: its response's text and the right side as an expression. */
export interface ParsedNonlinear {
  /** The response with its addition terms, as written (`y | trials(n)`). */
  readonly lhs: string;
  readonly expr: NlExpr;
  /** Data columns the expression reads, in `cov` index order. */
  readonly covariates: readonly string[];
}

const BINARY: Readonly<Record<string, "add" | "sub" | "mul" | "div" | "pow">> = { "+": "add", "-": "sub", "*": "mul", "/": "div", "^": "pow" };

/** `y ~ a * exp(-b * x)` → the expression over `nlpars` (by name) and the data's numeric columns. */
export function parseNonlinearMain(main: string, nlpars: readonly string[], data: DataColumns): ParsedNonlinear {
  const ast = parseFormula(main);
  if (!ast.lhs) throw caretError("formula", main, 0, "a response is needed on the left of '~' (e.g. y ~ a * exp(-b * x))");
  const covariates: string[] = [];
  const used = new Set<number>();
  const fail = (pos: number, message: string): never => {
    throw caretError("formula", main, pos, message);
  };
  const walk = (node: Node): NlExpr => {
    switch (node.kind) {
      case "num":
        if (!Number.isFinite(node.value)) fail(node.pos, `the number ${main.slice(node.pos, node.end)} is not finite`);
        return { op: "num", value: node.value };
      case "paren":
        return walk(node.inner);
      case "unary":
        return node.op === "-" ? { op: "unary", fn: "neg", arg: walk(node.arg) } : walk(node.arg);
      case "name": {
        const k = nlpars.indexOf(node.name);
        if (k >= 0) {
          used.add(k);
          return { op: "nlpar", k };
        }
        const col = data.column(node.name);
        if (!col) {
          fail(node.pos, `'${node.name}' is neither a non-linear parameter (${nlpars.join(", ")}) nor a data column${suggestion(node.name, [...nlpars, ...data.names])}; give it a formula ('${node.name} ~ 1') or check the column's name`);
        }
        if (col?.kind !== "numeric") fail(node.pos, `the column '${node.name}' holds text; a non-linear expression reads numeric columns only (a factor's effect belongs in a parameter's formula, e.g. 'a ~ 1 + ${node.name}')`);
        let c = covariates.indexOf(node.name);
        if (c < 0) c = covariates.push(node.name) - 1;
        return { op: "cov", k: c };
      }
      case "binary": {
        const fn = BINARY[node.op];
        if (!fn) fail(node.opPos, `'${node.op}' has no meaning in a non-linear expression: use + - * / ^, parentheses and functions such as exp()`);
        const a = walk(node.left);
        const b = walk(node.right);
        // x^2 is x·x: no log(x) in the exponent's derivative (undefined for x < 0).
        if (fn === "pow" && b.op === "num" && b.value === 2) return { op: "unary", fn: "square", arg: a };
        return { op: "binary", fn, a, b };
      }
      case "call": {
        if (node.named) fail(node.named[0].pos, `${node.fn}() takes no named arguments in a non-linear expression`);
        if (node.fn === "pow") {
          if (node.args.length !== 2) fail(node.pos, `pow() takes two arguments (base, exponent), got ${node.args.length}`);
          return walk({ kind: "binary", op: "^", left: node.args[0], right: node.args[1], opPos: node.pos, pos: node.pos, end: node.end });
        }
        if (node.fn === "I") {
          if (node.args.length !== 1) fail(node.pos, `I() takes one argument, got ${node.args.length}`);
          return walk(node.args[0]);
        }
        if (!(NL_UNARY as readonly string[]).includes(node.fn)) {
          fail(node.pos, `unknown function '${node.fn}'${suggestion(node.fn, [...NL_UNARY, "pow"])}: a non-linear expression may call ${[...NL_UNARY, "pow"].join(", ")}`);
        }
        if (node.args.length !== 1) fail(node.pos, `${node.fn}() takes one argument, got ${node.args.length}`);
        return { op: "unary", fn: node.fn as NlUnary, arg: walk(node.args[0]) };
      }
    }
  };
  const expr = walk(ast.rhs);
  const unused = nlpars.filter((_, k) => !used.has(k));
  if (unused.length > 0) {
    throw caretError("formula", main, ast.rhs.pos, `the non-linear parameter${unused.length > 1 ? "s" : ""} ${unused.map((u) => `'${u}'`).join(", ")} ${unused.length > 1 ? "do" : "does"} not appear in the expression: use ${unused.length > 1 ? "them" : "it"} or drop ${unused.length > 1 ? "their formulas" : "its formula"}`);
  }
  return { lhs: main.slice(ast.lhs.pos, ast.lhs.end), expr, covariates };
}

/** The CLI's `--formula` with its `--nlpar` parts folded in (an `--nlpar` without `--formula` is an error). */
export function withNlparOption<O extends { formula?: string; nlpar?: string[] }>(o: O): O {
  if (!o.nlpar || o.nlpar.length === 0) return o;
  if (o.formula === undefined) throw new UserError('--nlpar gives a non-linear parameter\'s formula for --formula: add e.g. --formula "y ~ a * exp(-b * x)"');
  return { ...o, formula: withNonlinearParts(o.formula, o.nlpar) };
}
