/**
 * Draws → one chain's CSV text in CmdStan's layout (browser-safe; writing files is in cmdStanFiles.ts).
 *
 * Layout, as CmdStan's `sample` method writes it: the argument tree as `#` comments, the column header,
 * saved warmup draws (if any), the adaptation block (`# Adaptation terminated`, step size, inverse
 * metric), the sampling draws, then the elapsed times. Booleans are written 0/1 as CmdStan ≤ 2.32 did,
 * because rstan::read_stan_csv reads them with as.integer (2.33's `false` becomes NA there).
 */
import type { Draws } from "../posterior/draws.js";
import { SAMPLER_VARIABLES } from "../posterior/draws.js";
import { UserError } from "../errors.js";
import { toCmdStanColumns } from "./cmdStanNames.js";
import { formatG, formatRoundTrip } from "./formatNumber.js";
import { writerMessages } from "./messages.js";

export type CmdStanMetric = "diag_e" | "dense_e" | "unit_e";
const METRICS: readonly CmdStanMetric[] = ["diag_e", "dense_e", "unit_e"];

/** CmdStan's sampling arguments. Values equal to CmdStan's defaults are marked `(Default)`, as CmdStan does. */
export interface CmdStanSettings {
  readonly numWarmup: number;
  readonly thin: number;
  readonly adaptEngaged: boolean;
  readonly gamma: number;
  readonly delta: number;
  readonly kappa: number;
  readonly t0: number;
  readonly initBuffer: number;
  readonly termBuffer: number;
  readonly window: number;
  readonly maxDepth: number;
  readonly metric: CmdStanMetric;
  readonly stepSize: number;
  readonly stepSizeJitter: number;
  readonly init: string;
  readonly dataFile: string;
  readonly outputFile: string;
  readonly refresh: number;
}

/** CmdStan 2.32's defaults for `sample`. */
export const CMDSTAN_DEFAULTS: CmdStanSettings = Object.freeze({
  numWarmup: 1000,
  thin: 1,
  adaptEngaged: true,
  gamma: 0.05,
  delta: 0.8,
  kappa: 0.75,
  t0: 10,
  initBuffer: 75,
  termBuffer: 50,
  window: 25,
  maxDepth: 10,
  metric: "diag_e",
  stepSize: 1,
  stepSizeJitter: 0,
  init: "2",
  dataFile: "",
  outputFile: "output.csv",
  refresh: 100,
});

/** What one chain's warmup produced, and how long it took. */
export interface ChainAdaptation {
  /** Adapted step size; omit when adaptation was off (then no adaptation block is written). */
  readonly stepSize?: number;
  /** diag_e: one value per unconstrained dimension; dense_e: dim × dim, row-major. */
  readonly inverseMetric?: Float64Array;
  /**
   * Write the inverse metric as the shortest text that reads back as the same doubles, instead of
   * CmdStan's 6 significant digits: a metric materialised from low-rank factors, or one reused as a
   * metric file, is then the sampler's own.
   */
  readonly exactMetric?: boolean;
  readonly warmupSeconds?: number;
  readonly samplingSeconds?: number;
}

export interface CmdStanCsvOptions {
  /** Model name for `# model = …`. */
  readonly model: string;
  readonly seed: number;
  /** Which chain of `draws` to write (0-based); the file says `id = chain + 1`. */
  readonly chain: number;
  readonly settings?: Partial<CmdStanSettings>;
  readonly adaptation?: ChainAdaptation;
  /** Saved warmup draws (same names and chains as `draws`); sets `save_warmup = 1`. */
  readonly warmup?: Draws;
  /** Significant digits for draws, 1–18; default: shortest text that reads back exactly (stated as 17). */
  readonly sigFigs?: number;
}

