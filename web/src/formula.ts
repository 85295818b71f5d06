/**
 * The formula box: syntax checked with src/formula's parser as the user types (errors carry the
 * formula and a caret line), then formula + family + priors + table → design → GlmmSpec → IR with
 * brms's output names, ready for `fitProgram`. The design and spec are kept: the PPC draws responses
 * through the design, and the pooling comparison refits the spec three ways.
 */
import type { ProgramToFit } from "../../src/api/fit.js";
import type { SamplePrior } from "../../src/api/priorOnly.js";
import { buildFormulaModel, type FormulaModel } from "../../src/api/formulaFit.js";
import { GLMM_FAMILIES } from "../../src/glmm/types.js";
import type { DataTable } from "../../src/io/dataTable.js";
import { parseDpar } from "../../src/formula/design.js";
import { familyInfo, splitDistributionalFormula } from "../../src/formula/families.js";
import { parseFormula } from "../../src/formula/parse.js";

/** The GLMM families, and the cumulative family's probit link as its own choice (brms's spelling). */
export const FAMILIES: readonly string[] = [...GLMM_FAMILIES, "cumulative(probit)"];

/** The levels box: an ordinal response's categories, lowest first, comma-separated; empty means none given. */
export function levelList(text: string): string[] | undefined {
  const labels = text.split(",").map((l) => l.trim()).filter((l) => l !== "");
  return labels.length > 0 ? labels : undefined;
}

/**
 * null when the text parses; otherwise the parser's message (multi-line: message, formula, caret).
 * A distributional formula (`bf(y ~ x, sigma ~ z)`) is split first and each part parsed as the fit
 * will parse it: the bare parser reads `bf(` as a function call and flagged every such formula.
 */
export function formulaSyntaxError(text: string): string | null {
  try {
    const split = splitDistributionalFormula(text);
    parseFormula(split.main);
    for (const part of split.dpars) parseDpar(part);
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

export interface PageFormulaModel {
  readonly program: ProgramToFit;
  readonly model: FormulaModel;
}

/**
 * The program to fit and the model it came from; throws the front end's UserError (with a caret where
 * it has one). `samplePrior` "only" builds the program without its likelihood (refusing flat priors):
 * the workers receive that program, so nothing else needs to know.
 */
export function formulaModel(formula: string, family: string, priors: readonly string[], table: DataTable, levels?: readonly string[], samplePrior: SamplePrior = "no"): PageFormulaModel {
  // The levels box keeps its text when the family changes; only the cumulative family has categories
  // to order, and the API would refuse levels for any other (the box is not the user's mistake then).
  const ordinal = familyInfo(family).name === "cumulative";
  const model = buildFormulaModel({ formula, data: table, family, priors, ...(levels && ordinal ? { levels } : {}), samplePrior });
  const built = model.built;
  return { program: { name: "formula", program: built.program, data: built.data, rename: built.outputs.rename }, model };
}
