/**
 * `hbayes predict DIR --data new.csv`: predictions for new rows from an `--out` folder of
 * `hbayes fit` (a formula model): the design's encoding from DIR/model.json, the draws from
 * DIR/draws-<chain>.csv. Per row mean, sd, q5, q50, q95 as CSV on stdout, or every draw with --draws.
 */
import type { SamplePrior } from "../api/priorOnly.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { csvFiles } from "./summaryCommand.js";
import type { FormulaDesign } from "../formula/design.js";
import { formatRoundTrip } from "../io/formatNumber.js";
import { readCmdStanCsvFiles, writeJsonFile } from "../io/cmdStanFiles.js";
import { predictFromDraws, PREDICTION_TYPES, type PredictionType } from "../predict/formulaPredict.js";
import { designFromSaved, saveFormulaModel } from "../predict/savedModel.js";
import { summarizePredictions } from "../predict/summary.js";
import { NEW_LEVELS_METHODS, type NewLevelsMethod } from "../predict/types.js";
import { loadDataTable, withDataNotes } from "./loadData.js";
import { readKnownCovOptions } from "./knownCovFile.js";
import { withKnownCovGroups } from "../formula/knownCov.js";
import { isSavedMultivariate } from "../predict/multivariateSaved.js";
import { predictMultivariateCommand } from "./multivariatePredictCommand.js";

export const MODEL_JSON = "model.json";

/** Called by `hbayes fit --out` for formula models: what `hbayes predict` needs to encode new data. */
/** `samplePrior` "only" is recorded (`sample_prior`) so that `hbayes compare` refuses a fit of the prior alone. */
export function writeModelJson(outDir: string, design: FormulaDesign, priors: readonly string[], dataFile: string, samplePrior: SamplePrior = "no"): void {
  const saved = saveFormulaModel(design, priors, dataFile);
  writeJsonFile(join(outDir, MODEL_JSON), samplePrior === "only" ? { ...saved, sample_prior: "only" } : saved);
}

/** The closed option sets of the command, for commander's `.choices()`. */
export const PREDICT_CHOICES = Object.freeze({ type: PREDICTION_TYPES, newLevelsMethod: NEW_LEVELS_METHODS });

export interface PredictCliOptions {
  data: string;
  type: PredictionType;
  newLevels?: boolean;
  newLevelsMethod: NewLevelsMethod;
  seed?: number;
  draws?: boolean;
  summary?: boolean;
  /** `--cov A=A.csv`: the matrices of gr(g, cov = A), so new levels are drawn given the fitted ones. */
  cov?: string[];
}

/** DIR/model.json parsed as JSON; `command` names the hbayes command that needs it in the error. */
export function readModelJsonFile(dir: string, command: string): unknown {
  const path = join(dir, MODEL_JSON);
  if (!existsSync(path)) {
    throw new UserError(`'${dir}' has no ${MODEL_JSON}: hbayes ${command} reads the --out folder of a formula fit (hbayes fit --formula … --out ${dir})`);
  }
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UserError(`cannot read '${path}' as JSON (${(e as Error).message}): write it again with hbayes fit --out`);
  }
}

export async function predictCommand(dir: string, o: PredictCliOptions): Promise<void> {
  if (!existsSync(dir)) throw new UserError(`'${dir}' does not exist: give an --out folder of hbayes fit`);
  if (!PREDICTION_TYPES.includes(o.type)) throw new UserError(`--type must be one of ${PREDICTION_TYPES.join(", ")}, got ${JSON.stringify(o.type)}`);
  if (o.draws && o.summary) throw new UserError("give --draws (every draw) or --summary (per-row summary, the default), not both");
  // A multivariate fit's model.json holds one encoding per response (src/predict/multivariateSaved.ts).
  const savedJson = readModelJsonFile(dir, "predict");
  if (isSavedMultivariate(savedJson)) return predictMultivariateCommand(dir, savedJson, o);
  const restored = designFromSaved(readModelJsonFile(dir, "predict"));
  const design = o.cov && o.cov.length > 0 ? withKnownCovGroups(restored, readKnownCovOptions(o.cov)) : restored;
  const files = csvFiles([dir]);
  const { chains, draws } = readCmdStanCsvFiles(files);
  const fitSeed = Number(chains[0]?.config["random.seed"] ?? chains[0]?.config["seed"]);
  const seed = o.seed ?? (Number.isFinite(fitSeed) ? fitSeed : undefined);
  const table = loadDataTable(o.data);
  let m: ReturnType<typeof predictFromDraws>;
  try {
    m = withDataNotes(table, (data) =>
      predictFromDraws(draws, design, o.type, data, {
        allowNewLevels: o.newLevels === true,
        newLevels: o.newLevelsMethod,
        ...(seed !== undefined ? { seed } : {}),
      }),
    );
  } catch (e) {
    // The library's message names the API option; on the command line it is a flag.
    if (e instanceof UserError && !o.newLevels && e.message.includes("allow_new_levels")) throw new UserError(`${e.message} (on the command line: --new-levels)`);
    throw e;
  }
  const lines: string[] = [];
  // The cumulative and categorical families: epred has K probabilities per row (columns row_3[no], …; summary rows per
  // row and category); predict draws are category codes 1 … K, written as their labels in --draws.
  const categories = design.family.name === "cumulative" || design.family.name === "categorical" ? (design.response.categories ?? null) : null;
  const perRow = categories && o.type === "epred" ? categories.length : 1;
  const cell = categories && o.type === "predict" ? (v: number) => categories[v - 1] ?? formatRoundTrip(v) : formatRoundTrip;
  if (o.draws) {
    const header = Array.from(m.rows, (r) => (perRow > 1 ? (categories as readonly string[]).map((l) => `row_${r + 1}[${l}]`) : [`row_${r + 1}`])).flat();
    lines.push(["chain", "draw", ...header].join(","));
    for (let s = 0; s < m.draws; s++) {
      const c = m.chainIds[s];
      const cells = [String(c), String(s - (c - 1) * draws.draws + 1)];
      for (let i = 0; i < m.observations; i++) cells.push(cell(m.data[s * m.observations + i]));
      lines.push(cells.join(","));
    }
  } else if (perRow > 1) {
    lines.push("row,category,mean,sd,q5,q50,q95");
    summarizePredictions(m).forEach((r, j) => {
      const i = Math.floor(j / perRow);
      lines.push([String(m.rows[i] + 1), (categories as readonly string[])[j % perRow], ...[r.mean, r.sd, r.q5, r.q50, r.q95].map(formatRoundTrip)].join(","));
    });
  } else {
    lines.push("row,mean,sd,q5,q50,q95");
    summarizePredictions(m).forEach((r, i) => lines.push([String(m.rows[i] + 1), ...[r.mean, r.sd, r.q5, r.q50, r.q95].map(formatRoundTrip)].join(",")));
    if (categories && o.type === "predict") process.stderr.write(`note: categories are summarised by their codes: ${categories.map((l, k) => `${k + 1} = ${l}`).join(", ")}\n`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  if (m.rows.length < table.nRows) process.stderr.write(`note: ${table.nRows - m.rows.length} row(s) of ${o.data} have missing predictors and were left out; 'row' is the data row number\n`);
  process.stderr.write(`${o.type} for ${m.rows.length} row(s) from ${m.draws} draws (${draws.chains} chains)\n`);
}
