import { createAutocovarianceScratch, type AutocovarianceScratch } from "./autocovariance.js";
import { fftInPlace } from "./fft.js";
import { drawsPerChain, type Chains } from "./chains.js";

/**
 * Direct lags per log2 of the FFT length before Geyer's sequence falls back to the FFT. A direct lag
 * costs one pass over a chain's n draws, the paired FFTs about 6·log2(M) such passes; measured in
 * bench/summary.ts (4 × 1000 draws, M = 1024), caps of 3, 6 and 12 per log2 gave 0.96, 0.82, 0.81 ms
 * per variable for ρ = 0.9 chains and 1.17, 1.32, 1.54 ms for ρ = 0.99. Well-mixed chains stop within
 * ~10 lags and never reach the cap.
 */
const DIRECT_LAGS_PER_LOG2 = 6;
/** Lags computed up front: enough for iid-like chains (the sequence stops at lag 2 or 4). */
const DIRECT_LAGS_FIRST = 8;

/**
 * Scratch for the ESS of m chains of n draws each, made once and reused across variables so the
 * kernel allocates nothing per call.
 */
export interface EssWorkspace {
  readonly chains: number;
  readonly draws: number;
  /** The draws centred by their chain mean, chain-major (m × n). */
  readonly centred: Float64Array;
  readonly chainMeans: Float64Array;
  /** Σ (x − mean)² per chain; 0 marks a chain whose draws are all equal. */
  readonly sumSquares: Float64Array;
  readonly acovMeans: Float64Array;
  readonly rho: Float64Array;
  readonly fft: AutocovarianceScratch;
}

export function createEssWorkspace(chains: number, draws: number): EssWorkspace {
  return {
    chains,
    draws,
    centred: new Float64Array(chains * draws),
    chainMeans: new Float64Array(chains),
    sumSquares: new Float64Array(chains),
    acovMeans: new Float64Array(draws),
    rho: new Float64Array(draws),
    fft: createAutocovarianceScratch(draws),
  };
}

/**
 * posterior's `.ess`: the multi-chain effective sample size of Vehtari et al. (2021) eq. 10–11,
 * from autocovariances averaged over chains, with Geyer's initial positive sequence made monotone.
 * Reproduces posterior 1.4.0 step by step, including its edge behaviour: fewer than 3 draws per chain
 * or NaN/Inf/constant draws give NaN; with fewer than 7 draws per chain the sequence stops at lag 1
 * and τ̂ = 2; τ̂ is bounded below by 1/log10(chains·draws) (antithetic chains).
 */
export function essCore(chains: Chains): number {
  const m = chains.length;
  const n = drawsPerChain("essCore", chains);
  const flat = new Float64Array(m * n);
  for (let c = 0; c < m; c++) {
    const x = chains[c];
    for (let i = 0; i < n; i++) flat[c * n + i] = x[i];
  }
  return essFlat(flat, createEssWorkspace(m, n));
}

/**
 * essCore on `ws.chains` chains of `ws.draws` draws stored chain-major in `x`. posterior takes the
 * autocovariances from an FFT; Geyer's sequence only reads lags up to where it stops, so they are
 * summed directly lag by lag (exact sums, within ~1e-15 relative of the FFT's) and the FFT is used
 * only when the sequence runs past ~6·log2(2n) lags, in which case the FFT gives them all.
 */
export function essFlat(x: Float64Array, ws: EssWorkspace): number {
  const m = ws.chains;
  const n = ws.draws;
  if (n < 3) return NaN;
  const { centred, chainMeans, sumSquares, acovMeans } = ws;
  // posterior's should_return_NA (shouldReturnNaN) from the same pass as the chain means: any NaN or
  // ±Inf, or all draws within machine epsilon of each other.
  let finite = true;
  let allLo = Infinity;
  let allHi = -Infinity;
  for (let c = 0; c < m; c++) {
    const base = c * n;
    let s = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[base + i];
      s += v;
      if (v - v !== 0) finite = false;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo < allLo) allLo = lo;
    if (hi > allHi) allHi = hi;
    chainMeans[c] = s / n;
    sumSquares[c] = lo === hi ? 0 : 1;
  }
  if (!finite || m === 0 || Math.abs(allHi - allLo) < Number.EPSILON) return NaN;
  for (let c = 0; c < m; c++) {
    const base = c * n;
    const mean = chainMeans[c];
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const y = x[base + i] - mean;
      centred[base + i] = y;
      ss += y * y;
    }
    // As `autocovariance`: a chain whose draws are all equal has zero autocovariance.
    sumSquares[c] = sumSquares[c] === 0 ? 0 : ss;
  }

  let available = Math.min(n, DIRECT_LAGS_FIRST);
  directAcovMeans(ws, 0, available);
  for (;;) {
    const ess = essGeyer(acovMeans, available, chainMeans, n, ws.rho);
    if (ess !== -1) return ess;
    if (available >= DIRECT_LAGS_PER_LOG2 * Math.log2(ws.fft.re.length)) break;
    const next = Math.min(n, 2 * available);
    directAcovMeans(ws, available, next);
    available = next;
  }
  fftAcovMeans(ws);
  return essGeyer(acovMeans, n, chainMeans, n, ws.rho);
}

