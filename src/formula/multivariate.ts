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
function withoutIds(text: string): { formula: string; ids: (string | null)[] } {
  const doubled = /\|\|\s*[A-Za-z_.][A-Za-z0-9_.]*\s*\|\|/.exec(text);
  if (doubled) throw caretError("formula", text, doubled.index, "a group term with an ID correlates its effects across responses: write (… | ID | g), not '||'");
  const marks: { id: string; pos: number }[] = [];
  const blanked = text.replace(/\|\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*\|/g, (m: string, id: string, pos: number) => {
    marks.push({ id, pos });
    return `|${" ".repeat(m.length - 1)}`;
  });
  const parsed = parseFormulaParts(blanked);
  const ids = parsed.re.map((re) => marks.find((m) => m.pos >= re.pos && m.pos < re.pos + re.text.length)?.id ?? null);
  const lost = marks.find((m) => !parsed.re.some((re) => m.pos >= re.pos && m.pos < re.pos + re.text.length));
  if (lost) throw caretError("formula", text, lost.pos, `'| ${lost.id} |' belongs inside a group term, as in (1 | ${lost.id} | g)`);
  return { formula: blanked, ids };
}

/** `mvbind(y1, y2) ~ rhs` → one formula per response, `y1 ~ rhs`, … */
function splitMvbind(text: string, family: string | null): MultivariateResponse[] {
  const tilde = splitTop(text, "~");
  if (tilde.length !== 2) throw new UserError(`formula: '${text.trim()}': a multivariate formula is mvbind(y1, y2, …) ~ predictors`);
  const call = callOf(tilde[0].text, tilde[0].pos, "mvbind");
  if (!call) throw caretError("formula", text, tilde[0].pos, "write the responses as mvbind(y1, y2, …) on the left of '~'");
  const ys = splitTop(text, ",", call.from, call.to).map((p) => p.text.trim());
  if (ys.length < 2) throw caretError("formula", text, call.from, "mvbind() needs at least two responses");
  for (const y of ys) if (!/^[A-Za-z.][A-Za-z0-9_.]*$/.test(y)) throw caretError("formula", text, call.from, `mvbind(): each response is a column name, got '${y}'`);
  return ys.map((y) => {
    const f = `${y} ~${tilde[1].text}`;
    const { formula, ids } = withoutIds(f);
    return { formula, text: f, name: responseName(y), family, ids };
  });
}

/** `bf(formula, family = poisson)`: the formula and the family, other arguments refused. */
function splitBf(text: string, call: { from: number; to: number }): MultivariateResponse[] {
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
  if (/^\s*mvbind\s*\(/.test(f)) return splitMvbind(f, family);
  const { formula, ids } = withoutIds(f);
  const parsed = parseFormulaParts(formula);
  if (!parsed.response) throw caretError("formula", text, args[0].pos, "each bf() needs a response on the left of '~'");
  return [{ formula, text: f.trim(), name: responseName(parsed.response.label), family, ids }];
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
