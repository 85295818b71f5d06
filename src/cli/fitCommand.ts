/** `hbayes fit`: a formula or a DSL model file, data, sampler settings → table, JSON, files. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fit, type FitOptions } from "../api/fit.js";
import { fitFormulaModel } from "../api/formulaFit.js";
import { fitMultivariateModel } from "../api/multivariateFit.js";
import { isMultivariateFormula } from "../formula/multivariate.js";
import { saveMultivariateModel, type SavedMultivariateModel } from "../predict/multivariateSaved.js";
import type { Fit } from "../api/fitResult.js";
import { beyondFooter, summarizeFit } from "../api/fitSummary.js";
import { UserError } from "../errors.js";
import type { MetricKind } from "../inference/metric.js";
import { writeCmdStanCsvFiles, writeJsonFile } from "../io/node.js";
import { loadDataRecord, loadDataTable, withDataNotes } from "./loadData.js";
import { loadModelFile } from "./loadModel.js";
import { createProgress } from "./progress.js";
import { EXIT_INTERRUPTED, EXIT_OK } from "./errors.js";
import { cmdStanOptions, fitReport, formulaPpc, formulaShrinkage } from "./outputs.js";
import { writeModelJson } from "./predictCommand.js";
import type { SamplePrior } from "../api/priorOnly.js";
import { fitEffects } from "../effects/forReport.js";
import type { FormulaDesign } from "../formula/design.js";
import { readKnownCovOptions } from "./knownCovFile.js";

export interface FitCliOptions {
  data: string;
  formula?: string;
  family: string;
  /** cumulative: the response's categories lowest first, comma-separated on the command line. */
  levels?: string[];
  prior: string[];
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  adaptDelta?: number;
  maxTreedepth: number;
  /** Left out, the library's default (as the API and the web app): a small marginal fit then gets "dense". */
  metric?: MetricKind;
  threads?: number;
  out?: string;
  json?: boolean;
  reparam: "auto" | "none";
  marginalize: "auto" | "none";
  /** brms's sample_prior: "only" fits the prior alone (formula models). */
  samplePrior: SamplePrior;
  /** `--cov A=A.csv`: known covariance matrices for gr(g, cov = A), repeatable. */
  cov?: string[];
}

/**
 * Ctrl-C during sampling stops the chains (the first SIGINT only: a second one kills the process as
 * usual); the draws finished so far are summarised and written with a warning, and the exit code is
 * 130 so scripts can tell an interrupted run from a finished one.
 */
function onInterrupt(quiet: boolean): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const handler = () => {
    process.removeListener("SIGINT", handler);
    if (!quiet) process.stderr.write("\ninterrupted: stopping the chains and keeping the draws so far (Ctrl-C again quits at once)\n");
    ac.abort();
  };
  process.on("SIGINT", handler);
  return { signal: ac.signal, dispose: () => process.removeListener("SIGINT", handler) };
}

