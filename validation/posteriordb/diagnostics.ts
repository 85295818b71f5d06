/**
 * The diagnostics the posteriordb validation reports, bound to src/diagnostics (posterior 1.4.0's
 * rank-normalised split R-hat, bulk ESS and the MCSEs of the mean and sd).
 */
import { essBulk } from "../../src/diagnostics/ess.js";
import { mcseMean, mcseSd } from "../../src/diagnostics/mcse.js";
import { rhat } from "../../src/diagnostics/rhat.js";
import type { ChainDiagnostics } from "./run.js";

export const DIAGNOSTICS: ChainDiagnostics = Object.freeze({ rhat, essBulk, mcseMean, mcseSd });
