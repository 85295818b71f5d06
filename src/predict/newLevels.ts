/**
 * Effects of group levels the fit did not see, drawn per posterior draw: from the population
 * distribution (r = diag(sd) · L · z, L the Cholesky factor of that draw's correlation matrix) or,
 * for `"uncertainty"`, copied from a uniformly chosen fitted level of the same draw.
 */
import type { Draws } from "../posterior/draws.js";
import type { Rng } from "../random/rng.js";
import { at, type GroupColumns } from "./parameters.js";
import type { NewLevelsMethod } from "./types.js";

/** Scratch for one group: allocated once per prediction call, reused for every draw. */
export interface NewLevelScratch {
  readonly corr: Float64Array;
  readonly L: Float64Array;
  readonly z: Float64Array;
}

export function newLevelScratch(terms: number): NewLevelScratch {
  return { corr: new Float64Array(terms * terms), L: new Float64Array(terms * terms), z: new Float64Array(terms) };
}

/**
 * Lower Cholesky factor of a positive semi-definite matrix: a pivot that rounding left ≤ 0 (a
 * correlation of ±1, or draws read back from a CSV with few digits) gets a zero column instead of
 * failing, which is the factor of the nearest singular matrix.
 */
export function semidefiniteCholesky(A: Float64Array, n: number, L: Float64Array): void {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    const ljj = d > 1e-12 ? Math.sqrt(d) : 0;
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = ljj > 0 ? s / ljj : 0;
    }
    for (let k = j + 1; k < n; k++) L[j * n + k] = 0;
  }
}

/** Writes the effects of `count` new levels for draw s into out[k * terms + m]. */
export function drawNewLevelEffects(
  rng: Rng,
  draws: Draws,
  g: GroupColumns,
  s: number,
  count: number,
  method: NewLevelsMethod,
  scratch: NewLevelScratch,
  out: Float64Array,
): void {
  const M = g.terms;
  if (method === "uncertainty") {
    for (let k = 0; k < count; k++) {
      const j = Math.min(g.levels - 1, Math.floor(rng.uniform() * g.levels));
      for (let m = 0; m < M; m++) out[k * M + m] = at(draws, g.r[m * g.levels + j], s);
    }
    return;
  }
  const { corr, L, z } = scratch;
  const correlated = M > 1 && g.cor[1] >= 0;
  if (correlated) {
    for (let a = 0; a < M; a++) for (let b = 0; b < M; b++) corr[a * M + b] = a === b ? 1 : at(draws, g.cor[a * M + b], s);
    semidefiniteCholesky(corr, M, L);
  }
  for (let k = 0; k < count; k++) {
    for (let m = 0; m < M; m++) z[m] = rng.normal();
    for (let m = 0; m < M; m++) {
      let v = z[m];
      if (correlated) {
        v = 0;
        for (let q = 0; q <= m; q++) v += L[m * M + q] * z[q];
      }
      out[k * M + m] = at(draws, g.sd[m], s) * v;
    }
  }
}
