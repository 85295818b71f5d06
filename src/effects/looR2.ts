/**
 * brms's `loo_R2` (Gelman, Goodrich, Gabry & Vehtari 2019, appendix): R² with leave-one-out
 * predictions. The LOO expected response of each row is its PSIS-weighted mean over draws (loo's
 * E_loo with log ratios −log_lik and r_eff from the log-likelihood, as brms's .loo_R2); the
 * distribution over R² comes from Bayesian-bootstrap weights over rows (Dirichlet(1, …, 1), drawn as
 * normalised exponentials), one weight vector per draw. As brms 2.18 it takes, per draw,
 * var_y = N/(N−1)·(Σ w y² − (Σ w y)²) but var_err = N/(N−1)·(Σ w e² − Σ (w e)²) (its code squares
 * before summing there), and clips R² to [−1, 1]. The bootstrap draws come from the seeded stream
 * `createRng(seed, 0).split(LOO_R2_STREAM)`.
 */
import type { Fit } from "../api/fitResult.js";
import type { FormulaModel } from "../api/formulaFit.js";
import { psis } from "../diagnostics/psis.js";
import { relativeEff } from "../diagnostics/relativeEff.js";
import { UserError } from "../errors.js";
import type { FormulaDesign } from "../formula/design.js";
import { logLikFromDraws } from "../predict/formulaPredict.js";
import { expectedResponse, summarizeR2 } from "./bayesR2.js";
import type { Draws } from "../posterior/draws.js";
import { createRng } from "../random/rng.js";
import type { BayesR2 } from "./types.js";

/** A child stream of its own, so loo_R2's bootstrap shares no randomness with predictions or the sampler. */
export const LOO_R2_STREAM = 0x6c6f6f32;

/** Each row's PSIS-LOO expected response: Σ_s w_is ŷ_is with w_i the normalised smoothed weights of −log_lik_i. */
export function looPredictions(yhat: Float64Array, logLik: Float64Array, chainIds: Int32Array, S: number, n: number): { readonly values: Float64Array; readonly paretoK: Float64Array } {
  const rEff = relativeEff({ draws: S, observations: n, data: logLik }, chainIds);
  const ratios = new Float64Array(S);
  const values = new Float64Array(n);
  const paretoK = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < S; s++) ratios[s] = -logLik[s * n + i];
    const r = psis(ratios, Number.isFinite(rEff[i]) ? rEff[i] : 1);
    paretoK[i] = r.paretoK;
    let max = -Infinity;
    for (let s = 0; s < S; s++) if (r.logWeights[s] > max) max = r.logWeights[s];
    let sw = 0;
    let sum = 0;
    for (let s = 0; s < S; s++) {
      const w = Math.exp(r.logWeights[s] - max);
      sw += w;
      sum += w * yhat[s * n + i];
    }
    values[i] = sum / sw;
  }
  return { values, paretoK };
}

/** R² per bootstrap draw from the LOO predictions, brms's formulas (see the file comment). */
export function looR2Draws(y: Float64Array, yloo: Float64Array, S: number, seed: number): Float64Array {
  const n = y.length;
  const rng = createRng(seed, 0).split(LOO_R2_STREAM);
  const w = new Float64Array(n);
  const out = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += w[i] = -Math.log(rng.uniform());
    let wy = 0;
    let wy2 = 0;
    let we2 = 0;
    let wesq = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i] / total;
      const e = yloo[i] - y[i];
      wy += wi * y[i];
      wy2 += wi * y[i] * y[i];
      we2 += wi * e * e;
      wesq += (wi * e) ** 2;
    }
    const varY = (n / (n - 1)) * (wy2 - wy * wy);
    const varErr = (n / (n - 1)) * (we2 - wesq);
    out[s] = Math.min(1, Math.max(-1, 1 - varErr / varY));
  }
  return out;
}

export function looR2FromDraws(draws: Draws, design: FormulaDesign, seed: number): BayesR2 & { readonly paretoK: Float64Array } {
  if (design.n < 2) throw new UserError(`looR2: needs the fitted rows (at least 2), got ${design.n}`);
  const { yhat, S, messages } = expectedResponse(draws, design);
  const n = design.n;
  const ll = logLikFromDraws(draws, design);
  const loo = looPredictions(yhat, ll.data, ll.chainIds, S, n);
  let high = 0;
  for (let i = 0; i < n; i++) if (loo.paretoK[i] > 0.7) high++;
  if (high > 0) messages.push(`${high} of ${n} rows have Pareto k̂ above 0.7: their LOO predictions, and so loo_R2, are unreliable`);
  return { ...summarizeR2(looR2Draws(design.response.y, loo.values, S, seed), messages), paretoK: loo.paretoK };
}

/** LOO-adjusted R² of a formula fit (brms's `loo_R2(fit)`); the bootstrap uses the fit's seed. */
export function looR2(fit: Fit, model: Pick<FormulaModel, "design">): BayesR2 {
  if (!model || !(model as Partial<FormulaModel>).design) throw new UserError("looR2: needs a formula fit (fitFormulaModel's { fit, model }); a DSL model has no formula response");
  return looR2FromDraws(fit.draws, model.design, fit.result.settings.seed);
}