export async function fitCommand(modelPath: string | undefined, o: FitCliOptions): Promise<number> {
  if (modelPath !== undefined && o.formula !== undefined) {
    throw new UserError("give either a model file or --formula, not both");
  }
  if (modelPath === undefined && o.formula === undefined) {
    throw new UserError('give a model: --formula "y ~ x + (1 | group)" or a DSL model file (hbayes fit model.ts --data data.json)');
  }
  const progress = o.json ? { update() {}, finish() {} } : createProgress(o.chains, o.warmup, o.draws);
  const interrupt = onInterrupt(o.json === true);
  const options: FitOptions = {
    chains: o.chains,
    warmup: o.warmup,
    draws: o.draws,
    seed: o.seed,
    ...(o.adaptDelta !== undefined ? { adaptDelta: o.adaptDelta } : {}),
    maxTreeDepth: o.maxTreedepth,
    ...(o.metric !== undefined ? { metric: o.metric } : {}),
    reparam: o.reparam,
    marginalize: o.marginalize,
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
    onProgress: (p) => progress.update(p),
    signal: interrupt.signal,
  };

  let result: Fit;
  let modelLabel: string;
  let design: FormulaDesign | undefined;
  let dataWarnings: readonly string[] = [];
  let mvSaved: SavedMultivariateModel | undefined;
  try {
    ({ result, modelLabel, design, dataWarnings = [], mvSaved } = await runFit(modelPath, o, options));
  } finally {
    interrupt.dispose();
  }
  progress.finish();
  const interrupted = interrupt.signal.aborted;
  if (interrupted && result.draws.draws === 0) {
    process.stderr.write("warning: interrupted before any chain saved a draw: nothing to summarise, nothing written\n");
    return EXIT_INTERRUPTED;
  }

  const priorOnly = o.samplePrior === "only";
  // brms's summary() leaves the prior_* draws of sample_prior = "yes" out of its table; they stay in the draws CSV.
  const summary = withSamplePrior(summarizeFit(result, { dataWarnings, ...(o.samplePrior === "yes" ? { include: (n: string) => !n.startsWith("prior_") } : {}) }), o.samplePrior);
  if (o.json) process.stdout.write(`${JSON.stringify(summary.json, null, 2)}\n`);
  else {
    const t = result.timing;
    process.stdout.write(`${summary.table}\n`);
    process.stderr.write(
      `${result.result.settings.chains} chains × ${result.result.settings.draws} draws after ${result.result.settings.warmup} warmup; ` +
        `compile ${(t.compile_s * 1000).toFixed(0)} ms, sampling ${t.wall_s.toFixed(2)} s wall, ${t.gradients} gradients\n` +
        `${beyondFooter(result)}\n` +
        (priorOnly ? "prior only (--sample-prior only): the likelihood was left out, so these are draws of the prior and predictions from them are prior predictive\n" : ""),
    );
  }
  for (const w of summary.warnings) process.stderr.write(`warning: ${w}\n`);

  if (o.out !== undefined) {
    mkdirSync(o.out, { recursive: true });
    writeJsonFile(join(o.out, "summary.json"), summary.json);
    writeCmdStanCsvFiles(join(o.out, "draws"), result.draws, cmdStanOptions(result, modelLabel, o.data));
    // Conditional effects and Bayes R² of a formula fit need its data rows (src/effects): read the CSV again.
    const fitted = design !== undefined && o.data !== undefined ? fitEffects(result.draws, design, loadDataTable(o.data), result.result.settings.seed) : undefined;
    // A prior-only fit's conditional effects are the prior's (worth seeing); its R² against the data means nothing.
    const effects = fitted !== undefined && priorOnly ? { ...fitted, r2: null } : fitted;
    // A prior-only fit's replicates are the prior predictive distribution; its "shrinkage" would be the prior's, not the data's.
    const ppc = design !== undefined ? { ...formulaPpc(result.draws, design, result.result.settings.seed), ...(priorOnly ? { title: "Prior predictive check" } : {}) } : undefined;
    writeFileSync(join(o.out, "report.html"), await fitReport(result, summary, modelLabel, ppc, design !== undefined && !priorOnly ? formulaShrinkage(result.draws, design) : null, effects), "utf8");
    // The design's encoding, so `hbayes predict` can encode new data the same way.
    if (design !== undefined) writeModelJson(o.out, design, o.prior, o.data, o.samplePrior);
    if (mvSaved !== undefined) writeJsonFile(join(o.out, "model.json"), mvSaved);
    if (!o.json) process.stderr.write(`wrote ${o.out}/summary.json, ${o.out}/draws-${result.draws.chains === 1 ? "1" : `1..${result.draws.chains}`}.csv, ${o.out}/report.html\n`);
  }
  return interrupted ? EXIT_INTERRUPTED : EXIT_OK;
}

async function runFit(modelPath: string | undefined, o: FitCliOptions, options: FitOptions): Promise<{ result: Fit; modelLabel: string; design?: FormulaDesign; dataWarnings?: readonly string[]; mvSaved?: SavedMultivariateModel }> {
  if (o.formula !== undefined) {
    const table = loadDataTable(o.data);
    const formula = o.formula;
    // brms's multivariate syntax (mvbind, several bf(), set_rescor): its own model; no single design to save for predict / effects yet.
    if (isMultivariateFormula(formula)) {
      if (o.samplePrior !== "no" || o.levels || (o.cov && o.cov.length > 0)) throw new UserError("--sample-prior, --levels and --cov are not supported for multivariate formulas (mvbind / bf() + bf()) yet");
      const mv = await withDataNotes(table, (data) => fitMultivariateModel({ formula, family: o.family, priors: o.prior, data }, options));
      for (const m of mv.model.messages) if (!o.json) process.stderr.write(`note: ${m}\n`);
      return { result: mv.fit, modelLabel: `${formula}  (family ${o.family})`, dataWarnings: table.warnings, mvSaved: saveMultivariateModel(formula, mv.model.design, o.prior, o.data) };
    }
    const formulaFit = await withDataNotes(table, (data) => fitFormulaModel({ formula, family: o.family, priors: o.prior, data, samplePrior: o.samplePrior, ...(o.levels ? { levels: o.levels } : {}), ...(o.cov && o.cov.length > 0 ? { data2: readKnownCovOptions(o.cov) } : {}) }, options));
    for (const m of formulaFit.model.messages) if (!o.json) process.stderr.write(`note: ${m}\n`);
    return { result: formulaFit.fit, modelLabel: `${o.formula}  (family ${o.family}${o.samplePrior === "only" ? "; prior only" : ""})`, design: formulaFit.model.design, dataWarnings: [...table.warnings, ...formulaFit.model.warnings] };
  }
  if (o.samplePrior === "only") {
    throw new UserError("--sample-prior only is for formula models; in a DSL model file, fit a copy without its likelihood statement (the observe / data distribution)");
  }
  if (o.samplePrior === "yes") throw new UserError("--sample-prior yes is for formula models (their priors are known by class); in a DSL model, draw from the priors in generated quantities");
  const model = await loadModelFile(modelPath as string);
  return { result: await fit(model, loadDataRecord(o.data), options), modelLabel: model.name };
}

/** summary.json records sample_prior "only" or "yes" in its settings; a plain fit leaves it out. */
function withSamplePrior<S extends { json: { settings: object } }>(summary: S, samplePrior: SamplePrior): S {
  if (samplePrior === "no") return summary;
  return { ...summary, json: { ...summary.json, settings: { ...summary.json.settings, sample_prior: samplePrior } } };
}
