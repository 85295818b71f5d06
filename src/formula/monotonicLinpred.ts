/**
 * The monotonic terms' share of the linear predictor, per draw and row, from draws with brms's names:
 * eta += bsp_mox · D · Σ_{k ≤ code} simo_mox1[k] (brms's `.mo`: D · cumsum(c(0, simo))[x + 1]).
 * Used by predictions, conditional effects and log_lik of new rows; the fitted model computes the same
 * in its IR (src/glmm/monotonicIr.ts).
 */
import { UserError } from "../errors.js";
import type { Draws } from "../posterior/draws.js";
import type { DesignMonotonic } from "./monotonic.js";

/** Adds each term's effect to `eta` (draws × rows, row-major by draw, as the prediction matrices). */
export function addMonotonicLinpred(eta: Float64Array, draws: Draws, terms: readonly DesignMonotonic[], codes: readonly Int32Array[], n: number): void {
  if (terms.length === 0) return;
  if (codes.length !== terms.length) throw new Error(`addMonotonicLinpred: ${codes.length} code vectors for ${terms.length} mo() terms`);
  const S = draws.chains * draws.draws;
  if (eta.length !== S * n) throw new Error(`addMonotonicLinpred: eta has ${eta.length} values for ${S} draws × ${n} rows`);
  const index = new Map(draws.names.map((name, k) => [name, k]));
  const find = (name: string): number => {
    const k = index.get(name);
    if (k === undefined) throw new UserError(`predict: the draws have no variable '${name}'; were they written by a fit of this model (same formula, family and data)?`);
    return k;
  };
  terms.forEach((m, t) => {
    const D = m.D;
    const bsp = find(m.names.bsp);
    const simo = m.names.simo.map(find);
    const x = codes[t];
    if (x.length !== n) throw new Error(`addMonotonicLinpred: ${m.label} has ${x.length} codes for ${n} rows`);
    // The D + 1 possible effects of this draw, then one lookup per row.
    const level = new Float64Array(D + 1);
    for (let s = 0; s < S; s++) {
      const scale = D * draws.data[bsp * S + s];
      let sum = 0;
      for (let k = 0; k < D; k++) {
        sum += draws.data[simo[k] * S + s];
        level[k + 1] = scale * sum;
      }
      const row = s * n;
      for (let i = 0; i < n; i++) eta[row + i] += level[x[i]];
    }
  });
}
