/** Tokens of formula and prior text, each with its 0-based source offset. */
import { caretError } from "./errors.js";

/** "str": a quoted string, legal only as a named argument's value (`s(x, bs = "cr")`). */
export type TokenKind = "name" | "num" | "str" | "op" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** The name (backquotes removed), the operator, or the number's text. */
  readonly text: string;
  readonly pos: number;
  readonly end: number;
}

const OPERATORS = ["||", "~", "+", "-", "*", "/", "^", ":", "|", "(", ")", ","];

function isNameStart(ch: string): boolean {
  return /[A-Za-z_.\u00C0-\uFFFF]/.test(ch);
}
function isNameChar(ch: string): boolean {
  return /[A-Za-z0-9_.\u00C0-\uFFFF]/.test(ch);
}

export function tokenize(text: string, label: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0) throw caretError(label, text, i, "unclosed backquote: a quoted name needs a closing `");
      if (close === i + 1) throw caretError(label, text, i, "empty backquoted name");
      out.push({ kind: "name", text: text.slice(i + 1, close), pos: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) throw caretError(label, text, i, `unclosed string: a quoted value needs a closing ${ch}`);
      out.push({ kind: "str", text: text.slice(i + 1, close), pos: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    const numMatch = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (numMatch && (ch !== "." || /\d/.test(text[i + 1] ?? ""))) {
      out.push({ kind: "num", text: numMatch[0], pos: i, end: i + numMatch[0].length });
      i += numMatch[0].length;
      continue;
    }
    if (isNameStart(ch)) {
      let j = i + 1;
      while (j < text.length && isNameChar(text[j])) j++;
      out.push({ kind: "name", text: text.slice(i, j), pos: i, end: j });
      i = j;
      continue;
    }
    // R's parser reads `**` as `^` (`(a + b)**2`, `I(x**2)`), and deparses it as `^`.
    if (text.startsWith("**", i)) {
      out.push({ kind: "op", text: "^", pos: i, end: i + 2 });
      i += 2;
      continue;
    }
    // A single '=' names a function argument (`poly(x, 2, raw = TRUE)`); R's comparison '==' is not
    // formula syntax here and stays an unexpected character.
    if (ch === "=" && text[i + 1] !== "=") {
      out.push({ kind: "op", text: "=", pos: i, end: i + 1 });
      i += 1;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw caretError(label, text, i, `unexpected character '${ch}'`);
    out.push({ kind: "op", text: op, pos: i, end: i + op.length });
    i += op.length;
  }
  out.push({ kind: "eof", text: "", pos: text.length, end: text.length });
  return out;
}