export function formatCmdStanCsv(draws: Draws, options: CmdStanCsvOptions): string {
  const { chain } = options;
  if (!Number.isInteger(chain) || chain < 0 || chain >= draws.chains) {
    throw new UserError(writerMessages.badChain(chain, draws.chains));
  }
  const s: CmdStanSettings = { ...CMDSTAN_DEFAULTS, ...options.settings };
  if (!METRICS.includes(s.metric)) throw new UserError(writerMessages.badMetric(s.metric));
  const sigFigs = options.sigFigs;
  if (sigFigs !== undefined && !(Number.isInteger(sigFigs) && sigFigs >= 1 && sigFigs <= 18)) {
    throw new UserError(writerMessages.badSigFigs(sigFigs));
  }
  const fmt = sigFigs === undefined ? formatRoundTrip : (x: number) => formatG(x, sigFigs);
  const order = columnOrder(draws);
  if (options.warmup) checkWarmup(draws, options.warmup);

  const modelNames = order.slice(SAMPLER_VARIABLES.length).map((v) => draws.names[v]);
  const { columns, needsNameMap } = toCmdStanColumns(modelNames);
  const out: string[] = [];
  writeArguments(out, s, options, draws, sigFigs);
  if (needsNameMap) out.push(`# hbayes_names = ${JSON.stringify(modelNames)}`);
  out.push([...SAMPLER_VARIABLES, ...columns].join(","));
  if (options.warmup) writeRows(out, options.warmup, chain, order, fmt);
  if (options.adaptation?.stepSize !== undefined) writeAdaptation(out, s.metric, options.adaptation);
  writeRows(out, draws, chain, order, fmt);
  writeTiming(out, options.adaptation);
  return out.join("\n") + "\n";
}

/** `<prefix>-<chain>.csv` with a 1-based chain number, as CmdStan numbers its output files. */
export function cmdStanCsvFileName(prefix: string, chain: number): string {
  return `${prefix}-${chain + 1}.csv`;
}

/** Variable indices in output order: the seven sampler columns first, then the model's in their order. */
function columnOrder(draws: Draws): number[] {
  const sampler = SAMPLER_VARIABLES.map((name) => {
    const v = draws.names.indexOf(name);
    if (v < 0) throw new UserError(writerMessages.missingSampler(name));
    return v;
  });
  const rest: number[] = [];
  for (let v = 0; v < draws.names.length; v++) if (!sampler.includes(v)) rest.push(v);
  return [...sampler, ...rest];
}

function checkWarmup(draws: Draws, warmup: Draws): void {
  if (warmup.chains !== draws.chains) throw new UserError(writerMessages.warmupShape(`have ${warmup.chains} chains, the draws have ${draws.chains}`));
  if (warmup.names.length !== draws.names.length || warmup.names.some((n, i) => n !== draws.names[i])) {
    throw new UserError(writerMessages.warmupShape("must have the same variable names, in the same order, as the draws"));
  }
}

function arg(out: string[], indent: number, key: string, value: string | number, isDefault: boolean): void {
  out.push(`#${" ".repeat(indent)}${key} = ${value}${isDefault ? " (Default)" : ""}`);
}

