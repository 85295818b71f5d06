/**
 * `hbayes effects DIR`: brms's conditional_effects for an `--out` folder of a formula fit — per effect
 * and grid point the median and 95 % band of the expected response (or of response draws), the other
 * predictors at their mean / first level. CSV on stdout (or --csv FILE), or JSON with --json. Also
 * reads a saved fit back with its training data for `hbayes r2` (readSavedFit).
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { conditionalEffectsFromDraws } from "../effects/conditionalEffects.js";
import { EFFECTS_METHODS, type ConditionalEffect, type EffectsMethod } from "../effects/types.js";
import { UserError } from "../errors.js";
import { csvFiles } from "./summaryCommand.js";
import { buildDesign, type FormulaDesign } from "../formula/design.js";
import { formatRoundTrip } from "../io/formatNumber.js";
import type { DataTable } from "../io/dataTable.js";
import { readCmdStanCsvFiles } from "../io/cmdStanFiles.js";
import type { Draws } from "../posterior/draws.js";
import { SAVED_MODEL_SCHEMA, type SavedFormulaModel } from "../predict/savedModel.js";
import { loadDataTable, withDataNotes } from "./loadData.js";
import { MODEL_JSON, readModelJsonFile } from "./predictCommand.js";
import { isSavedMultivariate } from "../predict/multivariateSaved.js";

export interface SavedFit {
  readonly draws: Draws;
  readonly design: FormulaDesign;
  readonly data: DataTable;
  readonly dataFile: string;
  /** The fit's seed (from the draws' header), if recorded. */
  readonly seed: number | undefined;
}

function readSaved(dir: string, command: string): SavedFormulaModel {
  const path = join(dir, MODEL_JSON);
  const json = readModelJsonFile(dir, command);
  const saved = json as Partial<SavedFormulaModel>;
  if (isSavedMultivariate(json)) throw new UserError(`'${path}' is a multivariate fit (mvbind / bf() + bf()): hbayes ${command} does not support those yet (hbayes predict, summary and coef do)`);
  if (saved.schema !== SAVED_MODEL_SCHEMA || typeof saved.formula !== "string" || typeof saved.family !== "string") {
    throw new UserError(`'${path}' is not a saved formula model (${SAVED_MODEL_SCHEMA}): write it again with hbayes fit --out`);
  }
  return saved as SavedFormulaModel;
}

/** A formula fit's folder with its training data: model.json's data file unless `dataOption` names one; the design is rebuilt from it. */
export function readSavedFit(dir: string, dataOption: string | undefined, command: string): SavedFit {
  if (!existsSync(dir)) throw new UserError(`'${dir}' does not exist: give an --out folder of hbayes fit`);
  const saved = readSaved(dir, command);
  const dataFile = dataOption ?? saved.data;
  if (!dataFile) throw new UserError(`${join(dir, MODEL_JSON)} does not name the data the model was fitted to: give them with --data FILE`);
  if (!existsSync(dataFile)) {
    throw new UserError(`the fit's data file '${dataFile}' (from ${join(dir, MODEL_JSON)}) does not exist here: give the data the model was fitted to with --data FILE`);
  }
  const data = loadDataTable(dataFile);
  const design = withDataNotes(data, (table) => buildDesign(saved.formula, table, { family: saved.family, ...(saved.categories ? { levels: saved.categories } : {}) }));
  if (design.X.names.join("\u0000") !== saved.X.names.join("\u0000")) {
    throw new UserError(`${dataFile} gives the predictors ${design.X.names.join(", ")}, but the fit had ${saved.X.names.join(", ")}: give the data the model was fitted to with --data FILE`);
  }
  // The same data give the same column means and group levels (model.json keeps both, round-trip exact).
  const sameMeans = saved.X.means.every((m, k) => Object.is(m, design.X.means[k]) || (m === null && Number.isNaN(design.X.means[k])));
  const sameLevels = saved.groups.length === design.groups.length && saved.groups.every((g, k) => g.levels.join("\u0000") === design.groups[k].levels.join("\u0000"));
  if (!sameMeans || !sameLevels) {
    throw new UserError(`${dataFile} is not the data the fit in '${dir}' used (${sameLevels ? "the predictors' means" : "the group levels"} differ): give the data the model was fitted to with --data FILE`);
  }
  const { chains, draws } = readCmdStanCsvFiles(csvFiles([dir]));
  const fitSeed = Number(chains[0]?.config["random.seed"] ?? chains[0]?.config["seed"]);
  return { draws, design, data, dataFile, seed: Number.isFinite(fitSeed) ? fitSeed : undefined };
}

export interface EffectsCliOptions {
  effects?: string;
  method: EffectsMethod;
  categorical?: boolean;
  resolution?: number;
  prob?: number;
  data?: string;
  seed?: number;
  json?: boolean;
  csv?: string;
  /** brms's conditions (one row): "zAge=0,Trt=1", numbers for numeric predictors and level labels for factors. */
  conditions?: string;
}

