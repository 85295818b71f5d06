/**
 * REML for the one-way random-effects model y_ij = μ + s_i + e_ij, s_i ~ N(0, σ²_s), e_ij ~ N(0, σ²_e),
 * groups of any sizes (what lme4's `lmer(y ~ 1 + (1 | g))` fits). With γ = σ²_s / σ²_e, group sizes
 * n_i, means ȳ_i and weights w_i = n_i / (1 + n_i γ), the restricted log-likelihood with σ²_e
 * profiled out is, up to a constant (Searle, Casella & McCulloch 1992, §6.6; Harville 1977),
 *   ℓ(γ) = −½ [ (N − 1) log Q(γ) + Σ log(1 + n_i γ) + log Σ w_i ],
 *   Q(γ) = SSW + Σ w_i (ȳ_i − μ̂)²,  μ̂ = Σ w_i ȳ_i / Σ w_i,  σ̂²_e = Q(γ̂) / (N − 1).
 * γ ≥ 0 is searched on a log grid and refined by golden section; γ = 0 is tried exactly, so a
 * boundary estimate comes out as exactly 0, as lme4 reports it.
 */
import { UserError } from "../../src/errors.js";
import { gridGoldenMax } from "../../src/math/gridGoldenMax.js";

export interface OneWayStats {
  readonly n: Float64Array;
  readonly ybar: Float64Array;
  /** Within-group sum of squares Σ_i Σ_j (y_ij − ȳ_i)². */
  readonly ssw: number;
  readonly total: number;
}

/** Group sizes, means and the within-group sum of squares; `group` holds 0-based group indices. */
export function oneWayStats(y: ArrayLike<number>, group: ArrayLike<number>, groups: number): OneWayStats {
  if (y.length !== group.length) throw new UserError(`oneWayStats: y and group must have the same length, got ${y.length} and ${group.length}`);
  const n = new Float64Array(groups);
  const sum = new Float64Array(groups);
  for (let i = 0; i < y.length; i++) {
    const g = group[i];
    if (!Number.isInteger(g) || g < 0 || g >= groups) throw new UserError(`oneWayStats: group indices must be integers in [0, ${groups}), got ${g}`);
    n[g] += 1;
    sum[g] += y[i];
  }
  for (let g = 0; g < groups; g++) if (n[g] === 0) throw new UserError(`oneWayStats: group ${g} has no rows`);
  const ybar = Float64Array.from(sum, (s, g) => s / n[g]);
  let ssw = 0;
  for (let i = 0; i < y.length; i++) ssw += (y[i] - ybar[group[i]]) ** 2;
  return { n, ybar, ssw, total: y.length };
}

function qOf(gamma: number, s: OneWayStats): { q: number; sumW: number; logDet: number } {
  let sumW = 0;
  let sumWy = 0;
  let logDet = 0;
  for (let g = 0; g < s.n.length; g++) {
    const w = s.n[g] / (1 + s.n[g] * gamma);
    sumW += w;
    sumWy += w * s.ybar[g];
    logDet += Math.log1p(s.n[g] * gamma);
  }
  const mu = sumWy / sumW;
  let q = s.ssw;
  for (let g = 0; g < s.n.length; g++) q += (s.n[g] / (1 + s.n[g] * gamma)) * (s.ybar[g] - mu) ** 2;
  return { q, sumW, logDet };
}

/** The profiled restricted log-likelihood ℓ(γ), up to a constant. */
export function remlProfile(gamma: number, s: OneWayStats): number {
  const { q, sumW, logDet } = qOf(gamma, s);
  return -0.5 * ((s.total - 1) * Math.log(q) + logDet + Math.log(sumW));
}

/** Grid points over log γ in [1e-8, 1e4] before the golden-section refinement. */
export const REML_GRID = 400;

export interface RemlFit {
  readonly varGroup: number;
  readonly varResidual: number;
  readonly mu: number;
  /** The profiled ℓ(γ̂) above (up to a constant). */
  readonly logLik: number;
  /** −2 × the full restricted log-likelihood at the estimate, constants included (lme4's `REMLcrit`). */
  readonly criterion: number;
}

export function remlOneWay(s: OneWayStats): RemlFit {
  if (s.n.length < 2) throw new UserError(`remlOneWay: need at least two groups, got ${s.n.length}`);
  if (s.total - s.n.length < 1) throw new UserError("remlOneWay: need at least one group with two rows");
  const lo = Math.log(1e-8);
  const hi = Math.log(1e4);
  const interior = Math.exp(gridGoldenMax((u) => remlProfile(Math.exp(u), s), lo, hi, REML_GRID, 1e-12).x);
  // The boundary wins ties: near γ = 0 the profile is flat in log γ.
  const gamma = remlProfile(0, s) >= remlProfile(interior, s) - 1e-12 ? 0 : interior;
  const { q, sumW } = qOf(gamma, s);
  const varResidual = q / (s.total - 1);
  let sumWy = 0;
  for (let g = 0; g < s.n.length; g++) sumWy += (s.n[g] / (1 + s.n[g] * gamma)) * s.ybar[g];
  const logLik = remlProfile(gamma, s);
  // −2ℓ_R = (N − 1)(log 2πσ̂²_e + 1) + Σ log(1 + n_i γ) + log Σ w_i, with σ̂²_e = Q / (N − 1).
  const criterion = -2 * logLik - (s.total - 1) * Math.log(s.total - 1) + (s.total - 1) * (Math.log(2 * Math.PI) + 1);
  return { varGroup: gamma * varResidual, varResidual, mu: sumWy / sumW, logLik, criterion };
}
