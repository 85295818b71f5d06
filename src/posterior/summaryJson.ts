/**
 * The JSON summary document (`--json`, summary.json) of DESIGN.md's contract: parameters[],
 * diagnostics, timing, settings, with a schema version so readers can tell layouts apart.
 * JSON has no NaN or Infinity: non-finite numbers become null (R's jsonlite writes NA the same way).
 */
import type { SamplerDiagnostics } from "../diagnostics/sampler.js";
import type { SummaryRow } from "./summary.js";

/** Bump when a field changes meaning or disappears; adding fields keeps the version. */
export const SUMMARY_SCHEMA_VERSION = 1;

export interface SummaryTiming {
  readonly compile_s: number;
  readonly warmup_s: number;
  readonly sampling_s: number;
  readonly gradients: number;
}

export interface SummarySettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number | string;
  /** How warmup adapted the metric ("fisher-lowrank", "fisher-diag", "diag", "dense"); left out by callers that do not know it. */
  readonly metric?: string;
  /** The step-size adaptation's target acceptance (0.8 unless asked otherwise); left out by callers that do not know it. */
  readonly adapt_delta?: number;
  /** Automatic parameterisation and analytic marginalisation (issue 12): the switches and what they chose. */
  readonly reparam?: "auto" | "none";
  readonly marginalize?: "auto" | "none";
  /** Group parameters integrated out and drawn from their exact conditionals. */
  /**
   * `effects`: a correlated block's effects per group (absent for one effect per group);
   * `jointWith`: the other grouping factor of a crossed or nested pair integrated out together.
   */
  readonly marginalized?: readonly { readonly param: string; readonly kind: string; readonly groups: number; readonly effects?: number; readonly jointWith?: string }[];
  /** Parameterisation chosen for each remaining location–scale group parameter. */
  readonly parameterisation?: readonly { readonly param: string; readonly choice: string }[];
}

export interface SummaryJsonInput {
  readonly rows: readonly SummaryRow[];
  readonly diagnostics: SamplerDiagnostics;
  readonly timing: SummaryTiming;
  readonly settings: SummarySettings;
  /** diagnose()'s warnings; written as `warnings` when given. */
  readonly warnings?: readonly string[];
}

type JsonNumber = number | null;

export interface SummaryJsonRow {
  readonly name: string;
  readonly mean: JsonNumber;
  readonly sd: JsonNumber;
  readonly q5: JsonNumber;
  readonly q50: JsonNumber;
  readonly q95: JsonNumber;
  readonly rhat: JsonNumber;
  readonly ess_bulk: JsonNumber;
  readonly ess_tail: JsonNumber;
  readonly mcse_mean: JsonNumber;
}

export interface SummaryJson {
  readonly schema_version: number;
  readonly parameters: SummaryJsonRow[];
  readonly diagnostics: { readonly divergences: number; readonly treedepth_hits: number; readonly ebfmi: JsonNumber[] };
  readonly timing: { readonly compile_s: JsonNumber; readonly warmup_s: JsonNumber; readonly sampling_s: JsonNumber; readonly gradients: JsonNumber };
  readonly settings: SummarySettings;
  readonly warnings?: string[];
}

export function summaryJson(input: SummaryJsonInput): SummaryJson {
  const { rows, diagnostics: d, timing: t, settings: s } = input;
  const doc: SummaryJson = {
    schema_version: SUMMARY_SCHEMA_VERSION,
    parameters: rows.map((r) => ({
      name: r.name,
      mean: finite(r.mean),
      sd: finite(r.sd),
      q5: finite(r.q5),
      q50: finite(r.q50),
      q95: finite(r.q95),
      rhat: finite(r.rhat),
      ess_bulk: finite(r.ess_bulk),
      ess_tail: finite(r.ess_tail),
      mcse_mean: finite(r.mcse_mean),
    })),
    diagnostics: { divergences: d.divergences, treedepth_hits: d.treedepth_hits, ebfmi: d.ebfmi.map(finite) },
    timing: { compile_s: finite(t.compile_s), warmup_s: finite(t.warmup_s), sampling_s: finite(t.sampling_s), gradients: finite(t.gradients) },
    settings: { chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed, ...(s.metric !== undefined ? { metric: s.metric } : {}), ...(s.adapt_delta !== undefined ? { adapt_delta: s.adapt_delta } : {}), ...beyondSettings(s) },
  };
  return input.warnings === undefined ? doc : { ...doc, warnings: [...input.warnings] };
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function beyondSettings(s: SummarySettings): Partial<SummarySettings> {
  if (s.reparam === undefined && s.marginalize === undefined) return {};
  return {
    reparam: s.reparam,
    marginalize: s.marginalize,
    marginalized: (s.marginalized ?? []).map((m) => ({
      param: m.param,
      kind: m.kind,
      groups: m.groups,
      ...(m.effects !== undefined ? { effects: m.effects } : {}),
      ...(m.jointWith !== undefined ? { jointWith: m.jointWith } : {}),
    })),
    parameterisation: (s.parameterisation ?? []).map((c) => ({ param: c.param, choice: c.choice })),
  };
}
