/**
 * Generalised Pareto fit of Zhang & Stephens (2009) as the loo package (2.5.1) does it: profile
 * posterior over θ = −k/σ on a grid of 30 + ⌊√n⌋ points, the prior of their paper (prior = 3), the
 * posterior-mean θ, then Vehtari et al.'s weakly informative shrinkage of k toward 0.5 ("wip").
 */
import { logSumExp } from "../math/logSumExp.js";

export interface GpdFit {
  readonly k: number;
  readonly sigma: number;
}

/** Fits exceedances x (ascending, ≥ 0). A NaN shape becomes +Inf as in loo. */
export function gpdfit(x: ArrayLike<number>, options: { wip?: boolean; minGridPoints?: number } = {}): GpdFit {
  const n = x.length;
  if (n === 0) throw new RangeError("gpdfit: x must have at least one value, got 0");
  const prior = 3;
  const m = (options.minGridPoints ?? 30) + Math.floor(Math.sqrt(n));
  const xstar = x[Math.floor(n / 4 + 0.5) - 1];
  const theta = new Float64Array(m);
  const logLik = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 1 - 0.5))) / prior / xstar;
    logLik[j] = n * profileLogLik(theta[j], x);
  }
  const lse = logSumExp(logLik);
  let thetaHat = 0;
  for (let j = 0; j < m; j++) thetaHat += theta[j] * Math.exp(logLik[j] - lse);
  let k = 0;
  for (let i = 0; i < n; i++) k += Math.log1p(-thetaHat * x[i]);
  k /= n;
  const sigma = -k / thetaHat;
  if (options.wip !== false) k = adjustKWip(k, n);
  if (Number.isNaN(k)) k = Infinity;
  return { k, sigma };
}

/** loo's `lx`: the profile log-likelihood per observation at θ, with k̂(θ) = mean log(1 − θx). */
function profileLogLik(theta: number, x: ArrayLike<number>): number {
  const a = -theta;
  let k = 0;
  for (let i = 0; i < x.length; i++) k += Math.log1p(a * x[i]);
  k /= x.length;
  return Math.log(a / k) - k - 1;
}

/** Shrinks k toward 0.5 as if from 10 prior observations (Vehtari et al. 2024, appendix). */
export function adjustKWip(k: number, n: number): number {
  const a = 10;
  return (k * n) / (n + a) + (a * 0.5) / (n + a);
}

/** Quantile of the generalised Pareto (location 0); NaN for σ ≤ 0 or NaN, as loo's `qgpd`. */
export function qgpd(p: number, k: number, sigma: number): number {
  if (Number.isNaN(sigma) || sigma <= 0) return NaN;
  return (sigma * Math.expm1(-k * Math.log1p(-p))) / k;
}
