/** PSIS-LOO of the three pooling models and their loo_compare-style comparison. */
import { psisLoo, type LooResult } from "../diagnostics/loo.js";
import { looCompare } from "../diagnostics/looCompare.js";
import type { PointwiseLogLik } from "./logLik.js";
import { POOLING_MODELS, type LooEntry, type PoolingLoo, type PoolingModel } from "./types.js";

/**
 * The Pareto k̂ above which an observation's PSIS estimate is unreliable: min(1 − 1/log10(S), 0.7)
 * for S draws (Vehtari et al. 2024, loo ≥ 2.6; it is 0.7 from S = 2154 draws on).
 */
export function paretoKThreshold(draws: number): number {
  return Math.min(1 - 1 / Math.log10(draws), 0.7);
}

function entry(l: LooResult, draws: number): LooEntry {
  const threshold = paretoKThreshold(draws);
  let bad = 0;
  let max = -Infinity;
  for (const k of l.pareto_k) {
    if (k > threshold) bad++;
    if (k > max) max = k;
  }
  return { elpd_loo: l.elpd_loo, se_elpd_loo: l.se_elpd_loo, p_loo: l.p_loo, looic: l.looic, pareto_k_threshold: threshold, pareto_k_bad: bad, pareto_k_max: max };
}

export function poolingLoo(logLik: Readonly<Record<PoolingModel, PointwiseLogLik>>): PoolingLoo {
  const loos = POOLING_MODELS.map((m) => psisLoo(logLik[m], { chainIds: logLik[m].chainIds }));
  const models = Object.fromEntries(POOLING_MODELS.map((m, j) => [m, entry(loos[j], logLik[m].draws)])) as Record<PoolingModel, LooEntry>;
  const comparison = looCompare(...loos).map((row) => ({ model: POOLING_MODELS[row.model], elpd_diff: row.elpd_diff, se_diff: row.se_diff }));
  const warnings: string[] = [];
  for (const m of POOLING_MODELS) {
    const e = models[m];
    if (e.pareto_k_bad > 0) {
      warnings.push(
        `${m}: ${e.pareto_k_bad} of ${logLik[m].observations} observations have Pareto k > ${e.pareto_k_threshold.toFixed(2)} (max ${e.pareto_k_max.toFixed(2)}): its elpd_loo is unreliable; refit without them (exact LOO) or use K-fold cross-validation`,
      );
    }
  }
  return { models, comparison, warnings };
}
