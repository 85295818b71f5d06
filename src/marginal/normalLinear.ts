/**
 * Gaussian varying intercepts integrated out when η is linear in data columns (linearEta.ts) and one σ
 * serves every row: the marginal of normalNormal.ts computed from per-group sufficient statistics.
 * With y' = y − offset, group j's raw sums are, for coefficients β (K) and location μ_j,
 *   A_j = Σ(y' − xβ) = Sy − Sxᵀβ,   B_j = Σ(y' − xβ)² = Syy − 2βᵀSxy + βᵀSxxβ,
 *   S1 = A_j − n_j μ_j,   S2 = B_j − 2μ_j A_j + n_j μ_j²,
 * and with w = σ⁻², s0 = w n_j, s1 = w S1, s2 = w S2, Δ = 1 + τ_j² s0 the density is that of
 * normalNormal.ts. Adjoints: ∂/∂μ_j = s1/Δ, ∂/∂τ_j = −τ (s0/Δ − s1²/Δ²), ∂/∂β = w Σ_j (Sxy − Sxxβ −
 * (μ_j + h_j) Sx) with h_j = τ²s1/Δ, and ∂/∂σ = −n/σ + w/σ Σ_j (n_j τ²/Δ + S2 − 2h_j S1 + n_j h_j²).
 * Statistics are computed once (O(n K²)); each evaluation is O(J K²). They are taken about a reference
 * fit (y' = y − xβ₀ − c, least squares on x and a constant) and evaluations read β − β₀
 * and μ − c: from raw sums, B = Syy − … cancels catastrophically for y far from 0 (radon's log_radon
 * + 1e6: lp off by 0.045, ∂/∂log σ by 0.09).
 */
import { normalLinearStatsWidth } from "../ir/validate.js";
import { backSolveTranspose, choleskyDecompose, forwardSolve } from "../math/cholesky.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import type { MarginalBlock } from "./types.js";

export interface LinearStats {
  readonly K: number;
  readonly count: Float64Array;
  readonly sy: Float64Array;
  readonly syy: Float64Array;
  /** J × K */
  readonly sx: Float64Array;
  /** J × K */
  readonly sxy: Float64Array;
  /** J × K × K */
  readonly sxx: Float64Array;
  /** The reference fit the sums are taken about (β₀, c). */
  readonly beta0: Float64Array;
  readonly c: number;
  /** Scratch: β − β₀, per-group A, and the gradient of β. */
  readonly beta: Float64Array;
  readonly gBeta: Float64Array;
  readonly s1: Float64Array;
  readonly s1w: Float64Array;
  readonly iD: Float64Array;
  readonly t2: Float64Array;
}

/** The block's sufficient statistics; `b.y` already has the offset taken off, `b.weight` holds x (n × K). */
export function linearStats(b: MarginalBlock, K: number): LinearStats {
  const J = b.groups;
  const n = b.observations;
  const x = b.weight;
  const { beta0, c: c0 } = referenceFit(b.y, b.weight, b.observations, K);
  const yc = new Float64Array(n);
  let c = c0;
  for (let i = 0; i < n; i++) {
    let y = b.y[i] - c0;
    for (let k = 0; k < K; k++) y -= x[i * K + k] * beta0[k];
    yc[i] = y;
  }
  // Whatever level is left (x with its own constant column: ~0) goes into c too.
  let rest = 0;
  for (let i = 0; i < n; i++) rest += yc[i] / Math.max(n, 1);
  c += rest;
  for (let i = 0; i < n; i++) yc[i] -= rest;
  const st: LinearStats = {
    K,
    count: new Float64Array(J),
    sy: new Float64Array(J),
    syy: new Float64Array(J),
    sx: new Float64Array(J * K),
    sxy: new Float64Array(J * K),
    sxx: new Float64Array(J * K * K),
    beta0,
    c,
    beta: new Float64Array(K),
    gBeta: new Float64Array(K),
    s1: new Float64Array(J),
    s1w: new Float64Array(J),
    iD: new Float64Array(J),
    t2: new Float64Array(J),
  };
  for (let i = 0; i < n; i++) {
    const j = b.group[i];
    const y = yc[i];
    st.count[j] += 1;
    st.sy[j] += y;
    st.syy[j] += y * y;
    for (let k = 0; k < K; k++) {
      const xk = x[i * K + k];
      st.sx[j * K + k] += xk;
      st.sxy[j * K + k] += xk * y;
      for (let l = 0; l < K; l++) st.sxx[(j * K + k) * K + l] += xk * x[i * K + l];
    }
  }
  return st;
}

