/**
 * The page: pick an example or load a CSV, set the model and the sampler, run chains in workers,
 * read the results like a notebook. All user text reaches the DOM as text nodes (see dom.ts).
 */
import type { Fit } from "../../src/api/fitResult.js";
import type { ChainProgress } from "../../src/inference/chain.js";
import type { DataTable } from "../../src/io/dataTable.js";
import { cmdStanInverseMetric, cmdStanMetric } from "../../src/io/cmdStanMetric.js";
import { formatCmdStanCsv } from "../../src/io/writeCmdStanCsv.js";
import { byTestId, clear, h } from "./dom.js";
import { loadCsv, numericColumn, tableToRecord, type LoadedData } from "./data.js";
import { replicate } from "./ppc.js";
import { EXAMPLES, type Example } from "./examples.js";
import { fmt, fmtSeconds } from "./format.js";
import { runModel, runProgram, type RunSettings } from "./run.js";
import { summarizeFit } from "./summary.js";
import { dataPreview } from "./views/dataPreview.js";
import { forestPlot, forestRowsFromDraws } from "../../src/plots/forestPlot.js";
import { ppcBarsPlot } from "../../src/plots/ppcBarsPlot.js";
import { ppcDensityPlot } from "../../src/plots/ppcDensityPlot.js";
import { rankPlot } from "../../src/plots/rankPlot.js";
import { shrinkagePlot } from "../../src/plots/shrinkagePlot.js";
import { tracePlot } from "../../src/plots/tracePlot.js";
import { svgPlot } from "./views/svgPlot.js";
import { progressView } from "./views/progress.js";
import { summaryTable } from "./views/summaryTable.js";
import { beyondLine } from "./views/beyondLine.js";
import { covNames, FAMILIES, formulaSyntaxError, levelList, pageCovariances, pageModel, priorLines, type PageFormulaModel, type PageMultivariateModel } from "./formula.js";
import { categoryNote, formulaReplicates, multivariateReplicates } from "./formulaPpc.js";
import { MULTIVARIATE_UNAVAILABLE } from "./multivariate.js";
import { summaryByResponse } from "./views/mvSummary.js";
import { knownCovFromCsv } from "../../src/formula/knownCovCsv.js";
import type { KnownCovariance } from "../../src/formula/knownCov.js";
import { responseView } from "../../src/predict/multivariate.js";
import { effectsPanel } from "./effectsPanel.js";
import { poolingPanel } from "./poolingPanel.js";
import { PAGE_SAMPLE_CHOICES, pagePriorMessage, samplePriorOf } from "./priorControl.js";
import { withPriorDraws } from "../../src/api/priorDraws.js";
import { coefPanel } from "./coefPanel.js";
import { hypothesisPanel } from "./hypothesisPanel.js";
import { figure } from "./views/figure.js";

interface State {
  data: LoadedData | null;
  example: Example | null;
  running: AbortController | null;
  /** Known covariance matrices for gr(g, cov = A), by name (the file name without .csv). */
  covs: Map<string, { readonly file: string; readonly matrix: KnownCovariance }>;
}

const state: State = { data: null, example: null, running: null, covs: new Map() };
const root = document.getElementById("app") as HTMLElement;

// ---- layout -------------------------------------------------------------------------------------

const fileInput = h("input", { type: "file", accept: ".csv,.tsv,.txt,text/csv", "data-testid": "csv-input", id: "csv-input", class: "visually-hidden" });
const dropZone = h(
  "label",
  { class: "drop", for: "csv-input", "data-testid": "drop-zone" },
  h("span", { class: "drop-title" }, "Drop a CSV here"),
  h("span", { class: "drop-sub" }, "or click to choose a file · read in this page, never uploaded"),
);
// A one-line formula in a wrapping box: long formulas stay readable in the narrow sidebar.
const formulaInput = h("textarea", {
  class: "mono formula",
  rows: 1,
  spellcheck: "false",
  autocomplete: "off",
  "data-testid": "formula-input",
  placeholder: "log_radon ~ floor + (1 | county)",
  "aria-label": "formula",
  "aria-keyshortcuts": "Control+Enter",
});
const familySelect = h("select", { "data-testid": "family-input", "aria-label": "family" }, FAMILIES.map((f) => h("option", { value: f }, f)));
const levelsInput = h("input", {
  class: "mono",
  spellcheck: "false",
  autocomplete: "off",
  "data-testid": "levels-input",
  placeholder: "no, perhaps, yes",
  "aria-label": "response categories in order (cumulative: lowest first; categorical: the first is the reference)",
});
// brms's data2 for gr(g, cov = A): R's write.csv(A) files, each named by its matrix (A.csv is A).
const covInput = h("input", { type: "file", multiple: true, accept: ".csv,text/csv", "data-testid": "cov-input", "aria-label": "covariance matrices for gr(g, cov = A), one CSV per matrix" });
const covList = h("ul", { class: "notes", "data-testid": "cov-list", hidden: true });
const priorInput = h("textarea", {
  class: "mono",
  rows: 2,
  spellcheck: "false",
  "data-testid": "prior-input",
  placeholder: "b ~ normal(0, 5)\nsd ~ exponential(1)",
  "aria-label": "priors, one per line",
  "aria-keyshortcuts": "Control+Enter",
});
const samplePriorInput = h(
  "select",
  { "data-testid": "sample-prior-input", "aria-label": "sample from the posterior or the prior only" },
  PAGE_SAMPLE_CHOICES.map((c) => h("option", { value: c.value }, c.label)),
);
const errorBox = h("div", { class: "error", "data-testid": "error", role: "alert", hidden: true });
const modelText = h("pre", { class: "model-text", "data-testid": "model-text" });
const modelNote = h("p", { class: "note" });

