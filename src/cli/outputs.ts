/** What `hbayes fit --out` writes besides the summary: CmdStan CSV settings and the HTML report. */
import type { Fit } from "../api/fitResult.js";
import type { FitSummary } from "../api/fitSummary.js";
import type { CmdStanFilesOptions } from "../io/cmdStanFiles.js";
import { cmdStanInverseMetric, cmdStanMetric } from "../io/cmdStanMetric.js";
import type { FormulaDesign } from "../formula/design.js";
import { DISCRETE_FAMILIES } from "../glmm/types.js";
import { quantile7Sorted } from "../diagnostics/quantile7.js";
import type { Draws } from "../posterior/draws.js";
import { predictFromDraws } from "../predict/formulaPredict.js";
import { renderReport } from "../report/index.js";
import type { ReportEffects } from "../report/report.js";
import type { ReportGroups, ReportPpc } from "../report/types.js";

/** Replicated data sets drawn for the posterior predictive check plot. */
const PPC_REPLICATES = 50;

/**
 * The posterior predictive check of a formula model: its response against replicates of it, drawn
 * with `seed` (the fit's, so `hbayes report DIR` redraws the same replicates from the saved draws).
 */
export function formulaPpc(draws: Draws, design: FormulaDesign, seed: number): ReportPpc {
  const m = predictFromDraws(draws, design, "predict", undefined, { seed });
  const n = m.observations;
  const step = Math.max(1, Math.floor(m.draws / PPC_REPLICATES));
  const replicates: Float64Array[] = [];
  for (let d = 0; d < m.draws && replicates.length < PPC_REPLICATES; d += step) replicates.push(m.data.slice(d * n, (d + 1) * n));
  return {
    observed: Float64Array.from(design.response.y),
    replicates,
    kind: DISCRETE_FAMILIES.has(design.family.name) ? "bars" : "density",
    xLabel: design.response.label,
  };
}

/**
 * The shrinkage plot of a formula model with a varying intercept, from the fit alone: per level of the
 * first grouping factor, the mean of its own observed responses (its "no pooling" estimate of the group
 * mean) and the posterior mean, with a 90 % interval, of the model's expected response averaged over
 * the same rows (partial pooling); the dashed line is the mean of all responses. Both sides average the
 * same rows on the response scale, so with predictors the arrow still shows only the pull toward the
 * population. Null without a varying intercept. `hbayes pooling` fits the no-pooling model itself.
 * From the draws alone, so `hbayes report DIR` draws it from the saved CSVs as `fit --out` does.
 */
export function formulaShrinkage(draws: Draws, design: FormulaDesign): ReportGroups | null {
  const g = design.groups[0];
  if (g === undefined || !g.terms.includes("Intercept") || design.n === 0) return null;
  const J = g.levels.length;
  const n = new Float64Array(J);
  const ySum = new Float64Array(J);
  const y = design.response.y;
  let yAll = 0;
  for (let i = 0; i < design.n; i++) {
    const j = g.index[i];
    n[j]++;
    ySum[j] += y[i];
    yAll += y[i];
  }
  const m = predictFromDraws(draws, design, "epred");
  const S = m.draws;
  const perDraw = new Float64Array(J * S);
  for (let s = 0; s < S; s++) {
    const row = s * m.observations;
    for (let i = 0; i < m.observations; i++) perDraw[g.index[i] * S + s] += m.data[row + i];
  }
  const groups = Array.from({ length: J }, (_, j) => {
    const draws = perDraw.subarray(j * S, (j + 1) * S);
    for (let s = 0; s < S; s++) draws[s] /= n[j];
    let mean = 0;
    for (let s = 0; s < S; s++) mean += draws[s];
    const sorted = Float64Array.from(draws).sort();
    return {
      label: g.levels[j],
      n: n[j],
      noPooling: n[j] > 0 ? ySum[j] / n[j] : Number.NaN,
      partialPooling: mean / S,
      partialPoolingInterval: [quantile7Sorted(sorted, 0.05), quantile7Sorted(sorted, 0.95)] as const,
    };
  }).filter((grp) => grp.n > 0);
  return {
    groups,
    populationMean: yAll / design.n,
    xLabel: `mean ${design.response.label} by ${g.group}: own data → model`,
    title: `Shrinkage of ${g.group} means toward the population`,
  };
}

/** Only `fit.result` is read, so a bare `sample()` result can be written the same way. */
export function cmdStanOptions(fit: Pick<Fit, "result">, modelLabel: string, dataFile: string): CmdStanFilesOptions {
  const s = fit.result.settings;
  // One entry per chain in the draws: after an interrupted run, chains without draws are not there.
  const chains = fit.result.drawChains.map((k) => fit.result.chains[k]);
  return {
    model: modelLabel,
    seed: s.seed,
    settings: {
      numWarmup: s.warmup,
      thin: s.thin,
      delta: s.adaptDelta,
      maxDepth: s.maxTreeDepth,
      metric: cmdStanMetric(s.metric),
      dataFile,
    },
    adaptation: chains.map((c) => ({
      stepSize: c.stepSize,
      inverseMetric: cmdStanInverseMetric(s.metric, c),
      exactMetric: true,
      warmupSeconds: c.timing.warmup_s,
      samplingSeconds: c.timing.sampling_s,
    })),
  };
}

/** The report.html text; async because the plots are rendered by vega. */
export function fitReport(fit: Fit, summary: FitSummary, modelLabel: string, ppc?: ReportPpc, groups?: ReportGroups | null, effects?: ReportEffects): Promise<string> {
  const s = fit.result.settings;
  return renderReport({
    title: `hbayes: ${fit.model.name}`,
    modelText: modelLabel,
    settings: { chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed, adapt_delta: s.adaptDelta, max_treedepth: s.maxTreeDepth, metric: s.metric },
    timing: { compile_s: fit.timing.compile_s, warmup_s: fit.timing.warmup_s, sampling_s: fit.timing.sampling_s, gradients: fit.timing.gradients },
    rows: summary.rows,
    warnings: summary.warnings,
    diagnostics: summary.diagnostics,
    draws: fit.draws,
    ...(ppc ? { ppc } : {}),
    ...(groups ? { groups } : {}),
    ...(effects ? { effects } : {}),
  });
}
