/**
 * A non-linear model in `model.json` (src/predict/savedModel.ts): the formula keeps the expression and
 * the parameters' formulas; beside them are saved the columns the expression reads and, per parameter,
 * its coefficient names, the levels / scales its variables learned and its group terms.
 */
import { UserError } from "../errors.js";
import type { DataColumns } from "../formula/data.js";
import type { DesignGroup, FormulaDesign } from "../formula/design.js";
import { dparNames } from "../formula/design.js";
import type { Learned } from "../formula/evaluate.js";
import { parseNonlinearMain, type SplitNonlinear } from "../formula/nonlinear.js";
import { nonlinearBlocks, parseNlpar, type DesignNonlinear } from "../formula/nonlinearDesign.js";
import type { ParsedFormula } from "../formula/terms.js";
import type { SavedFormulaModel } from "./savedModel.js";

type SavedLearned = Pick<SavedFormulaModel, "levels" | "scales" | "polys" | "splines">;

export interface SavedNlpar extends SavedLearned {
  readonly name: string;
  readonly intercept: boolean;
  readonly X: { readonly names: readonly string[] };
  readonly groups: SavedFormulaModel["groups"];
}

export interface SavedNonlinear {
  /** The data columns the expression reads. */
  readonly covariates: readonly string[];
  readonly nlpars: readonly SavedNlpar[];
}

export function saveNonlinear(nl: DesignNonlinear, saveLearned: (l: Learned) => Required<SavedLearned>, saveGroups: (g: readonly DesignGroup[]) => SavedFormulaModel["groups"]): SavedNonlinear {
  return {
    covariates: [...nl.covariates],
    nlpars: nl.nlpars.map((p) => ({ name: p.name, intercept: p.intercept, X: { names: [...p.X.names] }, ...saveLearned(p.encoding.learned), groups: saveGroups(p.groups) })),
  };
}

/** Only the saved columns exist, all numeric: enough to tell the expression's columns from its parameters. */
function savedColumns(names: readonly string[]): DataColumns {
  return {
    nRows: 0,
    names,
    column: (name) => (names.includes(name) ? { kind: "numeric", values: new Float64Array(0), missing: new Uint8Array(0) } : undefined),
  };
}

function bad(what: string): UserError {
  return new UserError(`model.json: ${what}; write it again with hbayes fit --out`);
}

/** `designFromSaved` for a formula with nl = TRUE: the ordinary parts through `base`, the non-linear ones from `v.nonlinear`. */
export function nonlinearFromSaved(
  v: SavedFormulaModel,
  split: SplitNonlinear,
  base: (json: unknown) => FormulaDesign,
  restoreLearned: (s: SavedLearned) => Learned,
  restoreGroups: (parsed: ParsedFormula, saved: SavedFormulaModel["groups"], dpar: string) => DesignGroup[],
): FormulaDesign {
  const s = v.nonlinear;
  if (!s || !Array.isArray(s.covariates) || !s.covariates.every((c) => typeof c === "string") || !Array.isArray(s.nlpars) || s.nlpars.length !== split.nlpars.length) {
    throw bad(`the formula is non-linear with ${split.nlpars.length} parameters, but their saved encoding (nonlinear) is missing or does not match`);
  }
  const main = parseNonlinearMain(split.main, split.nlpars.map((p) => p.name), savedColumns(s.covariates));
  if (main.covariates.join("\u0000") !== s.covariates.join("\u0000")) throw bad("nonlinear.covariates do not match the expression's columns");
  const dparText = split.dpars.length > 0 ? `, ${split.dpars.join(", ")}` : "";
  const ordinary = base({ ...v, formula: `bf(${main.lhs} ~ 0${dparText})`, nonlinear: undefined });
  const nlpars = split.nlpars.map((part, k) => {
    const p = s.nlpars[k];
    if (!p || p.name !== part.name || !p.X || !Array.isArray(p.X.names) || !Array.isArray(p.levels) || !Array.isArray(p.scales)) throw bad(`nonlinear.nlpars[${k}] does not match the formula's '${part.text}'`);
    const { parsed, ids } = parseNlpar(part.text);
    const q = p.X.names.length;
    return {
      name: part.name,
      text: part.text,
      intercept: p.intercept === true,
      X: { names: p.X.names, values: new Float64Array(0), means: new Float64Array(q) },
      bNames: dparNames(part.name, false, p.X.names),
      groups: restoreGroups(parsed, p.groups, part.name),
      ids,
      encoding: { parsed, learned: restoreLearned(p) },
    };
  });
  const joined = nonlinearBlocks(nlpars);
  return { ...ordinary, formula: v.formula, nonlinear: { main: split.main, expr: main.expr, covariates: main.covariates, covariateValues: [], nlpars: joined.nlpars, blocks: joined.blocks } };
}