const numberField = (label: string, id: string, value: number, min: number) =>
  h("label", { class: "field" }, h("span", null, label), h("input", { type: "number", id, "data-testid": `${id}-input`, value, min, step: 1 }));
const settingsBox = h(
  "div",
  { class: "settings" },
  numberField("chains", "chains", 4, 1),
  numberField("warmup", "warmup", 1000, 0),
  numberField("draws", "draws", 1000, 1),
  numberField("seed", "seed", 1, 0),
);
const runButton = h("button", { class: "primary", "data-testid": "run", type: "button" }, "Run");
const stopButton = h("button", { class: "secondary", "data-testid": "stop", type: "button", disabled: true }, "Stop");

const dataSection = h("section", { class: "card", id: "data" }, h("h2", null, "Data"), h("p", { class: "empty" }, "Choose an example or load a CSV to begin."));
const runSection = h("section", { class: "card", id: "run-status", hidden: true });
const resultsSection = h("section", { id: "results" });

root.append(
  h(
    "header",
    { class: "top" },
    h("h1", null, "hbayes"),
    h("p", { class: "tagline" }, "Hierarchical Bayesian models in your browser. NUTS chains run in Web Workers on this machine; nothing you load leaves the page."),
  ),
  h(
    "div",
    { class: "layout" },
    h(
      "aside",
      { class: "controls" },
      h(
        "section",
        null,
        h("h2", null, "Examples"),
        h(
          "div",
          { class: "examples" },
          EXAMPLES.map((ex) =>
            h("button", { type: "button", class: "example", "data-testid": `example-${ex.name}`, "data-example": ex.name }, h("span", { class: "example-title" }, ex.title), h("span", { class: "example-file" }, ex.fileName)),
          ),
        ),
      ),
      h("section", null, h("h2", null, "Your data"), fileInput, dropZone),
      h(
        "section",
        null,
        h("h2", null, "Model"),
        modelText,
        modelNote,
        h("label", { class: "field wide" }, h("span", null, "formula"), formulaInput),
        errorBox,
        h(
          "div",
          { class: "row" },
          h("label", { class: "field" }, h("span", null, "family"), familySelect),
          h("label", { class: "field" }, h("span", null, "levels (cumulative: lowest first; categorical: reference first)"), levelsInput),
        ),
        h("label", { class: "field wide" }, h("span", null, "covariance matrices for gr(g, cov = A): A.csv as R's write.csv(A)"), covInput),
        covList,
        h("label", { class: "field wide" }, h("span", null, "priors (one per line)"), priorInput),
        h("label", { class: "field wide" }, h("span", null, "sample (prior only: the likelihood left out, for a prior predictive check)"), samplePriorInput),
      ),
      h(
        "section",
        null,
        h("h2", null, "Sampler"),
        settingsBox,
        h("div", { class: "buttons" }, runButton, stopButton),
        h("p", { class: "kbd-hint" }, "Ctrl+Enter in the formula or prior box runs the model."),
      ),
    ),
    h("main", { class: "output" }, dataSection, runSection, resultsSection),
  ),
);

// ---- helpers ------------------------------------------------------------------------------------

/**
 * Multi-line messages (a formula with a caret line under it) keep their columns in a <pre>. `notes`
 * are the CSV reader's warnings, said again under an error the data may have caused (an unknown
 * column after a ';'-separated file was read): the CLI prints them before such an error too
 * (withDataNotes in src/cli/loadData.ts), and the data preview holding them may be scrolled away.
 */
function showError(message: string, notes: readonly string[] = []): void {
  clear(errorBox);
  const [first, ...rest] = message.split("\n");
  errorBox.append(h("p", null, first));
  const pre = rest.length > 0 ? h("pre", { class: "caret", "data-testid": "error-caret", tabindex: 0 }, rest.join("\n")) : null;
  if (pre !== null) errorBox.append(pre);
  if (notes.length > 0) errorBox.append(h("ul", { class: "warnings", "data-testid": "error-notes" }, notes.map((n) => h("li", null, n))));
  errorBox.hidden = false;
  if (pre !== null) scrollToCaret(pre, rest);
}

