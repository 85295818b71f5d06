/**
 * The linear predictor per draw and row, from draws with brms's names: eta = b_Intercept + X·b
 * + Σ_g Σ_m Z_m · r_g[level, m] + offset, with X uncentred (b_Intercept is the uncentred intercept,
 * so this equals brms's Intercept + Xc·b). New levels get effects drawn per draw from chain c's stream
 * `createRng(seed, c).split(PREDICT_STREAMS.newLevels)`.
 */
import type { FormulaDesign } from "../formula/design.js";
import type { Draws } from "../posterior/draws.js";
import { createRng, type Rng } from "../random/rng.js";
import { drawNewLevelEffects, newLevelScratch } from "./newLevels.js";
import { conditionNewLevels } from "./knownCovNewLevels.js";
import { nonlinearLinpredDraws } from "./nonlinear.js";
import { addMonotonicLinpred } from "./monotonicLinpred.js";
import { at, formulaColumns, type GroupColumns } from "./parameters.js";
import type { PredictRows, PredictRowsGroup } from "./rows.js";
import { PREDICT_STREAMS, type DrawMatrix, type NewLevelsMethod, type PredictOptions } from "./types.js";

export function chainIdsOf(draws: Draws): Int32Array {
  const ids = new Int32Array(draws.chains * draws.draws);
  for (let c = 0; c < draws.chains; c++) ids.fill(c + 1, c * draws.draws, (c + 1) * draws.draws);
  return ids;
}

export function linpredDraws(draws: Draws, design: FormulaDesign, rows: PredictRows, options: Required<PredictOptions>): DrawMatrix {
  if (design.nonlinear) return nonlinearLinpredDraws(draws, design, rows, options);
  const cols = formulaColumns(draws, design);
  const eta = partLinpred(draws, cols, rows.n, rows.X, rows.groups, rows.offset, options.newLevels, (c) => createRng(options.seed, c).split(PREDICT_STREAMS.newLevels));
  // brms's mo(x) terms: bsp · D · Σ_{k ≤ x} simo[k].
  if (design.monotonic) addMonotonicLinpred(eta.data, draws, design.monotonic, rows.monotonic ?? [], rows.n);
  return eta;
}

/**
 * Each distributional formula's linear predictor (link scale), design.dpars' order: b_sigma_Intercept
 * + X_sigma · b_sigma + its group effects. New levels draw from chain c's stream
 * `createRng(seed, c).split(PREDICT_STREAMS.newLevels).split(k + 1)` for part k, so the mean's draws
 * stay as they were.
 */
export function dparLinpredDraws(draws: Draws, design: FormulaDesign, rows: PredictRows, options: Required<PredictOptions>): DrawMatrix[] {
  const cols = formulaColumns(draws, design);
  return cols.dpars.map((d, k) =>
    partLinpred(draws, d, rows.n, rows.dparX[k], rows.dparGroups[k], null, options.newLevels, (c) => createRng(options.seed, c).split(PREDICT_STREAMS.newLevels).split(k + 1)),
  );
}

interface PartColumns {
  readonly intercept: number;
  readonly b: Int32Array;
  readonly groups: readonly GroupColumns[];
}

export function partLinpred(
  draws: Draws,
  cols: PartColumns,
  n: number,
  X: Float64Array,
  rowGroups: readonly PredictRowsGroup[],
  offset: Float64Array | null,
  newLevels: NewLevelsMethod,
  rngOf: (chain: number) => Rng,
): DrawMatrix {
  const S = draws.chains * draws.draws;
  const p = cols.b.length;
  const out = new Float64Array(S * n);
  const b = new Float64Array(p);
  const groups = cols.groups.map((g, gi) => {
    const count = rowGroups[gi].newLevels.length;
    return {
      cols: g,
      rows: rowGroups[gi],
      count,
      r: new Float64Array(g.terms * g.levels),
      fresh: new Float64Array(count * g.terms),
      scratch: newLevelScratch(g.terms),
    };
  });
  const anyNew = groups.some((g) => g.count > 0);
  for (let c = 0; c < draws.chains; c++) {
    const rng = rngOf(c);
    for (let d = 0; d < draws.draws; d++) {
      const s = c * draws.draws + d;
      const intercept = cols.intercept >= 0 ? at(draws, cols.intercept, s) : 0;
      for (let k = 0; k < p; k++) b[k] = at(draws, cols.b[k], s);
      for (const g of groups) {
        for (let v = 0; v < g.r.length; v++) g.r[v] = at(draws, g.cols.r[v], s);
        if (anyNew && g.count > 0) drawNewLevelEffects(rng, draws, g.cols, s, g.count, newLevels, g.scratch, g.fresh);
        if (g.count > 0 && g.rows.knownCov) conditionNewLevels(g.rows.knownCov, newLevels, g.r, g.cols.levels, g.cols.terms, g.count, g.fresh);
      }
      const row = out.subarray(s * n, (s + 1) * n);
      for (let i = 0; i < n; i++) {
        let eta = intercept;
        for (let k = 0; k < p; k++) eta += X[i * p + k] * b[k];
        for (const g of groups) {
          const M = g.cols.terms;
          const J = g.cols.levels;
          const j = g.rows.index[i];
          for (let m = 0; m < M; m++) {
            const effect = j >= 0 ? g.r[m * J + j] : g.fresh[g.rows.newLevel[i] * M + m];
            eta += g.rows.Z[i * M + m] * effect;
          }
        }
        if (offset) eta += offset[i];
        row[i] = eta;
      }
    }
  }
  return { draws: S, observations: n, data: out, chainIds: chainIdsOf(draws) };
}
