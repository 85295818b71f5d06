// Bulk random draws for the marginal completion: the same operations, in the same order, as
// src/random/rng.ts (normal), src/random/gamma.ts (gammaRng) and src/random/beta.ts (betaRng), so a
// batch here gives the bits of the JavaScript generators called once per element. A module of its
// own: sharing the NUTS core would push that over the 4 KiB a browser's main thread compiles
// synchronously.
//
// Memory (imported): the generator state at 0 (four i32 words, the has-spare flag at 16, the spare
// normal at 24), the caller's arrays after it (src/random/wasm/drawsModule.ts lays them out).
// Element order: arrays of rows·cols values stored column by column (element (r, k) at k·rows + r)
// and drawn row by row, r outer and k inner; cols = 1 is plain order. The completion's draws are
// stored by group and drawn by draw, so it moves each group's column with one copy.
import { jsExp, jsLog } from "./host";
import { normal, rngLoad, rngStore, uniform } from "./rng";

const WORDS: usize = 0;
const HAS_SPARE: usize = 16;
const SPARE: usize = 24;

/** n standard normals at out. */
export function normals(out: usize, n: i32): void {
  rngLoad(WORDS, HAS_SPARE, SPARE);
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), normal());
  rngStore(WORDS, HAS_SPARE, SPARE);
}

/** mean + scale·z per element, NaN (and no draw) where mean or scale is not finite. */
export function normalAffine(mean: usize, scale: usize, out: usize, rows: i32, cols: i32): void {
  rngLoad(WORDS, HAS_SPARE, SPARE);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const o = <usize>(k * rows + r) << 3;
      const m = load<f64>(mean + o);
      const s = load<f64>(scale + o);
      store<f64>(out + o, isFinite<f64>(m) && isFinite<f64>(s) ? m + s * normal() : NaN);
    }
  }
  rngStore(WORDS, HAS_SPARE, SPARE);
}

function marsagliaTsang(a: f64): f64 {
  const d = a - 1.0 / 3.0;
  const c = 1.0 / sqrt<f64>(9 * d);
  while (true) {
    let x: f64;
    let v: f64;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (jsLog(u) < 0.5 * x2 + d * (1 - v + jsLog(v))) return d * v;
  }
}

function logStandardGamma(a: f64): f64 {
  if (a >= 1) return jsLog(marsagliaTsang(a));
  const g = jsLog(marsagliaTsang(a + 1));
  return g + jsLog(uniform()) / a;
}

/**
 * Gamma(shape, rate) per element (rate at rate + i·rateStride, so a stride of 0 shares one rate);
 * NaN, and no draw, where either is not finite. Returns -1, or the storage index of the first
 * element whose shape or rate is finite but not positive: the draws stop there, as gammaRng throws.
 */
export function gammas(shape: usize, rate: usize, rateStride: i32, out: usize, rows: i32, cols: i32): i32 {
  rngLoad(WORDS, HAS_SPARE, SPARE);
  let bad = -1;
  for (let r = 0; r < rows && bad < 0; r++) {
    for (let k = 0; k < cols; k++) {
      const i = k * rows + r;
      const a = load<f64>(shape + (<usize>i << 3));
      const b = load<f64>(rate + (<usize>(i * rateStride) << 3));
      let y: f64 = NaN;
      if (isFinite<f64>(a) && isFinite<f64>(b)) {
        if (!(a > 0) || !(b > 0)) {
          bad = i;
          break;
        }
        if (a >= 1) y = marsagliaTsang(a);
        else {
          const g = marsagliaTsang(a + 1);
          y = g * jsExp(jsLog(uniform()) / a);
        }
        y /= b;
      }
      store<f64>(out + (<usize>i << 3), y);
    }
  }
  rngStore(WORDS, HAS_SPARE, SPARE);
  return bad;
}

/** Beta(a, b) per element, as gammas (NaN where not finite, the index of a non-positive one). */
export function betas(pa: usize, pb: usize, out: usize, rows: i32, cols: i32): i32 {
  rngLoad(WORDS, HAS_SPARE, SPARE);
  let bad = -1;
  for (let r = 0; r < rows && bad < 0; r++) {
    for (let k = 0; k < cols; k++) {
      const i = k * rows + r;
      const a = load<f64>(pa + (<usize>i << 3));
      const b = load<f64>(pb + (<usize>i << 3));
      let y: f64 = NaN;
      if (isFinite<f64>(a) && isFinite<f64>(b)) {
        if (!(a > 0) || !(b > 0)) {
          bad = i;
          break;
        }
        const la = logStandardGamma(a);
        const x = la - logStandardGamma(b);
        // invLogit (src/math/logit.ts), on the side that does not overflow.
        if (x >= 0) y = 1 / (1 + jsExp(-x));
        else {
          const e = jsExp(x);
          y = e / (1 + e);
        }
      }
      store<f64>(out + (<usize>i << 3), y);
    }
  }
  rngStore(WORDS, HAS_SPARE, SPARE);
  return bad;
}
