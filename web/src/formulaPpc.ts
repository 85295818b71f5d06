/**
 * Posterior-predictive replicates of a formula model's response, made in the page from the saved
 * draws with src/predict's `predictFromDraws` (brms's posterior_predict: each draw's linear
 * predictor and family parameters, response drawn from a seeded stream per chain). Only a thinned
 * subset of draws is used: a PPC plot needs a couple of hundred replicates, not chains × draws × rows.
 */
import type { FormulaDesign } from "../../src/formula/design.js";
import type { FamilyName } from "../../src/formula/families.js";
import { argError } from "../../src/errors.js";
import { DISCRETE_FAMILIES } from "../../src/glmm/types.js";
import { createDraws, type Draws } from "../../src/posterior/draws.js";
import { predictFromDraws } from "../../src/predict/formulaPredict.js";
import { multivariatePredict, type MultivariatePredictModel } from "../../src/predict/multivariate.js";

/** Counts spread over more values than this read better as a density than as bars. */
export const PPC_BARS_MAX_RANGE = 60;

/**
 * Every chain keeps `ceil(count / chains)` draws, evenly spaced, so the per-chain random streams of
 * src/predict stay per chain and no chain is left out.
 */
export function thinDraws(d: Draws, count: number): Draws {
  if (!(Number.isInteger(count) && count >= 1)) throw argError("thinDraws", "count must be a positive integer", count);
  const keep = Math.min(d.draws, Math.ceil(count / d.chains));
  const out = createDraws(d.names, d.chains, keep);
  const step = d.draws / keep;
  for (let v = 0; v < d.names.length; v++) {
    for (let c = 0; c < d.chains; c++) {
      const from = (v * d.chains + c) * d.draws;
      const to = (v * d.chains + c) * keep;
      for (let k = 0; k < keep; k++) out.data[to + k] = d.data[from + Math.floor(k * step)];
    }
  }
  return out;
}

export interface FormulaReplicates {
  /** The observed response of the rows the model was fitted to (rows with missing values dropped). */
  readonly observed: Float64Array;
  /** One replicate of every fitted row per kept draw. */
  readonly replicates: Float64Array[];
  /** Bars (counts over a modest range) or a density overlay. */
  readonly kind: "bars" | "density";
}

/** About `count` replicated data sets of the fitted rows; deterministic in `seed`. */
export function formulaReplicates(draws: Draws, design: FormulaDesign, count: number, seed: number): FormulaReplicates {
  const thinned = thinDraws(draws, count);
  const m = predictFromDraws(thinned, design, "predict", undefined, { seed });
  const n = m.observations;
  const replicates = Array.from({ length: m.draws }, (_, s) => m.data.slice(s * n, (s + 1) * n));
  const observed = design.response.y;
  return { observed, replicates, kind: ppcKind(design.family.name, observed) };
}

function ppcKind(family: FamilyName, observed: Float64Array): "bars" | "density" {
  if (!DISCRETE_FAMILIES.has(family)) return "density";
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < observed.length; i++) {
    if (observed[i] < lo) lo = observed[i];
    if (observed[i] > hi) hi = observed[i];
  }
  return hi - lo <= PPC_BARS_MAX_RANGE ? "bars" : "density";
}

/**
 * An ordinal or categorical response is fitted (and replicated) as category codes 1 … K, which the bars
 * show on their axis: the caption says which label each code stands for. A categorical family's
 * categories have no order (the codes follow the levels box or R's factor() order, the first the
 * reference category), so its caption claims none. Empty when there are no categories.
 */
export function categoryNote(categories: readonly string[] | undefined, family: FamilyName): string {
  if (categories === undefined || categories.length === 0) return "";
  const codes = categories.map((c, k) => `${k + 1} = ${c}`).join(", ");
  if (family === "categorical") return ` Categories (unordered: the axis only numbers them; ${categories[0]} is the reference): ${codes}.`;
  return ` Categories, lowest first: ${codes}.`;
}

export interface ResponseReplicates extends FormulaReplicates {
  /** brms's response name (y1 in b_y1_x) and the column it reads. */
  readonly response: string;
  readonly label: string;
}

/**
 * Replicates per response of a multivariate model (src/predict's multivariatePredict: correlated draws
 * when the model has residual correlations), split out of its draws × (rows · responses) layout.
 */
export function multivariateReplicates(draws: Draws, mv: MultivariatePredictModel, count: number, seed: number): ResponseReplicates[] {
  const thinned = thinDraws(draws, count);
  const m = multivariatePredict(thinned, mv, "predict", undefined, { seed });
  const K = m.responses.length;
  const n = m.observations / K;
  return m.responses.map((response, k) => {
    const design = mv.designs[k];
    const replicates = Array.from({ length: m.draws }, (_, s) => {
      const row = new Float64Array(n);
      for (let i = 0; i < n; i++) row[i] = m.data[(s * n + i) * K + k];
      return row;
    });
    // Each response's design keeps its own fitted rows; the plot pairs them with the replicates row by row.
    const observed = design.response.y;
    if (observed.length !== n) throw new Error(`response ${response} keeps ${observed.length} rows but its replicates have ${n}: remove rows with missing values in any response first`);
    return { response, label: design.response.label, observed, replicates, kind: ppcKind(design.family.name, observed) };
  });
}
