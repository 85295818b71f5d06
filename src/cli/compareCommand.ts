/**
 * `hbayes compare A B …`: PSIS-LOO of each fit and loo_compare's table (Vehtari, Gelman & Gabry
 * 2017). A model is an `--out` folder of `hbayes fit`, or CmdStan CSV files of one fit joined by
 * commas (`fit-1.csv,fit-2.csv`). The pointwise log-likelihood comes from the draws' `log_lik[i]`
 * columns when they have them (Stan's convention); otherwise, for a formula fit, from its
 * model.json: the model is rebuilt on its data and log p(y_i | θ) is evaluated for every draw.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildFormulaModel } from "../api/formulaFit.js";
import { logLikOf, psisLoo, type LogLikMatrix, type LooResult } from "../diagnostics/loo.js";
import { looCompare } from "../diagnostics/looCompare.js";
import { UserError } from "../errors.js";
import { readCmdStanCsvFiles } from "../io/cmdStanFiles.js";
import type { Draws } from "../posterior/draws.js";
import { paretoKThreshold } from "../pooling/looComparison.js";
import { logLikFromDraws } from "../predict/formulaPredict.js";
import { loadDataTable } from "./loadData.js";
import { MODEL_JSON } from "./predictCommand.js";
import { csvFiles } from "./summaryCommand.js";
import { readKnownCovOptions } from "./knownCovFile.js";
import type { KnownCovariances } from "../formula/knownCov.js";

export interface CompareCliOptions {
  json?: boolean;
  /** Data file for formula fits, instead of the path their model.json recorded. */
  data?: string;
  /** `--cov A=A.csv`: known covariance matrices of gr(g, cov = A) fits (their log_lik rebuilds the model). */
  cov?: string[];
}

export interface ComparedModel {
  readonly name: string;
  readonly source: "log_lik columns" | "model.json";
  readonly observations: number;
  readonly draws: number;
  readonly elpd_loo: number;
  readonly se_elpd_loo: number;
  readonly p_loo: number;
  readonly looic: number;
  /** elpd_loo − the best model's; 0 for the best. */
  readonly elpd_diff: number;
  readonly se_diff: number;
  readonly pareto_k_threshold: number;
  readonly pareto_k_max: number;
  /** 1-based observations whose k̂ is above the threshold. */
  readonly pareto_k_bad: readonly number[];
}

export interface CompareResult {
  /** Best first, as loo_compare orders them. */
  readonly models: readonly ComparedModel[];
  readonly warnings: readonly string[];
}

interface LoadedLogLik {
  readonly logLik: LogLikMatrix;
  readonly chainIds: ArrayLike<number>;
  readonly source: ComparedModel["source"];
}

function modelFiles(arg: string): string[] {
  const parts = arg.split(",").filter((p) => p !== "");
  if (parts.length > 1 && parts.some((p) => existsSync(p) && statSync(p).isDirectory())) {
    throw new UserError(`'${arg}': join CSV files of one fit with commas, or give one --out folder, not both`);
  }
  return csvFiles(parts);
}

function formulaLogLik(dir: string, draws: Draws, dataOverride: string | undefined, data2?: KnownCovariances): LoadedLogLik {
  const path = join(dir, MODEL_JSON);
  let saved: { formula?: unknown; family?: unknown; priors?: unknown; data?: unknown; levels?: unknown; categories?: unknown; sample_prior?: unknown };
  try {
    saved = JSON.parse(readFileSync(path, "utf8")) as typeof saved;
  } catch (e) {
    throw new UserError(`cannot read '${path}' as JSON (${(e as Error).message}): write it again with hbayes fit --out`);
  }
  if (saved.sample_prior === "only") {
    throw new UserError(`'${dir}' is a fit of the prior alone (--sample-prior only): its draws never saw the data, so PSIS-LOO of them compares nothing; compare fits to the data`);
  }
  const dataFile = dataOverride ?? saved.data;
  if (typeof saved.formula !== "string" || typeof saved.family !== "string" || typeof dataFile !== "string") {
    throw new UserError(`'${path}' does not name the formula, family and data file of the fit; write it again with hbayes fit --out, or give --data`);
  }
  if (!existsSync(dataFile)) {
    throw new UserError(`the data of '${dir}' ('${dataFile}', recorded in its ${MODEL_JSON}) is not there from this folder: give it with --data`);
  }
  const priors = Array.isArray(saved.priors) ? saved.priors.filter((p): p is string => typeof p === "string") : [];
  // A cumulative fit's saved categories are its levels again: a text response has no order of its own.
  const categories = Array.isArray(saved.categories) ? saved.categories.filter((c): c is string => typeof c === "string") : [];
  const model = buildFormulaModel({ formula: saved.formula, family: saved.family, priors, data: loadDataTable(dataFile), ...(categories.length > 0 ? { levels: categories } : {}), ...(data2 ? { data2 } : {}) });
  // The rebuilt design must be the fitted one: same levels in the same order, or the draws' r_… columns would be misread.
  const levels = new Map(Array.isArray(saved.levels) ? (saved.levels as [string, string[]][]) : []);
  for (const g of model.design.groups) {
    const fitted = levels.get(g.group);
    if (fitted !== undefined && (fitted.length !== g.levels.length || fitted.some((l, k) => l !== g.levels[k]))) {
      throw new UserError(`the levels of ${g.group} in '${dataFile}' are not the ones '${dir}' was fitted to: is this the fit's data file?`);
    }
  }
  const m = logLikFromDraws(draws, model.design);
  return { logLik: m, chainIds: m.chainIds, source: "model.json" };
}

