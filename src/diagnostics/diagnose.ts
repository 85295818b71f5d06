/**
 * Warnings in words: what went wrong in a fit, why it matters and what to do, in the thresholds of
 * Vehtari et al. (2021) and Stan: R-hat > 1.01, bulk/tail ESS < 100 per chain, any divergence, any
 * tree-depth saturation, E-BFMI < 0.3.
 */
import type { Draws } from "../posterior/draws.js";
import type { Parameterisation } from "../reparam/choose.js";
import { summarize, type SummaryRow } from "../posterior/summary.js";
import { samplerDiagnostics, type SamplerDiagnostics } from "./sampler.js";

export const DIAGNOSE_THRESHOLDS = Object.freeze({
  rhat: 1.01,
  essPerChain: 100,
  ebfmi: 0.3,
  /**
   * Finite draws this large mean a parameter ran off toward the edge of floating point: the mark of
   * an improper posterior (a flat prior the data do not bound). No proper posterior on a sane data
   * scale puts mass there, and R-hat need not notice (rank-normalised chains can all run off alike).
   */
  runaway: 1e50,
});

export interface DiagnoseOptions {
  readonly maxTreeDepth: number;
  /** The summary rows, if already computed (saves recomputing R-hat and ESS). */
  readonly rows?: readonly SummaryRow[];
  /** The sampler diagnostics, if already computed. */
  readonly diagnostics?: SamplerDiagnostics;
  /**
   * How each sampled group-level parameter was parameterised (reported name, e.g. `r_BROOD`, and
   * "centred" | "noncentred" | "partial"), when the fit knows (the parameterisation pilot chose it). Then
   * the divergence and E-BFMI advice names only the groups still sampled (partly) centred, and when there
   * are none says that non-centring is done; without it the advice is the generic one.
   */
  readonly groups?: readonly GroupParameterisation[];
}

export interface GroupParameterisation {
  readonly name: string;
  /** As the pilot chose it (reparam/choose.ts). */
  readonly parameterisation: Parameterisation;
}

const LIST_AT_MOST = 3;

export function diagnose(draws: Draws, options: DiagnoseOptions): string[] {
  const rows = options.rows ?? summarize(draws);
  const diag = options.diagnostics ?? samplerDiagnostics(draws, { maxTreeDepth: options.maxTreeDepth });
  const total = draws.chains * draws.draws;
  const out: string[] = [];

  const runaway = runawayVariables(draws);
  if (runaway.length > 0) {
    out.push(
      `${listNames(runaway.map((r) => r.name))} ran off to values as large as ${worstMagnitude(runaway)} (beyond ${DIAGNOSE_THRESHOLDS.runaway.toExponential(0)}): ` +
        `the posterior is probably improper — a flat or very wide prior on a parameter the data cannot bound (for example a group-level sd ` +
        `with one observation per group, or a coefficient under perfect separation). These draws are not a posterior; do not use this fit. ` +
        `Give proper priors (e.g. "sd ~ student_t(3, 0, 2.5)", "b ~ normal(0, 2.5)").`,
    );
  }

  const scales = rows.map((r) => r.name).filter((n) => n.startsWith("sd_"));
  if (diag.divergences > 0) {
    const which = scales.length > 0 ? ` (${listNames(scales)})` : "";
    const advice =
      options.groups === undefined
        ? `Increase adapt_delta toward 0.99, or non-centre the group-level parameters${which}.`
        : centredAdvice(options.groups, "Increase adapt_delta toward 0.99, or non-centre", scales, "increase adapt_delta toward 0.99, or give");
    out.push(`${diag.divergences} of ${total} transitions after warmup were divergent: the posterior has regions the sampler cannot explore, so the draws may be biased. ${advice}`);
  }
  if (diag.treedepth_hits > 0) {
    out.push(
      `${diag.treedepth_hits} of ${total} transitions hit the maximum tree depth of ${options.maxTreeDepth}: this costs efficiency, ` +
        `not validity. Increase max_treedepth, or reparameterise to reduce strong posterior correlations.`,
    );
  }
  const lowBfmi = diag.ebfmi.flatMap((e, c) => (e < DIAGNOSE_THRESHOLDS.ebfmi ? [`chain ${c + 1}: ${e.toFixed(2)}`] : []));
  if (lowBfmi.length > 0) {
    const advice =
      options.groups === undefined
        ? "Non-centre the group-level parameters or use tighter priors on scale parameters."
        : centredAdvice(options.groups, "Non-centre", scales, "give");
    out.push(
      `E-BFMI below ${DIAGNOSE_THRESHOLDS.ebfmi} (${lowBfmi.join(", ")}): momentum resampling moves the chain between energy levels too slowly, ` +
        `typical of funnels and heavy tails. ${advice}`,
    );
  }

  const highRhat = rows.filter((r) => r.rhat > DIAGNOSE_THRESHOLDS.rhat).sort((a, b) => b.rhat - a.rhat);
  if (highRhat.length > 0) {
    out.push(
      `R-hat above ${DIAGNOSE_THRESHOLDS.rhat} for ${count(highRhat.length, "parameter")} (worst: ${worst(highRhat, (r) => r.rhat.toFixed(3))}): ` +
        `the chains disagree, so they have not converged to one distribution. Do not use these estimates yet; run longer chains or reparameterise.`,
    );
  }
  const minEss = DIAGNOSE_THRESHOLDS.essPerChain * draws.chains;
  const lowBulk = rows.filter((r) => r.ess_bulk < minEss).sort((a, b) => a.ess_bulk - b.ess_bulk);
  if (lowBulk.length > 0) {
    out.push(
      `Bulk ESS below ${minEss} (${DIAGNOSE_THRESHOLDS.essPerChain} per chain) for ${count(lowBulk.length, "parameter")} ` +
        `(lowest: ${worst(lowBulk, (r) => Math.round(r.ess_bulk).toString())}): means and medians are unreliable. Run more iterations.`,
    );
  }
  const lowTail = rows.filter((r) => r.ess_tail < minEss).sort((a, b) => a.ess_tail - b.ess_tail);
  if (lowTail.length > 0) {
    out.push(
      `Tail ESS below ${minEss} (${DIAGNOSE_THRESHOLDS.essPerChain} per chain) for ${count(lowTail.length, "parameter")} ` +
        `(lowest: ${worst(lowTail, (r) => Math.round(r.ess_tail).toString())}): the 5% and 95% quantiles are unreliable. Run more iterations.`,
    );
  }
  const nonFinite = rows.filter((r) => !Number.isFinite(r.mean)).map((r) => r.name);
  if (nonFinite.length > 0) {
    out.push(
      `${listNames(nonFinite)} ${nonFinite.length === 1 ? "has" : "have"} non-finite draws (NaN or ±Inf), so ${nonFinite.length === 1 ? "its" : "their"} ` +
        `summaries are not meaningful. Check the model for overflow or an unconstrained parameter that needs bounds.`,
    );
  }
  return out;
}