/** `--conditions "zAge=0.5,Trt=1"` → { zAge: 0.5, Trt: "1" }: numbers where the text is one, labels otherwise (the library checks each against its column). */
export function parseConditions(text: string): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const part of text.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    const eq = part.indexOf("=");
    if (eq <= 0 || eq === part.length - 1) throw new UserError(`--conditions: expected name=value pairs separated by commas, e.g. "zAge=0,Trt=1", got ${JSON.stringify(part)}`);
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name in out) throw new UserError(`--conditions: ${name} is given twice`);
    const num = Number(value);
    out[name] = value !== "" && Number.isFinite(num) ? num : value;
  }
  return out;
}

export const EFFECTS_CHOICES = Object.freeze({ method: EFFECTS_METHODS });

function cellOf(c: ConditionalEffect["columns"][number] | undefined, i: number): string {
  if (!c) return "";
  const v = c.values[i];
  if (typeof v === "number") return formatRoundTrip(v);
  // A label with a comma or quote is quoted as CSV needs.
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** brms's long layout: one line per effect and grid point, effect1__ / effect2__ the plotted values. */
export function effectsCsv(effects: readonly ConditionalEffect[]): string {
  const categorical = effects.some((e) => e.categorical);
  const lines = [["effect", "effect1__", "effect2__", ...(categorical ? ["cats__"] : []), "estimate__", "se__", "lower__", "upper__"].join(",")];
  for (const e of effects) {
    const plotted = e.columns.filter((c) => c.name !== "cats__");
    const cats = e.columns.find((c) => c.name === "cats__");
    for (let i = 0; i < e.n; i++) {
      lines.push(
        [e.name, cellOf(plotted[0], i), cellOf(plotted[1], i), ...(categorical ? [cellOf(cats, i)] : []), ...[e.estimate[i], e.se[i], e.lower[i], e.upper[i]].map(formatRoundTrip)].join(","),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function effectsJson(effects: readonly ConditionalEffect[]): unknown {
  return {
    schema: "hbayes-conditional-effects/1",
    effects: effects.map((e) => ({
      effect: e.name,
      variables: e.effects,
      method: e.method,
      categorical: e.categorical,
      response: e.response,
      conditions: e.conditions,
      grid: Object.fromEntries(e.columns.map((c) => [c.name, Array.from(c.values as ArrayLike<number | string>)])),
      estimate: Array.from(e.estimate),
      se: Array.from(e.se),
      lower: Array.from(e.lower),
      upper: Array.from(e.upper),
      messages: e.messages,
    })),
  };
}

function conditionsNote(e: ConditionalEffect): string {
  const parts = Object.entries(e.conditions).map(([k, v]) => `${k} = ${typeof v === "number" ? formatRoundTrip(Number(v.toPrecision(6))) : v}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

export function effectsCommand(dir: string, o: EffectsCliOptions): void {
  if (!EFFECTS_METHODS.includes(o.method)) throw new UserError(`--method must be one of ${EFFECTS_METHODS.join(", ")}, got ${JSON.stringify(o.method)}`);
  if (o.json && o.csv) throw new UserError("give --json (JSON on stdout) or --csv FILE, not both");
  const fit = readSavedFit(dir, o.data, "effects");
  const effects = o.effects === undefined ? undefined : o.effects.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const result = conditionalEffectsFromDraws(fit.draws, fit.design, fit.data, {
    ...(effects ? { effects } : {}),
    method: o.method,
    ...(o.categorical ? { categorical: true } : {}),
    ...(o.resolution !== undefined ? { resolution: o.resolution } : {}),
    ...(o.prob !== undefined ? { prob: o.prob } : {}),
    ...(o.conditions !== undefined ? { conditions: parseConditions(o.conditions) } : {}),
    ...((o.seed ?? fit.seed) !== undefined ? { seed: o.seed ?? fit.seed } : {}),
  });
  const notes = new Set(result.flatMap((e) => e.messages));
  for (const m of notes) process.stderr.write(`note: ${m}\n`);
  if (o.json) process.stdout.write(`${JSON.stringify(effectsJson(result), null, 2)}\n`);
  else if (o.csv) writeFileSync(o.csv, effectsCsv(result), "utf8");
  else process.stdout.write(effectsCsv(result));
  for (const e of result) process.stderr.write(`${e.name}: ${e.n} grid points; held at ${conditionsNote(e)}\n`);
  const what = o.method === "epred" ? "expected response" : "response draws";
  process.stderr.write(`conditional effects (${what}, median and ${Math.round((o.prob ?? 0.95) * 1000) / 10} % band, group-level effects left out) from ${fit.draws.chains * fit.draws.draws} draws${o.csv ? `; wrote ${o.csv}` : ""}\n`);
}
