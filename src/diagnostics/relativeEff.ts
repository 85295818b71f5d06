/**
 * loo's `relative_eff`: ESS / S of exp(log-likelihood) per observation, with chains given by
 * 1-based chain ids per draw. Uses loo 2.5.1's own ESS (`ess_rfun`), which differs from posterior's:
 * no chain splitting, no NaN/constant check, and its FFT autocovariance is scaled by M/N² with
 * M = fft_next_good_size(N) (not by 1/N), which shifts var⁺ slightly. Reproduced so r_eff — and
 * through the tail length, k̂ — match loo.
 */
import { laggedProductSums } from "./autocovariance.js";
import { essFromAutocovariance } from "./essCore.js";

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

/** loo's `ess_rfun` on chains (each of n draws). */
export function essLoo(chains: readonly Float64Array[]): number {
  const m = chains.length;
  const n = chains[0].length;
  const scale = fftNextGoodSize(n) / (n * n);
  const acovMeans = new Float64Array(n);
  const s = new Float64Array(n);
  const chainMeans = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    laggedProductSums(chains[c], n, s);
    for (let k = 0; k < n; k++) acovMeans[k] += s[k] * scale;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += chains[c][i];
    chainMeans[c] = sum / n;
  }
  for (let k = 0; k < n; k++) acovMeans[k] /= m;
  return essFromAutocovariance(acovMeans, chainMeans, n);
}

/**
 * Splits one column of draws (length S, in draw order) into chains by 1-based chain id, checking
 * ids as loo's `llmatrix_to_array` does.
 */
export function byChain(fn: string, column: ArrayLike<number>, chainIds: ArrayLike<number>): Float64Array[] {
  const s = column.length;
  if (chainIds.length !== s) throw new RangeError(`${fn}: chainIds must have one id per draw (${s}), got ${chainIds.length}`);
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
  const out = Array.from({ length: chains }, () => new Float64Array(counts[0]));
  const fill = new Int32Array(chains);
  for (let i = 0; i < s; i++) {
    const c = chainIds[i] - 1;
    out[c][fill[c]++] = column[i];
  }
  return out;
}

/** r_eff of exp(logLik[, i]) for every observation i of a draws × observations row-major matrix. */
export function relativeEff(logLik: { readonly draws: number; readonly observations: number; readonly data: Float64Array }, chainIds: ArrayLike<number>): Float64Array {
  const { draws: s, observations: n, data } = logLik;
  const out = new Float64Array(n);
  const col = new Float64Array(s);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < s; d++) col[d] = Math.exp(data[d * n + i]);
    out[i] = essLoo(byChain("relativeEff", col, chainIds)) / s;
  }
  return out;
}
