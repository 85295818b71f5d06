/**
 * `hbayes pooling`: no, complete and partial pooling side by side for one formula and data set, or
 * for a DSL model file whose group-level vector is marked { pooled: true } (`hbayes pooling model.ts
 * --data data.json [--group theta]`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { summarizeFit } from "../api/fitSummary.js";
import { LAPLACE_FAMILIES, pluginVsFullBayes, pluginVsFullBayesGlmm, poolingFromFormula, poolingJson, shrinkageGroups, shrinkagePlotOptions, type PluginVsFullBayes, type PoolingResult } from "../pooling/index.js";
import { renderReport } from "../report/index.js";
import { UserError } from "../errors.js";
import { poolingDsl, type DslPoolingResult } from "../pooling/poolingDsl.js";
import { loadDataRecord, loadDataTable, withDataNotes } from "./loadData.js";
import { loadModelFile } from "./loadModel.js";
import { poolingFitWarnings } from "./poolingWarnings.js";

export interface PoolingCliOptions {
  data: string;
  /** Either a formula … */
  formula?: string;
  /** … or a DSL model file (the command's positional argument). */
  model?: string;
  /** The DSL model's group-level parameter, when it is not marked { pooled: true }. */
  group?: string;
  family: string;
  prior: string[];
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  threads?: number;
  out?: string;
  json?: boolean;
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : "NA");

export function poolingTable(result: Pick<PoolingResult, "groups">): string {
  const head = ["group", "n", "no pooling [90%]", "complete", "partial pooling [90%]", "shrinkage"];
  const rows = result.groups.map((g) => [
    g.group,
    String(g.n),
    `${f3(g.no_pooling.mean)} [${f3(g.no_pooling.q5)}, ${f3(g.no_pooling.q95)}]`,
    f3(g.complete_pooling.mean),
    `${f3(g.partial_pooling.mean)} [${f3(g.partial_pooling.q5)}, ${f3(g.partial_pooling.q95)}]`,
    Number.isFinite(g.shrinkage) ? g.shrinkage.toFixed(2) : "NA",
  ]);
  const all = [head, ...rows];
  const widths = head.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  return all.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ")).join("\n");
}

export function looTable(result: Pick<PoolingResult, "loo">): string {
  if (!result.loo) return "";
  const lines = ["model               elpd_loo      se   elpd_diff  se_diff   p_loo"];
  for (const row of result.loo.comparison) {
    const m = result.loo.models[row.model];
    lines.push(
      `${row.model.padEnd(18)} ${m.elpd_loo.toFixed(1).padStart(9)} ${m.se_elpd_loo.toFixed(1).padStart(7)} ${row.elpd_diff.toFixed(1).padStart(11)} ${row.se_diff.toFixed(1).padStart(8)} ${m.p_loo.toFixed(1).padStart(7)}`,
    );
  }
  return lines.join("\n");
}

/**
 * Plug-in (empirical Bayes) vs full-Bayes intervals: gaussian `y ~ x + (1 | g)` with any
 * population-level predictors (exact, lme4's REML) and binomial, bernoulli, poisson and negbinomial
 * models with any population-level predictors (Laplace approximation); null for other families.
 */
export function pluginComparison(result: Pick<PoolingResult, "variants" | "fits">): PluginVsFullBayes | null {
  const spec = result.variants.specs.partial_pooling;
  if ((LAPLACE_FAMILIES as readonly string[]).includes(spec.family)) return pluginVsFullBayesGlmm(spec, result.fits.partial_pooling);
  if (spec.family !== "gaussian") return null;
  return pluginVsFullBayes(spec, result.fits.partial_pooling);
}

export function pluginTable(p: PluginVsFullBayes): string {
  const lines = [
    `group sd: plug-in ${f3(p.tau_plugin)} vs posterior median ${f3(p.tau_posterior.q50)} [90% ${f3(p.tau_posterior.q5)}, ${f3(p.tau_posterior.q95)}]${p.sigma_plugin !== null ? `; residual sd plug-in ${f3(p.sigma_plugin)}` : ""}`,
    `group intervals, plug-in vs full Bayes (median width ratio ${p.median_width_ratio.toFixed(2)}):`,
  ];
  if (p.singular) {
    lines.splice(
      1,
      0,
      "  the plug-in group sd is 0 (a singular fit): its group intervals all collapse to the population's and ignore that the data allow a sizeable sd — the full posterior of the sd above is the honest summary",
    );
  }
  for (const g of p.groups) {
    lines.push(`  ${g.group.padEnd(12)} plug-in [${f3(g.plugin.q5)}, ${f3(g.plugin.q95)}]  full Bayes [${f3(g.full_bayes.q5)}, ${f3(g.full_bayes.q95)}]  width ratio ${g.width_ratio.toFixed(2)}`);
  }
  return lines.join("\n");
}

