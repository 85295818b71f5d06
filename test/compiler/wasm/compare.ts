/** Shared by the wasm tests: run a compiled model's JS and wasm log density at the same points. */
import type { CompiledModel } from "../../../src/compiler/compile.js";
import { Emitter } from "../../../src/compiler/emit.js";
import { computeLayout } from "../../../src/compiler/layout.js";
import { buildWasmLogDensity } from "../../../src/compiler/wasm/instantiate.js";
import type { Program, ProgramData } from "../../../src/ir/types.js";
import type { WasmLogDensity } from "../../../src/logDensity.js";
import type { Rng } from "../../../src/random/rng.js";

/**
 * The model's wasm form, or, when compileModel left it out for its many calls into JavaScript, the
 * same translation built without that limit (the emitter is deterministic: the same body).
 */
export function wasmOf(model: CompiledModel, program: Program, data: ProgramData): WasmLogDensity | null {
  if (model.wasm) return model.wasm;
  const layout = computeLayout(program);
  const emitted = new Emitter(program, data, layout).emit();
  return buildWasmLogDensity(emitted.logDensity, {
    dim: layout.dim,
    data,
    buffers: emitted.buffers,
    extraBuffers: emitted.extraBuffers,
    maxImportCalls: Infinity,
  });
}

/** Writes theta at freeOffset and the gradient after it, growing the memory as a host would. */
export function wasmAt(w: WasmLogDensity, theta: Float64Array): { lp: number; grad: Float64Array } {
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
  w: WasmLogDensity,
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
    const res = wasmAt(w, x);
    if (!Object.is(lp, res.lp)) bad.push({ rep, what: "lp", js: lp, wasm: res.lp });
    if (lp === -Infinity) continue;
    finite++;
    for (let i = 0; i < model.dim; i++) if (!Object.is(g[i], res.grad[i])) bad.push({ rep, what: `grad[${i}]`, js: g[i], wasm: res.grad[i] });
  }
  return { bad, finite };
}

/**
 * The module's constrain export against the JavaScript constrain at `reps` points: Object.is of every
 * output it writes (placed by its `outputs`); returns the names that differ.
 */
export function constrainMismatches(model: CompiledModel, w: WasmLogDensity, r: Rng, reps: number): string[] {
  const c = w.constrain;
  if (c === undefined) return ["no constrain export"];
  const n = model.dim;
  const bad: string[] = [];
  const js = new Float64Array(model.outputNames.length);
  for (let rep = 0; rep < reps; rep++) {
    const theta = pointAt(r, n, rep % 45);
    const thetaPtr = w.freeOffset;
    const outPtr = thetaPtr + 8 * n;
    const need = outPtr + 8 * c.size;
    const have = w.memory.buffer.byteLength;
    if (need > have) w.memory.grow(Math.ceil((need - have) / 65536));
    new Float64Array(w.memory.buffer, thetaPtr, n).set(theta);
    c.fn(thetaPtr, outPtr);
    const values = new Float64Array(w.memory.buffer, outPtr, c.size);
    model.constrain(theta, js);
    for (let i = 0; i < c.size; i++) {
      const o = c.outputs[i];
      if (o >= 0 && !Object.is(values[i], js[o])) bad.push(`rep ${rep}: ${model.outputNames[o]} wasm ${values[i]} vs JavaScript ${js[o]}`);
    }
  }
  return bad;
}