/** A long formula overflows its box: scroll the caret line so the ^ is in view, not off to the right. */
function scrollToCaret(pre: HTMLElement, lines: readonly string[]): void {
  const caretLine = lines.find((l) => /^\s*\^/.test(l));
  const widest = Math.max(...lines.map((l) => l.length));
  if (caretLine === undefined || widest === 0 || pre.scrollWidth <= pre.clientWidth) return;
  const at = (caretLine.indexOf("^") / widest) * pre.scrollWidth;
  pre.scrollLeft = Math.max(0, at - pre.clientWidth / 2);
}

function hideError(): void {
  clear(errorBox);
  errorBox.hidden = true;
}

function readSettings(seedDefault: number): RunSettings {
  const num = (id: string, fallback: number) => {
    const v = Number((document.getElementById(id) as HTMLInputElement).value);
    return Number.isFinite(v) ? v : fallback;
  };
  return { chains: num("chains", 4), warmup: num("warmup", 1000), draws: num("draws", 1000), seed: num("seed", seedDefault) };
}

function setData(data: LoadedData): void {
  state.data = data;
  clear(dataSection);
  dataSection.append(h("h2", null, "Data"), dataPreview(data.fileName, data.table));
}

function selectExample(ex: Example): void {
  state.example = ex;
  setData(loadCsv(ex.fileName, ex.csv));
  for (const b of root.querySelectorAll<HTMLButtonElement>("button.example")) b.classList.toggle("active", b.dataset.example === ex.name);
  modelText.textContent = ex.modelText;
  modelText.hidden = false;
  modelNote.textContent = `${ex.blurb} This example runs the DSL model above; edit the formula to fit your own instead.`;
  formulaInput.value = "";
  fitFormulaBox();
  // A DSL example has no formula program to drop the likelihood from: the choice is the formula box's.
  samplePriorInput.disabled = true;
  (document.getElementById("seed") as HTMLInputElement).value = String(ex.seed);
  hideError();
}

function useOwnData(data: LoadedData): void {
  state.example = null;
  for (const b of root.querySelectorAll<HTMLButtonElement>("button.example")) b.classList.remove("active");
  modelText.hidden = true;
  samplePriorInput.disabled = false;
  modelNote.textContent = "Write a formula in lme4/brms syntax for the loaded columns.";
  setData(data);
}

async function readFile(file: File): Promise<void> {
  hideError();
  try {
    useOwnData(loadCsv(file.name, await file.text()));
  } catch (e) {
    showError(`${file.name}: ${(e as Error).message}`);
  }
}

/**
 * Covariance matrix files replace the loaded set (the input's own choice is the set): each read with
 * knownCovFromCsv, named by its file name without .csv; a file that does not read is named in the error.
 */
async function readCovFiles(files: readonly File[]): Promise<void> {
  hideError();
  state.covs = new Map();
  clear(covList);
  covList.hidden = true;
  for (const file of files) {
    const name = file.name.replace(/\.(csv|txt)$/i, "");
    try {
      state.covs.set(name, { file: file.name, matrix: knownCovFromCsv(name, await file.text(), file.name) });
    } catch (e) {
      if (!(e instanceof Error && e.name === "UserError")) throw e;
      showError(e.message);
    }
  }
  const wanted = covNames(formulaInput.value);
  for (const [name, m] of state.covs) {
    const as = wanted.length === 1 && state.covs.size === 1 && wanted[0] !== name ? ` (used as ${wanted[0]}, the formula's only matrix)` : "";
    covList.append(h("li", { "data-cov": name }, `${name}: ${m.matrix.levels.length} × ${m.matrix.levels.length} from ${m.file}${as}`));
  }
  covList.hidden = state.covs.size === 0;
}