/**
 * acovMeans[k] for k in [from, to): the chain average of Σ_i y_i y_{i+k} / n, written as
 * (S_k / S_0) · S_0/n with S_0 the two-pass sum of squares, the scaling `autocovariance` applies to
 * its FFT sums. Lag pairs share one pass over the chain.
 */
function directAcovMeans(ws: EssWorkspace, from: number, to: number): void {
  const m = ws.chains;
  const n = ws.draws;
  const { centred: y, sumSquares, acovMeans } = ws;
  acovMeans.fill(0, from, to);
  for (let c = 0; c < m; c++) {
    const ss = sumSquares[c];
    if (ss === 0) continue;
    const lag0 = ss / n;
    const base = c * n;
    let k = from;
    for (; k + 1 < to; k += 2) {
      let a = 0;
      let b = 0;
      const end = base + n - k - 1;
      for (let i = base; i < end; i++) {
        const yi = y[i];
        a += yi * y[i + k];
        b += yi * y[i + k + 1];
      }
      a += y[end] * y[end + k];
      acovMeans[k] += (a / ss) * lag0;
      acovMeans[k + 1] += (b / ss) * lag0;
    }
    if (k < to) {
      let a = 0;
      const end = base + n - k;
      for (let i = base; i < end; i++) a += y[i] * y[i + k];
      acovMeans[k] += (a / ss) * lag0;
    }
  }
  for (let k = from; k < to; k++) acovMeans[k] /= m;
}

/**
 * All n lags from FFT autocovariances, as posterior's `.ess` forms them: per chain the lagged
 * products of the centred draws from |FFT|² (zero-padded to M ≥ 2n), scaled so lag 0 is the two-pass
 * S_0/n. Two real chains share each complex transform (one as the real part, one as the imaginary
 * part; their spectra separate by conjugate symmetry, and the inverse of the two real, even power
 * spectra packed the same way gives both lagged-product series), which halves the FFTs.
 */
function fftAcovMeans(ws: EssWorkspace): void {
  const m = ws.chains;
  const n = ws.draws;
  const { centred, sumSquares, acovMeans } = ws;
  const { re, im, twiddles } = ws.fft;
  const size = re.length;
  acovMeans.fill(0);
  for (let a = 0; a < m; a += 2) {
    const b = a + 1 < m ? a + 1 : -1;
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < n; i++) re[i] = centred[a * n + i];
    if (b >= 0) for (let i = 0; i < n; i++) im[i] = centred[b * n + i];
    fftInPlace(re, im, twiddles);
    for (let k = 0; k <= size >> 1; k++) {
      const j = (size - k) & (size - 1);
      const zr = re[k];
      const zi = im[k];
      const wr = re[j];
      const wi = im[j];
      // |Y_a|² and |Y_b|² with Y_a = (Z_k + conj Z_j)/2, Y_b = (Z_k − conj Z_j)/(2i).
      const pa = ((zr + wr) * (zr + wr) + (zi - wi) * (zi - wi)) / 4;
      const pb = ((zi + wi) * (zi + wi) + (zr - wr) * (zr - wr)) / 4;
      re[k] = pa;
      im[k] = pb;
      re[j] = pa;
      im[j] = pb;
    }
    fftInPlace(re, im, twiddles);
    addScaledLags(re, sumSquares[a], n, acovMeans);
    if (b >= 0) addScaledLags(im, sumSquares[b], n, acovMeans);
  }
  for (let k = 0; k < n; k++) acovMeans[k] /= m;
}

/** acovMeans[k] += (S_k / S_0) · ss/n for one chain's lagged sums S (any common scale); 0 for a constant chain. */
function addScaledLags(sums: Float64Array, ss: number, n: number, acovMeans: Float64Array): void {
  if (ss === 0) return;
  const s0 = sums[0];
  const lag0 = ss / n;
  for (let k = 0; k < n; k++) acovMeans[k] += (sums[k] / s0) * lag0;
}

/**
 * The ESS step shared by posterior's `.ess` and loo's `ess_rfun`: from the chain-averaged
 * autocovariances and the chain means (m chains of n draws), Geyer's initial positive sequence made
 * monotone, then S / τ̂ with τ̂ ≥ 1/log10(S).
 */
export function essFromAutocovariance(acovMeans: Float64Array, chainMeans: Float64Array, n: number): number {
  return essGeyer(acovMeans, n, chainMeans, n, new Float64Array(n));
}

/**
 * essFromAutocovariance reading only acovMeans[0 … available); returns −1 (never an ESS) when the
 * sequence needs a later lag. `rho` is scratch of length ≥ n.
 */
function essGeyer(acovMeans: Float64Array, available: number, chainMeans: Float64Array, n: number, rho: Float64Array): number {
  const m = chainMeans.length;
  const meanVar = (acovMeans[0] * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) varPlus += sampleVariance(chainMeans);

  // rho[t] indexed from lag 0 (R's rho_hat_t[t + 1]); entries not set below must read as 0 (R's
  // rho_hat_t starts as zeros), hence the explicit zeroing of each pair in reused scratch.
  let t = 0;
  let rhoEven = 1;
  rho[0] = rhoEven;
  let rhoOdd = 1 - (meanVar - acovMeans[1]) / varPlus;
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    if (t + 1 >= available) return -1;
    rhoEven = 1 - (meanVar - acovMeans[t]) / varPlus;
    rhoOdd = 1 - (meanVar - acovMeans[t + 1]) / varPlus;
    rho[t] = 0;
    rho[t + 1] = 0;
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
