/** Special functions and small dense linear algebra. */
export { lgamma } from "./lgamma.js";
export { digamma } from "./digamma.js";
export { trigamma } from "./trigamma.js";
export { lbeta } from "./lbeta.js";
export { lchoose } from "./lchoose.js";
export { lgammaStirlingDiff } from "./lgammaStirlingDiff.js";
export { log1pExp } from "./log1pExp.js";
export { log1mExp } from "./log1mExp.js";
export { logSumExp, logSumExp2 } from "./logSumExp.js";
export { logDiffExp } from "./logDiffExp.js";
export { invLogit, logInvLogit, log1mInvLogit } from "./logit.js";
export { Phi } from "./Phi.js";
export { logPhi } from "./logPhi.js";
export { invPhi } from "./invPhi.js";
export { sinPi, cotPi } from "./sinPi.js";
export { choleskyDecompose, forwardSolve, backSolveTranspose, lowerTriMatVec, logDetFromCholesky } from "./cholesky.js";
export { HALF_LOG_2PI, LOG_PI, SQRT_2PI, INV_SQRT_2PI, EULER_GAMMA } from "./constants.js";
export { bd0, stirlerr } from "./bd0.js";
