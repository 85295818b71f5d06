/**
 * `hbayes report DIR`: (re)writes DIR/report.html from the draws an `hbayes fit --out DIR` left there
 * (or from CmdStan CSV files), so a report can be made again, or for draws from another tool.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
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
  });
  const target = o.out ?? join(paths.length === 1 && !paths[0].endsWith(".csv") ? paths[0] : ".", "report.html");
  writeFileSync(target, html, "utf8");
  process.stderr.write(`wrote ${target}\n`);
}
