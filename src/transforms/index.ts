/** Constraining transforms with log-Jacobians (Stan's definitions); see types.ts for the conventions. */
export type { Transform } from "./types.js";
export { CONSTRAINT_TOLERANCE } from "./types.js";
export { identity } from "./identity.js";
export { lowerBound, lowerBoundConstrain, lowerBoundFree, lowerBoundDerivative } from "./lowerBound.js";
export { upperBound, upperBoundConstrain, upperBoundFree, upperBoundDerivative } from "./upperBound.js";
export {
  interval,
  intervalConstrain,
  intervalFree,
  intervalLogJacobian,
  intervalDerivative,
  intervalLogJacobianDerivative,
} from "./interval.js";
export { offsetMultiplier, offsetMultiplierConstrain, offsetMultiplierFree } from "./offsetMultiplier.js";
export { ordered, positiveOrdered } from "./ordered.js";
export { simplex } from "./simplex.js";
export { choleskyFactorCorr } from "./choleskyFactorCorr.js";
export { choleskyFactorCov } from "./choleskyFactorCov.js";
export { covMatrix } from "./covMatrix.js";
export { corrMatrix } from "./corrMatrix.js";
