/** `hbayes kfold`: K-fold cross-validation of a formula model (brms's kfold), random or grouped folds. */
import { kfold, kfoldCompare, type KfoldResult, type KfoldSplit } from "../api/kfold.js";
import type { NewLevelsMethod } from "../predict/types.js";
import { UserError } from "../errors.js";
import { loadDataTable, withDataNotes } from "./loadData.js";
import { readKnownCovOptions } from "./knownCovFile.js";
import { withNonlinearParts } from "../formula/nonlinear.js";

export interface KfoldCliOptions {
  data: string;
  /** One formula, or several to compare on the same folds. */
  formula: string[];
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
  /** `--cov A=A.csv`: known covariance matrices for gr(g, cov = A), repeatable. */
  cov?: string[];
  /** `--nlpar "a ~ 1 + (1 | g)"`: non-linear parameters' formulas, added to every --formula (as hbayes fit). */
  nlpar?: string[];
}

export async function kfoldCommand(o: KfoldCliOptions): Promise<void> {
  if (o.formula.length === 0) throw new UserError('give a model: --formula "y ~ x + (1 | group)" (repeat --formula to compare models on the same folds)');
  const table = loadDataTable(o.data);
  const results: KfoldResult[] = [];
  for (const [m, written] of o.formula.entries()) {
    // Every model gets the --nlpar parts, so non-linear models sharing parameters compare on one set of
    // flags; tables keep showing the formula as written.
    const formula = o.nlpar && o.nlpar.length > 0 ? withNonlinearParts(written, o.nlpar) : written;
    const progress = (k: number, K: number) => {
      if (!o.json && process.stderr.isTTY) process.stderr.write(`\r${o.formula.length > 1 ? `model ${m + 1} of ${o.formula.length}: ` : ""}${k === 0 ? "full-data fit" : `fold ${k} of ${K}`} done `);
    };
    results.push(
      await withDataNotes(table, (data) =>
        kfold(
          { formula, family: o.family, priors: o.prior, data, ...(o.levels ? { levels: o.levels } : {}), ...(o.cov && o.cov.length > 0 ? { data2: readKnownCovOptions(o.cov) } : {}) },
          { K: o.k, folds: o.folds, ...(o.group !== undefined ? { group: o.group } : {}), newLevels: o.newLevels, fit: { chains: o.chains, warmup: o.warmup, draws: o.draws, seed: o.seed }, onFold: progress },
        ),
      ),
    );
  }
  if (!o.json && process.stderr.isTTY) process.stderr.write("\n");
  const comparison = results.length > 1 ? kfoldCompare(...results) : null;
  if (o.json) {
    const models = results.map(({ foldOfRow, dataRows, pointwise, ...est }, m) => ({ formula: o.formula[m], ...est, pointwise: Array.from(pointwise), fold: Array.from(foldOfRow), row: Array.from(dataRows, (i) => i + 1) }));
    const doc = models.length === 1 ? models[0] : { models, comparison: comparison?.map((c) => ({ ...c, model: o.formula[c.model] })) };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const r = results[0];
  const how = r.folds === "grouped" ? ` (grouped by ${o.group}: whole levels held out, their effects drawn as new levels, ${o.newLevels})` : "";
  let text = `Based on ${r.K}-fold cross-validation${how}\n\n`;
  if (comparison === null) {
    const rows: [string, number, number][] = [
      ["elpd_kfold", r.elpd_kfold, r.se_elpd_kfold],
      ["p_kfold", r.p_kfold, r.se_p_kfold],
      ["kfoldic", r.kfoldic, r.se_kfoldic],
    ];
    text += `${"".padEnd(10)} ${"Estimate".padStart(9)} ${"SE".padStart(7)}\n${rows.map(([name, est, se]) => `${name.padEnd(10)} ${est.toFixed(1).padStart(9)} ${se.toFixed(1).padStart(7)}`).join("\n")}\n`;
  } else {
    // loo_compare's layout: best first, differences from it with their paired SE.
    const width = Math.max(5, ...o.formula.map((f) => f.length));
    text += `${"model".padEnd(width)}  elpd_diff  se_diff  elpd_kfold  se_elpd_kfold  p_kfold\n`;
    for (const c of comparison) {
      text += `${o.formula[c.model].padEnd(width)}  ${c.elpd_diff.toFixed(1).padStart(9)}  ${c.se_diff.toFixed(1).padStart(7)}  ${c.elpd_kfold.toFixed(1).padStart(10)}  ${c.se_elpd_kfold.toFixed(1).padStart(13)}  ${c.p_kfold.toFixed(1).padStart(7)}\n`;
    }
  }
  process.stdout.write(text);
  results.forEach((res, m) => {
    const div = res.divergences.reduce((a, b) => a + b, 0);
    const which = results.length > 1 ? ` of ${o.formula[m]}` : "";
    if (div > 0) process.stderr.write(`warning: ${div} divergent transitions over the ${res.divergences.length} fits${which} (per fit, the full-data fit first: ${res.divergences.join(", ")}); their estimates may be biased\n`);
  });
}
