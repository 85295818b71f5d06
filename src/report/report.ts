/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, no fonts or other
 * network requests) with the model, settings and timing, warnings, the summary table, trace and rank
 * plots of the population-level parameters, forest plots of the group-level ones, and — when given —
 * the shrinkage plot and a posterior predictive check. Every user string goes through the escaping
 * builder. Async because vega renders the plots (src/plots/render.ts).
 */
import type { FitEffects } from "../effects/forReport.js";
import { argError } from "../errors.js";
import { conditionalEffectsPlot } from "../plots/conditionalEffectsPlot.js";
import { forestPlot, forestRowsFromDraws } from "../plots/forestPlot.js";
import { el, embedSvg, render, type Child, type Markup } from "../plots/markup.js";
import { ppcBarsPlot } from "../plots/ppcBarsPlot.js";
import { ppcDensityPlot } from "../plots/ppcDensityPlot.js";
import { rankPlot } from "../plots/rankPlot.js";
import { shrinkagePlot } from "../plots/shrinkagePlot.js";
import { tracePlot } from "../plots/tracePlot.js";
import { formatSeconds, formatSig } from "./formatCell.js";
import { groupFamilies, isGroupLevel, isSamplerVariable } from "./parameters.js";
import { REPORT_CSS } from "./style.js";
import { summaryTable } from "./summaryTable.js";
import type { PpcKind, ReportInput, ReportSettings, ReportTiming, SamplerDiagnostics, SummaryRow } from "./types.js";

export const DEFAULT_REPORT = Object.freeze({
  /** Trace and rank plots for at most this many population-level parameters. */
  maxPopulationPlots: 12,
  /** At most this many forest plots (one per family of group-level parameters). */
  maxForestPlots: 6,
  /** Tables longer than this start collapsed. */
  openTableRows: 30,
  /** E-BFMI below this suggests the energy distribution is poorly explored (Betancourt 2016). */
  ebfmiThreshold: 0.3,
  /** At most this many conditional-effects figures. */
  maxEffectPlots: 8,
});

const PPC_KINDS: readonly PpcKind[] = ["density", "bars"];

/** A formula fit's conditional effects and Bayes R² (src/effects' fitEffects), for their section and facts. */
export type ReportEffects = FitEffects;

