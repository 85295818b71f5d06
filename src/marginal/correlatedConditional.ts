/** Exact conditional draws' parameters for a correlated gaussian block (normalCorrelated.ts). */
import { groupSolve, readInputs, type CorrelatedStats } from "./correlatedStats.js";
import type { MarginalBlock } from "./types.js";

/**
 * The conditional of every group's effects given the inputs: ζ_j = zMean_j + F_j ε with ε ~ N(0, I_K)
 * and F_j = σ R_j⁻ᵀ (upper triangular, F Fᵀ = σ² M_j⁻¹), and b_j = C ζ_j (mean bMean_j = C zMean_j).
 * Writes zMean (J × K), bMean (J × M), F's upper triangles (J × K(K+1)/2, row by row) and C (M × K);
 * NaN everywhere when the inputs are off the support.
 */
export function correlatedConditional(
  b: MarginalBlock,
  v: readonly Float64Array[],
  st: CorrelatedStats,
  zMean: Float64Array,
  bMean: Float64Array,
  F: Float64Array,
  Cout: Float64Array,
): void {
  const { M, K, C, R, w, col } = st;
  const ok = readInputs(b, v, st);
  const s = v[0][0];
  const T = (K * (K + 1)) / 2;
  if (ok) Cout.set(C);
  else Cout.fill(NaN);
  for (let j = 0; j < b.groups; j++) {
    if (!ok || !groupSolve(st, j, s * s)) {
      zMean.fill(NaN, j * K, (j + 1) * K);
      bMean.fill(NaN, j * M, (j + 1) * M);
      F.fill(NaN, j * T, (j + 1) * T);
      continue;
    }
    for (let k = 0; k < K; k++) zMean[j * K + k] = w[k];
    for (let m = 0; m < M; m++) {
      let t = 0;
      for (let k = 0; k < K; k++) t += C[m * K + k] * w[k];
      bMean[j * M + m] = t;
    }
    // F[k, l] = σ (R⁻¹)[l, k] (zero for l < k): row k of F is σ times column k of R⁻¹, the forward
    // solve R x = e_k, whose entries above k are 0.
    let at = j * T;
    for (let k = 0; k < K; k++) {
      col.fill(0);
      col[k] = 1;
      for (let i = k; i < K; i++) {
        let t = col[i];
        for (let q = k; q < i; q++) t -= R[i * K + q] * col[q];
        col[i] = t / R[i * K + i];
      }
      for (let l = k; l < K; l++) F[at++] = s * col[l];
    }
  }
}
