/**
 * `pooling(spec, options)`: fit no, complete and partial pooling from one GlmmSpec with a single
 * varying-intercept group term, and put each group's three estimates side by side on the response
 * scale with its shrinkage factor, plus PSIS-LOO of the three models.
 */
import { fitProgram, type FitOptions } from "../api/fit.js";
import type { Fit } from "../api/fitResult.js";
import { buildGlmmIr, type BuiltGlmm } from "../glmm/buildIr.js";
import type { GlmmSpec } from "../glmm/types.js";
import { UserError } from "../errors.js";
import { noPoolingNote } from "./groupLevel.js";
import { pointwiseLogLik } from "./logLik.js";
import { poolingLoo } from "./looComparison.js";
import { groupDraws, responseScale } from "./responseScale.js";
import { interval, NAN_INTERVAL, shrinkageFactor } from "./summarise.js";
import { POOLING_MODELS, type Interval, type PoolingGroup, type PoolingLoo, type PoolingModel, type ResponseScale } from "./types.js";
import { poolingVariants, type PoolingFamily, type PoolingVariants } from "./variants.js";

export type PoolingOptions = Omit<FitOptions, "generated" | "init"> & {
  /** Compute PSIS-LOO of the three models (default true). */
  readonly loo?: boolean;
};

export interface PoolingResult {
  /** Most-shrunk groups first (groups whose shrinkage is NaN last), then by n. */
  readonly groups: readonly PoolingGroup[];
  /** null when `loo: false`. */
  readonly loo: PoolingLoo | null;
  readonly scale: ResponseScale;
  /** The partial-pooling model's population estimate (intercept at the predictor means), response scale. */
  readonly population: Interval;
  /** The grouping factor's name, e.g. `county`. */
  readonly groupName: string;
  readonly variants: PoolingVariants;
  readonly fits: Readonly<Record<PoolingModel, Fit>>;
  /** What the comparison changed about the models as given (group-level predictors left out of no pooling). */
  readonly notes: readonly string[];
}

/**
 * The JSON the CLI and the web view read: `{ groups, loo }`, plus `notes` when the comparison left
 * something out (group-level predictors under no pooling); NaN written as null by JSON.stringify.
 */
export function poolingJson(result: Pick<PoolingResult, "groups" | "loo"> & { readonly notes?: readonly string[] }): {
  groups: readonly PoolingGroup[];
  loo: PoolingLoo | null;
  notes?: readonly string[];
} {
  return { groups: result.groups, loo: result.loo, ...(result.notes !== undefined && result.notes.length > 0 ? { notes: result.notes } : {}) };
}

/** Rows per level, or total trials per level for the binomial family. */
export function groupSizes(spec: GlmmSpec, index: Int32Array, levels: number): Float64Array {
  const n = new Float64Array(levels);
  for (let i = 0; i < spec.n; i++) n[index[i] - 1] += spec.family === "binomial" && spec.trials ? spec.trials[i] : 1;
  return n;
}

/** Descending shrinkage, NaN last; ties (and NaNs) by ascending n, then level order. */
export function compareGroups(a: PoolingGroup, b: PoolingGroup): number {
  const sa = Number.isNaN(a.shrinkage) ? -1 : a.shrinkage;
  const sb = Number.isNaN(b.shrinkage) ? -1 : b.shrinkage;
  return sb - sa || a.n - b.n;
}

export async function pooling(spec: GlmmSpec, options: PoolingOptions = {}): Promise<PoolingResult> {
  const { loo: wantLoo = true, ...fitOptions } = options;
  for (const key of ["generated", "init"]) {
    if (key in options) throw new UserError(`pooling: option ${key} is not supported here; valid options are the fit options and loo`);
  }
  const variants = poolingVariants(spec);
  const built = {} as Record<PoolingModel, BuiltGlmm>;
  const fits = {} as Record<PoolingModel, Fit>;
  for (const m of POOLING_MODELS) {
    built[m] = buildGlmmIr(variants.specs[m]);
    // No pooling has no hyperparameters, so integrating its group intercepts out gains nothing, and
    // with known standard errors (eight schools) src/marginal integrates out every coordinate and
    // then has nothing to sample (sample() rejects a 0-dimensional target): sample it as written.
    const options = m === "no_pooling" && !("marginalize" in fitOptions) ? { ...fitOptions, marginalize: "none" as const } : fitOptions;
    fits[m] = await fitProgram({ name: m, program: built[m].program, data: built[m].data, rename: built[m].outputs.rename }, options);
  }

  const family = spec.family as PoolingFamily;
  const g = variants.group;
  const draws = groupDraws(fits, variants);
  const sizes = groupSizes(spec, g.index, g.levels.length);
  const groups: PoolingGroup[] = g.levels.map((level, j) => {
    const no = sizes[j] > 0 ? interval(draws.no_pooling[j]) : NAN_INTERVAL;
    const complete = interval(draws.complete_pooling[j]);
    const partial = interval(draws.partial_pooling[j]);
    return { group: level, n: sizes[j], no_pooling: no, complete_pooling: complete, partial_pooling: partial, shrinkage: shrinkageFactor(no, complete, partial) };
  });
  groups.sort(compareGroups);

  const loo = wantLoo ? poolingLoo(Object.fromEntries(POOLING_MODELS.map((m) => [m, pointwiseLogLik(fits[m], built[m])])) as Record<PoolingModel, ReturnType<typeof pointwiseLogLik>>) : null;
  const dropped = variants.noPoolingDropped;
  const notes = dropped.length > 0 ? [noPoolingNote(dropped, g.name)] : [];
  return { groups, loo, scale: responseScale(family, dropped), population: interval(draws.population), groupName: g.name, variants, fits, notes };
}
