/**
 * A compiled model's log density as a WasmLogDensity: translate the body, lay out the arrays it uses
 * in a fresh memory (data copied in once, scratch zeroed), compile and instantiate synchronously.
 * Returns null when the body does not translate or the host refuses a synchronous compile (Chrome's
 * main thread, modules over 4 KB); the JavaScript function then stays the only one.
 */
import type { WasmLogDensity } from "../../logDensity.js";
import type { ProgramData } from "../../ir/types.js";
import type { JsStmt } from "../js.js";
import { type ExtraFunction, type ImportDesc, translateLogDensity, type WasmArraySpec } from "./translate.js";
import { RUNTIME } from "../runtime.js";

export interface WasmBuildInput {
  readonly dim: number;
  /** The model's data arrays, named `D0`, `D1`, … in the generated code. */
  readonly data: ProgramData;
  /** Scratch buffers (`X`, `GX`, `T0`, …) and their lengths; zero at the start, as in JavaScript. */
  readonly buffers: readonly { name: string; length: number }[];
  /** Constant arrays filled at compile time. */
  readonly extraBuffers: readonly { name: string; value: Float64Array }[];
  /** Default MAX_IMPORT_CALLS_PER_GRADIENT; tests pass Infinity to check every translation. */
  readonly maxImportCalls?: number;
}

const PAGE = 65536;

/**
 * Above this many calls into JavaScript per gradient the wasm form is not made. Each call costs a
 * wasm-to-JS transition of ~6 ns on Node 20 (measured: cbpp, 115 calls, 2.11 vs 1.37 µs per
 * gradient; the 100k-row logistic, 200,003 calls, 3.86 vs 2.52 ms), while what wasm saves is the
 * cold start, 2-65 ms per process (eight schools 2-5, pumps 10, radon 15-20, sleepstudy 55-65). A
 * chain of ~20,000 gradients at 100 calls per gradient pays ~12 ms: about the saving, so beyond it
 * the JavaScript function is the faster choice. Calls of exp, log, log1p and the helpers computed in
 * wasm (translate.ts) are not calls into JavaScript; each counts WASM_MATH_CALL_WEIGHT (walk.ts).
 */
export const MAX_IMPORT_CALLS_PER_GRADIENT = 100;

/** First byte after `n` rounded up to a multiple of 8. */
const align8 = (n: number): number => Math.ceil(n / 8) * 8;

export function buildWasmLogDensity(body: readonly JsStmt[], input: WasmBuildInput, constrain?: ConstrainBody): WasmLogDensity | null {
  if (constrain) {
    // Both in one module on one memory; a constrain body that does not translate leaves the gradient alone.
    const extra = { body: [...constrain.body, { t: "return" as const, value: { t: "num" as const, v: 0 } }], second: { name: "out", length: constrain.outputs.length, exportName: "constrain" } };
    const b = buildWasmFunction(body, input, extra);
    if (b !== null) {
      const fn = b.instance.exports.constrain as (thetaPtr: number, outPtr: number) => number;
      return { memory: b.memory, freeOffset: b.freeOffset, logDensityGradient: b.fn, constrain: { fn, size: constrain.outputs.length, outputs: constrain.outputs } };
    }
  }
  const b = buildWasmFunction(body, input);
  return b && { memory: b.memory, freeOffset: b.freeOffset, logDensityGradient: b.fn };
}

/** A constrain-like body (writes `out`) and where its values go among the model's outputs. */
export interface ConstrainBody {
  readonly body: readonly JsStmt[];
  /** One entry per value the body writes: the output index, or −1. */
  readonly outputs: Int32Array;
}

interface BuiltFunction {
  readonly memory: WebAssembly.Memory;
  readonly freeOffset: number;
  readonly fn: (a: number, b: number) => number;
  readonly instance: WebAssembly.Instance;
}