/**
 * The statistics as the compiled `normalLinearMarginal` statement reads them (src/ir/types.ts): a J × P
 * matrix, P = 3 + 2K + K², row j = (n_j, Sy, Syy, Sx, Sxy, Sxx row-major), and (β₀, c).
 */
export function packLinearStats(st: LinearStats): { stats: Float64Array; centre: Float64Array } {
  const K = st.K;
  const J = st.count.length;
  const P = normalLinearStatsWidth(K);
  const stats = new Float64Array(J * P);
  for (let j = 0; j < J; j++) {
    const row = j * P;
    stats[row] = st.count[j];
    stats[row + 1] = st.sy[j];
    stats[row + 2] = st.syy[j];
    stats.set(st.sx.subarray(j * K, (j + 1) * K), row + 3);
    stats.set(st.sxy.subarray(j * K, (j + 1) * K), row + 3 + K);
    stats.set(st.sxx.subarray(j * K * K, (j + 1) * K * K), row + 3 + 2 * K);
  }
  const centre = new Float64Array(K + 1);
  centre.set(st.beta0);
  centre[K] = st.c;
  return { stats, centre };
}

/**
 * The reference fit the sufficient statistics are taken about (normal–normal linear and crossed
 * blocks): least squares of y (n) on [x, 1] (x: n × K row-major; the 1 becomes c), or on x alone when
 * x already holds a constant column (then c is 0); zeros when there is no usable Cholesky factor
 * (collinear columns). Any reference is correct (it is subtracted and added back): only one far from
 * the data would cost precision.
 */
export function referenceFit(y: Float64Array, x: Float64Array, n: number, K: number): { beta0: Float64Array; c: number } {
  // A constant column of x already carries the level (formula models' Intercept): adding 1 would make
  // xᵀx singular, and rounding can let such a Cholesky factor through with a meaningless split.
  let hasConstant = false;
  for (let k = 0; k < K && !hasConstant; k++) {
    let same = n > 0 && x[k] !== 0;
    for (let i = 1; i < n && same; i++) same = x[i * K + k] === x[k];
    hasConstant = same;
  }
  for (const withOne of hasConstant ? [false] : [true, false]) {
    const P = withOne ? K + 1 : K;
    const col = (i: number, k: number) => (k < K ? x[i * K + k] : 1);
    const xx = new Float64Array(P * P);
    const coef = new Float64Array(P);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < P; k++) {
        coef[k] += col(i, k) * y[i];
        for (let l = 0; l < P; l++) xx[k * P + l] += col(i, k) * col(i, l);
      }
    }
    const L = new Float64Array(P * P);
    if (P === 0 || !choleskyDecompose(xx, P, L)) continue;
    forwardSolve(L, P, coef, coef);
    backSolveTranspose(L, P, coef, coef);
    return { beta0: coef.slice(0, K), c: withOne ? coef[K] : 0 };
  }
  return { beta0: new Float64Array(K), c: 0 };
}

