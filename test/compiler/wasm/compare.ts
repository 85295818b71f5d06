/** Shared by the wasm tests: run a compiled model's JS and wasm log density at the same points. */
import type { CompiledModel } from "../../../src/compiler/compile.js";
import type { Rng } from "../../../src/random/rng.js";

/** Writes theta at freeOffset and the gradient after it, growing the memory as a host would. */
export function wasmAt(model: CompiledModel, theta: Float64Array): { lp: number; grad: Float64Array } {
  const w = model.wasm;
  if (!w) throw new Error("model has no wasm form");
  const n = theta.length;
  const thetaPtr = w.freeOffset;
  const gradPtr = thetaPtr + 8 * n;
  const need = gradPtr + 8 * n;
  const have = w.memory.buffer.byteLength;
  if (need > have) w.memory.grow(Math.ceil((need - have) / 65536));
  new Float64Array(w.memory.buffer, thetaPtr, n).set(theta);
  const lp = w.logDensityGradient(thetaPtr, gradPtr);
  return { lp, grad: new Float64Array(w.memory.buffer, gradPtr, n).slice() };
}

/**
 * Seeded points: most near the origin, some with huge coordinates (exp overflows to Infinity or
 * underflows to 0: scales of 0, Infinity − Infinity), a few with NaN or ±Infinity coordinates.
 */
export function pointAt(r: Rng, n: number, rep: number): Float64Array {
  const x = new Float64Array(n);
  const scale = rep < 30 ? 1 : rep < 40 ? 5 : 800;
  for (let i = 0; i < n; i++) x[i] = scale * r.normal();
  if (rep >= 45 && n > 0) x[Math.floor(r.uniform() * n)] = [NaN, Infinity, -Infinity, NaN, -1e308][rep - 45];
  return x;
}

export interface Mismatch {
  rep: number;
  what: string;
  js: number;
  wasm: number;
}

/** Object.is of lp and every gradient coordinate at `reps` points; the gradient only where lp > −∞. */
export function mismatches(
  model: CompiledModel,
  r: Rng,
  reps: number,
  map: (x: Float64Array) => void = () => {},
): { bad: Mismatch[]; finite: number } {
  const bad: Mismatch[] = [];
  let finite = 0;
  const g = new Float64Array(model.dim);
  for (let rep = 0; rep < reps; rep++) {
    const x = pointAt(r, model.dim, rep);
    map(x);
    const lp = model.logDensityGradient(x, g);
    const w = wasmAt(model, x);
    if (!Object.is(lp, w.lp)) bad.push({ rep, what: "lp", js: lp, wasm: w.lp });
    if (lp === -Infinity) continue;
    finite++;
    for (let i = 0; i < model.dim; i++) if (!Object.is(g[i], w.grad[i])) bad.push({ rep, what: `grad[${i}]`, js: g[i], wasm: w.grad[i] });
  }
  return { bad, finite };
}
