/** What `hbayes fit --out` writes besides the summary: CmdStan CSV settings and the HTML report. */
import type { Fit } from "../api/fitResult.js";
import type { FitSummary } from "../api/fitSummary.js";
import type { CmdStanFilesOptions } from "../io/cmdStanFiles.js";
import type { FormulaDesign } from "../formula/design.js";
import { posteriorPredict } from "../predict/index.js";
import { renderReport } from "../report/index.js";
import type { ReportPpc } from "../report/types.js";

const DISCRETE = new Set(["binomial", "bernoulli", "poisson", "negbinomial"]);
/** Replicated data sets drawn for the posterior predictive check plot. */
const PPC_REPLICATES = 50;

/** The posterior predictive check of a formula model: its response against replicates of it. */
export function formulaPpc(fit: Fit, design: FormulaDesign): ReportPpc {
  const m = posteriorPredict(fit, { design });
  const n = m.observations;
  const step = Math.max(1, Math.floor(m.draws / PPC_REPLICATES));
  const replicates: Float64Array[] = [];
  for (let d = 0; d < m.draws && replicates.length < PPC_REPLICATES; d += step) replicates.push(m.data.slice(d * n, (d + 1) * n));
  return {
    observed: Float64Array.from(design.response.y),
    replicates,
    kind: DISCRETE.has(design.family.name) ? "bars" : "density",
    xLabel: design.response.label,
  };
}

export function cmdStanOptions(fit: Fit, modelLabel: string, dataFile: string): CmdStanFilesOptions {
  const s = fit.result.settings;
  return {
    model: modelLabel,
    seed: s.seed,
    settings: {
      numWarmup: s.warmup,
      thin: s.thin,
      delta: s.adaptDelta,
      maxDepth: s.maxTreeDepth,
      metric: s.metric === "dense" ? "dense_e" : "diag_e",
      dataFile,
    },
    // One entry per chain in the draws: after an interrupted run, chains without draws are not there.
    adaptation: fit.result.drawChains.map((k) => fit.result.chains[k]).map((c) => ({
      stepSize: c.stepSize,
      inverseMetric: c.inverseMetric,
      warmupSeconds: c.timing.warmup_s,
      samplingSeconds: c.timing.sampling_s,
    })),
  };
}

/** The report.html text; async because the plots are rendered by vega. */
export function fitReport(fit: Fit, summary: FitSummary, modelLabel: string, ppc?: ReportPpc): Promise<string> {
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
  });
}
