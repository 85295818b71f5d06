/**
 * Reader of CmdStan-layout draws CSV files (CmdStan, cmdstanr/cmdstanpy, rstan's `sample_file`, hbayes).
 * Browser-safe: takes text. The files are machine-written (no quoting), so lines are split directly;
 * that keeps a 4 × 1000 × 10 000 read fast without a general CSV parser.
 */
import { UserError } from "../errors.js";
import { SAMPLER_VARIABLES, type Draws } from "../posterior/draws.js";
import { fromCmdStanColumn } from "./cmdStanNames.js";
import { cmdStanMessages } from "./messages.js";
import type { CmdStanMetric } from "./writeCmdStanCsv.js";

export interface CmdStanAdaptation {
  readonly stepSize: number;
  readonly metric: CmdStanMetric;
  /** diag_e: the diagonal; dense_e: dim × dim row-major; unit_e: empty. */
  readonly inverseMetric: Float64Array;
}

export interface CmdStanTiming {
  readonly warmupSeconds: number;
  readonly samplingSeconds: number;
  readonly totalSeconds: number;
}

/** One chain's file. Values are column-major: column c, draw t at `values[c * draws + t]`. */
export interface CmdStanCsv {
  readonly source: string;
  /** Column headers as written (`theta.1`). */
  readonly columns: readonly string[];
  /** Variable names: sampler columns as written, model columns Stan/brms style (`theta[1]`, `r_county[AITKIN,Intercept]`). */
  readonly names: readonly string[];
  readonly draws: number;
  readonly values: Float64Array;
  readonly warmupDraws: number;
  readonly warmupValues: Float64Array;
  /**
   * The argument comments. CmdStan's indented tree is keyed by section path (`sample.adapt.delta`,
   * `random.seed`, `data.file`, top level `model`, `id`); rstan's flat `key=value` lines by key (`adapt_delta`).
   * Values have CmdStan's ` (Default)` marker removed.
   */
  readonly config: Readonly<Record<string, string>>;
  readonly adaptation?: CmdStanAdaptation;
  readonly timing?: CmdStanTiming;
  readonly warnings: readonly string[];
}

const NON_FINITE: Readonly<Record<string, number>> = {
  inf: Infinity,
  "+inf": Infinity,
  "-inf": -Infinity,
  infinity: Infinity,
  "-infinity": -Infinity,
  nan: NaN,
  "-nan": NaN,
};

