/** `hbayes fit`: a formula or a DSL model file, data, sampler settings → table, JSON, files. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fit, type FitOptions } from "../api/fit.js";
import { fitFormulaModel } from "../api/formulaFit.js";
import type { Fit } from "../api/fitResult.js";
import { summarizeFit } from "../api/fitSummary.js";
import { UserError } from "../errors.js";
import { writeCmdStanCsvFiles, writeJsonFile } from "../io/node.js";
import { loadDataRecord, loadDataTable } from "./loadData.js";
import { loadModelFile } from "./loadModel.js";
import { createProgress } from "./progress.js";
import { cmdStanOptions, fitReport } from "./outputs.js";

export interface FitCliOptions {
  data: string;
  formula?: string;
  family: string;
  prior: string[];
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  adaptDelta: number;
  maxTreedepth: number;
  metric: "diag" | "dense";
  threads?: number;
  out?: string;
  json?: boolean;
}

export async function fitCommand(modelPath: string | undefined, o: FitCliOptions): Promise<void> {
  if (modelPath !== undefined && o.formula !== undefined) {
    throw new UserError("give either a model file or --formula, not both");
  }
  if (modelPath === undefined && o.formula === undefined) {
    throw new UserError('give a model: --formula "y ~ x + (1 | group)" or a DSL model file (hbayes fit model.ts --data data.json)');
  }
  const progress = o.json ? { update() {}, finish() {} } : createProgress(o.chains, o.warmup, o.draws);
  const options: FitOptions = {
    chains: o.chains,
    warmup: o.warmup,
    draws: o.draws,
    seed: o.seed,
    adaptDelta: o.adaptDelta,
    maxTreeDepth: o.maxTreedepth,
    metric: o.metric,
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
    onProgress: (p) => progress.update(p),
  };

  let result: Fit;
  let modelLabel: string;
  if (o.formula !== undefined) {
    const table = loadDataTable(o.data);
    const formulaFit = await fitFormulaModel({ formula: o.formula, family: o.family, priors: o.prior, data: table }, options);
    result = formulaFit.fit;
    for (const m of formulaFit.model.messages) if (!o.json) process.stderr.write(`note: ${m}\n`);
    modelLabel = `${o.formula}  (family ${o.family})`;
  } else {
    const model = await loadModelFile(modelPath as string);
    result = await fit(model, loadDataRecord(o.data), options);
    modelLabel = model.name;
  }
  progress.finish();

  const summary = summarizeFit(result);
  if (o.json) process.stdout.write(`${JSON.stringify(summary.json, null, 2)}\n`);
  else {
    const t = result.timing;
    process.stdout.write(`${summary.table}\n`);
    process.stderr.write(
      `${result.result.settings.chains} chains × ${result.result.settings.draws} draws after ${result.result.settings.warmup} warmup; ` +
        `compile ${(t.compile_s * 1000).toFixed(0)} ms, sampling ${t.wall_s.toFixed(2)} s wall, ${t.gradients} gradients\n`,
    );
  }
  for (const w of summary.warnings) process.stderr.write(`warning: ${w}\n`);

  if (o.out !== undefined) {
    mkdirSync(o.out, { recursive: true });
    writeJsonFile(join(o.out, "summary.json"), summary.json);
    writeCmdStanCsvFiles(join(o.out, "draws"), result.draws, cmdStanOptions(result, modelLabel, o.data));
    writeFileSync(join(o.out, "report.html"), fitReport(result, summary, modelLabel), "utf8");
    if (!o.json) process.stderr.write(`wrote ${o.out}/summary.json, ${o.out}/draws-1..${o.chains}.csv, ${o.out}/report.html\n`);
  }
}
