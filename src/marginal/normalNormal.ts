/**
 * Gaussian varying intercepts integrated out. Group j's residuals r_i = y_i − η_i (i in j) are
 * N(μ_j 1, D + τ_j² 11ᵀ) with D = diag(σ_i²). Sherman–Morrison gives, with w_i = σ_i⁻², e_i = r_i − μ_j,
 * S0 = Σw, S1 = Σwe, S2 = Σwe², Δ = 1 + τ²S0:
 *   log p = −½ (n log 2π + Σ log σ_i² + log Δ + S2 − τ² S1² / Δ),
 * so value and gradient are O(n): one pass for the group sums, one for the per-observation adjoints.
 * The conditional of the intercept is N(μ_j + τ² S1/Δ, τ²/Δ).
 */
import { HALF_LOG_2PI } from "../math/constants.js";
import type { MarginalBlock } from "./types.js";

/** Scratch buffers, one set per block, allocated once per chain. */
export interface NormalNormalWorkspace {
  readonly s0: Float64Array;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  /** τ_j² and 1/Δ_j of the last evaluation. */
  readonly t: Float64Array;
  readonly invD: Float64Array;
  /** μ_j per group (a scalar location is spread out), and zeros standing in for an absent η. */
  readonly loc: Float64Array;
  readonly zeros: Float64Array;
}

export function createNormalNormalWorkspace(groups: number, observations: number): NormalNormalWorkspace {
  return {
    loc: new Float64Array(groups),
    zeros: new Float64Array(observations),
    s0: new Float64Array(groups),
    s1: new Float64Array(groups),
    s2: new Float64Array(groups),
    t: new Float64Array(groups),
    invD: new Float64Array(groups),
  };
}

/** Inputs in order: loc (1 or J), scale (1 or J), sigma (1 or n), and eta (n) when the mean has other terms. */
function groupSums(b: MarginalBlock, v: readonly Float64Array[], ws: NormalNormalWorkspace): number {
  const loc = v[0];
  const scale = v[1];
  const sigma = v[2];
  const eta = v.length > 3 ? v[3] : null;
  const s0 = ws.s0;
  const s1 = ws.s1;
  const s2 = ws.s2;
  s0.fill(0);
  s1.fill(0);
  s2.fill(0);
  const g = b.group;
  const y = b.y;
  const n = b.observations;
  const mu = ws.loc;
  if (loc.length === 1) mu.fill(loc[0]);
  else mu.set(loc);
  const r = eta === null ? ws.zeros : eta;
  let logSigma = 0;
  if (sigma.length === 1) {
    // One residual sd (the usual case): w and log σ once. Observations usually come sorted by group,
    // so sums run in registers and are stored when the group changes (a scatter-add per observation
    // would serialise on the store → load of the same slot).
    const s = sigma[0];
    if (!(s > 0) || !Number.isFinite(s)) return -Infinity;
    const w = 1 / (s * s);
    let j = n > 0 ? g[0] : 0;
    let m = mu[j];
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    for (let i = 0; i < n; i++) {
      const k = g[i];
      if (k !== j) {
        s0[j] += c0;
        s1[j] += c1;
        s2[j] += c2;
        c0 = 0;
        c1 = 0;
        c2 = 0;
        j = k;
        m = mu[k];
      }
      const e = y[i] - r[i] - m;
      c0 += 1;
      c1 += e;
      c2 += e * e;
    }
    if (n > 0) {
      s0[j] += c0;
      s1[j] += c1;
      s2[j] += c2;
    }
    for (let q = 0; q < b.groups; q++) {
      s0[q] *= w;
      s1[q] *= w;
      s2[q] *= w;
    }
    logSigma = n * Math.log(s);
  } else {
    for (let i = 0; i < n; i++) {
      const j = g[i];
      const s = sigma[i];
      if (!(s > 0) || !Number.isFinite(s)) return -Infinity;
      const w = 1 / (s * s);
      const e = y[i] - r[i] - mu[j];
      s0[j] += w;
      s1[j] += w * e;
      s2[j] += w * e * e;
      logSigma += Math.log(s);
    }
  }
  const t = ws.t;
  const invD = ws.invD;
  const scK = scale.length === 1;
  let lp = -logSigma - n * HALF_LOG_2PI;
  for (let j = 0; j < b.groups; j++) {
    const tau = scK ? scale[0] : scale[j];
    if (!(tau > 0) || !Number.isFinite(tau)) return -Infinity;
    const tj = tau * tau;
    const id = 1 / (1 + tj * s0[j]);
    t[j] = tj;
    invD[j] = id;
    lp -= 0.5 * (-Math.log(id) + s2[j] - tj * s1[j] * s1[j] * id);
  }
  return lp;
}

