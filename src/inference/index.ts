/** Public API of inference/: NUTS kernels, warmup pieces, and `sample`. */
export { sample, type SampleResult, type SampleTarget, type ChainInfo } from "./sample.js";
export { DEFAULT_SAMPLE_OPTIONS, resolveOptions, type SampleOptions } from "./options.js";
export { type WorkerTarget, isWorkerTarget } from "./workerTarget.js";
export { type ChainProgress, type ChainPhase, type ChainSettings, type ChainOutput, createChainRunner } from "./chain.js";
export { nutsInit, nutsStep, createNutsWorkspace, DEFAULT_NUTS, type NutsState, type NutsParams, type NutsInfo, type NutsWorkspace } from "./nuts.js";
export { leapfrog } from "./leapfrog.js";
export { createPhasePoint, type PhasePoint } from "./phasePoint.js";
export {
  diagMetric,
  denseMetric,
  unitMetric,
  lowRankMetric,
  lowRankInverseDense,
  METRIC_KINDS,
  type Metric,
  type MetricKind,
  type DiagMetric,
  type DenseMetric,
  type LowRankMetric,
  type LowRankFactors,
} from "./metric.js";
// The gradient-informed metrics ("fisher-diag", "fisher-lowrank"): estimators and their warmup.
export {
  fisherDiagonal,
  fisherDiagonalFromGradient,
  fisherLowRank,
  DEFAULT_FISHER_LOWRANK,
  FISHER_VARIANCE_LIMITS,
  FISHER_INIT_LIMITS,
  type FisherLowRankSettings,
} from "./fisherEstimate.js";
export {
  fisherAdaptInit,
  fisherAdaptUpdate,
  buildFisherSchedule,
  DEFAULT_FISHER_SCHEDULE,
  type FisherKind,
  type FisherSchedule,
  type FisherAdaptState,
} from "./adaptFisher.js";
export { spdMean } from "./fisherLinalg.js";
export { buildSchedule, DEFAULT_SCHEDULE, type WarmupSchedule, type AdaptationWindow } from "./schedule.js";
export {
  dualAveragingInit,
  dualAveragingUpdate,
  dualAveragingFinal,
  DEFAULT_DUAL_AVERAGING,
  type DualAveragingState,
  type DualAveragingSettings,
} from "./dualAveraging.js";
export { findReasonableStepSize } from "./findStepSize.js";
export { welfordInit, welfordAdd, welfordReset, welfordRegularised, type WelfordState } from "./welford.js";
export { initialState, INIT_RADIUS, MAX_INIT_ATTEMPTS } from "./init.js";
