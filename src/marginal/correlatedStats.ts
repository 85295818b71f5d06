/**
 * Per-group sums of a correlated gaussian block (normalCorrelated.ts), computed once from the data, and
 * the small dense steps every evaluation shares: reading the inputs and, per group, M = σ² I + CᵀGC,
 * its Cholesky factor and w = M⁻¹ Cᵀ Zᵀ r.
 */
import { backSolveTranspose, choleskyDecompose, forwardSolve } from "../math/cholesky.js";
import type { CorrelatedEffects, MarginalBlock } from "./types.js";

export interface CorrelatedStats {
  readonly M: number;
  readonly K: number;
  readonly p: number;
  /** J × M × M, J × M, J × M × p: ZᵀZ, Zᵀy, ZᵀX per group. */
  readonly zz: Float64Array;
  readonly zy: Float64Array;
  readonly zx: Float64Array;
  /** y'ᵀy', Xᵀy' (p), XᵀX (p × p) over all rows, y' = y − Xβ₀; β₀ the least-squares fit. */
  readonly yy: number;
  readonly xy: Float64Array;
  readonly xx: Float64Array;
  readonly beta0: Float64Array;
  // Scratch, allocated once per chain.
  readonly C: Float64Array;
  readonly A: Float64Array;
  readonly Mm: Float64Array;
  readonly R: Float64Array;
  readonly Minv: Float64Array;
  readonly P: Float64Array;
  readonly u: Float64Array;
  readonly w: Float64Array;
  readonly col: Float64Array;
  readonly zr: Float64Array;
  readonly a: Float64Array;
  readonly cw: Float64Array;
  readonly S: Float64Array;
  readonly beta: Float64Array;
  readonly gB: Float64Array;
  /** Σ log|M|, Σ uᵀw, Σ wᵀw, Σ tr M⁻¹ of the last evaluation. */
  readonly sums: Float64Array;
}

function spec(b: MarginalBlock): CorrelatedEffects {
  if (b.correlated === undefined || b.linear === undefined) throw new Error(`normalCorrelated: block ${b.name} has no correlated effects`);
  return b.correlated;
}

/**
 * The block's sums; `b.y` is y minus any data offset, `b.weight` X (n × p), `b.correlated.z` Z (n × M).
 * They are taken about the least-squares fit β₀ (y' = y − Xβ₀) and evaluations read δ = β − β₀: with y
 * far from 0 (y ~ 1e6 with residuals ~ 1), rᵀr = yᵀy − 2βᵀXᵀy + βᵀXᵀXβ computed from raw sums loses
 * everything to cancellation (lp off by 0.1 at 1e6, by 7000 at 1e8), while y'ᵀy' is of the residuals' size.
 */
export function correlatedStats(b: MarginalBlock): CorrelatedStats {
  const c = spec(b);
  const M = c.effects;
  const K = c.dims;
  const p = b.linear as number;
  const J = b.groups;
  const zz = new Float64Array(J * M * M);
  const zy = new Float64Array(J * M);
  const zx = new Float64Array(J * M * p);
  const xy = new Float64Array(p);
  const xx = new Float64Array(p * p);
  const X = b.weight;
  const Z = c.z;
  const n = b.observations;
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < p; q++) {
      const xq = X[i * p + q];
      xy[q] += xq * b.y[i];
      for (let r = 0; r < p; r++) xx[q * p + r] += xq * X[i * p + r];
    }
  }
  // β₀ from XᵀX β₀ = Xᵀy; collinear columns (no Cholesky factor) keep β₀ = 0.
  const beta0 = new Float64Array(p);
  const Lx = new Float64Array(p * p);
  if (p > 0 && choleskyDecompose(xx, p, Lx)) {
    beta0.set(xy);
    cholSolve(Lx, p, beta0);
  }
  xy.fill(0);
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const j = b.group[i];
    let y = b.y[i];
    for (let q = 0; q < p; q++) y -= X[i * p + q] * beta0[q];
    yy += y * y;
    for (let q = 0; q < p; q++) xy[q] += X[i * p + q] * y;
    for (let m = 0; m < M; m++) {
      const zm = Z[i * M + m];
      zy[j * M + m] += zm * y;
      for (let l = 0; l < M; l++) zz[(j * M + m) * M + l] += zm * Z[i * M + l];
      for (let q = 0; q < p; q++) zx[(j * M + m) * p + q] += zm * X[i * p + q];
    }
  }
  return {
    M, K, p, zz, zy, zx, yy, xy, xx, beta0,
    C: new Float64Array(M * K),
    A: new Float64Array(M * K),
    Mm: new Float64Array(K * K),
    R: new Float64Array(K * K),
    Minv: new Float64Array(K * K),
    P: new Float64Array(M * K),
    u: new Float64Array(K),
    w: new Float64Array(K),
    col: new Float64Array(K),
    zr: new Float64Array(M),
    a: new Float64Array(M),
    cw: new Float64Array(M),
    S: new Float64Array(M * M),
    beta: new Float64Array(p),
    gB: new Float64Array(p),
    sums: new Float64Array(4),
  };
}

/** x = (R Rᵀ)⁻¹ b, in place in x (which holds b on entry). */
export function cholSolve(R: Float64Array, K: number, x: Float64Array): void {
  forwardSolve(R, K, x, x);
  backSolveTranspose(R, K, x, x);
}

/** Reads σ, C and δ = β − β₀ from the inputs into the scratch; false for a non-positive or non-finite σ. */
export function readInputs(b: MarginalBlock, v: readonly Float64Array[], st: CorrelatedStats): boolean {
  const s = v[0][0];
  if (!(s > 0) || !(s < Infinity)) return false;
  const ce = (b.correlated as CorrelatedEffects).cEntries;
  st.C.fill(0);
  for (let e = 0; e < ce.length; e++) st.C[ce[e]] = v[1 + e][0];
  for (let q = 0; q < st.p; q++) st.beta[q] = v[1 + ce.length + q][0] - st.beta0[q];
  return true;
}

/**
 * Per group j: zr = Zᵀr, A = G C, M = σ² I + Cᵀ A and its Cholesky factor R, u = Cᵀ zr, w = M⁻¹ u.
 * False when M is not numerically positive definite (non-finite inputs).
 */
export function groupSolve(st: CorrelatedStats, j: number, s2: number): boolean {
  const { M, K, p, zz, zy, zx, C, A, Mm, R, u, w, zr, beta } = st;
  for (let m = 0; m < M; m++) {
    let t = zy[j * M + m];
    const row = (j * M + m) * p;
    for (let q = 0; q < p; q++) t -= zx[row + q] * beta[q];
    zr[m] = t;
  }
  const g = j * M * M;
  for (let m = 0; m < M; m++) {
    for (let k = 0; k < K; k++) {
      let t = 0;
      for (let l = 0; l < M; l++) t += zz[g + m * M + l] * C[l * K + k];
      A[m * K + k] = t;
    }
  }
  for (let k = 0; k < K; k++) {
    for (let l = 0; l <= k; l++) {
      let t = k === l ? s2 : 0;
      for (let m = 0; m < M; m++) t += C[m * K + k] * A[m * K + l];
      Mm[k * K + l] = t;
    }
    let t = 0;
    for (let m = 0; m < M; m++) t += C[m * K + k] * zr[m];
    u[k] = t;
    w[k] = t;
  }
  if (!choleskyDecompose(Mm, K, R)) return false;
  cholSolve(R, K, w);
  return true;
}
