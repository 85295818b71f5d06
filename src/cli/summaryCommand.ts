/**
 * `hbayes summary`: the table (or JSON) for draws already on disk — an `--out` folder of
 * `hbayes fit`, or CmdStan output CSV files, one per chain, as CmdStan's stansummary takes them.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { diagnose } from "../diagnostics/diagnose.js";
import { samplerDiagnostics } from "../diagnostics/sampler.js";
import { UserError } from "../errors.js";
import { readCmdStanCsvFiles } from "../io/cmdStanFiles.js";
import { formatSummaryTable } from "../posterior/formatSummaryTable.js";
import { summarize } from "../posterior/summary.js";
import { summaryJson } from "../posterior/summaryJson.js";

export function csvFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UserError(`'${p}' does not exist: give an --out folder of hbayes fit or CmdStan CSV files`);
    if (statSync(p).isDirectory()) {
      const inDir = readdirSync(p)
        .filter((f) => /^draws-\d+\.csv$/.test(f))
        .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]))
        .map((f) => join(p, f));
      if (inDir.length === 0) throw new UserError(`folder '${p}' has no draws-<chain>.csv files (written by hbayes fit --out)`);
      files.push(...inDir);
    } else if (extname(p).toLowerCase() !== ".csv") {
      // summary.json or report.html from the same folder is the usual slip; the CSV reader would call it corrupted.
      throw new UserError(`'${p}' is not a draws CSV file: give the folder it is in ('${dirname(p)}') or its draws-<chain>.csv files`);
    } else files.push(p);
  }
  return files;
}

export async function summaryCommand(paths: readonly string[], opts: { json?: boolean }): Promise<void> {
  const files = csvFiles(paths);
  const { chains, draws } = readCmdStanCsvFiles(files);
  const maxTreeDepth = Number(chains[0]?.config["sample.adapt.max_depth"] ?? chains[0]?.config["max_depth"] ?? 10) || 10;
  const rows = summarize(draws);
  const diagnostics = samplerDiagnostics(draws, { maxTreeDepth });
  const warnings = diagnose(draws, { maxTreeDepth, rows, diagnostics });
  if (opts.json) {
    const timing = { compile_s: NaN, warmup_s: sum(chains.map((c) => c.timing?.warmupSeconds ?? NaN)), sampling_s: sum(chains.map((c) => c.timing?.samplingSeconds ?? NaN)), gradients: NaN };
    const settings = { chains: draws.chains, warmup: Number(chains[0]?.config["sample.num_warmup"] ?? chains[0]?.config["warmup"] ?? NaN), draws: draws.draws, seed: String(chains[0]?.config["random.seed"] ?? chains[0]?.config["seed"] ?? "") };
    process.stdout.write(`${JSON.stringify(summaryJson({ rows, diagnostics, timing, settings, warnings }), null, 2)}\n`);
  } else {
    process.stdout.write(`${formatSummaryTable(rows)}\n`);
    process.stderr.write(`${files.length} chain file(s), ${draws.draws} draws each\n`);
  }
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
