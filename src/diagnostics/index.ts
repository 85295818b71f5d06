/** Convergence diagnostics (R-hat, ESS, MCSE on chains × draws), sampler diagnostics, warnings, PSIS-LOO. */
export { chainsOf, splitChains, type Chains } from "./chains.js";
export { rhat, rhatBasic } from "./rhat.js";
export { essBulk, essTail, essBasic, essMean, essSd, essQuantile } from "./ess.js";
export { mcseMean, mcseSd, mcseQuantile } from "./mcse.js";
export { quantile7 } from "./quantile7.js";
export { ebfmi } from "./ebfmi.js";
export { autocovariance } from "./autocovariance.js";
export { samplerDiagnostics, type SamplerDiagnostics, type SamplerDiagnosticsOptions } from "./sampler.js";
export { diagnose, DIAGNOSE_THRESHOLDS, type DiagnoseOptions } from "./diagnose.js";
export { psisLoo, logLikOf, type LogLikMatrix, type LooResult, type LooPointwise, type PsisLooOptions } from "./loo.js";
export { looCompare, type LooCompareRow } from "./looCompare.js";
export { psis, psisTailLength, type PsisResult } from "./psis.js";
export { gpdfit, qgpd, type GpdFit } from "./gpdfit.js";
export { relativeEff } from "./relativeEff.js";
