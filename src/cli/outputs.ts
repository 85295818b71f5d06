/** What `hbayes fit --out` writes besides the summary: CmdStan CSV settings and the HTML report. */
import type { Fit } from "../api/fitResult.js";
import type { FitSummary } from "../api/fitSummary.js";
import type { CmdStanFilesOptions } from "../io/cmdStanFiles.js";
import { renderReport } from "../report/index.js";

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

export function fitReport(fit: Fit, summary: FitSummary, modelLabel: string): string {
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
  });
}
