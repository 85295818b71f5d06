/**
 * Sample mean and sd (n − 1 denominator) for the tests: src/diagnostics' estimators (the ones the
 * summaries use), so no test file keeps its own copy.
 */
import { mean } from "../../src/diagnostics/ess.js";
import { sampleVariance } from "../../src/diagnostics/essCore.js";

export { mean };

export const sd = (x: ArrayLike<number>): number => Math.sqrt(sampleVariance(x));