/**
 * Advice that follows what the fit did: non-centring names only the groups sampled (partly) centred;
 * when every one is already non-centred (grouseticks: the pilot non-centred all three groups, and the
 * old advice still said to non-centre them) it says so and points at the sampler and the sd priors.
 */
function centredAdvice(groups: readonly GroupParameterisation[], nonCentre: string, scales: readonly string[], otherwise: string): string {
  const centred = groups.filter((g) => g.parameterisation !== "noncentred");
  if (centred.length > 0) {
    const named = centred.map((g) => `${g.name}${g.parameterisation === "partial" ? " (partially centred)" : ""}`);
    return `${nonCentre} the group-level parameters sampled centred (${listNames(named)}).`;
  }
  const already = groups.length > 0 ? `The group-level parameters are already sampled non-centred (${listNames(groups.map((g) => g.name))}), so non-centring will not help: ` : "";
  // No group sd at all (no pooling's fixed-prior intercepts, or every group integrated out): no sd advice.
  const tail =
    scales.length > 0
      ? `${otherwise} the group-level sds (${listNames(scales)}) more informative priors (e.g. "sd ~ student_t(3, 0, 1)" or "sd ~ exponential(1)").`
      : `${otherwise} the parameters the data barely inform more informative priors.`;
  return already === "" ? `${tail.charAt(0).toUpperCase()}${tail.slice(1)}` : `${already}${tail}`;
}

/** Model variables (not sampler `__` columns) with finite draws beyond the runaway threshold, largest first. */
function runawayVariables(draws: Draws): { name: string; max: number }[] {
  const block = draws.chains * draws.draws;
  const out: { name: string; max: number }[] = [];
  draws.names.forEach((name, v) => {
    if (name.endsWith("__")) return;
    let max = 0;
    for (let k = v * block; k < (v + 1) * block; k++) {
      const a = Math.abs(draws.data[k]);
      if (a < Infinity && a > max) max = a;
    }
    if (max >= DIAGNOSE_THRESHOLDS.runaway) out.push({ name, max });
  });
  return out.sort((a, b) => b.max - a.max);
}

function worstMagnitude(rows: readonly { max: number }[]): string {
  return rows[0].max.toExponential(1).replace("e+", "e");
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, LIST_AT_MOST).join(", ");
  return names.length > LIST_AT_MOST ? `${shown}, … ${names.length - LIST_AT_MOST} more` : shown;
}

function worst(rows: readonly SummaryRow[], value: (r: SummaryRow) => string): string {
  const shown = rows.slice(0, LIST_AT_MOST).map((r) => `${r.name} ${value(r)}`).join(", ");
  return rows.length > LIST_AT_MOST ? `${shown}, …` : shown;
}