function loadLogLik(arg: string, dataOverride: string | undefined, data2?: KnownCovariances): LoadedLogLik {
  const files = modelFiles(arg);
  const { draws } = readCmdStanCsvFiles(files);
  if (draws.names.some((n) => n.startsWith("log_lik["))) {
    const { logLik, chainIds } = logLikOf(draws);
    return { logLik, chainIds, source: "log_lik columns" };
  }
  const dir = existsSync(arg) && statSync(arg).isDirectory() ? arg : null;
  if (dir !== null && existsSync(join(dir, MODEL_JSON))) return formulaLogLik(dir, draws, dataOverride, data2);
  throw new UserError(
    `'${arg}' has no log_lik[…] columns and no ${MODEL_JSON}: compare needs the pointwise log-likelihood — ` +
      "a formula fit's --out folder, or draws of a model that saves log_lik as generated quantities",
  );
}

function nonFinite(arg: string, m: LogLikMatrix): void {
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) {
      throw new UserError(`'${arg}': log-likelihood of observation ${(i % m.observations) + 1} is ${m.data[i]} at draw ${Math.floor(i / m.observations) + 1}; PSIS-LOO needs finite values`);
    }
  }
}

/** PSIS-LOO of every model and their comparison; throws a UserError for fewer than two models or unequal data. */
export function compareFits(args: readonly string[], options: { data?: string; data2?: KnownCovariances } = {}): CompareResult {
  if (args.length < 2) throw new UserError(`compare needs at least two fits, got ${args.length}`);
  const loaded = args.map((a) => loadLogLik(a, options.data, options.data2));
  const n = loaded[0].logLik.observations;
  loaded.forEach((l, j) => {
    if (l.logLik.observations !== n) {
      throw new UserError(`'${args[j]}' has ${l.logLik.observations} observations but '${args[0]}' has ${n}: models can only be compared on the same data`);
    }
    nonFinite(args[j], l.logLik);
  });
  const loos: LooResult[] = loaded.map((l) => psisLoo(l.logLik, { chainIds: l.chainIds }));
  const warnings: string[] = [];
  const rows = looCompare(...loos).map((row): ComparedModel => {
    const l = loos[row.model];
    const draws = loaded[row.model].logLik.draws;
    const threshold = paretoKThreshold(draws);
    const bad: number[] = [];
    let max = -Infinity;
    l.pareto_k.forEach((k, i) => {
      if (k > threshold) bad.push(i + 1);
      if (k > max) max = k;
    });
    const name = args[row.model];
    if (bad.length > 0) {
      const list = bad.length > 10 ? `${bad.slice(0, 10).join(", ")}, …` : bad.join(", ");
      warnings.push(
        `${name}: ${bad.length} of ${n} observations have Pareto k > ${threshold.toFixed(2)} (max ${max.toFixed(2)}; observations ${list}): ` +
          "its elpd_loo is unreliable there — those points are highly influential; refit without them (exact LOO) or use K-fold cross-validation",
      );
    }
    return {
      name,
      source: loaded[row.model].source,
      observations: n,
      draws,
      elpd_loo: l.elpd_loo,
      se_elpd_loo: l.se_elpd_loo,
      p_loo: l.p_loo,
      looic: l.looic,
      elpd_diff: row.elpd_diff,
      se_diff: row.se_diff,
      pareto_k_threshold: threshold,
      pareto_k_max: max,
      pareto_k_bad: bad,
    };
  });
  return { models: rows, warnings };
}

export function formatCompareTable(r: CompareResult): string {
  const head = ["model", "elpd_diff", "se_diff", "elpd_loo", "se_elpd_loo", "p_loo", "looic", "k>thr"];
  const body = r.models.map((m) => [
    m.name,
    m.elpd_diff.toFixed(1),
    m.se_diff.toFixed(1),
    m.elpd_loo.toFixed(1),
    m.se_elpd_loo.toFixed(1),
    m.p_loo.toFixed(1),
    m.looic.toFixed(1),
    String(m.pareto_k_bad.length),
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...body.map((row) => row[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ");
  return [line(head), ...body.map(line)].join("\n");
}

export function compareCommand(args: readonly string[], o: CompareCliOptions): void {
  const result = compareFits(args, { ...(o.data !== undefined ? { data: o.data } : {}), ...(o.cov && o.cov.length > 0 ? { data2: readKnownCovOptions(o.cov) } : {}) });
  if (o.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(`${formatCompareTable(result)}\n`);
    process.stdout.write(
      `\nelpd_diff: expected log predictive density relative to the best model (first row), with its standard error se_diff; ` +
        `a difference within about 2 se_diff is not a clear preference. ${result.models[0].observations} observations.\n`,
    );
  }
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
}
