/**
 * A multivariate model's `model.json` (written by `hbayes fit --out`, read by `hbayes predict`): each
 * response's saved univariate encoding (savedModel.ts's schema), brms's response names, the `| ID |`
 * blocks and whether residuals are correlated. Versioned by `schema`.
 */
import { UserError } from "../errors.js";
import type { FormulaDesign } from "../formula/design.js";
import type { MultivariateDesign } from "../formula/multivariateDesign.js";
import type { MvBlock } from "../glmm/multivariateIr.js";
import { designFromSaved, saveFormulaModel, type SavedFormulaModel } from "./savedModel.js";
import type { MultivariatePredictModel } from "./multivariate.js";

export const SAVED_MULTIVARIATE_SCHEMA = "hbayes-multivariate-model/1";

export interface SavedMultivariateModel {
  readonly schema: typeof SAVED_MULTIVARIATE_SCHEMA;
  readonly formula: string;
  readonly priors: readonly string[];
  readonly data: string | null;
  readonly names: readonly string[];
  readonly rescor: boolean;
  readonly blocks: readonly { readonly members: readonly { readonly k: number; readonly gi: number }[] }[];
  readonly responses: readonly SavedFormulaModel[];
}

export function saveMultivariateModel(formula: string, mv: MultivariateDesign, priors: readonly string[], dataFile: string | null): SavedMultivariateModel {
  return {
    schema: SAVED_MULTIVARIATE_SCHEMA,
    formula,
    priors: [...priors],
    data: dataFile,
    names: [...mv.model.names],
    rescor: mv.model.rescor,
    blocks: mv.model.blocks.map((b) => ({ members: b.members.map((m) => ({ k: m.k, gi: m.gi })) })),
    responses: mv.designs.map((d) => saveFormulaModel(d, [], null)),
  };
}

export function isSavedMultivariate(json: unknown): boolean {
  return json !== null && typeof json === "object" && (json as { schema?: unknown }).schema === SAVED_MULTIVARIATE_SCHEMA;
}

export function multivariateFromSaved(json: unknown): MultivariatePredictModel {
  const s = json as Partial<SavedMultivariateModel>;
  const bad = (why: string) => new UserError(`model.json (multivariate): ${why}; write it again with hbayes fit --out`);
  if (!isSavedMultivariate(s)) throw bad(`schema must be ${SAVED_MULTIVARIATE_SCHEMA}`);
  if (!Array.isArray(s.names) || !Array.isArray(s.responses) || s.names.length !== s.responses.length || s.names.length < 2) throw bad("names and responses must be lists of the same length (at least two)");
  if (typeof s.rescor !== "boolean" || !Array.isArray(s.blocks)) throw bad("rescor must be true or false and blocks a list");
  const designs: FormulaDesign[] = s.responses.map((r) => designFromSaved(r));
  type Member = { k: number; gi: number };
  const blocks: MvBlock[] = (s.blocks as { members?: Member[] }[]).map((b) => {
    if (!b || !Array.isArray(b.members) || !b.members.every((m: Member) => Number.isInteger(m?.k) && Number.isInteger(m?.gi) && m.k >= 0 && m.k < designs.length && m.gi >= 0 && m.gi < designs[m.k].groups.length)) throw bad("a block's members must name responses and their group terms");
    return { members: b.members.map((m: Member) => ({ k: m.k, gi: m.gi })) };
  });
  return { designs, model: { names: s.names.map(String), rescor: s.rescor, blocks } };
}
