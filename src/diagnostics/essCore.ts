import { autocovariance } from "./autocovariance.js";
import { drawsPerChain, shouldReturnNaN, type Chains } from "./chains.js";

/**
 * posterior's `.ess`: the multi-chain effective sample size of Vehtari et al. (2021) eq. 10–11,
 * from FFT autocovariances averaged over chains, with Geyer's initial positive sequence made
 * monotone. Reproduces posterior 1.4.0 step by step, including its edge behaviour: fewer than 3 draws
 * per chain or NaN/Inf/constant draws give NaN; with fewer than 7 draws per chain the sequence stops
 * at lag 1 and τ̂ = 2; τ̂ is bounded below by 1/log10(chains·draws) (antithetic chains).
 */
export function essCore(chains: Chains): number {
  const m = chains.length;
  const n = drawsPerChain("essCore", chains);
  if (n < 3 || shouldReturnNaN(chains)) return NaN;
  const acovMeans = new Float64Array(n);
  const acov = new Float64Array(n);
  const chainMeans = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    autocovariance(chains[c], acov);
    for (let k = 0; k < n; k++) acovMeans[k] += acov[k];
    let s = 0;
    for (let i = 0; i < n; i++) s += chains[c][i];
    chainMeans[c] = s / n;
  }
  for (let k = 0; k < n; k++) acovMeans[k] /= m;
  return essFromAutocovariance(acovMeans, chainMeans, n);
}

/**
 * The ESS step shared by posterior's `.ess` and loo's `ess_rfun`: from the chain-averaged
 * autocovariances and the chain means (m chains of n draws), Geyer's initial positive sequence made
 * monotone, then S / τ̂ with τ̂ ≥ 1/log10(S).
 */
export function essFromAutocovariance(acovMeans: Float64Array, chainMeans: Float64Array, n: number): number {
  const m = chainMeans.length;
  const meanVar = (acovMeans[0] * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) varPlus += sampleVariance(chainMeans);

  // rho[t] indexed from lag 0 (R's rho_hat_t[t + 1]).
  const rho = new Float64Array(n);
  let t = 0;
  let rhoEven = 1;
  rho[0] = rhoEven;
  let rhoOdd = 1 - (meanVar - acovMeans[1]) / varPlus;
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = 1 - (meanVar - acovMeans[t]) / varPlus;
    rhoOdd = 1 - (meanVar - acovMeans[t + 1]) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  // The last even lag is kept if positive, even when its pair ended the sequence.
  if (rhoEven > 0) rho[maxT] = rhoEven;

  // Geyer's initial monotone sequence: pair sums may not increase.
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }

  const total = m * n;
  // R's sum(rho_hat_t[1:max_t]) is rho[0] alone when max_t = 0 (1:0 indexes element 1).
  let sum = 0;
  const last = maxT === 0 ? 1 : maxT;
  for (let k = 0; k < last; k++) sum += rho[k];
  let tau = -1 + 2 * sum + rho[maxT];
  const tauBound = 1 / Math.log10(total);
  if (tau < tauBound) tau = tauBound;
  return total / tau;
}

/** Sample variance (n − 1 denominator), two-pass. */
export function sampleVariance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
  return ss / (n - 1);
}
