/**
 * A tiny JavaScript AST and its printer. Generated code is built as this tree and printed here, never
 * pasted together from strings: identifiers are checked against a strict pattern and numbers are
 * printed from their values, so no user text can reach the generated source.
 */

export type JsExpr =
  | { t: "num"; v: number }
  | { t: "id"; name: string }
  | { t: "idx"; arr: JsExpr; index: JsExpr }
  | { t: "bin"; op: "+" | "-" | "*" | "/" | "<" | ">" | "<=" | ">=" | "===" | "!==" | "||" | "&&"; a: JsExpr; b: JsExpr }
  | { t: "neg"; a: JsExpr }
  | { t: "not"; a: JsExpr }
  | { t: "call"; fn: JsExpr; args: JsExpr[] }
  | { t: "member"; obj: JsExpr; prop: string }
  | { t: "cond"; c: JsExpr; a: JsExpr; b: JsExpr };

export type JsStmt =
  | { t: "const"; name: string; init: JsExpr }
  | { t: "let"; name: string; init: JsExpr }
  | { t: "assign"; target: JsExpr; op: "=" | "+=" | "-=" | "*="; value: JsExpr }
  | { t: "for"; v: string; from: JsExpr; to: JsExpr; body: JsStmt[] }
  | { t: "if"; c: JsExpr; then: JsStmt[]; else?: JsStmt[] }
  | { t: "return"; value: JsExpr }
  | { t: "expr"; e: JsExpr }
  /** A compiler-written comment; `text` must be one of the compiler's own fixed phrases. */
  | { t: "comment"; text: string };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(["eval", "arguments", "Function", "require", "import", "this", "constructor", "globalThis", "process"]);
