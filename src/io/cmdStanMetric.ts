/**
 * An hbayes chain's adapted metric in CmdStan's terms, for the adaptation block of its CSV. CmdStan
 * knows diag_e and dense_e: "diag" and "fisher-diag" are diagonal; "fisher-lowrank" (diagonal plus a
 * low-rank correction, which CmdStan has no name for) is written whole as a dense_e matrix — its
 * diagonal alone would misreport it — and so is a chain of such a run whose warmup kept no direction,
 * so that every file of the run names the same metric.
 */
import { lowRankInverseDense, type LowRankFactors, type MetricKind } from "../inference/metric.js";
import type { CmdStanMetric } from "./writeCmdStanCsv.js";

export function cmdStanMetric(kind: MetricKind): CmdStanMetric {
  return kind === "dense" || kind === "fisher-lowrank" ? "dense_e" : "diag_e";
}

/** The inverse metric as `cmdStanMetric(kind)` lays it out: dim values (diag_e) or dim × dim row-major (dense_e). */
export function cmdStanInverseMetric(
  kind: MetricKind,
  chain: { readonly inverseMetric: Float64Array; readonly lowRank: LowRankFactors | null },
): Float64Array {
  if (kind !== "fisher-lowrank") return chain.inverseMetric;
  if (chain.lowRank !== null) return lowRankInverseDense(chain.lowRank);
  const d = chain.inverseMetric;
  const dense = new Float64Array(d.length * d.length);
  for (let i = 0; i < d.length; i++) dense[i * d.length + i] = d[i];
  return dense;
}
