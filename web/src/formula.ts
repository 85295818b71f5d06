/**
 * The formula box. Syntax is checked with src/formula's parser as the user types (errors carry the
 * formula and a caret line). Fitting a formula needs the rest of the front end (frame → design →
 * GlmmSpec for src/glmm/buildIr.ts), which has not landed yet: `FORMULA_FIT_AVAILABLE` says so and
 * the page tells the user instead of pretending.
 */
import { GLMM_FAMILIES } from "../../src/glmm/types.js";
import { parseFormula } from "../../src/formula/parse.js";

export const FORMULA_FIT_AVAILABLE = false;
export const FAMILIES: readonly string[] = GLMM_FAMILIES;

/** null when the text parses; otherwise the parser's message (multi-line: message, formula, caret). */
export function formulaSyntaxError(text: string): string | null {
  try {
    parseFormula(text);
    return null;
  } catch (e) {
    if (e instanceof Error && e.name === "UserError") return e.message;
    throw e;
  }
}
