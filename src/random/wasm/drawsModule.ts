/**
 * The bulk-draws module (assembly/draws.ts): compiled and instantiated once per thread (a worker
 * gets its own), on a memory of its own that grows to the largest batch seen. The module is under
 * 4 KiB, so a browser's main thread may compile it synchronously; where that or the instantiation
 * fails, or WebAssembly is missing or off (HBAYES_WASM=0), callers draw in JavaScript (same bits).
 */
import { wasmEnabled } from "../../compiler/wasm/enabled.js";
import { decodeBase64 } from "../../inference/wasm/module.js";
import { DRAWS_CORE_WASM } from "./drawsCore.wasm.js";

/** The module's exports (assembly/draws.ts). */
export interface DrawsExports {
  normals(out: number, n: number): void;
  normalAffine(mean: number, scale: number, out: number, rows: number, cols: number): void;
  gammas(shape: number, rate: number, rateStride: number, out: number, rows: number, cols: number): number;
  betas(a: number, b: number, out: number, rows: number, cols: number): number;
}

/** Byte offsets of the generator state in the module's memory (assembly/draws.ts). */
export const STATE_WORDS = 0;
export const STATE_SPARE = 24;
/** First byte of the arrays. */
export const ARRAYS_AT = 32;

const PAGE = 65536;

/** One thread's instance and views of its memory. */
export interface DrawsCore {
  readonly exports: DrawsExports;
  readonly memory: WebAssembly.Memory;
  f64: Float64Array;
  i32: Int32Array;
}

/**
 * This thread's instance: undefined until first tried, null when compiling or instantiating
 * failed; and the module once compiled (prepareDrawsCore may compile it ahead). Caches of an
 * immutable compile and of scratch memory no result depends on: both paths give the same bits.
 */
let core: DrawsCore | null | undefined;
let compiled: WebAssembly.Module | undefined;
let pending: Promise<void> | null = null;

/**
 * Compiles the module off the calling thread, so that the first bulk draw only instantiates it
 * (~0.5 ms less on the first completion in a process): for a caller that knows draws will follow,
 * e.g. a fit that will complete marginalised draws, called before its chains run. Resolves either
 * way (a failure leaves drawsCore to try, and fall back, itself).
 */
export function prepareDrawsCore(): Promise<void> {
  if (compiled !== undefined || core !== undefined || typeof WebAssembly !== "object") return Promise.resolve();
  pending ??= WebAssembly.compile(decodeBase64(DRAWS_CORE_WASM)).then(
    (m) => {
      compiled = m;
    },
    () => undefined,
  );
  return pending;
}

/** The instance with room for `bytes` of arrays after the state, or null where draws run in JavaScript. */
export function drawsCore(bytes: number): DrawsCore | null {
  if (!wasmEnabled()) return null;
  if (core === undefined) core = instantiate();
  if (core === null) return null;
  const need = ARRAYS_AT + bytes;
  const have = core.memory.buffer.byteLength;
  if (need > have) {
    try {
      core.memory.grow(Math.ceil((need - have) / PAGE));
    } catch {
      // Past the engine's memory limit: this batch draws in JavaScript.
      return null;
    }
  }
  if (core.f64.buffer !== core.memory.buffer) {
    core.f64 = new Float64Array(core.memory.buffer);
    core.i32 = new Int32Array(core.memory.buffer);
  }
  return core;
}

function instantiate(): DrawsCore | null {
  try {
    const module = compiled ?? new WebAssembly.Module(decodeBase64(DRAWS_CORE_WASM));
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(module, { env: { memory }, hb: { exp: Math.exp, log: Math.log } });
    return {
      exports: instance.exports as unknown as DrawsExports,
      memory,
      f64: new Float64Array(memory.buffer),
      i32: new Int32Array(memory.buffer),
    };
  } catch {
    // A browser main thread that refuses synchronous compiles, or an engine without the features.
    return null;
  }
}