/**
 * The marginal log density of the block's observations; writes d/d(input) into `adj` (same layout as
 * the inputs, overwritten). Returns −∞ (adjoints unspecified) for a non-positive scale.
 */
export function normalNormalLogDensity(b: MarginalBlock, v: readonly Float64Array[], adj: readonly Float64Array[], ws: NormalNormalWorkspace): number {
  const lp = groupSums(b, v, ws);
  if (lp === -Infinity || Number.isNaN(lp)) return -Infinity;
  const loc = v[0];
  const scale = v[1];
  const sigma = v[2];
  const eta = v.length > 3 ? v[3] : null;
  const aLoc = adj[0];
  const aScale = adj[1];
  const aSigma = adj[2];
  const aEta = adj.length > 3 ? adj[3] : null;
  aLoc.fill(0);
  aScale.fill(0);
  aSigma.fill(0);
  const s0 = ws.s0;
  const s1 = ws.s1;
  const t = ws.t;
  const invD = ws.invD;
  const locK = loc.length === 1;
  const scK = scale.length === 1;
  for (let j = 0; j < b.groups; j++) {
    const id = invD[j];
    // d/dμ = S1/Δ; d/dτ² = −½ (S0/Δ − S1²/Δ²), and dτ²/dτ = 2τ.
    aLoc[locK ? 0 : j] += s1[j] * id;
    const tau = scK ? scale[0] : scale[j];
    aScale[scK ? 0 : j] += -(s0[j] * id - s1[j] * s1[j] * id * id) * tau;
  }
  const g = b.group;
  const y = b.y;
  const n = b.observations;
  const mu = ws.loc;
  const r = eta === null ? ws.zeros : eta;
  // Per group: the shift τ²S1/Δ and the variance term τ²/Δ (reuse s0 and s1 as scratch from here on).
  const shift = ws.s0;
  const vterm = ws.s1;
  for (let j = 0; j < b.groups; j++) {
    const sh = t[j] * s1[j] * invD[j];
    vterm[j] = t[j] * invD[j];
    shift[j] = sh;
  }
  if (sigma.length === 1) {
    const s = sigma[0];
    const w = 1 / (s * s);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const j = g[i];
      const f = y[i] - r[i] - mu[j] - shift[j];
      if (aEta !== null) aEta[i] = w * f;
      acc += vterm[j] + f * f;
    }
    // d/dσ = Σ_i [−1/σ + (τ²/Δ + f_i²)/σ³] (through log σ² and w = σ⁻²).
    aSigma[0] = -n / s + (acc * w) / s;
  } else {
    for (let i = 0; i < n; i++) {
      const j = g[i];
      const s = sigma[i];
      const w = 1 / (s * s);
      const f = y[i] - r[i] - mu[j] - shift[j];
      if (aEta !== null) aEta[i] = w * f;
      aSigma[i] = -1 / s + (vterm[j] + f * f) * w / s;
    }
  }
  return lp;
}

/** Mean and sd of each intercept given everything else: writes them to `p1`, `p2` (length J). */
export function normalNormalConditional(b: MarginalBlock, v: readonly Float64Array[], ws: NormalNormalWorkspace, p1: Float64Array, p2: Float64Array): void {
  const lp = groupSums(b, v, ws);
  const loc = v[0];
  for (let j = 0; j < b.groups; j++) {
    if (lp === -Infinity || Number.isNaN(lp)) {
      p1[j] = NaN;
      p2[j] = NaN;
      continue;
    }
    p1[j] = (loc.length === 1 ? loc[0] : loc[j]) + ws.t[j] * ws.s1[j] * ws.invD[j];
    p2[j] = Math.sqrt(ws.t[j] * ws.invD[j]);
  }
}
