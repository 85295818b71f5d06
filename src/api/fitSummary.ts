/**
 * A fit's summary in every form the outputs need: rows (the table), sampler diagnostics, warnings
 * in words, and the JSON document of DESIGN.md's contract — computed once, shared by the CLI, the
 * report and the web app.
 */
import { diagnose } from "../diagnostics/diagnose.js";
import { samplerDiagnostics, type SamplerDiagnostics } from "../diagnostics/sampler.js";
import { formatSummaryTable } from "../posterior/formatSummaryTable.js";
import { summarize, type SummaryRow } from "../posterior/summary.js";
import { summaryJson, type SummaryJson } from "../posterior/summaryJson.js";
import type { Fit } from "./fitResult.js";
import { partialRunWarning } from "./partialRun.js";
import type { SummarySettings } from "../posterior/summaryJson.js";

export interface FitSummary {
  readonly rows: readonly SummaryRow[];
  readonly diagnostics: SamplerDiagnostics;
  readonly warnings: readonly string[];
  readonly json: SummaryJson;
  /** The terminal table. */
  readonly table: string;
}

export interface SummarizeFitOptions {
  /** Which outputs get a row (default all): e.g. leave out posterior-predictive replicates. */
  readonly include?: (name: string) => boolean;
  /** What reading the data and building the model found; listed first, as they come first. */
  readonly dataWarnings?: readonly string[];
}

export function summarizeFit(fit: Fit, options: SummarizeFitOptions = {}): FitSummary {
  const { settings } = fit.result;
  const rows = options.include ? summarize(fit.draws, { variables: fit.names.filter(options.include) }) : summarize(fit.draws);
  const diagnostics = samplerDiagnostics(fit.draws, { maxTreeDepth: settings.maxTreeDepth });
  const partial = partialRunWarning(fit.result);
  // The pilot's choices, so the divergence advice does not say to non-centre groups it already non-centred.
  const b = fit.beyond;
  const beyond = beyondSettings(fit);
  const shown = beyond.parameterisation ?? [];
  const groups = b?.switches.reparam === "auto" ? b.reparam.map((c, i) => ({ name: shown[i].param, parameterisation: c.parameterisation })) : undefined;
  const warnings = [
    ...(options.dataWarnings ?? []),
    ...(partial !== null ? [partial] : []),
    ...diagnose(fit.draws, { maxTreeDepth: settings.maxTreeDepth, rows, diagnostics, ...(groups !== undefined ? { groups } : {}) }),
  ];
  const json = summaryJson({
    rows,
    diagnostics,
    timing: { compile_s: fit.timing.compile_s, warmup_s: fit.timing.warmup_s, sampling_s: fit.timing.sampling_s, gradients: fit.timing.gradients },
    settings: { chains: settings.chains, warmup: settings.warmup, draws: settings.draws, seed: settings.seed, metric: settings.metric, adapt_delta: settings.adaptDelta, ...beyond },
    warnings,
  });
  return { rows, diagnostics, warnings, json, table: formatSummaryTable(rows) };
}

/** An output's reported name (`b[2]` → `b_Trt`), if the model renames it. */
const renamed = (fit: Fit, name: string): string | undefined => fit.model.rename?.find(([from]) => from === name)?.[1];

/** The reported name of a group parameter's first element (`r_1_1[1]` → `r_county[c01,Intercept]`), if renamed. */
const firstRenamed = (fit: Fit, param: string): string | undefined => renamed(fit, `${param}[1]`);

/** A group parameter's reported name: a formula model's `r_1_1` is shown as brms's `r_county`. */
function shownName(fit: Fit, param: string): string {
  return firstRenamed(fit, param)?.replace(/\[.*$/, "") ?? param;
}

/**
 * Shown names that tell the parameters apart: `(1 + x || g)` makes one group parameter per term, all
 * shown as `r_g`, so those get their term too: `r_g (Intercept)`, `r_g (x)`.
 */
function distinctNames(fit: Fit, params: readonly string[]): string[] {
  const first = params.map((p) => firstRenamed(fit, p));
  const shown = params.map((p, i) => first[i]?.replace(/\[.*$/, "") ?? p);
  return shown.map((name, i) => {
    if (shown.indexOf(name) === shown.lastIndexOf(name)) return name;
    const term = first[i]?.match(/,([^,\]]*)\]$/)?.[1];
    return term === undefined ? name : `${name} (${term})`;
  });
}

