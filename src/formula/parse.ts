/**
 * Formula text → syntax tree, by recursive descent with R's operator precedence (highest first):
 * `^` (right-associative), unary `-`/`+`, `:`, `*` `/`, binary `+` `-`, `|` `||`, `~`.
 * So `(1 + x | g)` is `(1 + x) | g` and `y | trials(n) ~ x` has the response `y | trials(n)`.
 */
import type { BinaryOp, FormulaAst, NamedArgument, Node } from "./ast.js";
import { caretError } from "./errors.js";
import { tokenize, type Token } from "./lexer.js";

const LABEL = "formula";
/** Deeper nesting than this is not a formula anyone writes; the limit keeps the stack safe. */
const MAX_DEPTH = 200;

function describe(t: Token): string {
  return t.kind === "eof" ? "the end of the formula" : `'${t.text}'`;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly toks: Token[],
  ) {}

  peek(): Token {
    return this.toks[this.i];
  }
  next(): Token {
    return this.toks[this.i++];
  }
  isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === "op" && t.text === text;
  }
  fail(pos: number, message: string): never {
    throw caretError(LABEL, this.text, pos, message);
  }

  formula(): FormulaAst {
    let lhs: Node | null = null;
    if (this.isOp("~")) this.next();
    else {
      lhs = this.orExpr();
      if (!this.isOp("~")) {
        const t = this.peek();
        if (t.kind === "eof") this.fail(t.pos, "expected '~' between the response and the predictors (e.g. y ~ x)");
        this.fail(t.pos, `expected '~' or an operator, found ${describe(t)}`);
      }
      this.next();
    }
    const rhs = this.orExpr();
    const t = this.peek();
    if (t.kind !== "eof") {
      if (t.kind === "op" && t.text === "~") this.fail(t.pos, "only one '~' is allowed in a formula");
      if (t.kind === "op" && t.text === ")") this.fail(t.pos, "unmatched ')'");
      this.fail(t.pos, `expected an operator (+, *, :, …) before ${describe(t)}`);
    }
    return { text: this.text, lhs, rhs };
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_DEPTH) this.fail(pos, `nesting deeper than ${MAX_DEPTH} levels`);
  }

  private binary(op: BinaryOp, left: Node, right: Node, opPos: number): Node {
    return { kind: "binary", op, left, right, opPos, pos: left.pos, end: right.end };
  }

  orExpr(): Node {
    let left = this.addExpr();
    while (this.isOp("|") || this.isOp("||")) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, left, this.operand(op, () => this.addExpr()), op.pos);
    }
    return left;
  }

  addExpr(): Node {
    let left = this.mulExpr();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, left, this.operand(op, () => this.mulExpr()), op.pos);
    }
    return left;
  }

  mulExpr(): Node {
    let left = this.colonExpr();
    while (this.isOp("*") || this.isOp("/")) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, left, this.operand(op, () => this.colonExpr()), op.pos);
    }
    return left;
  }

  colonExpr(): Node {
    let left = this.unary();
    while (this.isOp(":")) {
      const op = this.next();
      left = this.binary(":", left, this.operand(op, () => this.unary()), op.pos);
    }
    return left;
  }

  unary(): Node {
    if (this.isOp("-") || this.isOp("+")) {
      const op = this.next();
      this.enter(op.pos);
      const arg = this.operand(op, () => this.unary());
      this.depth--;
      return { kind: "unary", op: op.text as "-" | "+", arg, pos: op.pos, end: arg.end };
    }
    return this.power();
  }

  power(): Node {
    const base = this.primary();
    if (!this.isOp("^")) return base;
    const op = this.next();
    this.enter(op.pos);
    // R: the exponent may carry a sign (2^-1) and `^` is right-associative (a^b^c = a^(b^c)).
    const exponent = this.operand(op, () => this.unary());
    this.depth--;
    return this.binary("^", base, exponent, op.pos);
  }

  /** The right operand of `op`, with a clear message when it is missing. */
  private operand(op: Token, parse: () => Node): Node {
    const t = this.peek();
    if (t.kind === "eof" || (t.kind === "op" && (t.text === ")" || t.text === "~" || t.text === ","))) {
      this.fail(t.pos, `expected a term after '${op.text}', found ${describe(t)}`);
    }
    return parse();
  }

  primary(): Node {
    const t = this.peek();
    if (t.kind === "num") {
      this.next();
      return { kind: "num", value: Number(t.text), pos: t.pos, end: t.end };
    }
    if (t.kind === "name") {
      this.next();
      if (this.isOp("(")) return this.call(t);
      return { kind: "name", name: t.text, pos: t.pos, end: t.end };
    }
    if (t.kind === "op" && t.text === "(") {
      this.next();
      this.enter(t.pos);
      if (this.isOp(")")) this.fail(this.peek().pos, "empty parentheses: expected a term inside '( )'");
      const inner = this.orExpr();
      this.close(t);
      this.depth--;
      return { kind: "paren", inner, pos: t.pos, end: this.toks[this.i - 1].end };
    }
    if (t.kind === "eof") this.fail(t.pos, "expected a term, found the end of the formula");
    if (t.kind === "str") this.fail(t.pos, `a quoted string is only allowed as an argument's value, as in s(x, bs = "cr"); write a column name without quotes (or in backquotes)`);
    this.fail(t.pos, `expected a variable, a number or '(', found '${t.text}'`);
  }

  private call(name: Token): Node {
    const open = this.next();
    this.enter(open.pos);
    const args: Node[] = [];
    const named: NamedArgument[] = [];
    if (!this.isOp(")")) {
      for (;;) {
        const t = this.peek();
        const after = this.toks[this.i + 1];
        if (t.kind === "name" && after?.kind === "op" && after.text === "=") {
          // R's `name = value`: the value is an expression as a positional argument is.
          this.next();
          const eq = this.next();
          if (named.some((a) => a.name === t.text)) this.fail(t.pos, `the argument '${t.text}' is given twice`);
          // A quoted value (`bs = "cr"`) becomes a name node: only argument checks read it.
          const v = this.peek();
          const value: Node = v.kind === "str" ? (this.next(), { kind: "name", name: v.text, pos: v.pos, end: v.end }) : this.operand(eq, () => this.orExpr());
          named.push({ name: t.text, value, pos: t.pos });
        } else {
          args.push(this.orExpr());
        }
        if (!this.isOp(",")) break;
        this.next();
      }
    }
    this.close(open, `${name.text}(`);
    this.depth--;
    return { kind: "call", fn: name.text, args, ...(named.length > 0 ? { named } : {}), pos: name.pos, end: this.toks[this.i - 1].end };
  }

  private close(open: Token, what = "("): void {
    const t = this.peek();
    if (t.kind === "op" && t.text === ")") {
      this.next();
      return;
    }
    const col = open.pos + 1;
    if (t.kind === "eof") this.fail(t.pos, `expected ')' to close '${what}' opened at column ${col}`);
    this.fail(t.pos, `expected ')' to close '${what}' opened at column ${col}, found '${t.text}'`);
  }
}

/** Parse formula text. Syntax errors are `UserError`s with the formula and a caret. */
export function parseFormula(text: string): FormulaAst {
  if (typeof text !== "string") throw new TypeError(`parseFormula: text must be a string, got ${typeof text}`);
  const toks = tokenize(text, LABEL);
  return new Parser(text, toks).formula();
}
