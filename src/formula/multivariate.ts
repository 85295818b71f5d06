/**
 * brms's multivariate formulas: `mvbind(y1, y2) ~ x + (1 | p | g)` (one right side for every response)
 * or `bf(y1 ~ x + (1 | p | g)) + bf(y2 ~ z + (1 | p | g), family = poisson) + set_rescor(FALSE)` (one
 * formula per response). Each response's formula becomes an ordinary design (so carets, names and default
 * priors are the univariate ones); `| ID |` marks group terms whose effects are correlated across the
 * responses, as in brms. The split works on the text's structure (parentheses, commas, `+` at depth 0);
 * nothing the user wrote reaches generated code.
 */
import { UserError } from "../errors.js";
import { caretError } from "./errors.js";
import { parseFormulaParts } from "./terms.js";

export interface MultivariateResponse {
  /** The response's formula without IDs (`y1 ~ x + (1 |   g)`, positions kept for carets). */
  readonly formula: string;
  /** As written, for messages. */
  readonly text: string;
  /** brms's response name (the column name without `.` and `_`): `y1` in `b_y1_x`, `sigma_y1`. */
  readonly name: string;
  /** `family = poisson` inside bf(); null: the model's family. */
  readonly family: string | null;
  /** Per group term of the formula (parsed order), its ID or null. */
  readonly ids: readonly (string | null)[];
  /** Where `formula`'s characters sit in the user's text: each piece [from, to) of `formula` starts at `at`. */
  readonly pieces: readonly SourcePiece[];
}

/** A run of a derived response formula copied from the user's text: formula[from, to) = source[at, at + to - from). */
export interface SourcePiece {
  readonly from: number;
  readonly to: number;
  readonly at: number;
}

/** The position in the user's text of position `pos` of a derived formula (its end maps past the last piece). */
export function sourcePosition(pieces: readonly SourcePiece[], pos: number): number {
  for (const p of pieces) if (pos >= p.from && pos < p.to) return p.at + pos - p.from;
  const last = pieces[pieces.length - 1];
  return last ? last.at + Math.max(0, pos - last.from) : pos;
}

/**
 * A caret error raised for a response's derived formula (`yy ~ x + (1 |     g)`, which the user never
 * typed) shown instead on the user's formula with the caret moved to the same character there. The
 * checks that raise caret errors (frame, evaluate, terms) know only the formula they were given; mapping
 * here keeps them unaware of multivariate splitting. Other errors pass through unchanged.
 */
export function inUserFormula(e: unknown, r: MultivariateResponse, source: string): unknown {
  return mapCaret(e, r.formula, r.pieces, source);
}

function mapCaret(e: unknown, derived: string, pieces: readonly SourcePiece[], source: string): unknown {
  if (!(e instanceof UserError)) return e;
  const echo = `\n  ${derived.replace(/[\t\r\n]/g, " ")}\n  `;
  const at = e.message.lastIndexOf(echo);
  if (at < 0) return e;
  const caret = e.message.slice(at + echo.length);
  if (!/^ *\^$/.test(caret)) return e;
  const head = e.message.slice(0, at);
  const label = /^([^:\n]+): /.exec(head);
  if (!label) return e;
  return caretError(label[1], source, sourcePosition(pieces, caret.length - 1), head.slice(label[0].length));
}

export interface MultivariateFormula {
  readonly responses: readonly MultivariateResponse[];
  /** set_rescor(TRUE / FALSE); null when not said (brms 2.18: TRUE for gaussian and student responses). */
  readonly rescor: boolean | null;
}

/** Splits `text` at depth-0 occurrences of `sep` (outside parentheses and quotes); parts keep their offsets. */
function splitTop(text: string, sep: string, from = 0, to = text.length): { text: string; pos: number }[] {
  const out: { text: string; pos: number }[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = from;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === sep && depth === 0) {
      out.push({ text: text.slice(start, i), pos: start });
      start = i + 1;
    }
  }
  out.push({ text: text.slice(start, to), pos: start });
  return out;
}

/** `fn( … )` spanning the whole (trimmed) part: the inside's range, or null. */
function callOf(text: string, pos: number, fn: string): { from: number; to: number } | null {
  const lead = text.length - text.trimStart().length;
  const t = text.trim();
  const m = new RegExp(`^${fn}\\s*\\(`).exec(t);
  if (!m || !t.endsWith(")")) return null;
  return { from: pos + lead + m[0].length, to: pos + lead + t.length - 1 };
}

/** brms's response names drop `.` and `_` (make.names, then gsub): `y_1` → `y1`. */
export function responseName(label: string): string {
  return label.replace(/[._]/g, "");
}

