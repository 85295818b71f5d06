/**
 * `hbayes report DIR`: (re)writes DIR/report.html from the draws an `hbayes fit --out DIR` left there
 * (or from CmdStan CSV files), so a report can be made again, or for draws from another tool. For a
 * formula fit (DIR/model.json) it rebuilds the design from the training data model.json names and
 * adds the shrinkage plot and the predictive check, as `fit --out` does.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildDesign, type FormulaDesign } from "../formula/design.js";
import { designFromSaved, saveFormulaModel, type SavedFormulaModel } from "../predict/savedModel.js";
import { isSavedMultivariate } from "../predict/multivariateSaved.js";
import type { Draws } from "../posterior/draws.js";
import type { ReportGroups, ReportPpc } from "../report/types.js";
import type { ReportEffects } from "../report/report.js";
import type { DataTable } from "../io/dataTable.js";
import { fitEffects } from "../effects/forReport.js";
import { loadDataTable } from "./loadData.js";
import { formulaPpc, formulaShrinkage } from "./outputs.js";
import { MODEL_JSON } from "./predictCommand.js";
import { diagnose } from "../diagnostics/diagnose.js";
import { samplerDiagnostics } from "../diagnostics/sampler.js";
import { readCmdStanCsvFiles } from "../io/cmdStanFiles.js";
import { summarize } from "../posterior/summary.js";
import { renderReport } from "../report/index.js";
import { csvFiles } from "./summaryCommand.js";

export async function reportCommand(paths: readonly string[], o: { out?: string; title?: string }): Promise<void> {
  const files = csvFiles(paths);
  const { chains, draws } = readCmdStanCsvFiles(files);
  const config = chains[0]?.config ?? {};
  const maxTreeDepth = Number(config["sample.adapt.max_depth"] ?? config["max_depth"] ?? 10) || 10;
  const rows = summarize(draws);
  const diagnostics = samplerDiagnostics(draws, { maxTreeDepth });
  const warnings = diagnose(draws, { maxTreeDepth, rows, diagnostics });
  const model = String(config["model"] ?? "model");
  const seed = Number(config["random.seed"] ?? config["seed"]);
  const formula = paths.length === 1 ? formulaPlots(paths[0], draws, Number.isFinite(seed) ? seed : 1) : null;
  const html = await renderReport({
    title: o.title ?? `hbayes: ${model}`,
    modelText: model,
    settings: {
      chains: draws.chains,
      warmup: Number(config["sample.num_warmup"] ?? config["warmup"] ?? NaN),
      draws: draws.draws,
      seed: String(config["random.seed"] ?? config["seed"] ?? ""),
    },
    rows,
    warnings,
    diagnostics,
    draws,
    ...(formula?.ppc ? { ppc: formula.ppc } : {}),
    ...(formula?.groups ? { groups: formula.groups } : {}),
    ...(formula?.effects ? { effects: formula.effects } : {}),
  });
  const target = o.out ?? join(paths.length === 1 && !paths[0].endsWith(".csv") ? paths[0] : ".", "report.html");
  writeFileSync(target, html, "utf8");
  process.stderr.write(`wrote ${target}\n`);
}

/**
 * The training data's design of the formula fit in `dir`, rebuilt from model.json's formula, family
 * and data file; null (with a note on stderr) when that file is gone or no longer encodes as the fit
 * saw it (other levels, other rows), since plots of other data would mislead.
 */
function savedDesign(dir: string): { design: FormulaDesign; data: DataTable; priorOnly: boolean } | null {
  const path = join(dir, MODEL_JSON);
  if (!existsSync(path)) return null;
  const skip = (why: string) => {
    process.stderr.write(`note: no shrinkage plot or predictive check: ${why}\n`);
    return null;
  };
  let json: SavedFormulaModel;
  let priorOnly = false;
  try {
    // fit --sample-prior only records itself beside the saved design (writeModelJson); the design is the rest.
    const { sample_prior: samplePrior, ...saved } = JSON.parse(readFileSync(path, "utf8")) as SavedFormulaModel & { sample_prior?: unknown };
    json = saved;
    priorOnly = samplePrior === "only";
  } catch (e) {
    return skip(`cannot read ${path} as JSON (${(e as Error).message})`);
  }
  if (isSavedMultivariate(json)) return skip("a multivariate fit (mvbind / bf() + bf()) has no single design to plot yet; the table and sampler diagnostics are all there");
  // Checks the saved shape (the schema, the groups against the formula) with predict's messages.
  designFromSaved(json);
  if (json.data === null || !existsSync(json.data)) return skip(`the training data ${JSON.stringify(json.data)} named in ${path} is not there`);
  // A cumulative fit's categories are its levels again (a text response has no order of its own).
  const data = loadDataTable(json.data);
  const design = buildDesign(json.formula, data, { family: json.family, ...(json.categories ? { levels: json.categories } : {}) });
  const again = saveFormulaModel(design, json.priors, json.data);
  if (JSON.stringify(again) !== JSON.stringify(json)) return skip(`${json.data} no longer encodes as the fit saw it (levels, columns or rows changed)`);
  return { design, data, priorOnly };
}

function formulaPlots(path: string, draws: Draws, seed: number): { ppc: ReportPpc; groups: ReportGroups | null; effects: ReportEffects } | null {
  const saved = statSync(path).isDirectory() ? savedDesign(path) : null;
  if (saved === null) return null;
  const { design, data, priorOnly } = saved;
  const effects = fitEffects(draws, design, data, seed);
  // As fit --out writes it: a prior-only fit's check is the prior predictive one, without shrinkage or R².
  if (priorOnly) return { ppc: { ...formulaPpc(draws, design, seed), title: "Prior predictive check" }, groups: null, effects: { ...effects, r2: null } };
  return { ppc: formulaPpc(draws, design, seed), groups: formulaShrinkage(draws, design), effects };
}