/** Translates, lays out the arrays in a fresh memory with a spare page after them, compiles and instantiates. */
function buildWasmFunction(body: readonly JsStmt[], input: WasmBuildInput, extra?: ExtraFunction): BuiltFunction | null {
  const contents = new Map<string, Float64Array | Int32Array>();
  const arrays: WasmArraySpec[] = [];
  input.data.forEach((d, k) => {
    const name = `D${k}`;
    contents.set(name, d);
    arrays.push(d instanceof Int32Array ? { name, type: "i32", length: d.length, values: d } : { name, type: "f64", length: d.length });
  });
  for (const b of input.buffers) arrays.push({ name: b.name, type: "f64", length: b.length });
  for (const b of input.extraBuffers) {
    contents.set(b.name, b.value);
    arrays.push({ name: b.name, type: "f64", length: b.value.length });
  }
  const tr = translateLogDensity(body, { dim: input.dim, arrays, maxImportCalls: input.maxImportCalls ?? MAX_IMPORT_CALLS_PER_GRADIENT }, extra);
  if (!tr) return null;
  const freeOffset = align8(tr.regionEnd);
  let memory: WebAssembly.Memory;
  try {
    // One spare page, so a host's theta and gradient (dim doubles each) usually fit without a grow.
    memory = new WebAssembly.Memory({ initial: Math.ceil((freeOffset + PAGE) / PAGE) });
  } catch (err) {
    // Out of address space for another memory: the JavaScript function serves alone.
    if (err instanceof RangeError) return null;
    throw err;
  }
  for (const [name, offset] of tr.placed) {
    const src = contents.get(name);
    if (!src) continue;
    const view = src instanceof Int32Array ? new Int32Array(memory.buffer, offset, src.length) : new Float64Array(memory.buffer, offset, src.length);
    view.set(src);
  }
  const fns: Record<string, (...a: number[]) => number> = {};
  const view = memoryView(memory);
  const specs = new Map(arrays.map((a) => [a.name, a]));
  tr.imports.forEach((desc, k) => {
    fns[`f${k}`] = desc.kind === "mvn" ? mvnFunction(desc.arrays, memory, specs, tr.placed) : importFunction(desc, view);
  });
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(tr.bytes), { env: { memory }, m: fns });
  } catch (err) {
    // Chrome refuses synchronous compiles of more than 4 KB on a page's main thread (a RangeError);
    // an invalid module is our bug and propagates.
    if (err instanceof RangeError) return null;
    throw err;
  }
  const fn = instance.exports.logDensityGradient as (a: number, b: number) => number;
  return { memory, freeOffset, fn, instance };
}

/**
 * A Float64Array over the whole memory, made again only after a grow replaced the buffer (the host
 * may grow it between calls), so a call through a transform wrapper allocates nothing.
 */
function memoryView(memory: WebAssembly.Memory): () => Float64Array {
  let buffer: ArrayBuffer | null = null;
  let f64 = new Float64Array(0);
  return () => {
    if (memory.buffer !== buffer) {
      buffer = memory.buffer;
      f64 = new Float64Array(buffer);
    }
    return f64;
  };
}

/** The function behind one import; a transform gets the memory view for each of its array arguments. */
function importFunction(desc: Exclude<ImportDesc, { kind: "mvn" }>, view: () => Float64Array): (...a: number[]) => number {
  if (desc.kind === "scalar") return desc.fn;
  const t = desc.transform;
  if (desc.method === "constrain") {
    return (u: number, x: number, size: number): number => {
      const m = view();
      return t.constrain(m, u, m, x, size);
    };
  }
  return (u: number, x: number, gx: number, gu: number, size: number): number => {
    const m = view();
    t.backward(m, u, m, x, m, gx, m, gu, size);
    return 0;
  };
}

type MvnArray = Float64Array | Int32Array | null;

/**
 * MVN with its nine array arguments bound to views of their places in the memory (made again after a
 * grow); wasm passes the eight numbers (n, k, offsets, strides) in their order. The interleaving is
 * MVN_ARGS's (multiNormal.ts), written out: an argument array filled from the table boxes the numbers
 * per call, ~40 ns (4 % of a 4 × 3 model's gradient).
 */
function mvnFunction(
  names: readonly (string | null)[],
  memory: WebAssembly.Memory,
  specs: ReadonlyMap<string, WasmArraySpec>,
  placed: ReadonlyMap<string, number>,
): (...a: number[]) => number {
  let buffer: ArrayBuffer | null = null;
  let v: MvnArray[] = [];
  const refresh = (): void => {
    if (memory.buffer === buffer) return;
    buffer = memory.buffer;
    const b = buffer;
    v = names.map((name) => {
      if (name === null) return null;
      const spec = specs.get(name) as WasmArraySpec;
      const off = placed.get(name) as number;
      return spec.type === "i32" ? new Int32Array(b, off, spec.length) : new Float64Array(b, off, spec.length);
    });
  };
  const f = RUNTIME.MVN;
  type F = Float64Array | null;
  return (n: number, k: number, yOff: number, yStride: number, mOff: number, mStride: number, lOff: number, sOff: number): number => {
    refresh();
    return f(n, k, v[0] as Float64Array, yOff, yStride, v[1] as F, v[2], mOff, mStride, v[3] as F, v[4] as Float64Array, lOff, v[5] as F, v[6], sOff, v[7] as F, v[8] as Float64Array);
  };
}
