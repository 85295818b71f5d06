/** A pooling result → the input of `shrinkagePlot` (src/plots/shrinkagePlot.ts). */
import type { ShrinkageGroup, ShrinkagePlotOptions } from "../plots/shrinkagePlot.js";
import type { PoolingResult } from "./pooling.js";
import type { DslPoolingVariants } from "./poolingDsl.js";
import type { PoolingVariants } from "./variants.js";

export function shrinkageGroups(result: Pick<PoolingResult, "groups">): ShrinkageGroup[] {
  return result.groups.map((g) => ({
    label: g.group,
    n: g.n,
    noPooling: g.no_pooling.mean,
    partialPooling: g.partial_pooling.mean,
    noPoolingInterval: [g.no_pooling.q5, g.no_pooling.q95] as const,
    partialPoolingInterval: [g.partial_pooling.q5, g.partial_pooling.q95] as const,
  }));
}

/**
 * The plot's options: the dashed population line at the complete-pooling estimate (the value every
 * group would get without its own data) when that is one value, the axis labelled with the response scale.
 */
export function shrinkagePlotOptions(
  result: Pick<PoolingResult, "groups" | "scale" | "groupName"> & { readonly variants: Pick<PoolingVariants, "noPoolingDropped"> | Pick<DslPoolingVariants, "parameter"> },
): ShrinkagePlotOptions {
  const label = { mean: "mean response", median: "median response", probability: "probability", rate: "rate per unit exposure" }[result.scale.kind];
  // With group-level predictors (left out of no pooling: variants.ts) complete pooling differs by group
  // (responseScale.ts): no single line then. Read from the variants, not from equal means, which a
  // group-level predictor with one value everywhere but in rounding would also give (a DSL comparison drops none).
  const shared = !("noPoolingDropped" in result.variants) || result.variants.noPoolingDropped.length === 0;
  const populationMean = result.groups.length > 0 && shared ? result.groups[0].complete_pooling.mean : undefined;
  return { populationMean, xLabel: `${label} by ${result.groupName}` };
}