export async function renderReport(input: ReportInput & { readonly effects?: ReportEffects }): Promise<string> {
  if (typeof input.title !== "string") throw argError("renderReport", "title must be a string", typeof input.title);
  if (input.ppc?.kind !== undefined && !PPC_KINDS.includes(input.ppc.kind)) {
    throw argError("renderReport", `ppc.kind must be one of ${PPC_KINDS.join(", ")}`, input.ppc.kind);
  }
  const { draws, rows } = input;
  const popRows = rows.filter((r) => !isGroupLevel(r.name));
  const groupRows = rows.filter((r) => isGroupLevel(r.name));

  // All plots are rendered before the document is put together; they are independent of each other.
  const [population, group, shrinkage, ppc, effects] = await Promise.all([
    populationPlots(input),
    groupPlots(input),
    input.groups
      ? shrinkagePlot(input.groups.groups, {
          populationMean: input.groups.populationMean,
          xLabel: input.groups.xLabel,
          title: input.groups.title,
          width: 900,
        })
      : null,
    input.ppc ? ppcFigure(input.ppc.kind ?? "density", input) : null,
    input.effects ? effectsSection(input.effects) : null,
  ]);
  const body: Child[] = [
    el("h1", null, input.title),
    el("p", { class: "sub" }, `${input.settings.chains} chains × ${input.settings.draws} draws after ${input.settings.warmup} warmup iterations · seed ${input.settings.seed}`),
    warningsBox(input.warnings, input.diagnostics),
    input.modelText !== undefined ? [el("h2", null, "Model"), el("pre", { class: "model" }, el("code", null, input.modelText))] : null,
    el("h2", null, "Settings and timing"),
    el("div", { class: "facts-row" }, settingsList(input.settings), timingList(input.timing), diagnosticsList(input.diagnostics), r2List(input.effects)),
    el("h2", null, "Summary"),
    popRows.length > 0 ? tableBlock("Population-level parameters", popRows, input.settings.chains, true) : null,
    groupRows.length > 0 ? tableBlock("Group-level parameters", groupRows, input.settings.chains, groupRows.length <= DEFAULT_REPORT.openTableRows) : null,
    rows.length === 0 ? el("p", { class: "note" }, "No parameters to summarise.") : null,
    population,
    group,
    shrinkage !== null
      ? [
          el("h2", null, "Shrinkage"),
          el("p", { class: "note" }, "Each arrow goes from a group's own (no-pooling) estimate to its partial-pooling estimate; small groups borrow more strength from the population."),
          figure(shrinkage),
        ]
      : null,
    ppc !== null ? [el("h2", null, input.ppc?.title ?? "Posterior predictive check"), figure(ppc)] : null,
    effects,
  ];

  const doc = el(
    "html",
    { lang: "en" },
    el(
      "head",
      null,
      el("meta", { charset: "utf-8" }),
      el("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      // No network: forbid every fetch a browser could make from this file.
      el("meta", { "http-equiv": "Content-Security-Policy", content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }),
      el("title", null, input.title),
      el("style", null, REPORT_CSS),
    ),
    el("body", null, el("main", null, body)),
  );
  return "<!DOCTYPE html>\n" + render(doc) + "\n";
}

function ppcFigure(kind: PpcKind, input: ReportInput): Promise<string> {
  const ppc = input.ppc!;
  return kind === "bars"
    ? ppcBarsPlot(ppc.observed, ppc.replicates, { xLabel: ppc.xLabel, width: 900, ...(ppc.title ? { title: `${ppc.title} (counts)` } : {}) })
    : ppcDensityPlot(ppc.observed, ppc.replicates, { xLabel: ppc.xLabel, width: 900, ...(ppc.title ? { title: ppc.title } : {}) });
}

function figure(svg: string): Markup {
  return el("figure", null, embedSvg(svg));
}

function warningsBox(warnings: readonly string[], diag: SamplerDiagnostics | undefined): Markup {
  if (warnings.length === 0) {
    const checked = diag ? " Divergences, tree depth, E-BFMI, R-hat and ESS were checked." : "";
    return el("div", { class: "box ok", role: "status" }, el("p", null, `No warnings.${checked}`));
  }
  return el(
    "div",
    { class: "box warn", role: "alert" },
    el("p", null, el("strong", null, warnings.length === 1 ? "1 warning" : `${warnings.length} warnings`)),
    el("ul", null, warnings.map((w) => el("li", null, w))),
  );
}

/** brms's bayes_R2 summary: mean, sd and the 95 % interval of R² over draws. */
function r2List(e: ReportEffects | undefined): Markup | null {
  const r2 = e?.r2;
  if (!r2) return null;
  return facts("Bayes R²", [
    ["estimate", formatSig(r2.estimate)],
    ["est. error", formatSig(r2.error)],
    ["95 % interval", `${formatSig(r2.q2_5)} – ${formatSig(r2.q97_5)}`],
  ]);
}

/** One figure per default effect (brms's conditional_effects), capped at DEFAULT_REPORT.maxEffectPlots. */
async function effectsSection(e: ReportEffects): Promise<Child> {
  if (e.effects.length === 0 && e.notes.length === 0) return null;
  const shown = e.effects.slice(0, DEFAULT_REPORT.maxEffectPlots);
  const svgs = await Promise.all(shown.map((x) => conditionalEffectsPlot(x, { width: 440 })));
  const what = shown.some((x) => x.categorical) ? "each category's probability" : "the expected response";
  return [
    el("h2", null, "Conditional effects"),
    el(
      "p",
      { class: "note" },
      `How ${what} moves with each predictor (median and 95 % band over draws), the other predictors at their mean or first level and group-level effects left out, as brms's conditional_effects().`,
    ),
    e.effects.length > shown.length
      ? el("p", { class: "note" }, `Showing ${shown.length} of ${e.effects.length} effects; hbayes effects DIR --effects … gives any of them.`)
      : null,
    e.notes.map((n) => el("p", { class: "note" }, n)),
    el("div", { class: "plots" }, svgs.map(figure)),
  ];
}

function facts(title: string, pairs: readonly [string, string][]): Markup {
  return el("section", null, el("h3", null, title), el("dl", { class: "facts" }, pairs.map(([k, v]) => [el("dt", null, k), el("dd", null, v)])));
}

function settingsList(s: ReportSettings): Markup {
  const pairs: [string, string][] = [];
  for (const key of Object.keys(s)) {
    const v = s[key];
    if (v !== undefined) pairs.push([key, String(v)]);
  }
  return facts("Settings", pairs);
}

function timingList(t: ReportTiming | undefined): Markup | null {
  if (!t) return null;
  const pairs: [string, string][] = [];
  if (t.compile_s !== undefined) pairs.push(["compile", formatSeconds(t.compile_s)]);
  if (t.warmup_s !== undefined) pairs.push(["warmup", formatSeconds(t.warmup_s)]);
  if (t.sampling_s !== undefined) pairs.push(["sampling", formatSeconds(t.sampling_s)]);
  if (t.gradients !== undefined) pairs.push(["gradients", Math.round(t.gradients).toLocaleString("en-US")]);
  if (t.gradients !== undefined && t.warmup_s !== undefined && t.sampling_s !== undefined && t.gradients > 0) {
    pairs.push(["per gradient", `${formatSig(((t.warmup_s + t.sampling_s) / t.gradients) * 1e6)} µs`]);
  }
  return facts("Timing", pairs);
}

function diagnosticsList(d: SamplerDiagnostics | undefined): Markup | null {
  if (!d) return null;
  const ebfmi = d.ebfmi.map((e) => (Number.isFinite(e) ? e.toFixed(2) : "NA")).join(", ");
  return facts("Sampler diagnostics", [
    ["divergences", String(d.divergences)],
    ["max tree depth hits", String(d.treedepth_hits)],
    ["E-BFMI per chain", ebfmi || "NA"],
  ]);
}

function tableBlock(title: string, rows: readonly SummaryRow[], chains: number, open: boolean): Markup {
  return el(
    "details",
    { open },
    el("summary", null, `${title} (${rows.length})`),
    el("div", { class: "table-wrap" }, summaryTable(rows, chains)),
  );
}

/** Trace and rank plots of the population-level model variables present in the draws. */
async function populationPlots(input: ReportInput): Promise<Child> {
  const names = input.draws.names.filter((n) => !isSamplerVariable(n) && !isGroupLevel(n));
  if (names.length === 0 || input.draws.draws === 0) return null;
  const shown = names.slice(0, DEFAULT_REPORT.maxPopulationPlots);
  return [
    el("h2", null, "Population-level parameters: trace and rank plots"),
    names.length > shown.length
      ? el("p", { class: "note" }, `Showing the first ${shown.length} of ${names.length} population-level parameters.`)
      : null,
    await Promise.all(shown.map(async (n) => el("div", { class: "plots" }, figure(await tracePlot(input.draws, n)), figure(await rankPlot(input.draws, n))))),
  ];
}

/** One forest plot per family of group-level parameters (`r_county[·,Intercept]`, `theta`). */
async function groupPlots(input: ReportInput): Promise<Child> {
  const present = input.draws.names.filter((n) => !isSamplerVariable(n) && isGroupLevel(n));
  const families = groupFamilies(present);
  if (families.length === 0 || input.draws.draws === 0) return null;
  const shown = families.slice(0, DEFAULT_REPORT.maxForestPlots);
  return [
    el("h2", null, "Group-level parameters"),
    families.length > shown.length ? el("p", { class: "note" }, `Showing ${shown.length} of ${families.length} families of group-level parameters.`) : null,
    await Promise.all(shown.map(async (f) => {
      const rows = forestRowsFromDraws(input.draws, f.names);
      const labelOf = new Map(f.names.map((n, i) => [n, f.labels[i]]));
      return el(
        "div",
        { class: "plots single" },
        figure(
          await forestPlot(rows, {
            title: f.key,
            // brms's r_… are deviations from the population mean, so 0 is "no group effect".
            reference: f.key.startsWith("r_") ? 0 : undefined,
            sort: rows.length > 12 ? "ascending" : "none",
            label: (n) => labelOf.get(n) ?? n,
            width: 900,
          }),
        ),
      );
    })),
  ];
}
