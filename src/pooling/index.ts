/** No / complete / partial pooling side by side, shrinkage factors, and plug-in versus full Bayes. */
export { pooling, poolingJson, compareGroups, groupSizes, type PoolingOptions, type PoolingResult } from "./pooling.js";
export { poolingFromFormula, type PoolingFormulaOptions } from "./poolingFromFormula.js";
export { poolingDsl, poolingDslVariants, dslGroupSizes, type PoolingDslOptions, type DslPoolingResult, type DslPoolingVariants } from "./poolingDsl.js";
export { poolingVariants, pooledGroup, noPoolingPrior, POOLING_FAMILIES, NO_POOLING_PRIOR_WIDTH, type PoolingFamily, type PoolingVariants } from "./variants.js";
export { responseScale, inverseLinkInPlace, groupDraws, type GroupDraws } from "./responseScale.js";
export { interval, shrinkageFactor, SHRINKAGE_MIN_GAP, NAN_INTERVAL } from "./summarise.js";
export { pointwiseLogLik, type PointwiseLogLik } from "./logLik.js";
export { poolingLoo, paretoKThreshold } from "./looComparison.js";
export { shrinkageGroups, shrinkagePlotOptions } from "./shrinkageGroups.js";
export { groupLevelColumns, levelValues, noPoolingNote } from "./groupLevel.js";
export { pluginVsFullBayes, comparePluginGroups, PLUGIN_METHOD, type PluginGroup, type PluginVsFullBayes, type PluginVsFullBayesGaussian } from "./empiricalBayes.js";
export {
  remlGaussian, remlGaussianAt, remlData, remlWork, remlEval, REML_GRID,
  type RemlData, type RemlWork, type RemlValue, type RemlGaussianFit, type RemlGaussianOptions,
} from "./remlGaussian.js";
export {
  glmmLaplace, laplaceData, laplaceLogLik, createLaplaceState, LAPLACE_FAMILIES, SINGULAR_TAU, SHAPE_INFINITY,
  type GlmmLaplaceFit, type LaplaceData, type LaplaceFamily, type LaplacePoint, type LaplaceState,
} from "./laplaceGlmm.js";
export { laplaceGroupSd } from "./laplaceGroupSd.js";
export { pluginVsFullBayesGlmm, responseInterval, normalNodes, PLUGIN_GLMM_METHOD, type PluginVsFullBayesGlmm } from "./pluginGlmm.js";
export { minimizeLbfgs, numericGradient, type LbfgsOptions, type LbfgsResult } from "./lbfgs.js";
export { POOLING_MODELS, type Interval, type PoolingGroup, type PoolingModel, type LooEntry, type LooComparisonRow, type PoolingLoo, type ResponseScale } from "./types.js";