/** Whether the formula is brms's multivariate syntax (mvbind on the left, several bf(), set_rescor()). */
export function isMultivariateFormula(formula: string): boolean {
  const parts = splitTop(formula, "+");
  if (/^\s*mvbind\s*\(/.test(formula)) return true;
  if (parts.some((p) => callOf(p.text, p.pos, "set_rescor"))) return true;
  const bfs = parts.filter((p) => callOf(p.text, p.pos, "bf"));
  if (bfs.length >= 2) return true;
  // bf(mvbind(y1, y2) ~ x)
  return bfs.some((p) => /^\s*bf\s*\(\s*mvbind\s*\(/.test(p.text));
}

/** Blanks each `| ID |` of a response formula (positions kept) and returns the IDs per group term. */
function withoutIds(text: string, pieces: readonly SourcePiece[], source: string): { formula: string; ids: (string | null)[] } {
  const doubled = /\|\|\s*[A-Za-z_.][A-Za-z0-9_.]*\s*\|\|/.exec(text);
  if (doubled) throw caretError("formula", source, sourcePosition(pieces, doubled.index), "a group term with an ID correlates its effects across responses: write (… | ID | g), not '||'");
  const marks: { id: string; pos: number }[] = [];
  const blanked = text.replace(/\|\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*\|/g, (m: string, id: string, pos: number) => {
    marks.push({ id, pos });
    return `|${" ".repeat(m.length - 1)}`;
  });
  let parsed;
  try {
    parsed = parseFormulaParts(blanked);
  } catch (e) {
    throw mapCaret(e, blanked, pieces, source);
  }
  const ids = parsed.re.map((re) => marks.find((m) => m.pos >= re.pos && m.pos < re.pos + re.text.length)?.id ?? null);
  const lost = marks.find((m) => !parsed.re.some((re) => m.pos >= re.pos && m.pos < re.pos + re.text.length));
  if (lost) throw caretError("formula", source, sourcePosition(pieces, lost.pos), `'| ${lost.id} |' belongs inside a group term, as in (1 | ${lost.id} | g)`);
  return { formula: blanked, ids };
}

/** `mvbind(y1, y2) ~ rhs` → one formula per response, `y1 ~ rhs`, … */
function splitMvbind(text: string, family: string | null, base = 0, source = text): MultivariateResponse[] {
  const tilde = splitTop(text, "~");
  if (tilde.length !== 2) throw new UserError(`formula: '${text.trim()}': a multivariate formula is mvbind(y1, y2, …) ~ predictors`);
  const call = callOf(tilde[0].text, tilde[0].pos, "mvbind");
  if (!call) throw caretError("formula", text, tilde[0].pos, "write the responses as mvbind(y1, y2, …) on the left of '~'");
  const yParts = splitTop(text, ",", call.from, call.to);
  const ys = yParts.map((p) => p.text.trim());
  if (ys.length < 2) throw caretError("formula", text, call.from, "mvbind() needs at least two responses");
  for (const y of ys) if (!/^[A-Za-z.][A-Za-z0-9_.]*$/.test(y)) throw caretError("formula", text, call.from, `mvbind(): each response is a column name, got '${y}'`);
  return ys.map((y, j) => {
    const f = `${y} ~${tilde[1].text}`;
    const yAt = base + yParts[j].pos + (yParts[j].text.length - yParts[j].text.trimStart().length);
    // `y` from inside mvbind(), ` ~` standing for the user's '~', then the shared right side as typed.
    const pieces = [
      { from: 0, to: y.length, at: yAt },
      { from: y.length, to: y.length + 2, at: base + tilde[1].pos - 1 },
      { from: y.length + 2, to: f.length, at: base + tilde[1].pos },
    ];
    const { formula, ids } = withoutIds(f, pieces, source);
    return { formula, text: f, name: responseName(y), family, ids, pieces };
  });
}

/** `bf(formula, family = poisson)`: the formula and the family, other arguments refused. */
function splitBf(text: string, call: { from: number; to: number }): MultivariateResponse[] {
  // `text` is the user's whole formula here; positions of args are positions in it.
  const args = splitTop(text, ",", call.from, call.to);
  let family: string | null = null;
  for (const a of args.slice(1)) {
    const m = /^\s*family\s*=\s*([A-Za-z_]+)\s*(\(\s*\))?\s*$/.exec(a.text);
    if (m) {
      family = m[1];
      continue;
    }
    throw caretError("formula", text, a.pos + (a.text.length - a.text.trimStart().length), "in a multivariate model, bf() takes one response's formula and optionally family = …; distributional and non-linear parts per response are not supported");
  }
  const f = args[0].text;
  if (/^\s*mvbind\s*\(/.test(f)) return splitMvbind(f, family, args[0].pos, text);
  const pieces = [{ from: 0, to: f.length, at: args[0].pos }];
  const { formula, ids } = withoutIds(f, pieces, text);
  const parsed = parseFormulaParts(formula);
  if (!parsed.response) throw caretError("formula", text, args[0].pos, "each bf() needs a response on the left of '~'");
  return [{ formula, text: f.trim(), name: responseName(parsed.response.label), family, ids, pieces }];
}

/** Splits a multivariate formula into its responses (throws UserErrors with carets for malformed text). */
export function splitMultivariateFormula(formula: string): MultivariateFormula {
  const parts = splitTop(formula, "+");
  if (/^\s*mvbind\s*\(/.test(formula)) return { responses: splitMvbind(formula, null), rescor: null };
  const responses: MultivariateResponse[] = [];
  let rescor: boolean | null = null;
  for (const p of parts) {
    const bf = callOf(p.text, p.pos, "bf");
    const rc = callOf(p.text, p.pos, "set_rescor");
    if (bf) responses.push(...splitBf(formula, bf));
    else if (rc) {
      const v = formula.slice(rc.from, rc.to).trim();
      if (v !== "TRUE" && v !== "FALSE") throw caretError("formula", formula, rc.from, `set_rescor() takes TRUE or FALSE, got '${v}'`);
      rescor = v === "TRUE";
    } else throw caretError("formula", formula, p.pos + (p.text.length - p.text.trimStart().length), "a multivariate formula adds bf(…) parts and set_rescor(TRUE / FALSE), e.g. bf(y1 ~ x) + bf(y2 ~ x) + set_rescor(TRUE)");
  }
  if (responses.length < 2) throw new UserError(`formula: '${formula.trim()}': a multivariate model needs at least two responses`);
  const seen = new Set<string>();
  for (const r of responses) {
    if (seen.has(r.name)) throw new UserError(`formula: the response ${r.name} appears twice; each response gets one formula`);
    seen.add(r.name);
  }
  return { responses, rescor };
}
