/**
 * loo's `relative_eff`: ESS / S of exp(log-likelihood) per observation, with chains given by
 * 1-based chain ids per draw. Uses loo 2.5.1's own ESS (`ess_rfun`), which differs from posterior's:
 * no chain splitting, no NaN/constant check, and its FFT autocovariance is scaled by M/N² with
 * M = fft_next_good_size(N) (not by 1/N), which shifts var⁺ slightly. Reproduced so r_eff — and
 * through the tail length, k̂ — match loo.
 *
 * Speed (issue 7 item 3): Geyer's sequence reads the autocovariances only up to the lag where it
 * stops, usually < 10 for exp(log-likelihood) draws, so the lagged products are summed directly lag
 * by lag (as essCore does) and the FFT is used only when the sequence runs past ~6·log2(2n) lags.
 * Direct and FFT sums agree to rounding (~1e-15 of S_0).
 */
import { createAutocovarianceScratch, laggedProductSums, type AutocovarianceScratch } from "./autocovariance.js";
import { essFromAutocovariance, sampleVariance } from "./essCore.js";

/** loo's `fft_next_good_size`: the smallest N' ≥ N whose only prime factors are 2, 3 and 5. */
export function fftNextGoodSize(n: number): number {
  if (n <= 2) return 2;
  for (;;) {
    let m = n;
    while (m % 2 === 0) m /= 2;
    while (m % 3 === 0) m /= 3;
    while (m % 5 === 0) m /= 5;
    if (m <= 1) return n;
    n++;
  }
}

/** Direct lags first computed, then doubled; beyond DIRECT_LAGS_PER_LOG2 · log2(2n) the FFT takes over (essCore's measured trade-off). */
const DIRECT_LAGS_FIRST = 8;
const DIRECT_LAGS_PER_LOG2 = 6;

/** Scratch for loo's ESS of m chains of n draws, reused across observations. */
export interface EssLooWorkspace {
  readonly chains: number;
  readonly draws: number;
  /** Draws centred by their chain mean, chain-major (m × n). */
  readonly centred: Float64Array;
  readonly chainMeans: Float64Array;
  readonly acovMeans: Float64Array;
  readonly lagSums: Float64Array;
  /** FFT buffers and twiddles, made on first use (most observations never reach the FFT). */
  fft: AutocovarianceScratch | null;
}

export function createEssLooWorkspace(chains: number, draws: number): EssLooWorkspace {
  return {
    chains,
    draws,
    centred: new Float64Array(chains * draws),
    chainMeans: new Float64Array(chains),
    acovMeans: new Float64Array(draws),
    lagSums: new Float64Array(draws),
    fft: null,
  };
}

/** loo's `ess_rfun` on chains (each of n draws). */
export function essLoo(chains: readonly Float64Array[]): number {
  const m = chains.length;
  const n = chains[0].length;
  const ws = createEssLooWorkspace(m, n);
  for (let c = 0; c < m; c++) ws.centred.set(chains[c], c * n);
  return essLooFlat(ws);
}

/**
 * essLoo on the raw draws stored chain-major in `ws.centred` (centred in place). acovMeans[k] is the
 * chain average of S_k · M/N², S_k = Σ_i y_i y_{i+k} of the centred draws.
 */
export function essLooFlat(ws: EssLooWorkspace): number {
  const { chains: m, draws: n, centred: y, chainMeans, acovMeans } = ws;
  for (let c = 0; c < m; c++) {
    const base = c * n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += y[base + i];
    const mean = sum / n;
    chainMeans[c] = mean;
    for (let i = 0; i < n; i++) y[base + i] -= mean;
  }
  const scale = fftNextGoodSize(n) / (n * n);
  const varChainMeans = m > 1 ? sampleVariance(chainMeans) : 0;
  let available = Math.min(n, DIRECT_LAGS_FIRST);
  directLags(ws, 0, available, scale);
  const cap = DIRECT_LAGS_PER_LOG2 * Math.log2(2 * n);
  while (!geyerStopsWithin(acovMeans, available, n, varChainMeans)) {
    if (available >= n || available >= cap) {
      fftLags(ws, scale);
      break;
    }
    const next = Math.min(n, 2 * available);
    directLags(ws, available, next, scale);
    available = next;
  }
  return essFromAutocovariance(acovMeans, chainMeans, n);
}

