/**
 * Predictions of the categorical family from its K − 1 predictors' draws (the design's `mu<label>`
 * parts, `dparLinpredDraws`): posterior_epred is brms's draws × rows × K array of category
 * probabilities softmax(0, η_2 … η_K), stored as a draws × (rows · K) matrix with column i·K + k (row
 * i, category k + 1), as the cumulative family's; posterior_predict draws the category code 1 … K;
 * log_lik is log P(y = k). Response draws come from chain c's stream `createRng(seed, c).split(PREDICT_STREAMS.response)`.
 */
import { categoricalLogitLpmfGrad, categoricalLogitRngUnchecked, categoricalProbabilities } from "../distributions/categorical.js";
import type { FormulaDesign } from "../formula/design.js";
import type { Draws } from "../posterior/draws.js";
import { createRng, type Rng } from "../random/rng.js";
import { observedRows } from "./observed.js";
import type { PredictRows } from "./rows.js";
import { PREDICT_STREAMS, type DrawMatrix } from "./types.js";

/** A categorical model's predictions: `categories` labels the K columns of each row in an epred matrix (and the codes of predict draws). */
export type CategoricalDrawMatrix = DrawMatrix & { readonly categories: readonly string[] };

type PerRow = (eta: Float64Array, m: number, out: Float64Array, at: number, i: number, rng: Rng) => void;

/** Loops over draws and rows with each row's K − 1 predictors gathered into `eta`; `width` outputs per row. */
function mapCategorical(draws: Draws, design: FormulaDesign, rows: PredictRows, dparEta: readonly DrawMatrix[], seed: number, width: number, f: PerRow): CategoricalDrawMatrix {
  const categories = design.response.categories ?? [];
  const m = categories.length - 1;
  if (dparEta.length !== m) throw new Error(`categorical predictions: ${dparEta.length} predictors for ${categories.length} categories`);
  const S = draws.chains * draws.draws;
  const n = rows.n;
  for (const e of dparEta) if (e.observations !== n || e.draws !== S) throw new Error("categorical predictions: a predictor has the wrong shape");
  const out = new Float64Array(S * n * width);
  const eta = new Float64Array(m);
  for (let ch = 0; ch < draws.chains; ch++) {
    const rng = createRng(seed, ch).split(PREDICT_STREAMS.response);
    for (let d = 0; d < draws.draws; d++) {
      const s = ch * draws.draws + d;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) eta[j] = dparEta[j].data[s * n + i];
        f(eta, m, out, (s * n + i) * width, i, rng);
      }
    }
  }
  const chainIds = dparEta.length > 0 ? dparEta[0].chainIds : new Int32Array(0);
  return { draws: S, observations: n * width, data: out, chainIds, categories };
}

/** Category probabilities: draws × (rows · K). */
export function categoricalEpred(draws: Draws, design: FormulaDesign, rows: PredictRows, dparEta: readonly DrawMatrix[]): CategoricalDrawMatrix {
  const K = (design.response.categories ?? []).length;
  return mapCategorical(draws, design, rows, dparEta, 0, K, (eta, m, out, o) => categoricalProbabilities(eta, 0, m, out, o));
}

/** Category draws (codes 1 … K): draws × rows. */
export function categoricalPredict(draws: Draws, design: FormulaDesign, rows: PredictRows, dparEta: readonly DrawMatrix[], seed: number): CategoricalDrawMatrix {
  return mapCategorical(draws, design, rows, dparEta, seed, 1, (eta, m, out, o, _i, rng) => {
    out[o] = categoricalLogitRngUnchecked(rng, eta, 0, m);
  });
}

/** log P(y_i = k) of the rows' observed categories (the fit's codes, or new data's labels placed in the fit's categories): draws × rows. */
export function categoricalLogLik(draws: Draws, design: FormulaDesign, rows: PredictRows, dparEta: readonly DrawMatrix[]): CategoricalDrawMatrix {
  const { y } = observedRows(design, rows);
  return mapCategorical(draws, design, rows, dparEta, 0, 1, (eta, m, out, o, i) => {
    out[o] = categoricalLogitLpmfGrad(y[i], eta, 0, m);
  });
}
