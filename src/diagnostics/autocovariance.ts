import { fftInPlace, fftTwiddles, nextPowerOfTwo, type FftTwiddles } from "./fft.js";

/** Buffers for the FFT of series of one length, kept by callers that transform many series. */
export interface AutocovarianceScratch {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly twiddles: FftTwiddles;
}

/** Scratch for lagged products of series of n values (transform length: power of two ≥ 2n). */
export function createAutocovarianceScratch(n: number): AutocovarianceScratch {
  const m = nextPowerOfTwo(2 * Math.max(n, 1));
  return { re: new Float64Array(m), im: new Float64Array(m), twiddles: fftTwiddles(m) };
}

/**
 * Sums S_k = Σ_i y_i y_{i+k}, k = 0…n−1, of the centred series y = x − mean(x), by FFT of the series
 * zero-padded to a power of two ≥ 2n (so the circular correlation equals the linear one).
 * Writes S into `out` (length ≥ n); O(n log n).
 */
export function laggedProductSums(
  x: ArrayLike<number>,
  n: number,
  out: Float64Array,
  scratch: AutocovarianceScratch | null = null,
): void {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const m = nextPowerOfTwo(2 * n);
  const fits = scratch !== null && scratch.re.length === m;
  const re = fits ? scratch.re.fill(0) : new Float64Array(m);
  const im = fits ? scratch.im.fill(0) : new Float64Array(m);
  const twiddles = fits ? scratch.twiddles : null;
  for (let i = 0; i < n; i++) re[i] = x[i] - mean;
  fftInPlace(re, im, twiddles);
  // |X|² is real and even, so its inverse transform is its forward transform divided by m.
  for (let i = 0; i < m; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fftInPlace(re, im, twiddles);
  for (let k = 0; k < n; k++) out[k] = re[k] / m;
}

/**
 * Autocovariance of one chain as R's posterior computes it: lag-k products over n, i.e.
 * acov[k] = S_k / S_0 · var(x)(n−1)/n. A chain whose values are all equal has zero autocovariance
 * (posterior tests var(x) == 0; min == max is the same test without a rounding-sensitive mean).
 */
export function autocovariance(
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array(x.length),
  scratch: AutocovarianceScratch | null = null,
): Float64Array {
  const n = x.length;
  if (n === 0) return out;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (lo === hi) {
    out.fill(0, 0, n);
    return out;
  }
  laggedProductSums(x, n, out, scratch);
  // posterior rescales the FFT result so lag 0 is exactly var(x)(n−1)/n, the two-pass S_0/n.
  const s0 = out[0];
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
  const lag0 = ss / n;
  for (let k = 0; k < n; k++) out[k] = (out[k] / s0) * lag0;
  return out;
}