type AnyPoolingResult = (PoolingResult & { readonly messages?: readonly string[] }) | DslPoolingResult;

async function runPooling(o: PoolingCliOptions, fitOptions: Record<string, number>): Promise<{ result: AnyPoolingResult; label: string; messages: readonly string[] }> {
  if (o.model !== undefined) {
    if (o.formula !== undefined) throw new UserError("pooling: give either a model file or --formula, not both");
    const m = await loadModelFile(o.model);
    const result = await poolingDsl(m, loadDataRecord(o.data), { ...fitOptions, ...(o.group !== undefined ? { group: o.group } : {}) });
    return { result, label: `${m.name} (${o.model}), pooled parameter ${result.variants.parameter}`, messages: [] };
  }
  if (o.formula === undefined) throw new UserError('pooling: give a model: --formula "y ~ x + (1 | group)" or a DSL model file (hbayes pooling model.ts --data data.json)');
  if (o.group !== undefined) throw new UserError("pooling: --group is for DSL model files; with --formula the group is the formula's (1 | group) term");
  const result = await withDataNotes(loadDataTable(o.data), (data) => poolingFromFormula(o.formula as string, data, o.family, { priors: o.prior, ...fitOptions }));
  return { result, label: `${o.formula}  (family ${o.family})`, messages: result.messages };
}

export async function poolingCommand(o: PoolingCliOptions): Promise<void> {
  const fitOptions = {
    chains: o.chains,
    warmup: o.warmup,
    draws: o.draws,
    seed: o.seed,
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
  };
  const { result, label, messages } = await runPooling(o, fitOptions);
  if (!o.json) for (const m of messages) process.stderr.write(`note: ${m}\n`);
  const plugin = "specs" in result.variants ? pluginComparison(result as PoolingResult) : null;
  // Summarised once: its warnings join the others and --out's report shows its table.
  const partialSummary = summarizeFit(result.fits.partial_pooling);
  const fitWarnings = poolingFitWarnings(result.fits, "notes" in result ? result.notes : [], { partial_pooling: partialSummary });
  const doc = { ...poolingJson(result), ...(plugin ? { plugin_vs_full_bayes: plugin } : {}) };
  if (o.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else {
    process.stdout.write(`${result.scale.description}\nGroups, most shrunk first:\n${poolingTable(result)}\n`);
    if (result.loo) process.stdout.write(`\nLeave-one-out cross-validation (PSIS-LOO), best first:\n${looTable(result)}\n`);
    if (plugin) process.stdout.write(`\nPlug-in (empirical Bayes) vs full Bayes — ${plugin.method}:\n${pluginTable(plugin)}\n`);
  }
  for (const w of result.loo?.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
  for (const w of fitWarnings) process.stderr.write(`warning: ${w}\n`);
  if (o.out !== undefined) {
    mkdirSync(o.out, { recursive: true });
    writeFileSync(join(o.out, "pooling.json"), `${JSON.stringify(doc, null, 2)}\n`);
    const partial = result.fits.partial_pooling;
    const summary = partialSummary;
    const s = partial.result.settings;
    const html = await renderReport({
      title: `hbayes pooling: ${o.formula ?? o.model}`,
      modelText: `${label}; the report shows the partial-pooling fit`,
      settings: { chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed },
      timing: partial.timing,
      rows: summary.rows,
      // All three fits' warnings, as the terminal shows them (before: the partial-pooling fit's only).
      warnings: [...(result.loo?.warnings ?? []), ...fitWarnings],
      diagnostics: summary.diagnostics,
      draws: partial.draws,
      groups: { groups: shrinkageGroups(result), ...shrinkagePlotOptions(result) },
    });
    writeFileSync(join(o.out, "report.html"), html);
    if (!o.json) process.stderr.write(`wrote ${o.out}/pooling.json and ${o.out}/report.html (with the shrinkage plot)\n`);
  }
}