/** What reparam / marginalize chose, for summary.json's settings (both "none" when switched off). */
export function beyondSettings(fit: Fit): Pick<SummarySettings, "reparam" | "marginalize" | "marginalized" | "parameterisation"> {
  const b = fit.beyond;
  if (b === null) return { reparam: "none", marginalize: "none", marginalized: [], parameterisation: [] };
  const marginalizedNames = distinctNames(fit, b.marginalized.map((m) => m.param));
  return {
    reparam: b.switches.reparam,
    marginalize: b.switches.marginalize,
    marginalized: b.marginalized.map((m, i) => ({
      param: marginalizedNames[i],
      kind: m.kind,
      groups: m.groups,
      ...(m.effects !== undefined ? { effects: m.effects } : {}),
      ...(m.crossedWith !== undefined ? { jointWith: shownName(fit, m.crossedWith) } : {}),
    })),
    parameterisation: distinctNames(fit, b.reparam.map((c) => c.param)).map((param, i) => ({ param, choice: b.reparam[i].parameterisation })),
  };
}

/**
 * Per parameterisation entry, the predictors the pilot moved into that group's mean
 * (groupPredictors.ts), in the user's names: " (group mean includes Trt, zBase)", or "". Without
 * it the footer said only "r_patient partial" of a group whose draws are centred on Trt's slope too.
 */
function groupMeanNotes(fit: Fit): string[] {
  const b = fit.beyond;
  if (b === null) return [];
  // A formula model's coefficient `b[2]` is reported as brms's `b_Trt`: the predictor is `Trt`.
  const predictor = (name: string): string => renamed(fit, name)?.replace(/^b_/, "") ?? name;
  return b.reparam.map((c) => (c.groupMean?.length ? ` (group mean includes ${c.groupMean.map(predictor).join(", ")})` : ""));
}

/** One line for under the terminal table, e.g. "marginalised: r_county (normal–normal, 85 groups); reparam: auto". */
export function beyondFooter(fit: Fit): string {
  const s = beyondSettings(fit);
  const kinds: Record<string, string> = { normal_normal: "normal–normal", poisson_gamma: "Poisson–Gamma", binomial_beta: "binomial–Beta" };
  const marg = s.marginalized?.length
    ? `marginalised: ${s.marginalized.map((m) => `${m.param} (${m.effects !== undefined ? `multivariate ${kinds[m.kind] ?? m.kind}, ${m.effects} correlated effects` : (kinds[m.kind] ?? m.kind)}, ${m.groups} groups${m.jointWith !== undefined ? `, jointly with ${m.jointWith}` : ""})`).join(", ")}`
    : `marginalize: ${s.marginalize}${s.marginalize === "auto" ? ` (${marginalizeNotApplied(fit).join("; ") || "nothing conjugate to integrate out"})` : ""}`;
  const means = groupMeanNotes(fit);
  const rep = s.parameterisation?.length ? `parameterisation: ${s.parameterisation.map((c, i) => `${c.param} ${c.choice}${means[i] ?? ""}`).join(", ")}` : `reparam: ${s.reparam}`;
  return `${marg}; ${rep}`;
}

/**
 * Why "auto" integrated nothing out although something was conjugate (fitBeyond's notes, e.g. crossed
 * intercepts over the size limit): the footer said "nothing conjugate to integrate out" for InstEval's
 * 150 × 801 crossed gaussian intercepts, which are conjugate.
 */
export function marginalizeNotApplied(fit: Fit): string[] {
  return (fit.beyond?.notes ?? []).filter(isNotApplied).map((n) => n.slice(MARGINALIZE_PREFIX.length));
}

const MARGINALIZE_PREFIX = "marginalize: ";
const isNotApplied = (note: string): boolean => note.startsWith(`${MARGINALIZE_PREFIX}not applied`);

/**
 * fitBeyond's notes that beyondFooter does not already say, as written: with nothing integrated
 * out, the footer gives the "marginalize: not applied" reasons, so a page listing notes under it
 * leaves those out (web/src/views/beyondLine.ts; it stripped and re-added the prefix to match them).
 */
export function notesBesideFooter(fit: Pick<Fit, "beyond">): string[] {
  const notes = fit.beyond?.notes ?? [];
  return fit.beyond?.marginalized.length === 0 ? notes.filter((n) => !isNotApplied(n)) : [...notes];
}
