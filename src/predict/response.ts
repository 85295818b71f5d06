/**
 * Linear-predictor draws → expected responses, response draws, or pointwise log-likelihoods, each
 * draw with its own family parameters. Response draws come from chain c's stream
 * `createRng(seed, c).split(PREDICT_STREAMS.response)`.
 */
import { DomainError, UserError } from "../errors.js";
import type { FormulaDesign } from "../formula/design.js";
import { DPAR_LINK, type AuxName } from "../glmm/types.js";
import type { Draws } from "../posterior/draws.js";
import { invLogit } from "../math/logit.js";
import { createRng, type Rng } from "../random/rng.js";
import { epredValue, logLikValue, predictValue, type AuxValues, type RowExtras } from "./families.js";
import { censoredLogLikValue } from "./censored.js";
import { truncBounds, truncatedEpredValue, truncatedFamily, truncatedLogLikOffset, truncatedPredictValue } from "./truncated.js";
import { observedRows } from "./observed.js";
import { at, formulaColumns } from "./parameters.js";
import { ordinalEpred, ordinalLogLik, ordinalPredict } from "./ordinal.js";
import { categoricalEpred, categoricalLogLik, categoricalPredict } from "./categorical.js";
import type { PredictRows } from "./rows.js";
import { PREDICT_STREAMS, type DrawMatrix } from "./types.js";

type PerRow = (s: number, i: number, eta: number, aux: AuxValues, row: RowExtras, rng: Rng) => number;

/**
 * `dparEta` is required: the caller computed it with its own options (seed, new-level method), and
 * working it out here with default options would give a caller with new levels other draws.
 */
function mapDraws(draws: Draws, design: FormulaDesign, rows: PredictRows, eta: DrawMatrix, dparEta: readonly DrawMatrix[], seed: number, what: string, f: PerRow): DrawMatrix {
  const cols = formulaColumns(draws, design);
  const n = rows.n;
  if (eta.observations !== n || eta.draws !== cols.S) throw new Error(`${what}: the linear predictor has the wrong shape`);
  const out = new Float64Array(cols.S * n);
  const aux: AuxValues = { sigma: NaN, shape: NaN, nu: NaN, phi: NaN, zi: NaN, hu: NaN };
  const names = Object.keys(cols.aux) as (keyof AuxValues)[];
  const extras = { trials: NaN, se: NaN };
  // Distributional formulas: each row's family parameter from its own linear predictor and brms's link.
  if (dparEta.length !== cols.dpars.length) throw new Error(`${what}: ${dparEta.length} distributional linear predictors for ${cols.dpars.length} distributional formulas`);
  const dpars = cols.dpars.map((d, k) => {
    if (dparEta[k].observations !== n || dparEta[k].draws !== cols.S) throw new Error(`${what}: the ${d.dpar} linear predictor has the wrong shape`);
    return { name: d.dpar as keyof AuxValues, link: DPAR_LINK[d.dpar as AuxName], eta: dparEta[k].data };
  });
  for (let c = 0; c < draws.chains; c++) {
    const rng = createRng(seed, c).split(PREDICT_STREAMS.response);
    for (let d = 0; d < draws.draws; d++) {
      const s = c * draws.draws + d;
      for (const a of names) aux[a] = at(draws, cols.aux[a] as number, s);
      for (let i = 0; i < n; i++) {
        for (const d of dpars) {
          const e = d.eta[s * n + i];
          aux[d.name] = d.link === "log" ? Math.exp(e) : d.link === "logm1" ? 1 + Math.exp(e) : invLogit(e);
        }
        extras.trials = rows.trials ? rows.trials[i] : NaN;
        extras.se = rows.se ? rows.se[i] : NaN;
        try {
          out[s * n + i] = f(s, i, eta.data[s * n + i], aux, extras, rng);
        } catch (e) {
          if (e instanceof DomainError) throw new UserError(`${what}: draw ${s + 1}, row ${rows.rows[i] + 1}: ${e.message}`);
          throw e;
        }
      }
    }
  }
  return { draws: cols.S, observations: n, data: out, chainIds: eta.chainIds };
}

/** `dparEta`: the distributional formulas' linear predictors (`dparLinpredDraws` with the same options as `eta`). */
export function epredFromLinpred(draws: Draws, design: FormulaDesign, rows: PredictRows, eta: DrawMatrix, dparEta: readonly DrawMatrix[]): DrawMatrix {
  const family = design.family.name;
  if (family === "cumulative") return ordinalEpred(draws, design, rows, eta);
  if (family === "categorical") return categoricalEpred(draws, design, rows, dparEta);
  const tb = truncBounds(design, rows);
  if (tb) {
    const t = truncatedFamily(family);
    return mapDraws(draws, design, rows, eta, dparEta, 0, "posteriorEpred", (_s, i, e, aux, row) => truncatedEpredValue(t, tb.lower[i], tb.upper[i], e, aux, row));
  }
  return mapDraws(draws, design, rows, eta, dparEta, 0, "posteriorEpred", (_s, _i, e, aux, row) => epredValue(family, e, aux, row));
}

export function predictFromLinpred(draws: Draws, design: FormulaDesign, rows: PredictRows, eta: DrawMatrix, seed: number, dparEta: readonly DrawMatrix[]): DrawMatrix {
  const family = design.family.name;
  if (family === "cumulative") return ordinalPredict(draws, design, rows, eta, seed);
  if (family === "categorical") return categoricalPredict(draws, design, rows, dparEta, seed);
  const tb = truncBounds(design, rows);
  if (tb) {
    const t = truncatedFamily(family);
    return mapDraws(draws, design, rows, eta, dparEta, seed, "posteriorPredict", (_s, i, e, aux, row, rng) => truncatedPredictValue(rng, t, tb.lower[i], tb.upper[i], e, aux, row));
  }
  return mapDraws(draws, design, rows, eta, dparEta, seed, "posteriorPredict", (_s, _i, e, aux, row, rng) => predictValue(rng, family, e, aux, row));
}

/**
 * Pointwise log-likelihood of the rows' observed responses, as brms's log_lik: a censored row's
 * censored contribution, times the row's weight, minus log P(lb ≤ Y ≤ ub) for a truncated row
 * (unweighted, as brms's Stan code). The fitted rows' response, codes, weights and bounds are the
 * design's; new rows' are read from the new data (observedRows, truncBounds).
 */
export function logLikFromLinpred(draws: Draws, design: FormulaDesign, rows: PredictRows, eta: DrawMatrix, dparEta: readonly DrawMatrix[]): DrawMatrix {
  const family = design.family.name;
  if (family === "categorical") return categoricalLogLik(draws, design, rows, dparEta);
  const { y, cens, censUpper, weights } = observedRows(design, rows);
  if (y.length !== rows.n) throw new Error(`logLik: ${y.length} responses for ${rows.n} rows`);
  if (family === "cumulative") return ordinalLogLik(draws, design, rows, eta, y);
  const tb = truncBounds(design, rows);
  const t = tb ? truncatedFamily(family) : null;
  return mapDraws(draws, design, rows, eta, dparEta, 0, "logLik", (_s, i, e, aux, row) => {
    const code = cens ? cens[i] : 0;
    const v = code === 0 ? logLikValue(family, y[i], e, aux, row) : censoredLogLikValue(family, code, y[i], censUpper ? censUpper[i] : NaN, e, aux, row);
    const o = tb && t ? truncatedLogLikOffset(t, tb.lower[i], tb.upper[i], e, aux, row) : 0;
    return (weights ? weights[i] * v : v) - o;
  });
}