/** Inputs: loc (1 or J), scale (1 or J), sigma (1), then K scalar coefficients. Adjoints overwritten. */
export function normalLinearLogDensity(b: MarginalBlock, v: readonly Float64Array[], adj: readonly Float64Array[], st: LinearStats): number {
  const loc = v[0];
  const scale = v[1];
  const s = v[2][0];
  if (!(s > 0) || !Number.isFinite(s)) return -Infinity;
  const K = st.K;
  const beta = st.beta;
  for (let k = 0; k < K; k++) beta[k] = v[3 + k][0] - st.beta0[k];
  const w = 1 / (s * s);
  const locK = loc.length === 1;
  const scK = scale.length === 1;
  const aLoc = adj[0];
  const aScale = adj[1];
  aLoc.fill(0);
  aScale.fill(0);
  const gB = st.gBeta;
  gB.fill(0);
  // Typed arrays in locals: this loop is the whole gradient (J iterations, no row pass).
  const count = st.count;
  const sy = st.sy;
  const syy = st.syy;
  const sx = st.sx;
  const sxy = st.sxy;
  const sxx = st.sxx;
  const J = b.groups;
  let quad = 0;
  let sig = 0;
  // Σ log Δ_j as the log of a running product (Δ ≥ 1), taken before it can overflow: ~1 log, not J.
  let prod = 1;
  let logDelta = 0;
  for (let j = 0; j < J; j++) {
    const tau = scK ? scale[0] : scale[j];
    if (!(tau > 0) || !(tau < Infinity)) return -Infinity;
    const mu = (locK ? loc[0] : loc[j]) - st.c;
    const nj = count[j];
    // A = Sy − Sxᵀβ; B = Syy − 2βᵀSxy + βᵀSxxβ.
    let A = sy[j];
    let B = syy[j];
    for (let k = 0; k < K; k++) {
      const bk = beta[k];
      const jk = j * K + k;
      A -= sx[jk] * bk;
      let q = 0;
      for (let l = 0; l < K; l++) q += sxx[jk * K + l] * beta[l];
      B += bk * (q - 2 * sxy[jk]);
    }
    const S1 = A - nj * mu;
    const S2 = B - 2 * mu * A + nj * mu * mu;
    const t2 = tau * tau;
    const s0 = w * nj;
    const s1 = w * S1;
    const delta = 1 + t2 * s0;
    const iD = 1 / delta;
    prod *= delta;
    if (prod > 1e250) {
      logDelta += Math.log(prod);
      prod = 1;
    }
    quad += w * S2 - t2 * s1 * s1 * iD;
    const q1 = s1 * iD;
    aLoc[locK ? 0 : j] += q1;
    aScale[scK ? 0 : j] -= (s0 * iD - q1 * q1) * tau;
    const h = t2 * q1;
    const m = mu + h;
    for (let k = 0; k < K; k++) {
      const jk = j * K + k;
      let q = 0;
      for (let l = 0; l < K; l++) q += sxx[jk * K + l] * beta[l];
      gB[k] += sxy[jk] - q - m * sx[jk];
    }
    sig += nj * t2 * iD + S2 - 2 * h * S1 + nj * h * h;
  }
  logDelta += Math.log(prod);
  adj[2][0] = -b.observations / s + (sig * w) / s;
  for (let k = 0; k < K; k++) adj[3 + k][0] = w * gB[k];
  return -b.observations * (Math.log(s) + HALF_LOG_2PI) - 0.5 * (logDelta + quad);
}

/** Mean and sd of each intercept given everything else, into `p1`, `p2`. */
export function normalLinearConditional(b: MarginalBlock, v: readonly Float64Array[], st: LinearStats, p1: Float64Array, p2: Float64Array): void {
  const loc = v[0];
  const scale = v[1];
  const s = v[2][0];
  const K = st.K;
  const w = 1 / (s * s);
  for (let j = 0; j < b.groups; j++) {
    const tau = scale.length === 1 ? scale[0] : scale[j];
    const mu = loc.length === 1 ? loc[0] : loc[j];
    if (!(s > 0) || !(tau > 0) || !Number.isFinite(s) || !Number.isFinite(tau)) {
      p1[j] = NaN;
      p2[j] = NaN;
      continue;
    }
    let A = st.sy[j];
    for (let k = 0; k < K; k++) A -= st.sx[j * K + k] * (v[3 + k][0] - st.beta0[k]);
    const t2 = tau * tau;
    const iD = 1 / (1 + t2 * w * st.count[j]);
    p1[j] = mu + t2 * w * (A - st.count[j] * (mu - st.c)) * iD;
    p2[j] = Math.sqrt(t2 * iD);
  }
}
