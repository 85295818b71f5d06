/**
 * Population-level predictors that take one value within each level of the pooled group (a patient's
 * age, a county's uranium): under no pooling they are collinear with the per-group intercepts, so the
 * no-pooling model leaves them out (variants.ts) and each group's intercept absorbs them.
 */
import type { GlmmSpec } from "../glmm/types.js";
import { withinGroupConstant } from "../reparam/groupPredictors.js";

/** Column indices (into spec.X) of the predictors constant within every level of the first group. */
export function groupLevelColumns(spec: Pick<GlmmSpec, "n" | "X" | "groups">): number[] {
  const g = spec.groups[0];
  if (g === undefined) return [];
  const p = spec.X.names.length;
  const { constant } = withinGroupConstant(spec.X.values.subarray(0, spec.n * p), p, g.index.subarray(0, spec.n), g.levels.length);
  const out: number[] = [];
  for (let k = 0; k < p; k++) if (constant[k] === 1) out.push(k);
  return out;
}

/** Each level's value of column k (row-major X with p columns); NaN for a level without rows. */
export function levelValues(spec: Pick<GlmmSpec, "n" | "X">, index: Int32Array, levels: number, k: number): Float64Array {
  const p = spec.X.names.length;
  const out = new Float64Array(levels).fill(NaN);
  for (let i = 0; i < spec.n; i++) out[index[i] - 1] = spec.X.values[i * p + k];
  return out;
}

/** What the comparison says when it left group-level predictors out of no pooling (pooling.json's notes, the CLI, the report). */
export function noPoolingNote(dropped: readonly string[], group: string): string {
  const one = dropped.length === 1;
  return (
    `no pooling: ${dropped.join(", ")} ${one ? "is" : "are"} constant within every ${group}, so beside one intercept per ${group} ` +
    `${one ? "it is" : "they are"} not identified; the no-pooling model leaves ${one ? "it" : "them"} out (each ${group}'s intercept absorbs ${one ? "it" : "them"}), ` +
    `and every column gives each ${group}'s value at its own ${dropped.join(", ")}.`
  );
}
