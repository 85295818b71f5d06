/** `hbayes kfold`: K-fold cross-validation of a formula model (brms's kfold), random or grouped folds. */
import { kfold, type KfoldSplit } from "../api/kfold.js";
import type { NewLevelsMethod } from "../predict/types.js";
import { loadDataTable, withDataNotes } from "./loadData.js";

export interface KfoldCliOptions {
  data: string;
  formula: string;
  family: string;
  prior: string[];
  levels?: string[];
  k: number;
  folds: KfoldSplit;
  group?: string;
  newLevels: NewLevelsMethod;
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  json?: boolean;
}

export async function kfoldCommand(o: KfoldCliOptions): Promise<void> {
  const table = loadDataTable(o.data);
  const progress = (k: number, K: number) => {
    if (!o.json && process.stderr.isTTY) process.stderr.write(`\r${k === 0 ? "full-data fit" : `fold ${k} of ${K}`} done `);
  };
  const r = await withDataNotes(table, (data) =>
    kfold(
      { formula: o.formula, family: o.family, priors: o.prior, data, ...(o.levels ? { levels: o.levels } : {}) },
      { K: o.k, folds: o.folds, ...(o.group !== undefined ? { group: o.group } : {}), newLevels: o.newLevels, fit: { chains: o.chains, warmup: o.warmup, draws: o.draws, seed: o.seed }, onFold: progress },
    ),
  );
  if (!o.json && process.stderr.isTTY) process.stderr.write("\n");
  if (o.json) {
    const { foldOfRow, dataRows, pointwise, ...est } = r;
    process.stdout.write(`${JSON.stringify({ ...est, pointwise: Array.from(pointwise), fold: Array.from(foldOfRow), row: Array.from(dataRows, (i) => i + 1) }, null, 2)}\n`);
    return;
  }
  const how = r.folds === "grouped" ? ` (grouped by ${o.group}: whole levels held out, their effects drawn as new levels, ${o.newLevels})` : "";
  const rows: [string, number, number][] = [
    ["elpd_kfold", r.elpd_kfold, r.se_elpd_kfold],
    ["p_kfold", r.p_kfold, r.se_p_kfold],
    ["kfoldic", r.kfoldic, r.se_kfoldic],
  ];
  const lines = rows.map(([name, est, se]) => `${name.padEnd(10)} ${est.toFixed(1).padStart(9)} ${se.toFixed(1).padStart(7)}`);
  process.stdout.write(`Based on ${r.K}-fold cross-validation${how}\n\n${"".padEnd(10)} ${"Estimate".padStart(9)} ${"SE".padStart(7)}\n${lines.join("\n")}\n`);
  const div = r.divergences.reduce((a, b) => a + b, 0);
  if (div > 0) process.stderr.write(`warning: ${div} divergent transitions over the ${r.divergences.length} fits (per fit, the full-data fit first: ${r.divergences.join(", ")}); their estimates may be biased\n`);
}