const COMMENT = /^[A-Za-z0-9 ,.:;()\[\]+\-*\/=<>'|_]*$/;

function ident(name: string): string {
  if (!IDENT.test(name) || RESERVED.has(name)) throw new Error(`js printer: invalid identifier ${JSON.stringify(name)}`);
  return name;
}

export function num(v: number): JsExpr {
  return { t: "num", v };
}
export function id(name: string): JsExpr {
  return { t: "id", name };
}
export function idx(arr: JsExpr, index: JsExpr): JsExpr {
  return { t: "idx", arr, index };
}
export function call(fn: JsExpr, ...args: JsExpr[]): JsExpr {
  return { t: "call", fn, args };
}
export function mathCall(fn: string, ...args: JsExpr[]): JsExpr {
  return { t: "call", fn: { t: "member", obj: id("Math"), prop: fn }, args };
}

/** Folds numeric constants and drops identities, so templates can be written plainly. */
export function add(a: JsExpr, b: JsExpr): JsExpr {
  if (a.t === "num" && b.t === "num") return num(a.v + b.v);
  if (a.t === "num" && a.v === 0) return b;
  if (b.t === "num" && b.v === 0) return a;
  if (b.t === "neg") return sub(a, b.a);
  if (b.t === "num" && b.v < 0) return { t: "bin", op: "-", a, b: num(-b.v) };
  return { t: "bin", op: "+", a, b };
}
export function sub(a: JsExpr, b: JsExpr): JsExpr {
  if (a.t === "num" && b.t === "num") return num(a.v - b.v);
  if (b.t === "num" && b.v === 0) return a;
  if (a.t === "num" && a.v === 0) return neg(b);
  return { t: "bin", op: "-", a, b };
}
export function mul(a: JsExpr, b: JsExpr): JsExpr {
  if (a.t === "num" && b.t === "num") return num(a.v * b.v);
  if (a.t === "num" && a.v === 1) return b;
  if (b.t === "num" && b.v === 1) return a;
  if (a.t === "num" && a.v === -1) return neg(b);
  if (b.t === "num" && b.v === -1) return neg(a);
  return { t: "bin", op: "*", a, b };
}
export function div(a: JsExpr, b: JsExpr): JsExpr {
  if (a.t === "num" && b.t === "num") return num(a.v / b.v);
  if (b.t === "num" && b.v === 1) return a;
  return { t: "bin", op: "/", a, b };
}
export function neg(a: JsExpr): JsExpr {
  if (a.t === "num") return num(-a.v);
  if (a.t === "neg") return a.a;
  return { t: "neg", a };
}
export function bin(op: "<" | ">" | "<=" | ">=" | "===" | "!==" | "||" | "&&", a: JsExpr, b: JsExpr): JsExpr {
  if (a.t === "num" && b.t === "num") {
    const x = a.v;
    const y = b.v;
    const r = op === "<" ? x < y : op === ">" ? x > y : op === "<=" ? x <= y : op === ">=" ? x >= y : op === "===" ? x === y : op === "!==" ? x !== y : NaN;
    if (typeof r === "boolean") return num(r ? 1 : 0);
  }
  return { t: "bin", op, a, b };
}
export function cond(c: JsExpr, a: JsExpr, b: JsExpr): JsExpr {
  return { t: "cond", c, a, b };
}

export function constS(name: string, init: JsExpr): JsStmt {
  return { t: "const", name, init };
}
export function letS(name: string, init: JsExpr): JsStmt {
  return { t: "let", name, init };
}
export function assign(target: JsExpr, op: "=" | "+=" | "-=" | "*=", value: JsExpr): JsStmt {
  return { t: "assign", target, op, value };
}
export function forS(v: string, from: JsExpr, to: JsExpr, body: JsStmt[]): JsStmt {
  return { t: "for", v, from, to, body };
}
export function ifS(c: JsExpr, then: JsStmt[], otherwise?: JsStmt[]): JsStmt {
  return otherwise ? { t: "if", c, then, else: otherwise } : { t: "if", c, then };
}
/** `if (!ok) return -Infinity;`: a point outside the support. */
export function rejectUnless(ok: JsExpr): JsStmt {
  return { t: "if", c: { t: "not", a: ok }, then: [{ t: "return", value: num(-Infinity) }] };
}
/** `x > 0 && x < Infinity` (false for NaN). */
export function positiveFinite(x: JsExpr): JsExpr {
  return { t: "bin", op: "&&", a: { t: "bin", op: ">", a: x, b: num(0) }, b: { t: "bin", op: "<", a: x, b: num(Infinity) } };
}
export function comment(text: string): JsStmt {
  return { t: "comment", text };
}

/**
 * Non-finite values are printed as divisions of literals, which V8's parser folds into constants:
 * `-Infinity` is a global load and a negation, each with a feedback slot, so optimised code that
 * reaches a `return -Infinity` it has never taken (the first point outside the support) deoptimises
 * ("insufficient type feedback") and the gradient runs unoptimised until it is compiled again.
 */
function printNum(v: number): string {
  if (Number.isNaN(v)) return "(0 / 0)";
  if (v === Infinity) return "(1 / 0)";
  if (v === -Infinity) return "(-1 / 0)";
  if (Object.is(v, -0)) return "(-0)";
  const s = String(v);
  return v < 0 ? `(${s})` : s;
}

const PREC: Record<string, number> = {
  "||": 1, "&&": 2, "===": 3, "!==": 3, "<": 4, ">": 4, "<=": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6,
};

export function printExpr(e: JsExpr, outer = 0): string {
  switch (e.t) {
    case "num":
      return printNum(e.v);
    case "id":
      return ident(e.name);
    case "idx":
      return `${printExpr(e.arr, 10)}[${printExpr(e.index)}]`;
    case "member":
      return `${printExpr(e.obj, 10)}.${ident(e.prop)}`;
    case "call":
      return `${printExpr(e.fn, 10)}(${e.args.map((a) => printExpr(a)).join(", ")})`;
    case "neg": {
      const s = `-${printExpr(e.a, 7)}`;
      return outer > 5 ? `(${s})` : s;
    }
    case "not":
      return `!${printExpr(e.a, 7)}`;
    case "cond": {
      const s = `${printExpr(e.c, 2)} ? ${printExpr(e.a, 1)} : ${printExpr(e.b, 1)}`;
      return outer > 0 ? `(${s})` : s;
    }
    case "bin": {
      const p = PREC[e.op];
      // Floating point is not associative, and comparisons do not chain (a === (b === c) is not
      // a === b === c): a right operand at equal precedence keeps its parentheses. Only || and &&
      // may drop them, their value being the same either way.
      const right = e.op === "||" || e.op === "&&" ? p : p + 1;
      const s = `${printExpr(e.a, p)} ${e.op} ${printExpr(e.b, right)}`;
      return outer > p ? `(${s})` : s;
    }
  }
}

export function printStmts(stmts: readonly JsStmt[], indent = ""): string {
  let out = "";
  for (const s of stmts) out += printStmt(s, indent);
  return out;
}

function printStmt(s: JsStmt, ind: string): string {
  switch (s.t) {
    case "const":
      return `${ind}const ${ident(s.name)} = ${printExpr(s.init)};\n`;
    case "let":
      return `${ind}let ${ident(s.name)} = ${printExpr(s.init)};\n`;
    case "assign":
      return `${ind}${printExpr(s.target, 10)} ${s.op} ${printExpr(s.value)};\n`;
    case "expr":
      return `${ind}${printExpr(s.e)};\n`;
    case "return":
      return `${ind}return ${printExpr(s.value)};\n`;
    case "for": {
      const v = ident(s.v);
      return `${ind}for (let ${v} = ${printExpr(s.from)}; ${v} < ${printExpr(s.to, 5)}; ${v}++) {\n${printStmts(s.body, ind + "  ")}${ind}}\n`;
    }
    case "if": {
      let out = `${ind}if (${printExpr(s.c)}) {\n${printStmts(s.then, ind + "  ")}${ind}}`;
      if (s.else) out += ` else {\n${printStmts(s.else, ind + "  ")}${ind}}`;
      return out + "\n";
    }
    case "comment":
      if (!COMMENT.test(s.text)) throw new Error(`js printer: comment has characters outside the allowed set`);
      return `${ind}// ${s.text}\n`;
  }
}