function writeArguments(out: string[], s: CmdStanSettings, o: CmdStanCsvOptions, draws: Draws, sigFigs: number | undefined): void {
  const d = CMDSTAN_DEFAULTS;
  const saveWarmup = o.warmup !== undefined;
  const n = (x: number) => formatRoundTrip(x);
  const b = (x: boolean) => (x ? 1 : 0);
  out.push(`# model = ${o.model}`);
  out.push("# method = sample (Default)");
  out.push("#   sample");
  arg(out, 5, "num_samples", draws.draws * s.thin, draws.draws * s.thin === 1000);
  arg(out, 5, "num_warmup", n(s.numWarmup), s.numWarmup === d.numWarmup);
  arg(out, 5, "save_warmup", b(saveWarmup), !saveWarmup);
  arg(out, 5, "thin", n(s.thin), s.thin === d.thin);
  out.push("#     adapt");
  arg(out, 7, "engaged", b(s.adaptEngaged), s.adaptEngaged === d.adaptEngaged);
  arg(out, 7, "gamma", n(s.gamma), s.gamma === d.gamma);
  arg(out, 7, "delta", n(s.delta), s.delta === d.delta);
  arg(out, 7, "kappa", n(s.kappa), s.kappa === d.kappa);
  arg(out, 7, "t0", n(s.t0), s.t0 === d.t0);
  arg(out, 7, "init_buffer", n(s.initBuffer), s.initBuffer === d.initBuffer);
  arg(out, 7, "term_buffer", n(s.termBuffer), s.termBuffer === d.termBuffer);
  arg(out, 7, "window", n(s.window), s.window === d.window);
  arg(out, 5, "algorithm", "hmc", true);
  out.push("#       hmc");
  arg(out, 9, "engine", "nuts", true);
  out.push("#           nuts");
  arg(out, 13, "max_depth", n(s.maxDepth), s.maxDepth === d.maxDepth);
  arg(out, 9, "metric", s.metric, s.metric === d.metric);
  arg(out, 9, "metric_file", "", true);
  arg(out, 9, "stepsize", n(s.stepSize), s.stepSize === d.stepSize);
  arg(out, 9, "stepsize_jitter", n(s.stepSizeJitter), s.stepSizeJitter === d.stepSizeJitter);
  arg(out, 5, "num_chains", draws.chains, draws.chains === 1);
  arg(out, 1, "id", o.chain + 1, o.chain === 0);
  out.push("# data");
  arg(out, 3, "file", s.dataFile, s.dataFile === d.dataFile);
  arg(out, 1, "init", s.init, s.init === d.init);
  out.push("# random");
  arg(out, 3, "seed", n(o.seed), false);
  out.push("# output");
  arg(out, 3, "file", s.outputFile, s.outputFile === d.outputFile);
  arg(out, 3, "diagnostic_file", "", true);
  arg(out, 3, "refresh", n(s.refresh), s.refresh === d.refresh);
  arg(out, 3, "sig_figs", sigFigs ?? 17, false);
}

function writeRows(out: string[], draws: Draws, chain: number, order: readonly number[], fmt: (x: number) => string): void {
  const { data, chains, draws: n } = draws;
  const starts = order.map((v) => (v * chains + chain) * n);
  const cells = new Array<string>(order.length);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < starts.length; j++) cells[j] = fmt(data[starts[j] + t]);
    out.push(cells.join(","));
  }
}

/** CmdStan prints the adaptation block with the stream's default 6 significant digits. */
function writeAdaptation(out: string[], metric: CmdStanMetric, a: ChainAdaptation): void {
  out.push("# Adaptation terminated");
  out.push(`# Step size = ${formatG(a.stepSize as number, 6)}`);
  if (metric === "unit_e") {
    out.push("# No free parameters for unit metric");
    return;
  }
  const m = a.inverseMetric ?? new Float64Array(0);
  const g = a.exactMetric === true ? formatRoundTrip : (x: number) => formatG(x, 6);
  if (metric === "diag_e") {
    out.push("# Diagonal elements of inverse mass matrix:");
    out.push(`# ${Array.from(m, g).join(", ")}`);
    return;
  }
  const dim = Math.round(Math.sqrt(m.length));
  if (dim * dim !== m.length) throw new UserError(writerMessages.metricNotSquare(m.length));
  out.push("# Elements of inverse mass matrix:");
  for (let i = 0; i < dim; i++) out.push(`# ${Array.from(m.subarray(i * dim, (i + 1) * dim), g).join(", ")}`);
}

function writeTiming(out: string[], a: ChainAdaptation | undefined): void {
  if (a?.warmupSeconds === undefined || a.samplingSeconds === undefined) return;
  const g = (x: number) => formatG(x, 6);
  out.push("# ");
  out.push(`#  Elapsed Time: ${g(a.warmupSeconds)} seconds (Warm-up)`);
  out.push(`#                ${g(a.samplingSeconds)} seconds (Sampling)`);
  out.push(`#                ${g(a.warmupSeconds + a.samplingSeconds)} seconds (Total)`);
  out.push("# ");
}