/** acovMeans[k] for k in [from, to), summed directly. */
function directLags(ws: EssLooWorkspace, from: number, to: number, scale: number): void {
  const { chains: m, draws: n, centred: y, acovMeans } = ws;
  for (let k = from; k < to; k++) {
    let total = 0;
    for (let c = 0; c < m; c++) {
      const base = c * n;
      const end = base + n - k;
      let a = 0;
      for (let i = base; i < end; i++) a += y[i] * y[i + k];
      total += a * scale;
    }
    acovMeans[k] = total / m;
  }
}

/** All n lags by FFT, as before the direct sums (laggedProductSums re-centres: the mean of centred draws is ~0). */
function fftLags(ws: EssLooWorkspace, scale: number): void {
  const { chains: m, draws: n, centred: y, acovMeans, lagSums } = ws;
  acovMeans.fill(0);
  ws.fft ??= createAutocovarianceScratch(n);
  for (let c = 0; c < m; c++) {
    laggedProductSums(y.subarray(c * n, (c + 1) * n), n, lagSums, ws.fft);
    for (let k = 0; k < n; k++) acovMeans[k] += lagSums[k] * scale;
  }
  for (let k = 0; k < n; k++) acovMeans[k] /= m;
}

/**
 * True when the loop of Geyer's initial positive sequence in essFromAutocovariance (the same
 * arithmetic) ends before it reads acovMeans[available] or beyond.
 */
function geyerStopsWithin(acovMeans: Float64Array, available: number, n: number, varChainMeans: number): boolean {
  if (available < 2) return n < 2;
  const meanVar = (acovMeans[0] * n) / (n - 1);
  const varPlus = (meanVar * (n - 1)) / n + varChainMeans;
  let t = 0;
  let rhoEven = 1;
  let rhoOdd = 1 - (meanVar - acovMeans[1]) / varPlus;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    if (t + 1 >= available) return false;
    rhoEven = 1 - (meanVar - acovMeans[t]) / varPlus;
    rhoOdd = 1 - (meanVar - acovMeans[t + 1]) / varPlus;
  }
  return true;
}

/**
 * Splits one column of draws (length S, in draw order) into chains by 1-based chain id, checking
 * ids as loo's `llmatrix_to_array` does.
 */
export function byChain(fn: string, column: ArrayLike<number>, chainIds: ArrayLike<number>): Float64Array[] {
  if (chainIds.length !== column.length) throw new RangeError(`${fn}: chainIds must have one id per draw (${column.length}), got ${chainIds.length}`);
  const { chains, perChain, slot } = chainLayout(fn, chainIds);
  const out = Array.from({ length: chains }, () => new Float64Array(perChain));
  for (let i = 0; i < column.length; i++) out[Math.floor(slot[i] / perChain)][slot[i] % perChain] = column[i];
  return out;
}

/** Where each draw goes in the chain-major layout (chain c's j-th draw at c · perChain + j), ids checked once. */
export function chainLayout(fn: string, chainIds: ArrayLike<number>): { chains: number; perChain: number; slot: Int32Array } {
  const s = chainIds.length;
  let chains = 0;
  for (let i = 0; i < s; i++) {
    const id = chainIds[i];
    if (!Number.isInteger(id) || id < 1) throw new RangeError(`${fn}: chain ids must be integers ≥ 1, got ${id}`);
    if (id > chains) chains = id;
  }
  const counts = new Int32Array(chains);
  for (let i = 0; i < s; i++) counts[chainIds[i] - 1]++;
  for (let c = 0; c < chains; c++) {
    if (counts[c] !== counts[0]) throw new RangeError(`${fn}: all chains must have the same number of draws, got ${counts[0]} and ${counts[c]}`);
  }
  const perChain = counts[0];
  const fill = new Int32Array(chains);
  const slot = new Int32Array(s);
  for (let i = 0; i < s; i++) {
    const c = chainIds[i] - 1;
    slot[i] = c * perChain + fill[c]++;
  }
  return { chains, perChain, slot };
}

/** r_eff of exp(logLik[, i]) for every observation i of a draws × observations row-major matrix. */
export function relativeEff(logLik: { readonly draws: number; readonly observations: number; readonly data: Float64Array }, chainIds: ArrayLike<number>): Float64Array {
  const { draws: s, observations: n, data } = logLik;
  if (chainIds.length !== s) throw new RangeError(`relativeEff: chainIds must have one id per draw (${s}), got ${chainIds.length}`);
  const { chains, perChain, slot } = chainLayout("relativeEff", chainIds);
  const ws = createEssLooWorkspace(chains, perChain);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < s; d++) ws.centred[slot[d]] = Math.exp(data[d * n + i]);
    out[i] = essLooFlat(ws) / s;
  }
  return out;
}
