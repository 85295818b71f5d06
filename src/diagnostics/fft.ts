/**
 * In-place iterative radix-2 complex FFT (forward, unnormalised). Autocovariances only need a
 * zero-padded transform of length ≥ 2n, so a power of two always suffices and Bluestein is not needed.
 */
export function fftInPlace(re: Float64Array, im: Float64Array, twiddles: FftTwiddles | null = null): void {
  const n = re.length;
  if (im.length !== n || (n & (n - 1)) !== 0) {
    throw new RangeError(`fftInPlace: length must be a power of two with matching parts, got ${n} and ${im.length}`);
  }
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  // Stage `len` uses every (n/len)-th twiddle.
  const tw = twiddles !== null && twiddles.n === n ? twiddles : fftTwiddles(n);
  const cosT = tw.cos;
  const sinT = tw.sin;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const wr = cosT[k * stride];
        const wi = sinT[k * stride];
        const i = start + k;
        const j = i + half;
        const xr = re[j] * wr - im[j] * wi;
        const xi = re[j] * wi + im[j] * wr;
        re[j] = re[i] - xr;
        im[j] = im[i] - xi;
        re[i] += xr;
        im[i] += xi;
      }
    }
  }
}

/** exp(−2πik/n), k < n/2, for a transform of length n: computing them is a third of a 1024-point FFT, so callers transforming many series keep one table. */
export interface FftTwiddles {
  readonly n: number;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

/** Twiddles from cos/sin directly (no recurrence, so the error does not grow with n). */
export function fftTwiddles(n: number): FftTwiddles {
  const half = n >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    cos[k] = Math.cos((-2 * Math.PI * k) / n);
    sin[k] = Math.sin((-2 * Math.PI * k) / n);
  }
  return { n, cos, sin };
}

/** Smallest power of two ≥ n (n ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let m = 1;
  while (m < n) m <<= 1;
  return m;
}
