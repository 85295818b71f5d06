/**
 * Many draws in one call, bit-identical to calling the scalar generators (rng.normal(), gammaRng,
 * betaRng) once per element in order, and leaving `rng` where those calls would. Why: the marginal
 * completion draws tens of thousands of values right after sampling, when the JavaScript generators
 * are still unoptimised (the sampler's own generator runs in WebAssembly); the wasm module
 * (assembly/draws.ts) runs them as machine code from the first call. JavaScript runs instead where
 * WebAssembly is missing, refused or off (HBAYES_WASM=0), and for a generator not from createRng.
 *
 * Order: the arrays hold rows × cols values column by column (element (r, k) at k·rows + r) and are
 * drawn row by row (r outer, k inner); the default cols = 1 is plain order. The parameter arrays and
 * `out` may be the same array.
 *
 * Parameters that are not finite give NaN and consume no randomness (as the completion always did).
 * A finite parameter that is not positive throws, like the scalar generator, but before anything is
 * drawn or written: `rng` and `out` are then untouched.
 */
import { argError } from "../errors.js";
import { invLogit } from "../math/logit.js";
import { logitBetaRng } from "./beta.js";
import { standardGammaRng } from "./gamma.js";
import { rngFromMemory, rngToMemory, type Rng } from "./rng.js";
import { ARRAYS_AT, drawsCore, STATE_SPARE, STATE_WORDS, type DrawsCore } from "./wasm/drawsModule.js";

/** out[i] = rng.normal(), i in order. */
export function normalsInto(rng: Rng, out: Float64Array): void {
  const n = out.length;
  const core = withState(rng, 8 * n);
  if (core === null) {
    for (let i = 0; i < n; i++) out[i] = rng.normal();
    return;
  }
  core.exports.normals(ARRAYS_AT, n);
  finish(rng, core, out, ARRAYS_AT);
}

/** out = mean + scale · rng.normal() per element (NaN, no draw, where mean or scale is not finite). */
export function normalAffineInto(rng: Rng, mean: Float64Array, scale: Float64Array, out: Float64Array, cols = 1): void {
  const rows = checkShape("normalAffineInto", out, cols, mean, scale);
  const n = out.length;
  const core = withState(rng, 24 * n);
  if (core === null) {
    forEachInOrder(rows, cols, (i) => {
      const m = mean[i];
      const s = scale[i];
      out[i] = Number.isFinite(m) && Number.isFinite(s) ? m + s * rng.normal() : NaN;
    });
    return;
  }
  const pm = ARRAYS_AT;
  const ps = pm + 8 * n;
  const po = ps + 8 * n;
  core.f64.set(mean, pm / 8);
  core.f64.set(scale, ps / 8);
  core.exports.normalAffine(pm, ps, po, rows, cols);
  finish(rng, core, out, po);
}

/** out = gammaRng(rng, shapes[i], rates[i] or the one rate) per element. */
export function gammasInto(rng: Rng, shapes: Float64Array, rates: Float64Array | number, out: Float64Array, cols = 1): void {
  const one = typeof rates === "number";
  const rows = one ? checkShape("gammasInto", out, cols, shapes) : checkShape("gammasInto", out, cols, shapes, rates);
  const n = out.length;
  const core = withState(rng, 8 * (2 * n + (one ? 1 : n)));
  if (core === null) {
    const bad = firstBad(rows, cols, shapes, rates);
    if (bad >= 0) throw badArgument("gammasInto", "shapes", "rates", bad, shapes, rates);
    forEachInOrder(rows, cols, (i) => {
      const b = one ? rates : rates[i];
      out[i] = Number.isFinite(shapes[i]) && Number.isFinite(b) ? standardGammaRng(rng, shapes[i]) / b : NaN;
    });
    return;
  }
  const pa = ARRAYS_AT;
  const pb = pa + 8 * n;
  const po = pb + 8 * (one ? 1 : n);
  core.f64.set(shapes, pa / 8);
  if (one) core.f64[pb / 8] = rates;
  else core.f64.set(rates, pb / 8);
  const bad = core.exports.gammas(pa, pb, one ? 0 : 1, po, rows, cols);
  // On a bad argument the generator state in memory is discarded: rng is untouched.
  if (bad >= 0) throw badArgument("gammasInto", "shapes", "rates", bad, shapes, rates);
  finish(rng, core, out, po);
}

/** out = betaRng(rng, a[i], b[i]) per element. */
export function betasInto(rng: Rng, a: Float64Array, b: Float64Array, out: Float64Array, cols = 1): void {
  const rows = checkShape("betasInto", out, cols, a, b);
  const n = out.length;
  const core = withState(rng, 24 * n);
  if (core === null) {
    const bad = firstBad(rows, cols, a, b);
    if (bad >= 0) throw badArgument("betasInto", "a", "b", bad, a, b);
    forEachInOrder(rows, cols, (i) => {
      out[i] = Number.isFinite(a[i]) && Number.isFinite(b[i]) ? invLogit(logitBetaRng(rng, a[i], b[i])) : NaN;
    });
    return;
  }
  const pa = ARRAYS_AT;
  const pb = pa + 8 * n;
  const po = pb + 8 * n;
  core.f64.set(a, pa / 8);
  core.f64.set(b, pb / 8);
  const bad = core.exports.betas(pa, pb, po, rows, cols);
  if (bad >= 0) throw badArgument("betasInto", "a", "b", bad, a, b);
  finish(rng, core, out, po);
}

/** The core with rng's state copied in and room for `bytes`, or null: draw in JavaScript. */
function withState(rng: Rng, bytes: number): DrawsCore | null {
  const core = drawsCore(bytes);
  if (core === null) return null;
  return rngToMemory(rng, core.i32, STATE_WORDS / 4, core.f64, STATE_SPARE / 8) ? core : null;
}

/** rng continues from the state the core left; the draws at byte `at` are copied to out. */
function finish(rng: Rng, core: DrawsCore, out: Float64Array, at: number): void {
  rngFromMemory(rng, core.i32, STATE_WORDS / 4, core.f64, STATE_SPARE / 8);
  out.set(core.f64.subarray(at / 8, at / 8 + out.length));
}

/** rows for `cols` columns, checking every array has out's length. */
function checkShape(fn: string, out: Float64Array, cols: number, ...params: Float64Array[]): number {
  if (!(Number.isInteger(cols) && cols >= 1)) throw argError(fn, "cols must be a positive integer", cols);
  if (out.length % cols !== 0) throw argError(fn, `out's length must be a multiple of cols (${cols})`, out.length);
  for (const p of params) {
    if (p.length !== out.length) throw argError(fn, `every parameter array must have out's length (${out.length})`, p.length);
  }
  return out.length / cols;
}

function forEachInOrder(rows: number, cols: number, f: (i: number) => void): void {
  for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) f(k * rows + r);
}

/** The first element, in draw order, whose parameters are finite but one is not positive; -1 if none. */
function firstBad(rows: number, cols: number, a: Float64Array, b: Float64Array | number): number {
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const i = k * rows + r;
      const x = a[i];
      const y = typeof b === "number" ? b : b[i];
      if (Number.isFinite(x) && Number.isFinite(y) && !(x > 0 && y > 0)) return i;
    }
  }
  return -1;
}

function badArgument(fn: string, aName: string, bName: string, i: number, a: Float64Array, b: Float64Array | number): Error {
  if (!(a[i] > 0)) return argError(fn, `${aName}[${i}] must be positive`, a[i]);
  return typeof b === "number" ? argError(fn, `${bName} must be positive`, b) : argError(fn, `${bName}[${i}] must be positive`, b[i]);
}
