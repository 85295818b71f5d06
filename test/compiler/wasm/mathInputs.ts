/**
 * Inputs on which a wasm exp, log or log1p (assembly/fdlibm.ts, copied into compiled densities) must
 * give Math's bits: fixed edge cases, then a seeded mix of doubles uniform in their bits (every
 * exponent, NaN payloads, subnormals) and dense draws around each function's branch points and
 * thresholds. For the compiled densities' tests (fdlibm.test.ts).
 */
import { createRng } from "../../../src/random/rng.js";

/** ±0, ±Inf, NaN, subnormal and huge extremes, and the branch points of the three algorithms. */
export const MATH_EDGES: readonly number[] = [
  0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, -2.2250738585072014e-308,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, 1, -1, 2, 0.5, -0.5, Math.E, Math.LN2, -Math.LN2, 1 + Number.EPSILON,
  1 - Number.EPSILON / 2, -1 + Number.EPSILON / 2, -1 - Number.EPSILON,
  // exp: overflow / underflow thresholds and their neighbours, the subnormal-result range, |x| = ln2/2, 1.5·ln2, 2^-28
  709.782712893384, 709.7827128933841, 709.7827128933839, 709.78, 710, -745.1332191019411, -745.1332191019412, -745.13321910194,
  -745, -744.44, -708.3964185322641, -708.4, -708.39641853226, -720, 0.34657359027997264, 0.3465735902799727, -0.34657359027997264,
  1.0397207708399179, 1.039720770839918, -1.0397207708399179, 3.725290298461914e-9, 3.7252902984619135e-9, -3.725290298461914e-9,
  // log1p: √2−1, √2/2−1, 2^-29, 2^-54, 2^53 and around them
  0.41421356237309503, 0.4142135623730951, -0.2928932188134524, -0.29289321881345254, 1.862645149230957e-9, 1.8626451492309568e-9,
  5.551115123125783e-17, 5.551115123125782e-17, 9007199254740992, 9007199254740994, -0.9999999999999999, 1e-300, -1e-300,
];

/** Extreme and ordinary arguments for the scalar runtime helpers (helpers.test.ts, fdlibm.test.ts). */
export const HELPER_GRID: readonly number[] = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 1e-300, 1e-8, 0.5, 1, 2, 3.5, -1, -2, -2.5, -1e-8, 1e10, -1e10, 1e300, -1e300, 171.7, 172, 1e15, -1e15];

/** Draws `count` seeded inputs (plus MATH_EDGES) into one array. */
export function mathInputs(seed: number, count: number): Float64Array {
  const rng = createRng(seed, 0);
  const out = new Float64Array(MATH_EDGES.length + count);
  out.set(MATH_EDGES);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const u = (): number => rng.uniform();
  for (let i = MATH_EDGES.length; i < out.length; i++) {
    let x: number;
    switch (i % 8) {
      case 0: // uniform in bits: any double, NaNs and infinities included
      case 1:
        words[0] = rng.nextU32();
        words[1] = rng.nextU32();
        x = bits[0];
        break;
      case 2: // exp's whole finite range, and past both thresholds
        x = -750 + 1462 * u();
        break;
      case 3: // near 1 (log) and near 0 (exp, log1p), at every scale
        x = (u() - 0.5) * Math.pow(2, -60 * u());
        if (rng.nextU32() & 1) x += 1;
        break;
      case 4: // (−1, 1), log1p's main range, and near −1
        x = rng.nextU32() & 1 ? 2 * u() - 1 : -1 + Math.pow(2, -60 * u());
        break;
      case 5: // positive numbers over the whole exponent range
        x = Math.pow(2, -1074 + 2097 * u());
        break;
      case 6: // subnormals of both signs
        words[0] = rng.nextU32();
        words[1] = rng.nextU32() & 0x800fffff;
        x = bits[0];
        break;
      default: // a few ulps from an edge case
        bits[0] = MATH_EDGES[rng.nextU32() % MATH_EDGES.length];
        if (Number.isFinite(bits[0]) && bits[0] !== 0) words[0] += (rng.nextU32() % 64) - 32;
        x = bits[0];
    }
    out[i] = x;
  }
  return out;
}

/** Same bits, or both NaN (NaN payloads are not observable through JavaScript numbers reliably). */
export function sameDouble(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

/** The first inputs where `f` and `ref` differ (at most `limit`), as "x → got, want" strings. */
export function mismatches(xs: Float64Array, f: (x: number) => number, ref: (x: number) => number, limit = 5): string[] {
  const out: string[] = [];
  for (const x of xs) {
    const got = f(x);
    const want = ref(x);
    if (!sameDouble(got, want)) {
      out.push(`${x} → ${got}, want ${want}`);
      if (out.length >= limit) break;
    }
  }
  return out;
}
