/**
 * The formula box: syntax checked with src/formula's parser as the user types (errors carry the
 * formula and a caret line), then formula + family + priors + table → design → GlmmSpec → IR with
 * brms's output names, ready for `fitProgram`. The design and spec are kept: the PPC draws responses
 * through the design, and the pooling comparison refits the spec three ways.
 */
import type { ProgramToFit } from "../../src/api/fit.js";
import type { SamplePrior } from "../../src/api/priorOnly.js";
import { buildFormulaModel, type FormulaModel } from "../../src/api/formulaFit.js";
import { buildMultivariateModel, type MultivariateModel } from "../../src/api/multivariateFit.js";
import { UserError } from "../../src/errors.js";
import type { KnownCovariance, KnownCovariances } from "../../src/formula/knownCov.js";
import { isMultivariateFormula, splitMultivariateFormula } from "../../src/formula/multivariate.js";
import { splitNonlinearFormula } from "../../src/formula/nonlinear.js";
import { parseNlpar } from "../../src/formula/nonlinearDesign.js";
import { GLMM_FAMILIES } from "../../src/glmm/types.js";
import type { DataTable } from "../../src/io/dataTable.js";
import { parseDpar } from "../../src/formula/design.js";
import { familyInfo, splitDistributionalFormula } from "../../src/formula/families.js";
import { parseFormula } from "../../src/formula/parse.js";

/** The GLMM families, and the cumulative family's probit link as its own choice (brms's spelling). */
export const FAMILIES: readonly string[] = [...GLMM_FAMILIES, "cumulative(probit)"];

/** The families whose response has categories the levels box orders: cumulative (lowest first) and categorical (the first the reference). */
function hasLevels(family: string): boolean {
  const name = familyInfo(family).name;
  return name === "cumulative" || name === "categorical";
}

/** The levels box: an ordinal or categorical response's categories in order, comma-separated; empty means none given. */
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
    // The same three readings, in the same order, as the fit: multivariate, non-linear, then bf()'s distributional parts.
    if (isMultivariateFormula(text)) {
      for (const r of splitMultivariateFormula(text).responses) syntaxOfPart(r.formula);
      return null;
    }
    const nl = splitNonlinearFormula(text);
    if (nl !== null) {
      // The main formula with its family parameters' parts is an ordinary bf(); the parameters' own formulas parse alone.
      syntaxOfPart(nl.dpars.length > 0 ? `bf(${nl.main}, ${nl.dpars.join(", ")})` : nl.main);
      for (const p of nl.nlpars) parseNlpar(p.text);
      return null;
    }
    syntaxOfPart(text);
    return null;
  } catch (e) {
    if (e instanceof Error && e.name === "UserError") return e.message;
    throw e;
  }
}

function syntaxOfPart(text: string): void {
  const split = splitDistributionalFormula(text);
  parseFormula(split.main);
  for (const part of split.dpars) parseDpar(part);
}

/** The names of the known covariance matrices the formula's `gr(g, cov = A)` terms need, in order of appearance. */
export function covNames(formula: string): string[] {
  const names = [...formula.matchAll(/\bgr\s*\([^()]*?\bcov\s*=\s*([A-Za-z_.][A-Za-z0-9_.]*)/g)].map((m) => m[1]);
  return [...new Set(names)];
}

/**
 * The loaded matrix files under the names the formula uses: a file `A.csv` is matrix `A`; with one
 * name in the formula and one file loaded, that file is the matrix whatever its file name (a user
 * exporting `write.csv(vcv(tree), "phylo.csv")` should not have to rename it). A needed name without
 * a file is refused here, in the page's words, before the front end's message (which names --cov).
 */
export function pageCovariances(formula: string, files: ReadonlyMap<string, { readonly file: string; readonly matrix: KnownCovariance }>): KnownCovariances | undefined {
  const needed = covNames(formula);
  if (needed.length === 0) return undefined;
  const out: Record<string, KnownCovariance> = {};
  const only = needed.length === 1 && files.size === 1 ? [...files.values()][0] : undefined;
  for (const name of needed) {
    const loaded = files.get(name) ?? only;
    if (loaded === undefined) {
      const have = files.size > 0 ? ` (loaded: ${[...files.keys()].map((k) => `${k}.csv`).join(", ")})` : "";
      throw new UserError(`gr(…, cov = ${name}) needs the covariance matrix '${name}': load it as ${name}.csv (R's write.csv(${name}) layout: a header row of level names, then one row per level) with "covariance matrices" under the formula${have}`);
    }
    out[name] = loaded.matrix;
  }
  return out;
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

/** A multivariate formula's program and model (brms's mvbind / bf() + bf()): one design per response. */
export interface PageMultivariateModel {
  readonly program: ProgramToFit;
  readonly mv: MultivariateModel;
}

/** What the formula box builds: a univariate model or a multivariate one. */
export type PageModel = ({ readonly kind: "formula" } & PageFormulaModel) | ({ readonly kind: "multivariate" } & PageMultivariateModel);

/**
 * The formula box's model, univariate or multivariate as the text says (the CLI's fit decides the same
 * way). A multivariate formula refuses what the CLI refuses with it (prior-only sampling, levels, gr(cov)).
 */
export function pageModel(formula: string, family: string, priors: readonly string[], table: DataTable, levels?: readonly string[], samplePrior: SamplePrior = "no", data2?: KnownCovariances): PageModel {
  if (isMultivariateFormula(formula)) {
    if (samplePrior !== "no") throw new UserError("sample: prior draws are not supported for multivariate formulas (mvbind / bf() + bf()) yet; choose posterior");
    if (covNames(formula).length > 0) throw new UserError("gr(…, cov = …) is not supported in multivariate formulas (mvbind / bf() + bf()) yet");
    const mv = buildMultivariateModel({ formula, data: table, family, priors });
    return { kind: "multivariate", mv, program: { name: "formula", program: mv.built.program, data: mv.built.data, rename: mv.built.outputs.rename } };
  }
  return { kind: "formula", ...formulaModel(formula, family, priors, table, levels, samplePrior, data2) };
}

/**
 * The program to fit and the model it came from; throws the front end's UserError (with a caret where
 * it has one). `samplePrior` "only" builds the program without its likelihood (refusing flat priors):
 * the workers receive that program, so nothing else needs to know.
 */
export function formulaModel(formula: string, family: string, priors: readonly string[], table: DataTable, levels?: readonly string[], samplePrior: SamplePrior = "no", data2?: KnownCovariances): PageFormulaModel {
  // The levels box keeps its text when the family changes; only the cumulative and categorical families
  // have categories to order, and the API would refuse levels for any other (the box is not the user's mistake then).
  const model = buildFormulaModel({ formula, data: table, family, priors, ...(levels && hasLevels(family) ? { levels } : {}), samplePrior, ...(data2 ? { data2 } : {}) });
  const built = model.built;
  return { program: { name: "formula", program: built.program, data: built.data, rename: built.outputs.rename }, model };
}
