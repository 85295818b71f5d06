/**
 * Formula and prior errors: a `UserError` that shows the text with a caret under the offending
 * column, so the user sees where the problem is, not just what it is.
 */
import { UserError } from "../errors.js";

/** `formula: expected ')' …` + the text + a caret line. `pos` is a 0-based offset into `text`. */
export function caretError(label: string, text: string, pos: number, message: string): UserError {
  const at = Math.max(0, Math.min(pos, text.length));
  // Tabs and newlines would misplace the caret; show them as spaces.
  const shown = text.replace(/[\t\r\n]/g, " ");
  return new UserError(`${label}: ${message}\n  ${shown}\n  ${" ".repeat(at)}^`);
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Candidates within a small edit distance (case-insensitive), closest first, at most three. */
export function closeMatches(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  return candidates
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter((e) => e.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((e) => e.c);
}

/** ` (did you mean 'floor'?)` or ``. */
export function suggestion(name: string, candidates: readonly string[]): string {
  const close = closeMatches(name, candidates);
  return close.length === 0 ? "" : ` (did you mean ${close.map((c) => `'${c}'`).join(" or ")}?)`;
}