export function readCmdStanCsv(text: string, source = "the draws file"): CmdStanCsv {
  if (typeof text !== "string") throw new UserError(cmdStanMessages.notText(text));
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const config: Record<string, string> = Object.create(null);
  const warnings: string[] = [];
  let i = 0;
  let namesLine: string | undefined;
  const sections: { indent: number; name: string }[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    if (!line.startsWith("#")) break;
    if (line.startsWith("# hbayes_names = ")) namesLine = line.slice("# hbayes_names = ".length);
    else readConfigLine(line, sections, config);
  }
  if (i >= lines.length) throw new UserError(cmdStanMessages.noHeader(source));
  const columns = lines[i].split(",").map((c) => c.trim());
  i++;

  const nCols = columns.length;
  const rows: Float64Array[] = [];
  let warmupRows = -1; // set when "# Adaptation terminated" is seen: the rows before it are warmup
  let stepSize: number | undefined;
  let metric: CmdStanMetric | undefined;
  const metricValues: number[] = [];
  let timing: number[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (line.trim() === "") continue;
    if (line.startsWith("#")) {
      const body = line.replace(/^#\s*/, "");
      if (body.startsWith("Adaptation terminated")) warmupRows = rows.length;
      else if (body.startsWith("Step size =")) stepSize = adaptationNumber(body.slice(11), source, lineNo, "step size");
      else if (body.startsWith("Diagonal elements of inverse mass matrix")) metric = "diag_e";
      else if (body.startsWith("Elements of inverse mass matrix")) metric = "dense_e";
      else if (body.startsWith("No free parameters for unit metric")) metric = "unit_e";
      else if (/seconds \((Warm-up|Sampling|Total)\)/.test(body)) {
        const m = /([^\s:]+) seconds/.exec(body);
        if (m) timing.push(Number(m[1]));
      } else if (metric !== undefined && metric !== "unit_e" && timing.length === 0 && /^[-+0-9.eEinfa, ]+$/i.test(body)) {
        for (const cell of body.split(",")) metricValues.push(adaptationNumber(cell, source, lineNo, "inverse metric"));
      }
      continue;
    }
    rows.push(parseRow(line, nCols, source, lineNo, columns));
  }
  if (rows.length === 0) throw new UserError(cmdStanMessages.noDraws(source));

  const nWarmup = warmupRows >= 0 ? warmupRows : savedWarmupWithoutAdaptation(config, rows.length);
  const names = modelNames(columns, namesLine, source, warnings);
  const adaptation =
    stepSize !== undefined && metric !== undefined
      ? { stepSize, metric, inverseMetric: Float64Array.from(metricValues) }
      : undefined;
  if (timing.length !== 3 || timing.some((t) => !Number.isFinite(t))) timing = [];
  return {
    source,
    columns,
    names,
    draws: rows.length - nWarmup,
    values: transpose(rows, nWarmup, rows.length, nCols),
    warmupDraws: nWarmup,
    warmupValues: transpose(rows, 0, nWarmup, nCols),
    config,
    ...(adaptation ? { adaptation } : {}),
    ...(timing.length === 3 ? { timing: { warmupSeconds: timing[0], samplingSeconds: timing[1], totalSeconds: timing[2] } } : {}),
    warnings,
  };
}

/**
 * Chains (one file each) → a Draws container of their sampling draws. All files must have the same
 * columns and number of draws (a `UserError` names the first file that differs).
 */
export function cmdStanDraws(chains: readonly CmdStanCsv[]): Draws {
  if (chains.length === 0) throw new UserError(cmdStanMessages.noFiles());
  const first = chains[0];
  for (const c of chains.slice(1)) {
    if (c.names.length !== first.names.length) {
      throw new UserError(cmdStanMessages.namesDiffer(c.source, first.source, `${c.names.length} columns, not ${first.names.length}`));
    }
    const k = c.names.findIndex((n, j) => n !== first.names[j]);
    if (k >= 0) throw new UserError(cmdStanMessages.namesDiffer(c.source, first.source, `column ${k + 1} is ${c.names[k]}, not ${first.names[k]}`));
    if (c.draws !== first.draws) throw new UserError(cmdStanMessages.drawsDiffer(c.source, c.draws, first.source, first.draws));
  }
  const n = first.draws;
  const nChains = chains.length;
  const data = new Float64Array(first.names.length * nChains * n);
  for (let v = 0; v < first.names.length; v++) {
    for (let c = 0; c < nChains; c++) data.set(chains[c].values.subarray(v * n, (v + 1) * n), (v * nChains + c) * n);
  }
  return { chains: nChains, draws: n, names: [...first.names], data };
}

function readConfigLine(line: string, sections: { indent: number; name: string }[], config: Record<string, string>): void {
  const m = /^#(\s*)([\s\S]*)$/.exec(line) as RegExpExecArray;
  const indent = m[1].length;
  const body = m[2].replace(/\s*\(Default\)\s*$/, "").trimEnd();
  if (body === "") return;
  while (sections.length > 0 && sections[sections.length - 1].indent >= indent) sections.pop();
  const eq = body.indexOf("=");
  if (eq < 0) {
    if (/^[A-Za-z_]\w*$/.test(body)) sections.push({ indent, name: body });
    return;
  }
  const key = body.slice(0, eq).trim();
  const value = body.slice(eq + 1).trim();
  const path = [...sections.map((s) => s.name), key].join(".");
  if (!(path in config)) config[path] = value;
}

function parseRow(line: string, nCols: number, source: string, lineNo: number, columns: readonly string[]): Float64Array {
  const cells = line.split(",");
  if (cells.length !== nCols) throw new UserError(cmdStanMessages.ragged(source, lineNo, cells.length, nCols));
  const row = new Float64Array(nCols);
  for (let c = 0; c < nCols; c++) {
    const cell = cells[c];
    let x = cell.trim() === "" ? NaN : Number(cell);
    if (Number.isNaN(x)) {
      const word = cell.trim().toLowerCase();
      if (!Object.prototype.hasOwnProperty.call(NON_FINITE, word)) {
        throw new UserError(cmdStanMessages.badNumber(source, lineNo, columns[c], cell));
      }
      x = NON_FINITE[word];
    }
    row[c] = x;
  }
  return row;
}

function adaptationNumber(text: string, source: string, lineNo: number, what: string): number {
  const s = text.trim().toLowerCase();
  const x = s === "" ? NaN : Object.prototype.hasOwnProperty.call(NON_FINITE, s) ? NON_FINITE[s] : Number(s);
  if (Number.isNaN(x) && s !== "nan") throw new UserError(cmdStanMessages.badAdaptation(source, lineNo, `${what} '${text.trim()}'`));
  return x;
}

/** Without an adaptation marker, saved warmup rows can only be told apart by count (CmdStan's num_warmup / thin). */
function savedWarmupWithoutAdaptation(config: Readonly<Record<string, string>>, nRows: number): number {
  const save = config["sample.save_warmup"] ?? config["save_warmup"];
  if (save !== "1" && save !== "true") return 0;
  const warmup = Number(config["sample.num_warmup"] ?? config["warmup"]);
  const thin = Number(config["sample.thin"] ?? config["thin"] ?? "1");
  if (!Number.isInteger(warmup) || !Number.isInteger(thin) || thin < 1) return 0;
  return Math.min(nRows, Math.ceil(warmup / thin));
}

function modelNames(columns: readonly string[], namesLine: string | undefined, source: string, warnings: string[]): string[] {
  const isSampler = (c: string) => (SAMPLER_VARIABLES as readonly string[]).includes(c);
  const plain = columns.map((c) => (isSampler(c) ? c : fromCmdStanColumn(c)));
  if (namesLine === undefined) return plain;
  let mapped: unknown;
  try {
    mapped = JSON.parse(namesLine);
  } catch (e) {
    warnings.push(cmdStanMessages.badNamesLine(source, e instanceof Error ? e.message : String(e)));
    return plain;
  }
  const modelIdx = columns.map((c, j) => (isSampler(c) ? -1 : j)).filter((j) => j >= 0);
  if (!Array.isArray(mapped) || mapped.length !== modelIdx.length || mapped.some((m) => typeof m !== "string")) {
    warnings.push(cmdStanMessages.badNamesLine(source, `expected ${modelIdx.length} names`));
    return plain;
  }
  const out = [...plain];
  modelIdx.forEach((j, k) => (out[j] = mapped[k] as string));
  return out;
}

function transpose(rows: readonly Float64Array[], from: number, to: number, nCols: number): Float64Array {
  const n = to - from;
  const out = new Float64Array(n * nCols);
  for (let t = 0; t < n; t++) {
    const row = rows[from + t];
    for (let c = 0; c < nCols; c++) out[c * n + t] = row[c];
  }
  return out;
}
