import { expect } from "vitest";
import { fitFormulaModel, type FormulaModelInput } from "../../../src/api/formulaFit.js";
import type { Fit } from "../../../src/api/fitResult.js";
import { pointwiseLogLik } from "../../../src/pooling/logLik.js";
import { logLikFormula, posteriorLinpred } from "../../../src/predict/index.js";

/**
 * A marginalised formula fit's draws serve both log-likelihood routes alike: the formula's (linear
 * predictor from the reported r) and the program's (pooling's pointwiseLogLik, which reads z): every
 * `stride`-th value agrees within `tol` (rounding of centred vs uncentred predictor arithmetic), and
 * posterior_linpred has every draw.
 */
export async function expectLogLikRoutesAgree(fit: Fit, input: FormulaModelInput, stride: number, tol: number): Promise<void> {
  const model = (await fitFormulaModel(input, { chains: 1, warmup: 10, draws: 10, seed: 1, threads: 1 })).model;
  const viaFormula = logLikFormula(fit, model);
  const viaProgram = pointwiseLogLik(fit, model.built);
  let worst = 0;
  for (let k = 0; k < viaFormula.data.length; k += stride) worst = Math.max(worst, Math.abs(viaFormula.data[k] - viaProgram.data[k]));
  expect(worst).toBeLessThan(tol);
  expect(posteriorLinpred(fit, model).draws).toBe(fit.draws.chains * fit.draws.draws);
}
