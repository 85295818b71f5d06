/**
 * A categorical model's `model.json` back into a design without rows (see savedModel.ts): the
 * categories, and per non-reference category its predictor's encoding, saved as a distributional
 * part named `mu<label>` whose text is the formula's right-hand side.
 */
import { UserError } from "../errors.js";
import { categoricalDesign, categoricalMuNames } from "../formula/categorical.js";
import { dparNames, type DesignDpar, type DesignGroup, type FormulaDesign } from "../formula/design.js";
import type { Learned } from "../formula/evaluate.js";
import type { FamilyInfo } from "../formula/families.js";
import { parseFormulaParts, type ParsedFormula } from "../formula/terms.js";
import type { SavedDpar, SavedFormulaModel } from "./savedModel.js";

type SavedLearned = Pick<SavedFormulaModel, "levels" | "scales" | "polys" | "splines">;

export function categoricalFromSaved(
  v: SavedFormulaModel,
  family: FamilyInfo,
  restoreLearned: (s: SavedLearned) => Learned,
  restoreGroups: (parsed: ParsedFormula, saved: SavedFormulaModel["groups"], dpar: string) => DesignGroup[],
): FormulaDesign {
  const bad = (what: string) => new UserError(`model.json: ${what}; write it again with hbayes fit --out`);
  const categories = v.categories;
  if (!(Array.isArray(categories) && categories.length >= 3 && categories.every((c) => typeof c === "string"))) throw bad("a categorical model needs its categories (at least three)");
  const parsed = parseFormulaParts(v.formula);
  const mus = categoricalMuNames(categories);
  const saved = v.dpars ?? [];
  if (!Array.isArray(saved) || saved.length !== mus.length) throw bad(`a categorical model of ${categories.length} categories needs ${mus.length} predictors, ${Array.isArray(saved) ? saved.length : "no list"} are saved`);
  const rhs: ParsedFormula = { ...parsed, response: null };
  const text = parsed.text.slice(parsed.text.indexOf("~") + 1).trim();
  const dpars: DesignDpar[] = mus.map((mu, k) => {
    const d = saved[k] as SavedDpar;
    if (!d || d.dpar !== mu || !d.X || !Array.isArray(d.X.names) || !Array.isArray(d.X.means) || d.X.means.length !== d.X.names.length || !Array.isArray(d.levels) || !Array.isArray(d.scales)) {
      throw bad(`dpars[${k}] is not the categorical predictor ${mu}`);
    }
    return {
      dpar: mu,
      text: `${mu} ~ ${text}`,
      intercept: d.intercept === true,
      X: { names: d.X.names, values: new Float64Array(0), means: Float64Array.from(d.X.means) },
      bNames: dparNames(mu, d.intercept === true, d.X.names),
      groups: restoreGroups(rhs, d.groups ?? [], mu),
      encoding: { parsed: rhs, learned: restoreLearned(d) },
    };
  });
  return categoricalDesign({ formula: v.formula, family, rows: new Int32Array(0), label: v.response, y: new Float64Array(0), categories, mus: dpars, messages: [], parsed, learned: restoreLearned(v) });
}
