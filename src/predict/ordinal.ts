/**
 * Predictions of the cumulative (ordinal) family from linear-predictor draws, with the thresholds
 * b_Intercept[k] of each draw: P(y ≤ k) = F(b_Intercept[k] − eta), F logistic or Φ. posterior_epred is
 * brms's draws × rows × K array of category probabilities, stored as a draws × (rows · K) matrix with
 * column i·K + k (row i, category k + 1); posterior_predict draws the category code 1 … K; log_lik is
 * log P(y = k). Response draws come from chain c's stream `createRng(seed, c).split(PREDICT_STREAMS.response)`.
 */
import { ordinalLpmfGrad, ordinalProbabilities, ordinalRng, type OrdinalLink } from "../distributions/ordinal.js";
import type { FormulaDesign } from "../formula/design.js";
import type { Draws } from "../posterior/draws.js";
import { createRng } from "../random/rng.js";
import { at, formulaColumns } from "./parameters.js";
import type { PredictRows } from "./rows.js";
import { PREDICT_STREAMS, type DrawMatrix } from "./types.js";

/** A cumulative model's predictions: `categories` labels the K columns of each row in an epred matrix. */
export type OrdinalDrawMatrix = DrawMatrix & { readonly categories: readonly string[] };

type PerRow = (eta: number, c: Float64Array, m: number, out: Float64Array, at: number, i: number, rng: ReturnType<typeof createRng>) => void;

function linkOf(design: FormulaDesign): OrdinalLink {
  return design.family.link === "probit" ? "probit" : "logit";
}

/** Loops over draws and rows with each draw's thresholds in `c`; `width` outputs per row. */
function mapOrdinal(draws: Draws, design: FormulaDesign, rows: PredictRows, eta: DrawMatrix, seed: number, width: number, f: PerRow): OrdinalDrawMatrix {
  const cols = formulaColumns(draws, design);
  const categories = design.response.categories ?? [];
  const m = cols.thresholds.length;
  if (m + 1 !== categories.length) throw new Error("cumulative predictions: thresholds and categories disagree");
  const n = rows.n;
  if (eta.observations !== n || eta.draws !== cols.S) throw new Error("cumulative predictions: the linear predictor has the wrong shape");
  const out = new Float64Array(cols.S * n * width);
  const c = new Float64Array(m);
  for (let ch = 0; ch < draws.chains; ch++) {
    const rng = createRng(seed, ch).split(PREDICT_STREAMS.response);
    for (let d = 0; d < draws.draws; d++) {
      const s = ch * draws.draws + d;
      for (let k = 0; k < m; k++) c[k] = at(draws, cols.thresholds[k], s);
      for (let i = 0; i < n; i++) f(eta.data[s * n + i], c, m, out, (s * n + i) * width, i, rng);
    }
  }
  return { draws: cols.S, observations: n * width, data: out, chainIds: eta.chainIds, categories };
}

/** Category probabilities: draws × (rows · K). */
export function ordinalEpred(draws: Draws, design: FormulaDesign, rows: PredictRows, eta: DrawMatrix): OrdinalDrawMatrix {
  const link = linkOf(design);
  const K = (design.response.categories ?? []).length;
  return mapOrdinal(draws, design, rows, eta, 0, K, (e, c, m, out, o) => ordinalProbabilities(link, e, c, 0, m, out, o));
}

/** Category draws (codes 1 … K): draws × rows. */
export function ordinalPredict(draws: Draws, design: FormulaDesign, rows: PredictRows, eta: DrawMatrix, seed: number): OrdinalDrawMatrix {
  const link = linkOf(design);
  return mapOrdinal(draws, design, rows, eta, seed, 1, (e, c, m, out, o, _i, rng) => {
    out[o] = ordinalRng(rng, link, e, c, 0, m);
  });
}

/** log P(y_i = k) of the observed codes y: draws × rows. */
export function ordinalLogLik(draws: Draws, design: FormulaDesign, rows: PredictRows, eta: DrawMatrix, y: Float64Array): OrdinalDrawMatrix {
  const link = linkOf(design);
  return mapOrdinal(draws, design, rows, eta, 0, 1, (e, c, m, out, o, i) => {
    out[o] = ordinalLpmfGrad(link, y[i], e, c, 0, m);
  });
}
