/**
 * Predictions of a multivariate model (brms's mvbind / bf() + bf()): each response's linear predictor,
 * expected value and draws come from its own univariate design with the draws seen under that response's
 * names (`b_y1_x` read as `b_x`, `r_g__y1[a,Intercept]` as `r_g[a,Intercept]`, `sigma_y1` as `sigma`).
 * Layout as the categorical family's third dimension: draws × (rows · responses), responses fastest.
 * With residual correlations, response draws are correlated, y = μ + diag(σ) L w, and log_lik is the
 * multivariate normal's joint density per row (brms's log_lik of a rescor model); without, log_lik is the
 * sum over responses per row (brms sums an mv model's pointwise log-likelihoods).
 */
import { UserError } from "../errors.js";
import type { FormulaData } from "../formula/data.js";
import type { FormulaDesign } from "../formula/design.js";
import type { GlmmMultivariate } from "../glmm/multivariateIr.js";
import { choleskyDecompose } from "../math/cholesky.js";
import { dataColumns } from "../formula/data.js";
import { type Draws, variableIndex, variableOf } from "../posterior/draws.js";
import { createRng } from "../random/rng.js";
import { predictFromDraws, type PredictionType } from "./formulaPredict.js";
import { PREDICT_STREAMS, resolvePredictOptions, type DrawMatrix, type PredictOptions } from "./types.js";

/** What predictions need of a multivariate model: each response's design, names, blocks and rescor (a MultivariateDesign, or one read back from model.json). */
export interface MultivariatePredictModel {
  readonly designs: readonly FormulaDesign[];
  readonly model: Pick<GlmmMultivariate, "names" | "blocks" | "rescor">;
}

export type MultivariateDrawMatrix = DrawMatrix & { readonly responses: readonly string[]; readonly rows: Int32Array };

/** The draws under response `r`'s univariate names; the data buffer is shared, nothing is copied. */
export function responseView(draws: Draws, r: string): Draws {
  const b = `b_${r}_`;
  const names = draws.names.map((name) => {
    if (name.startsWith(b)) return `b_${name.slice(b.length)}`;
    if (name === `sigma_${r}`) return "sigma";
    let m = /^sd_(.+?)__(.+)$/.exec(name);
    if (m && m[2].startsWith(`${r}_`)) return `sd_${m[1]}__${m[2].slice(r.length + 1)}`;
    m = /^cor_(.+?)__(.+)$/.exec(name);
    if (m) {
      // Within one response only (cor_g__y1_Intercept__y1_x → cor_g__Intercept__x).
      const parts = m[2].split("__");
      if (parts.length === 2 && parts.every((p) => p.startsWith(`${r}_`))) return `cor_${m[1]}__${parts.map((p) => p.slice(r.length + 1)).join("__")}`;
      return name;
    }
    m = /^r_(.+?)__(.+?)\[(.*)\]$/.exec(name);
    if (m && m[2] === r) return `r_${m[1]}[${m[3]}]`;
    return name;
  });
  return { ...draws, names };
}

/** Ω's lower Cholesky factor per draw from the rescor__a__b draws: S × K × K. */
function rescorFactors(draws: Draws, names: readonly string[]): Float64Array {
  const K = names.length;
  const S = draws.chains * draws.draws;
  const out = new Float64Array(S * K * K);
  const omega = new Float64Array(K * K);
  const cols: Float64Array[][] = names.map((a, i) => names.map((b, j) => (i < j ? variableOf(draws, variableIndex(draws, `rescor__${a}__${b}`)) : new Float64Array(0))));
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < K; i++) {
      omega[i * K + i] = 1;
      for (let j = i + 1; j < K; j++) omega[i * K + j] = omega[j * K + i] = cols[i][j][s];
    }
    if (!choleskyDecompose(omega, K, out.subarray(s * K * K, (s + 1) * K * K))) throw new Error(`multivariate predictions: the residual correlation of draw ${s + 1} is not positive definite`);
  }
  return out;
}

/**
 * Draws × (rows · responses) of the chosen type. `newdata` undefined means the fitted rows; with new data,
 * log_lik reads every response's column from it. New levels of a group term shared across responses
 * (`| ID |`) are refused (their joint draws across responses are not implemented); other new levels follow
 * `allowNewLevels` per response, as in a univariate model.
 */
