/**
 * brms's `bayes_R2` (Gelman, Goodrich, Gabry & Vehtari 2019): per draw, var(ŷ) / (var(ŷ) + var(y − ŷ))
 * with ŷ the expected response of each fitted row (group effects included). Binomial: ŷ and y are
 * counts (trials · p), as brms. Ordinal: the expected category number, with brms's warning.
 */
import type { Fit } from "../api/fitResult.js";
import type { FormulaModel } from "../api/formulaFit.js";
import { quantile7 } from "../diagnostics/quantile7.js";
import { UserError } from "../errors.js";
import type { FormulaDesign } from "../formula/design.js";
import { predictFromDraws } from "../predict/formulaPredict.js";
import type { Draws } from "../posterior/draws.js";
import type { BayesR2 } from "./types.js";

/** R² of each draw from ŷ (draws × n, row-major) and y; variances with n − 1 (matrixStats::rowVars), which cancels in the ratio. */
export function bayesR2Draws(yhat: Float64Array, y: Float64Array, S: number): Float64Array {
  const n = y.length;
  if (yhat.length !== S * n) throw new Error(`bayesR2Draws: ${yhat.length} predictions for ${S} draws × ${n} rows`);
  const out = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let mp = 0;
    let me = 0;
    for (let i = 0; i < n; i++) {
      mp += yhat[s * n + i];
      me += y[i] - yhat[s * n + i];
    }
    mp /= n;
    me /= n;
    let vp = 0;
    let ve = 0;
    for (let i = 0; i < n; i++) {
      const p = yhat[s * n + i];
      vp += (p - mp) ** 2;
      ve += (y[i] - p - me) ** 2;
    }
    out[s] = vp / (vp + ve);
  }
  return out;
}

/**
 * Draws × rows of the expected response that bayes_R2 and loo_R2 compare with y: epred, except for an
 * ordinal model, whose expectation brms takes as the expected category number Σ_k k · P(y = k) (and
 * warns, as the message here does).
 */
export function expectedResponse(draws: Draws, design: FormulaDesign): { readonly yhat: Float64Array; readonly S: number; readonly messages: string[] } {
  const messages: string[] = [];
  if (design.family.name === "categorical") throw new UserError("R² is not defined for the categorical family (as in brms): its categories have no numeric scale to explain variance on");
  const m = predictFromDraws(draws, design, "epred");
  const n = design.n;
  const S = m.draws;
  if (design.family.name !== "cumulative") return { yhat: m.data, S, messages };
  messages.push("the ordinal response is treated as continuous (category codes 1 … K), which is likely invalid for ordinal families (as brms warns)");
  return { yhat: expectedCategory(m, n), S, messages };
}

/** Draws × n of the expected category number Σ_k k · P(y = k) (brms's ordinal_probs_continuous) from draws × (n · K) category probabilities. */
export function expectedCategory(m: { readonly draws: number; readonly observations: number; readonly data: Float64Array }, n: number): Float64Array {
  const S = m.draws;
  const K = m.observations / n;
  const out = new Float64Array(S * n);
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let k = 0; k < K; k++) e += (k + 1) * m.data[s * m.observations + i * K + k];
      out[s * n + i] = e;
    }
  }
  return out;
}

export function bayesR2FromDraws(draws: Draws, design: FormulaDesign): BayesR2 {
  if (design.n < 2) throw new UserError(`bayesR2: needs the fitted rows (at least 2), got ${design.n}`);
  const { yhat, S, messages } = expectedResponse(draws, design);
  return summarizeR2(bayesR2Draws(yhat, design.response.y, S), messages);
}

/** The R² draws as brms reports them (bayes_R2 and loo_R2 alike): mean, sd and the 95 % interval. */
export function summarizeR2(r2: Float64Array, messages: string[]): BayesR2 {
  const S = r2.length;
  let mean = 0;
  for (let s = 0; s < S; s++) mean += r2[s];
  mean /= S;
  let ss = 0;
  for (let s = 0; s < S; s++) ss += (r2[s] - mean) ** 2;
  return { estimate: mean, error: Math.sqrt(ss / (S - 1)), q2_5: quantile7(r2, 0.025), q97_5: quantile7(r2, 0.975), draws: r2, messages };
}

/** Bayes R² of a formula fit (brms's `bayes_R2(fit)`): mean, sd and 95 % interval over draws. */
export function bayesR2(fit: Fit, model: Pick<FormulaModel, "design">): BayesR2 {
  if (!model || !(model as Partial<FormulaModel>).design) throw new UserError("bayesR2: needs a formula fit (fitFormulaModel's { fit, model }); a DSL model has no formula response");
  return bayesR2FromDraws(fit.draws, model.design);
}
