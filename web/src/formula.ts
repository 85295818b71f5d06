/**
 * The formula box: syntax checked with src/formula's parser as the user types (errors carry the
 * formula and a caret line), then formula + family + priors + table → design → GlmmSpec → IR with
 * brms's output names, ready for `fitProgram`.
 */
import type { ProgramToFit } from "../../src/api/fit.js";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";
import { GLMM_FAMILIES } from "../../src/glmm/types.js";
import type { DataTable } from "../../src/io/dataTable.js";
import { buildDesign } from "../../src/formula/design.js";
import { parseFormula } from "../../src/formula/parse.js";
import { resolvePriors } from "../../src/formula/priors.js";
import { toGlmmSpec } from "../../src/formula/toGlmm.js";

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

/** Prior lines as typed (blank lines and `#` comments ignored). */
export function priorLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** The program to fit; throws the front end's UserError (with a caret where it has one). */
export function formulaProgram(formula: string, family: string, priors: readonly string[], table: DataTable): ProgramToFit {
  const design = buildDesign(formula, table, { family });
  const built = buildGlmmIr(toGlmmSpec(design, resolvePriors(design, priors)));
  return { name: "formula", program: built.program, data: built.data, rename: built.outputs.rename };
}
