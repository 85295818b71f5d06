// The forward operator (Gaussian blur), the second-difference matrix, and the fixed-λ Tikhonov
// solution with λ chosen by generalised cross-validation — the classical answer the posterior is
// compared with. Dense n × n algebra is fine at n = 60.
import { argError } from "../../src/errors.js";
import { backSolveTranspose, choleskyDecompose, forwardSolve } from "../../src/math/cholesky.js";

/** G[i][j] ∝ exp(−(i − j)² / (2 w²)), rows normalised to sum 1: each datum is a local average. */
export function blurMatrix(n: number, width: number): number[][] {
  if (!(width > 0)) throw argError("blurMatrix", "width must be positive", width);
  return Array.from({ length: n }, (_, i) => {
    const row = Array.from({ length: n }, (_, j) => Math.exp(-((i - j) ** 2) / (2 * width * width)));
    const s = row.reduce((a, v) => a + v, 0);
    return row.map((v) => v / s);
  });
}

/** (n − 2) × n second differences: (D m)_i = m_i − 2 m_{i+1} + m_{i+2}. */
export function secondDifferences(n: number): number[][] {
  return Array.from({ length: n - 2 }, (_, i) => Array.from({ length: n }, (_, j) => (j === i || j === i + 2 ? 1 : j === i + 1 ? -2 : 0)));
}

/** A = Mᵀ M as a flat row-major n × n array. */
function gram(M: number[][], n: number): Float64Array {
  const A = new Float64Array(n * n);
  for (const row of M) for (let i = 0; i < n; i++) if (row[i] !== 0) for (let j = 0; j < n; j++) A[i * n + j] += row[i] * row[j];
  return A;
}

/**
 * Gaussian posterior of m for a fixed smoothness sd s: precision P = GᵀG/σ² + DᵀD/s² + I·anchor
 * (a weak anchor makes the null space of D — straight lines — proper), mean P⁻¹ Gᵀd/σ².
 */
export function fixedPosterior(G: number[][], D: number[][], d: readonly number[], sigma: number, s: number, anchor: number) {
  const n = G[0].length;
  const GtG = gram(G, n);
  const DtD = gram(D, n);
  const P = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) P[k] = GtG[k] / sigma ** 2 + DtD[k] / s ** 2;
  for (let i = 0; i < n; i++) P[i * n + i] += anchor;
  const L = new Float64Array(n * n);
  if (!choleskyDecompose(P, n, L)) throw argError("fixedPosterior", "precision is not positive definite for s", s);
  const solve = (b: ArrayLike<number>) => {
    const z = new Float64Array(n);
    const out = new Float64Array(n);
    forwardSolve(L, n, b, z);
    backSolveTranspose(L, n, z, out);
    return out;
  };
  const Gtd = new Float64Array(n);
  for (let r = 0; r < G.length; r++) for (let j = 0; j < n; j++) Gtd[j] += (G[r][j] * d[r]) / sigma ** 2;
  const mean = solve(Gtd);
  // Marginal sds: diagonal of P⁻¹, one unit vector at a time.
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = new Float64Array(n);
    e[i] = 1;
    sd[i] = Math.sqrt(solve(e)[i]);
  }
  // Influence matrix trace tr(G P⁻¹ Gᵀ)/σ², for GCV.
  let trace = 0;
  for (let r = 0; r < G.length; r++) {
    const x = solve(G[r].map((v) => v / sigma ** 2));
    for (let j = 0; j < n; j++) trace += G[r][j] * x[j];
  }
  return { mean, sd, trace };
}

/** GCV(s) = N · ‖d − G m_s‖² / (N − tr H)², minimised over a log grid of s. */
export function gcvSmoothness(G: number[][], D: number[][], d: readonly number[], sigma: number, anchor: number, grid: readonly number[]) {
  let best = { s: NaN, score: Infinity };
  const scores: number[] = [];
  for (const s of grid) {
    const { mean, trace } = fixedPosterior(G, D, d, sigma, s, anchor);
    let rss = 0;
    for (let r = 0; r < G.length; r++) {
      let fitted = 0;
      for (let j = 0; j < mean.length; j++) fitted += G[r][j] * mean[j];
      rss += (d[r] - fitted) ** 2;
    }
    const score = (G.length * rss) / (G.length - trace) ** 2;
    scores.push(score);
    if (score < best.score) best = { s, score };
  }
  return { ...best, scores };
}
