/**
 * The arithmetic a brms hypothesis may use, parsed into a tree and evaluated draw by draw. brms
 * hands the text to R's eval(); hbayes never evaluates user text as code, so the grammar is spelled
 * out here: numbers, variable names (brms's: letters, digits, `_`, `.`, `:`, and an optional
 * `[...]` index such as `r_county[c01,Intercept]`), `+ - * / ^` with R's precedence (`^` binds
 * tighter than unary minus and is right-associative: `-2^2` is −4, `2^3^2` is 512), parentheses,
 * and a few functions of one argument.
 */
import { caretError } from "../formula/errors.js";
import { invLogit } from "../math/logit.js";

/** R's qlogis: log(p / (1 − p)), as log p − log1p(−p) so p near 1 keeps its digits. */
function logit(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

export type Expr =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "variable"; readonly name: string; readonly at: number }
  | { readonly kind: "negate"; readonly arg: Expr }
  | { readonly kind: "binary"; readonly op: "+" | "-" | "*" | "/" | "^"; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "call"; readonly fn: string; readonly arg: Expr };

/** The functions a hypothesis may call, by their R names (inv_logit and logit as brms exports them). */
export const HYPOTHESIS_FUNCTIONS: Readonly<Record<string, (x: number) => number>> = Object.freeze({
  exp: Math.exp,
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  abs: Math.abs,
  plogis: invLogit,
  inv_logit: invLogit,
  qlogis: logit,
  logit,
});

const NAME_START = /[A-Za-z.]/;
const NAME_PART = /[A-Za-z0-9_.:]/;

/**
 * Parses `text` (one side of a hypothesis, or both joined as brms joins them). `label` names the
 * input in errors; `offset` maps positions in `text` back to the text the user typed for the caret.
 */
export function parseExpression(text: string, label: string, shown = text, offset = 0): Expr {
  let pos = 0;
  const fail = (at: number, message: string): never => {
    throw caretError(label, shown, at + offset, message);
  };
  const skip = (): void => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const peek = (): string => {
    skip();
    return text[pos] ?? "";
  };

  // sum := product (("+" | "-") product)*
  function sum(): Expr {
    let left = product();
    for (let c = peek(); c === "+" || c === "-"; c = peek()) {
      pos++;
      left = { kind: "binary", op: c, left, right: product() };
    }
    return left;
  }
  // product := unary (("*" | "/") unary)*
  function product(): Expr {
    let left = unary();
    for (let c = peek(); c === "*" || c === "/"; c = peek()) {
      pos++;
      left = { kind: "binary", op: c, left, right: unary() };
    }
    return left;
  }
  // unary := ("-" | "+") unary | power      (R: -2^2 is -(2^2))
  function unary(): Expr {
    const c = peek();
    if (c === "-" || c === "+") {
      pos++;
      const arg = unary();
      return c === "-" ? { kind: "negate", arg } : arg;
    }
    return power();
  }
  // power := atom ("^" unary)?              (right-associative; R allows 2^-1)
  function power(): Expr {
    const base = atom();
    if (peek() === "^") {
      pos++;
      return { kind: "binary", op: "^", left: base, right: unary() };
    }
    return base;
  }
  function atom(): Expr {
    const c = peek();
    const start = pos;
    if (c === "(") {
      pos++;
      const inner = sum();
      if (peek() !== ")") fail(pos, `expected ')' to close '(' opened at column ${start + offset + 1}`);
      pos++;
      return inner;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (num !== null) {
      pos += num[0].length;
      return { kind: "number", value: Number(num[0]) };
    }
    if (NAME_START.test(c)) {
      while (pos < text.length && NAME_PART.test(text[pos])) pos++;
      let name = text.slice(start, pos);
      if (text[pos] === "[") {
        const close = text.indexOf("]", pos);
        if (close < 0) fail(pos, "expected ']' to close '['");
        name = text.slice(start, close + 1);
        pos = close + 1;
      }
      if (peek() === "(" && !name.includes("[")) {
        const fn = HYPOTHESIS_FUNCTIONS[name];
        if (fn === undefined) fail(start, `unknown function '${name}'; hypotheses may use ${Object.keys(HYPOTHESIS_FUNCTIONS).join(", ")}`);
        pos++;
        const arg = sum();
        if (peek() === ",") fail(pos, `'${name}' takes one argument`);
        if (peek() !== ")") fail(pos, `expected ')' to close '${name}('`);
        pos++;
        return { kind: "call", fn: name, arg };
      }
      return { kind: "variable", name, at: start };
    }
    return fail(pos, c === "" ? "the expression ends too soon" : `unexpected '${c}'`);
  }

  const tree = sum();
  if (peek() !== "") fail(pos, `unexpected '${text[pos]}'`);
  return tree;
}

/** The variable names an expression reads, in order of first use. */
export function expressionVariables(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case "number":
      return out;
    case "variable":
      if (!out.includes(e.name)) out.push(e.name);
      return out;
    case "negate":
    case "call":
      return expressionVariables(e.arg, out);
    case "binary":
      expressionVariables(e.left, out);
      return expressionVariables(e.right, out);
  }
}

/** The expression at every draw: `values(name)` gives a variable's draws (all the same length n). */
export function evaluateExpression(e: Expr, n: number, values: (name: string) => Float64Array): Float64Array {
  switch (e.kind) {
    case "number":
      return new Float64Array(n).fill(e.value);
    case "variable":
      return values(e.name).slice();
    case "negate": {
      const a = evaluateExpression(e.arg, n, values);
      for (let i = 0; i < n; i++) a[i] = -a[i];
      return a;
    }
    case "call": {
      const a = evaluateExpression(e.arg, n, values);
      const f = HYPOTHESIS_FUNCTIONS[e.fn];
      for (let i = 0; i < n; i++) a[i] = f(a[i]);
      return a;
    }
    case "binary": {
      const a = evaluateExpression(e.left, n, values);
      const b = evaluateExpression(e.right, n, values);
      for (let i = 0; i < n; i++) a[i] = apply(e.op, a[i], b[i]);
      return a;
    }
  }
}

function apply(op: "+" | "-" | "*" | "/" | "^", x: number, y: number): number {
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return x / y;
    case "^":
      return x ** y;
  }
}
