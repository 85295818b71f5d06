/**
 * The monotonic terms' share of the linear predictor, per draw and row, from draws with brms's names:
 * eta += bsp_mox · D · Σ_{k ≤ code} simo_mox1[k] (brms's `.mo`: D · cumsum(c(0, simo))[x + 1]).
 * Used by predictions, conditional effects and log_lik of new rows; the fitted model computes the same
 * in its IR (src/glmm/monotonicIr.ts).
 */
import type { DesignMonotonic, MonotonicRows } from "../formula/monotonic.js";
import type { Draws } from "../posterior/draws.js";
import { finder } from "./parameters.js";

/** Adds each term's effect to `eta` (draws × rows, row-major by draw, as the prediction matrices). */
export function addMonotonicLinpred(eta: Float64Array, draws: Draws, terms: readonly DesignMonotonic[], rows: readonly MonotonicRows[], n: number): void {
  if (terms.length === 0) return;
  if (rows.length !== terms.length) throw new Error(`addMonotonicLinpred: ${rows.length} row sets for ${terms.length} mo() terms`);
  const S = draws.chains * draws.draws;
  if (eta.length !== S * n) throw new Error(`addMonotonicLinpred: eta has ${eta.length} values for ${S} draws × ${n} rows`);
  const find = finder(draws);
  terms.forEach((m, t) => {
    const bsp = find(m.names.bsp);
    const simo = m.names.simo.map((names) => names.map(find));
    const r = rows[t];
    if (r.codes.length !== m.parts.length || r.codes.some((x) => x.length !== n)) throw new Error(`addMonotonicLinpred: ${m.label} has codes of the wrong shape for ${n} rows`);
    // Per mo() call, the D + 1 possible values D · Σ_{k ≤ x} ζ_k of this draw, then one lookup per row.
    const levels = m.parts.map((p) => new Float64Array(p.D + 1));
    for (let s = 0; s < S; s++) {
      m.parts.forEach((p, j) => {
        let sum = 0;
        for (let k = 0; k < p.D; k++) {
          sum += draws.data[simo[j][k] * S + s];
          levels[j][k + 1] = p.D * sum;
        }
      });
      const b = draws.data[bsp * S + s];
      const row = s * n;
      for (let i = 0; i < n; i++) {
        let v = b;
        for (let j = 0; j < levels.length; j++) v *= levels[j][r.codes[j][i]];
        eta[row + i] += r.covariate ? v * r.covariate[i] : v;
      }
    }
  });
}
