/**
 * The density of draws at one point, exactly as brms's density_ratio() gets it in R:
 * `density(x, from, to, n = 4096)` (a gaussian kernel with bw.nrd0, the draws binned linearly onto
 * 2n grid points and convolved by FFT, then interpolated linearly to n points from `from` to `to`),
 * read off at the point by `spline()` (Forsythe–Malcolm–Moler cubic). `from` and `to` are the draws'
 * range, stretched by sd/4 past the point when it lies outside. Savage–Dickey Bayes factors divide
 * two such densities (posterior over prior at the tested value).
 */
import { fftInPlace } from "../diagnostics/fft.js";
import { bandwidthNrd0 } from "../plots/kde.js";
import { meanSdR } from "../posterior/rStats.js";

const GRID = 4096;

export function densityAt(draws: ArrayLike<number>, point: number): number {
  const x = Array.from(draws).filter(Number.isFinite);
  if (x.length < 2) return NaN;
  // A loop, not Math.min(...x): spreading hundreds of thousands of draws overflows the call stack.
  let from = Infinity;
  let to = -Infinity;
  for (const v of x) {
    if (v < from) from = v;
    if (v > to) to = v;
  }
  const sd = meanSdR(x)[1];
  if (from > point) from = point - sd / 4;
  else if (to < point) to = point + sd / 4;
  const dens = rDensity(x, from, to, GRID);
  return fmmSplineAt(dens.x, dens.y, point);
}

/** R's seq.int(from, to, length.out = n): both ends exact, the rest counted from the nearer end. */
function seqLength(from: number, to: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n > 0) out[0] = from;
  if (n > 1) out[n - 1] = to;
  const by = (to - from) / (n - 1);
  for (let i = 1; i < n - 1; i++) out[i] = i < Math.floor(n / 2) ? from + i * by : to - (n - 1 - i) * by;
  return out;
}

/** R's density.default(x, from, to, n) with its defaults (gaussian kernel, bw.nrd0, ext = 4). */
function rDensity(x: readonly number[], from: number, to: number, nUser: number): { x: Float64Array; y: Float64Array } {
  const bw = bandwidthNrd0(x);
  let n = Math.max(nUser, 512);
  if (n > 512) n = 2 ** Math.ceil(Math.log2(n));
  const lo = from - 4 * bw;
  const up = to + 4 * bw;
  // C_BinDist: linear binning with weight 1/N onto n points spanning [lo, up], in a vector of 2n.
  const re = new Float64Array(2 * n);
  const delta = (up - lo) / (n - 1);
  const w = 1 / x.length;
  for (const v of x) {
    const pos = (v - lo) / delta;
    const ix = Math.floor(pos);
    const fx = pos - ix;
    if (ix >= 0 && ix <= n - 2) {
      re[ix] += w * (1 - fx);
      re[ix + 1] += w * fx;
    } else if (ix === -1) re[0] += w * fx;
    else if (ix === n - 1) re[ix] += w * (1 - fx);
  }
  // The kernel at lags 0 … (up − lo), then mirrored: kords[(n + 2):(2n)] <- -kords[n:2].
  const kords = seqLength(0, 2 * (up - lo), 2 * n);
  for (let i = n + 1; i < 2 * n; i++) kords[i] = -kords[2 * n - i];
  const kre = new Float64Array(2 * n);
  const norm = 1 / (bw * Math.sqrt(2 * Math.PI));
  for (let i = 0; i < 2 * n; i++) kre[i] = norm * Math.exp(-0.5 * (kords[i] / bw) ** 2);
  // fft(y) * Conj(fft(k)), then the inverse transform (unnormalised, as R's) through conjugation.
  const yim = new Float64Array(2 * n);
  const kim = new Float64Array(2 * n);
  fftInPlace(re, yim);
  fftInPlace(kre, kim);
  const pre = new Float64Array(2 * n);
  const pim = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) {
    pre[i] = re[i] * kre[i] + yim[i] * kim[i];
    pim[i] = -(yim[i] * kre[i] - re[i] * kim[i]); // conjugated for the inverse
  }
  fftInPlace(pre, pim);
  const dens = new Float64Array(n);
  for (let i = 0; i < n; i++) dens[i] = Math.max(0, pre[i] / (2 * n));
  const xords = seqLength(lo, up, n);
  const xs = seqLength(from, to, nUser);
  return { x: xs, y: Float64Array.from(xs, (v) => approxLinear(xords, dens, v)) };
}

/** R's approx(x, y, v) (rule 1: NaN outside). */
function approxLinear(x: Float64Array, y: Float64Array, v: number): number {
  let i = 0;
  let j = x.length - 1;
  if (v < x[i] || v > x[j]) return NaN;
  while (i < j - 1) {
    const ij = (i + j) >> 1;
    if (v < x[ij]) j = ij;
    else i = ij;
  }
  if (v === x[j]) return y[j];
  if (v === x[i]) return y[i];
  return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
}

/** R's spline(x, y, xout = u, method = "fmm") at one point: the FMM cubic spline's coefficients, then its value. */
function fmmSplineAt(x: Float64Array, y: Float64Array, u: number): number {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  if (n < 3) {
    b[0] = b[n - 1] = (y[1] - y[0]) / (x[1] - x[0]);
  } else {
    // 0-based transcription of R's fmm_spline: b diagonal, d off-diagonal, c right-hand side.
    const m = n - 1;
    d[0] = x[1] - x[0];
    c[1] = (y[1] - y[0]) / d[0];
    for (let i = 1; i < m; i++) {
      d[i] = x[i + 1] - x[i];
      b[i] = 2 * (d[i - 1] + d[i]);
      c[i + 1] = (y[i + 1] - y[i]) / d[i];
      c[i] = c[i + 1] - c[i];
    }
    // End conditions: third derivatives at the ends from cubics through the first and last four points.
    b[0] = -d[0];
    b[m] = -d[m - 1];
    c[0] = c[m] = 0;
    if (n > 3) {
      c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
      c[m] = c[m - 1] / (x[m] - x[m - 2]) - c[m - 2] / (x[m - 1] - x[m - 3]);
      c[0] = (c[0] * d[0] * d[0]) / (x[3] - x[0]);
      c[m] = (-c[m] * d[m - 1] * d[m - 1]) / (x[m] - x[m - 3]);
    }
    for (let i = 1; i <= m; i++) {
      const t = d[i - 1] / b[i - 1];
      b[i] -= t * d[i - 1];
      c[i] -= t * c[i - 1];
    }
    c[m] /= b[m];
    for (let i = m - 1; i >= 0; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
    b[m] = (y[m] - y[m - 1]) / d[m - 1] + d[m - 1] * (c[m - 1] + 2 * c[m]);
    for (let i = 0; i < m; i++) {
      b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
      d[i] = (c[i + 1] - c[i]) / d[i];
      c[i] = 3 * c[i];
    }
    c[m] = 3 * c[m];
    d[m] = d[m - 1];
  }
  // spline_eval: the interval with x[i] <= u (the first one left of the range), then Horner.
  let i = 0;
  if (u < x[0] || (n > 1 && x[1] < u)) {
    let j = n;
    do {
      const k = (i + j) >> 1;
      if (u < x[k]) j = k;
      else i = k;
    } while (j > i + 1);
  }
  const dx = u - x[i];
  return y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]));
}