function download(name: string, text: string, type: string): void {
  // An object URL of an in-page Blob: the file is made here, nothing is requested from a server.
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// ---- results ------------------------------------------------------------------------------------

/** Claims Run/Stop for a run started from the results (the pooling comparison); null while one runs. */
function beginRun(): AbortController | null {
  if (state.running !== null) return null;
  const controller = new AbortController();
  state.running = controller;
  runButton.disabled = true;
  stopButton.disabled = false;
  return controller;
}

function endRun(): void {
  state.running = null;
  runButton.disabled = false;
  stopButton.disabled = true;
}

/** What was fitted: a built-in example (DSL model), a formula model from the formula box, or a multivariate one. */
type Fitted =
  | { readonly ex: Example; readonly formula: null; readonly mv: null }
  | { readonly ex: null; readonly formula: PageFormulaModel; readonly mv: null }
  | { readonly ex: null; readonly formula: null; readonly mv: PageMultivariateModel };

/**
 * What the CLI prints before sampling: the CSV reader's warnings (a column read as text) and the
 * formula model's (separation, not-identified coefficients, constant response, prior scale). A page
 * user would otherwise see only R-hat and divergence warnings, after the run, with no cause named.
 */
function warningsBeforeSampling(table: DataTable, fitted: Fitted): string[] {
  return [...table.warnings, ...(fitted.formula?.model.warnings ?? [])];
}

async function renderResults(fit: Fit, fitted: Fitted, table: DataTable, modelName: string, settings: RunSettings): Promise<void> {
  const ex = fitted.ex;
  clear(resultsSection);
  const r = fit.result;
  // Long vectors of group effects (radon's 85 counties) live in the forest plot, not the table.
  const groupPrefix = ex !== null ? `${ex.groups.param}[` : "r_";
  const manyGroups = fit.names.filter((n) => n.startsWith(groupPrefix)).length > 20;
  const inTable = (name: string) => !name.includes("_rep[") && !name.startsWith("log_lik") && !(manyGroups && name.startsWith(groupPrefix));
  // The CLI's summary: the same rows, warnings in words and JSON (replicates and log_lik left out).
  // The causes first, then what the sampler saw (often their symptoms), as the CLI orders them; the
  // downloaded summary.json carries them too, as the CLI's does.
  // prior_* draws (sample: posterior + prior draws) are for hypothesis(), not the summary, as the CLI's table.
  const summary = summarizeFit(fit, { include: (name) => !name.includes("_rep[") && !name.startsWith("log_lik") && !name.startsWith("prior_"), dataWarnings: warningsBeforeSampling(table, fitted) });
  const rows = summary.rows.filter((row) => inTable(row.name));
  const warnings = [...summary.warnings];

  const t = fit.timing;
  const priorOnly = fitted.formula?.model.samplePrior === "only";
  const header = h(
    "section",
    { class: "card" },
    h("h2", null, priorOnly ? "Prior summary" : "Posterior summary"),
    priorOnly
      ? h("p", { class: "note", "data-testid": "prior-only-note" }, "Prior only (brms's sample_prior = \"only\"): the likelihood was left out, so these are draws of the prior and predictions from them are prior predictive.")
      : null,
    // The settings as the CLI's footer gives them (warmup length too), and the seed that reproduces the fit.
    h(
      "p",
      { class: "meta", "data-testid": "fit-meta" },
      `${r.settings.chains} chains × ${r.draws.draws} draws after ${r.settings.warmup} warmup iterations · seed ${r.settings.seed} · compile ${fmtSeconds(t.compile_s)} · warmup ${fmtSeconds(t.warmup_s)} · sampling ${fmtSeconds(t.sampling_s)} (chain time) · wall ${fmtSeconds(t.wall_s)} · ${t.gradients.toLocaleString("en")} gradients`,
    ),
    beyondLine(fit),
    warnings.length > 0 ? h("ul", { class: "warnings", "data-testid": "warnings" }, warnings.map((w) => h("li", null, w))) : null,
    formulaMessages(fitted).length > 0 ? h("ul", { class: "notes", "data-testid": "formula-messages" }, formulaMessages(fitted).map((m) => h("li", null, m))) : null,
    fitted.mv !== null ? summaryByResponse(rows, fitted.mv.mv, r.settings.chains) : h("div", { class: "scroll" }, summaryTable(rows, r.settings.chains)),
    h(
      "div",
      { class: "buttons" },
      h("button", { type: "button", class: "secondary", "data-testid": "download-draws" }, "Download draws (CmdStan CSV)"),
      h("button", { type: "button", class: "secondary", "data-testid": "download-summary" }, "Download summary JSON"),
    ),
  );
  byTestId(header, "download-draws").addEventListener("click", () => {
    for (let c = 0; c < fit.draws.chains; c++) {
      const chain = r.chains[c];
      const text = formatCmdStanCsv(fit.draws, {
        model: modelName,
        seed: r.settings.seed,
        chain: c,
        // As the CLI's --out: a fisher-lowrank metric is written whole (dense_e), not as its diagonal.
        settings: { numWarmup: r.settings.warmup, thin: r.settings.thin, delta: r.settings.adaptDelta, maxDepth: r.settings.maxTreeDepth, metric: cmdStanMetric(r.settings.metric) },
        adaptation: { stepSize: chain.stepSize, inverseMetric: cmdStanInverseMetric(r.settings.metric, chain), warmupSeconds: chain.timing.warmup_s, samplingSeconds: chain.timing.sampling_s },
      });
      download(`${modelName}-${c + 1}.csv`, text, "text/csv");
    }
  });
  byTestId(header, "download-summary").addEventListener("click", () => download("summary.json", JSON.stringify(summary.json, null, 2), "application/json"));
  // The summary and the plots appear together, once vega has drawn every plot.
  const plots = await plotsCard(fit, fitted, table, settings);
  // brms's coef() per level, then hypothesis(): names are brms's for formula fits (class b), the DSL's own for examples.
  // Any formula model with group effects (categorical's r_g__mub, a non-linear parameter's r_g__a, a response's r_g__y1 included: brms's coef() reads them all).
  const coefs = fitted.ex === null && fit.names.some((n) => n.startsWith("r_")) && fit.draws.draws > 0 ? coefPanel(fit.draws) : null;
  const hypotheses = fit.draws.draws > 0 ? hypothesisPanel(fit.draws, fitted.ex === null ? "b" : "") : null;
  resultsSection.append(header, ...(coefs ? [coefs] : []), ...(hypotheses ? [hypotheses] : []), plots);
}

async function plotsCard(fit: Fit, fitted: Fitted, table: DataTable, settings: RunSettings): Promise<HTMLElement> {
  const ex = fitted.ex;
  const card = h("section", { class: "card" }, h("h2", null, "Plots"));
  if (fit.draws.draws === 0) {
    card.append(h("p", { class: "empty" }, "No draws were saved, so there is nothing to plot."));
    return card;
  }
  const grid = h("div", { class: "figures" });
  card.append(grid);
  const attempt = async (what: string, make: () => Promise<HTMLElement>) => {
    try {
      grid.append(await make());
    } catch (e) {
      grid.append(h("div", { class: "not-available" }, h("strong", null, `${what}: `), (e as Error).message));
    }
  };
  if (ex !== null) {
    const labels = ex.groups.labels(table);
    const base = ex.groups.param;
    const names = fit.names.filter((n) => n.startsWith(`${base}[`));
    const label = (name: string) => labels[Number(name.slice(base.length + 1, -1)) - 1] ?? name;
    await attempt("Forest plot", async () => {
      const ref = ex.groups.reference;
      const svg = forestPlot(forestRowsFromDraws(fit.draws, names), {
        title: ex.groups.title,
        xLabel: base,
        label,
        point: "mean",
        sort: names.length > 20 ? "ascending" : "none",
        ...(ref !== null ? { reference: mean(fit.get(ref)) } : {}),
      });
      const refText = ref !== null ? `; the line is the posterior mean of ${ref}` : "";
      return figure(`Posterior mean, 50% and 90% intervals of each group's ${base}${refText}.`, await svgPlot(svg, "forest-plot"));
    });
    await attempt("Shrinkage plot", async () => {
      const p = ex.pooling(table, (name) => mean(fit.get(name)));
      const f = p.transform ?? ((x: number) => x);
      const groups = names.map((name, j) => {
        const draws = fit.get(name).map(f);
        const sorted = Float64Array.from(draws).sort();
        return {
          label: label(name),
          n: p.size[j],
          noPooling: p.none[j],
          partialPooling: mean(draws),
          partialPoolingInterval: [quantile(sorted, 0.05), quantile(sorted, 0.95)] as const,
          ...(p.noneInterval ? { noPoolingInterval: p.noneInterval[j] } : {}),
        };
      });
      const svg = shrinkagePlot(groups, { populationMean: p.complete, xLabel: p.scale, title: `Shrinkage: ${p.scale}` });
      return figure(
        `Top: each group's own estimate (no pooling). Bottom: its partially pooled posterior mean. Dashed: complete pooling (${fmt(p.complete)}). Groups with little data travel furthest.`,
        await svgPlot(svg, "shrinkage-plot"),
      );
    });
    await attempt("Posterior predictive check", () => ppcFigure(fit, ex, table));
  } else if (fitted.mv !== null) {
    await multivariatePlots(fit, fitted.mv, table, grid, attempt);
  } else {
    const effects = fit.names.filter((n) => n.startsWith("r_"));
    const which = (fitted.formula as PageFormulaModel).model.samplePrior === "only" ? "Prior" : "Posterior";
    if (effects.length > 0) {
      await attempt("Forest plot", async () =>
        figure(
          `${which} mean, 50% and 90% intervals of the group-level effects (brms's r_<group>[<level>,<term>]).`,
          await svgPlot(forestPlot(forestRowsFromDraws(fit.draws, effects), { title: "Group-level effects", point: "mean", sort: effects.length > 20 ? "ascending" : "none", reference: 0 }), "forest-plot"),
        ),
      );
    }
    const formula = fitted.formula as PageFormulaModel;
    const priorOnly = formula.model.samplePrior === "only";
    await attempt(priorOnly ? "Prior predictive check" : "Posterior predictive check", () => formulaPpcFigure(fit, formula));
    await attempt("Conditional effects", () => effectsPanel(fit, formula.model.design, table, !priorOnly));
    // The pooling comparison refits with the data (its shrinkage plot is about the likelihood): not for the prior alone.
    // A categorical or non-linear model keeps its group terms per predictor: the panel then says why there is no comparison.
    if ((formula.model.spec.groups.length > 0 || fit.names.some((n) => n.startsWith("r_"))) && !priorOnly) grid.append(poolingPanel(formula.model.spec, settings, { begin: beginRun, end: endRun }));
  }
  card.append(await diagnosticPlots(fit, ex));
  return card;
}

/** Trace and rank plots of one chosen output (hyperparameters first in the list). */
async function diagnosticPlots(fit: Fit, ex: Example | null): Promise<HTMLElement> {
  const group = ex?.groups.param;
  const inGroup = (n: string) => group !== undefined && n.startsWith(`${group}[`);
  const names = fit.names.filter((n) => !n.includes("_rep[") && !n.startsWith("log_lik"));
  const ordered = [...names.filter((n) => !n.includes("[")), ...names.filter((n) => n.includes("[") && !inGroup(n)), ...names.filter(inGroup)];
  const select = h("select", { "data-testid": "trace-param", "aria-label": "parameter for the trace and rank plots" }, ordered.map((n) => h("option", { value: n }, n)));
  const body = h("div", { class: "figures" });
  // The old plots go at once and the new ones come in when drawn; a later choice wins over a slower earlier one.
  let drawing = 0;
  const draw = async () => {
    clear(body);
    const v = select.value;
    const mine = ++drawing;
    let parts: HTMLElement[];
    try {
      const [trace, rank] = await Promise.all([svgPlot(tracePlot(fit.draws, v, { title: `Trace of ${v}` }), "trace-plot"), svgPlot(rankPlot(fit.draws, v, { title: `Ranks of ${v}` }), "rank-plot")]);
      parts = [
        figure("One line per chain: well-mixed chains overlap and wander over the same range.", trace),
        figure("Each chain's ranks among all draws: near-uniform bars mean the chains agree.", rank),
      ];
    } catch (e) {
      parts = [h("div", { class: "not-available" }, (e as Error).message)];
    }
    if (mine === drawing) body.append(...parts);
  };
  select.addEventListener("change", () => void draw());
  await draw();
  return h("div", { class: "diagnostic-plots" }, h("h3", null, "Convergence"), h("label", { class: "field inline" }, h("span", null, "trace and rank plots of"), select), body);
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

function quantile(sorted: Float64Array, p: number): number {
  const x = (sorted.length - 1) * p;
  const lo = Math.floor(x);
  return sorted[lo] + (x - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

/** Replicated data sets behind a PPC plot: enough for stable 90 % bands, cheap to draw in the page. */
const PPC_REPLICATES = 200;

/** PPC: bars with intervals for counts, a density overlay for continuous data. */
async function ppcFigure(fit: Fit, ex: Example, table: DataTable): Promise<HTMLElement> {
  const observed = numericColumn(table, ex.ppc);
  const reps = replicate(fit, ex.ppc, PPC_REPLICATES, fit.result.settings.seed);
  const counts = ex.ppcKind === "bars";
  const title = `Posterior predictive check: ${ex.ppc}`;
  const svg = counts ? ppcBarsPlot(observed, reps, { title, xLabel: ex.ppc }) : ppcDensityPlot(observed, reps, { title, xLabel: ex.ppc });
  const caption = counts
    ? `Observed ${ex.ppc} against ${reps.length} data sets replicated from the posterior.`
    : `Density of the observed ${ex.ppc} (dark) against data sets replicated from the posterior (light).`;
  return figure(caption, await svgPlot(svg, "ppc-plot"));
}

/** PPC of a formula model: replicates of the fitted rows' response drawn through src/predict. */
async function formulaPpcFigure(fit: Fit, formula: PageFormulaModel): Promise<HTMLElement> {
  const design = formula.model.design;
  const reps = formulaReplicates(fit.draws, design, PPC_REPLICATES, fit.result.settings.seed);
  const label = design.response.label;
  // A prior-only fit's draws are the prior's: the same replicates are then the prior predictive distribution.
  const source = formula.model.samplePrior === "only" ? "prior" : "posterior";
  const title = `${source === "prior" ? "Prior" : "Posterior"} predictive check: ${label}`;
  const svg = reps.kind === "bars" ? ppcBarsPlot(reps.observed, reps.replicates, { title, xLabel: label }) : ppcDensityPlot(reps.observed, reps.replicates, { title, xLabel: label });
  const caption =
    reps.kind === "bars"
      ? `Observed ${label} against ${reps.replicates.length} data sets replicated from the ${source} (brms's posterior_predict).`
      : `Density of the observed ${label} (dark) against data sets replicated from the ${source} (light; brms's posterior_predict).`;
  return figure(caption + categoryNote(design.response.categories, design.family.name) + censoredNote(design.response.cens), await svgPlot(svg, "ppc-plot"));
}

/** The notes of the formula front end (rows dropped, trials assumed, …), one list for either kind of formula model. */
function formulaMessages(fitted: Fitted): readonly string[] {
  return fitted.formula?.model.messages ?? fitted.mv?.mv.messages ?? [];
}

/**
 * A multivariate fit's plots: what is not available said in words first, the forest plot of every
 * response's group effects, then per response its PPC and its conditional effects / Bayes R² (each
 * response's design with the draws under its univariate names), each failing alone into words.
 */
async function multivariatePlots(fit: Fit, mv: PageMultivariateModel, table: DataTable, grid: HTMLElement, attempt: (what: string, make: () => Promise<HTMLElement>) => Promise<void>): Promise<void> {
  grid.append(h("p", { class: "not-available", "data-testid": "mv-unavailable" }, MULTIVARIATE_UNAVAILABLE));
  const effects = fit.names.filter((n) => n.startsWith("r_"));
  if (effects.length > 0) {
    await attempt("Forest plot", async () =>
      figure(
        "Posterior mean, 50% and 90% intervals of the group-level effects (brms's r_<group>__<response>[<level>,<term>]).",
        await svgPlot(forestPlot(forestRowsFromDraws(fit.draws, effects), { title: "Group-level effects", point: "mean", sort: effects.length > 20 ? "ascending" : "none", reference: 0 }), "forest-plot"),
      ),
    );
  }
  const design = mv.mv.design;
  let reps: ReturnType<typeof multivariateReplicates> | null = null;
  await attempt("Posterior predictive check", async () => {
    reps = multivariateReplicates(fit.draws, design, PPC_REPLICATES, fit.result.settings.seed);
    return h("p", { class: "note" }, `Posterior predictive checks per response: ${reps.map((r) => r.label).join(", ")}${design.model.rescor ? " (replicates drawn jointly with the residual correlation)" : ""}.`);
  });
  const names = design.model.names;
  for (let k = 0; k < names.length; k++) {
    const r = names[k];
    const label = design.designs[k].response.label;
    const mine = (reps as ReturnType<typeof multivariateReplicates> | null)?.[k];
    if (mine !== undefined) {
      await attempt(`Posterior predictive check of ${label}`, async () => {
        const title = `Posterior predictive check: ${label}`;
        const svg = mine.kind === "bars" ? ppcBarsPlot(mine.observed, mine.replicates, { title, xLabel: label }) : ppcDensityPlot(mine.observed, mine.replicates, { title, xLabel: label });
        const caption =
          mine.kind === "bars"
            ? `Observed ${label} against ${mine.replicates.length} data sets replicated from the posterior (brms's posterior_predict, response ${r}).`
            : `Density of the observed ${label} (dark) against data sets replicated from the posterior (light; brms's posterior_predict, response ${r}).`;
        const fig = figure(caption, await svgPlot(svg, "ppc-plot"));
        fig.dataset.response = r;
        return fig;
      });
    }
    await attempt(`Conditional effects of ${label}`, async () => {
      const panel = await effectsPanel({ draws: responseView(fit.draws, r), result: fit.result }, design.designs[k], table);
      panel.dataset.response = r;
      panel.prepend(h("h3", null, `Response ${label}`));
      return panel;
    });
  }
}

/**
 * Replicates are uncensored draws while a censored row's observed value is only its bound, so the two
 * curves differ even for a true model (brms's pp_check plots them the same way, without saying so).
 */
function censoredNote(cens: Int32Array | undefined): string {
  if (cens === undefined) return "";
  let n = 0;
  for (let i = 0; i < cens.length; i++) if (cens[i] !== 0) n++;
  if (n === 0) return "";
  return ` ${n} of the ${cens.length} observed values are censored and drawn at their bound, while the replicates are uncensored: expect the curves to differ there.`;
}

// ---- run ------------------------------------------------------------------------------------------

async function run(): Promise<void> {
  // A run checks the formula itself: a syntax check still pending from typing would hide the run's own error.
  clearTimeout(formulaTimer);
  hideError();
  if (state.data === null) {
    showError("Load a CSV or choose an example first.");
    return;
  }
  const ex = state.example;
  const table = state.data.table;
  let start: (settings: RunSettings, onProgress: (p: ChainProgress) => void, signal: AbortSignal) => Promise<Fit>;
  let title: string;
  let modelName: string;
  let fitted: Fitted;
  if (ex !== null) {
    start = (settings, onProgress, signal) => runModel(ex.model, tableToRecord(table), settings, { onProgress, signal, generated: true });
    title = ex.title;
    modelName = ex.model.name;
    fitted = { ex, formula: null, mv: null };
  } else {
    const formula = formulaInput.value;
    if (formula.trim() === "") {
      showError("Write a formula first, e.g. y ~ x + (1 | group).");
      return;
    }
    let page: ReturnType<typeof pageModel>;
    try {
      page = pageModel(formula, familySelect.value, priorLines(priorInput.value), table, levelList(levelsInput.value), samplePriorOf(samplePriorInput.value), pageCovariances(formula, state.covs));
    } catch (e) {
      if (!(e instanceof Error && e.name === "UserError")) throw e;
      showError(pagePriorMessage(e.message), table.warnings);
      return;
    }
    if (page.kind === "multivariate") {
      const mv: PageMultivariateModel = page;
      start = (settings, onProgress, signal) => runProgram(mv.program, settings, { onProgress, signal });
      fitted = { ex: null, formula: null, mv };
      title = `${formula} (${familySelect.value}, multivariate)`;
    } else {
      const built: PageFormulaModel = page;
      start = async (settings, onProgress, signal) => {
        const fit = await runProgram(built.program, settings, { onProgress, signal });
        return built.model.samplePrior === "yes" ? withPriorDraws(fit, built.model) : fit;
      };
      fitted = { ex: null, formula: built, mv: null };
      title = `${formula} (${familySelect.value}${{ no: "", only: ", prior only", yes: ", with prior draws" }[built.model.samplePrior]})`;
    }
    modelName = "formula";
  }

  const settings = readSettings(ex?.seed ?? 1);
  const controller = beginRun();
  if (controller === null) return;
  const progress = progressView(settings.chains);
  clear(runSection);
  runSection.hidden = false;
  // Shown while the chains run (a not-identified coefficient can take the whole run to show up as
  // R-hat); the results repeat them at the top of their warnings, so this list goes when they come.
  const before = warningsBeforeSampling(table, fitted);
  const beforeList = before.length > 0 ? h("ul", { class: "warnings", "data-testid": "pre-warnings" }, before.map((w) => h("li", null, w))) : null;
  runSection.append(h("h2", null, "Sampling"), h("p", { class: "meta" }, `${title}: ${settings.chains} chains, ${settings.warmup} warmup + ${settings.draws} draws each, seed ${settings.seed}`), ...(beforeList ? [beforeList] : []), progress.element);
  clear(resultsSection);
  try {
    const fit = await start(settings, progress.update, controller.signal);
    progress.finish(fit.result.partial);
    await renderResults(fit, fitted, table, modelName, settings);
    beforeList?.remove();
  } catch (e) {
    if (!controller.signal.aborted) progress.finish(true);
    showError((e as Error).message, table.warnings);
  } finally {
    endRun();
  }
}

// ---- events ---------------------------------------------------------------------------------------

for (const ex of EXAMPLES) byTestId(root, `example-${ex.name}`).addEventListener("click", () => selectExample(ex));
covInput.addEventListener("change", () => void readCovFiles([...(covInput.files ?? [])]));
fileInput.addEventListener("change", () => {
  const f = fileInput.files?.[0];
  if (f) void readFile(f);
});
for (const type of ["dragenter", "dragover"] as const) {
  document.addEventListener(type, (e) => {
    e.preventDefault();
    dropZone.classList.add("over");
  });
}
document.addEventListener("dragleave", (e) => {
  if (e.relatedTarget === null) dropZone.classList.remove("over");
});
document.addEventListener("drop", (e) => {
  e.preventDefault();
  dropZone.classList.remove("over");
  const f = e.dataTransfer?.files[0];
  if (f) void readFile(f);
});
/** Grows the formula box to its wrapped text. */
function fitFormulaBox(): void {
  formulaInput.style.height = "auto";
  formulaInput.style.height = `${formulaInput.scrollHeight + 2}px`;
}

let formulaTimer: ReturnType<typeof setTimeout> | undefined;
formulaInput.addEventListener("input", () => {
  // A formula is one line (the caret in error messages counts columns on it): pasted line breaks become spaces.
  if (/[\r\n]/.test(formulaInput.value)) formulaInput.value = formulaInput.value.replace(/\r?\n|\r/g, " ");
  fitFormulaBox();
  if (state.example !== null && formulaInput.value.trim() !== "" && state.data !== null) useOwnData(state.data);
  // Check the syntax once typing pauses, so the caret does not flicker on every key.
  clearTimeout(formulaTimer);
  formulaTimer = setTimeout(() => {
    const text = formulaInput.value;
    const syntax = text.trim() === "" ? null : formulaSyntaxError(text);
    if (syntax === null) hideError();
    else showError(syntax);
  }, 250);
});
window.addEventListener("resize", fitFormulaBox);
runButton.addEventListener("click", () => void run());
// Ctrl+Enter (⌘+Enter on a Mac) runs from the formula and prior boxes, as in a notebook cell.
for (const box of [formulaInput, priorInput] as HTMLElement[]) {
  box.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      if (!runButton.disabled) void run();
    } else if (box === formulaInput) {
      e.preventDefault(); // one line: Enter alone adds nothing
    }
  });
}
stopButton.addEventListener("click", () => state.running?.abort());