export function multivariatePredict(draws: Draws, mv: MultivariatePredictModel, type: PredictionType, newdata?: FormulaData, options: PredictOptions = {}): MultivariateDrawMatrix {
  const o = resolvePredictOptions(options);
  const names = mv.model.names;
  const K = names.length;
  if (o.allowNewLevels && mv.model.blocks.length > 0) {
    throw new UserError("predict: new levels of group terms shared across responses ('| ID |') are not supported yet; predict for the fitted levels, or refit with (… | g) per response");
  }
  const rescor = mv.model.rescor;
  // Correlated draws and the joint density need each response's mean and sigma; everything else is per response.
  const perType: PredictionType = rescor && (type === "predict" || type === "log_lik") ? "epred" : type;
  // Each response its own seed: with one seed for all, independent responses' residual draws and new-level
  // effects would repeat the same normal variates (perfectly correlated). Response 1 keeps the given seed.
  const parts = names.map((r, k) => predictFromDraws(responseView(draws, r), mv.designs[k], perType, newdata, { ...o, seed: o.seed + k }));
  for (const p of parts) {
    if (p.rows.length !== parts[0].rows.length || p.rows.some((v, i) => v !== parts[0].rows[i])) throw new UserError("predict: the responses' formulas keep different new rows (a predictor is missing for some); remove rows with missing values first");
  }
  const S = parts[0].draws;
  const n = parts[0].observations;
  const rows = parts[0].rows;
  if (type === "log_lik" && !rescor) {
    const ll = new Float64Array(S * n);
    for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += parts[k].data[s * n + i];
      ll[s * n + i] = sum;
    }
    return { draws: S, observations: n, data: ll, chainIds: parts[0].chainIds, responses: ["joint"], rows };
  }
  const out = new Float64Array(S * n * K);
  if (!rescor || (type !== "predict" && type !== "log_lik")) {
    for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[(s * n + i) * K + k] = parts[k].data[s * n + i];
    return { draws: S, observations: n * K, data: out, chainIds: parts[0].chainIds, responses: names, rows };
  }
  const Ls = rescorFactors(draws, names);
  const sigmas = names.map((r) => variableOf(draws, variableIndex(draws, `sigma_${r}`)));
  const ys = type === "log_lik" ? responsesOf(mv, newdata, rows) : [];
  const w = new Float64Array(K);
  if (type === "log_lik") {
    const ll = new Float64Array(S * n);
    const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    for (let s = 0; s < S; s++) {
      const L = Ls.subarray(s * K * K, (s + 1) * K * K);
      for (let i = 0; i < n; i++) {
        // Forward substitution: w = L⁻¹ diag(σ)⁻¹ (y − μ); log density = Σ log N(w | 0, 1) − Σ log(σ_m L_mm).
        let lp = 0;
        for (let m = 0; m < K; m++) {
          let e = (ys[m][i] - parts[m].data[s * n + i]) / sigmas[m][s];
          for (let q = 0; q < m; q++) e -= L[m * K + q] * w[q];
          w[m] = e / L[m * K + m];
          lp += -0.5 * w[m] * w[m] - LOG_SQRT_2PI - Math.log(sigmas[m][s] * L[m * K + m]);
        }
        ll[s * n + i] = lp;
      }
    }
    return { draws: S, observations: n, data: ll, chainIds: parts[0].chainIds, responses: ["joint"], rows };
  }
  for (let ch = 0; ch < draws.chains; ch++) {
    const rng = createRng(o.seed, ch).split(PREDICT_STREAMS.response);
    for (let d = 0; d < draws.draws; d++) {
      const s = ch * draws.draws + d;
      const L = Ls.subarray(s * K * K, (s + 1) * K * K);
      for (let i = 0; i < n; i++) {
        for (let m = 0; m < K; m++) w[m] = rng.normal();
        for (let m = 0; m < K; m++) {
          let e = 0;
          for (let q = 0; q <= m; q++) e += L[m * K + q] * w[q];
          out[(s * n + i) * K + m] = parts[m].data[s * n + i] + sigmas[m][s] * e;
        }
      }
    }
  }
  return { draws: S, observations: n * K, data: out, chainIds: parts[0].chainIds, responses: names, rows };
}

/** Each response's observed values on the predicted rows (the fit's, or new data's columns at `rows`). */
function responsesOf(mv: MultivariatePredictModel, newdata: FormulaData | undefined, rows: Int32Array): Float64Array[] {
  if (newdata === undefined) return mv.designs.map((d) => d.response.y);
  const cols = dataColumns(newdata);
  return mv.designs.map((d) => {
    const c = cols.column(d.response.label);
    if (!c || c.kind !== "numeric") throw new UserError(`predict: log_lik of new data needs the numeric response column ${d.response.label}`);
    return Float64Array.from(rows, (i) => {
      if (c.missing[i]) throw new UserError(`predict: log_lik of new data: response ${d.response.label} is missing in row ${i + 1}`);
      return c.values[i];
    });
  });
}
