/**
 * A compiled model's log density as a WasmLogDensity: translate the body, lay out the arrays it uses
 * in a fresh memory (data copied in once, scratch zeroed), compile and instantiate synchronously.
 * Returns null when the body does not translate or the host refuses a synchronous compile (Chrome's
 * main thread, modules over 4 KB); the JavaScript function then stays the only one.
 */
import type { WasmLogDensity } from "../../logDensity.js";
import type { ProgramData } from "../../ir/types.js";
import type { JsStmt } from "../js.js";
import { translateLogDensity, type WasmArraySpec } from "./translate.js";

export interface WasmBuildInput {
  readonly dim: number;
  /** The model's data arrays, named `D0`, `D1`, … in the generated code. */
  readonly data: ProgramData;
  /** Scratch buffers (`X`, `GX`, `T0`, …) and their lengths; zero at the start, as in JavaScript. */
  readonly buffers: readonly { name: string; length: number }[];
  /** Constant arrays filled at compile time. */
  readonly extraBuffers: readonly { name: string; value: Float64Array }[];
}

const PAGE = 65536;

/** First byte after `n` rounded up to a multiple of 8. */
const align8 = (n: number): number => Math.ceil(n / 8) * 8;

export function buildWasmLogDensity(body: readonly JsStmt[], input: WasmBuildInput): WasmLogDensity | null {
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
  const tr = translateLogDensity(body, { dim: input.dim, arrays });
  if (!tr) return null;
  const freeOffset = align8(tr.regionEnd);
  // One spare page, so a host's theta and gradient (dim doubles each) usually fit without a grow.
  const memory = new WebAssembly.Memory({ initial: Math.ceil((freeOffset + PAGE) / PAGE) });
  for (const [name, offset] of tr.placed) {
    const src = contents.get(name);
    if (!src) continue;
    const view = src instanceof Int32Array ? new Int32Array(memory.buffer, offset, src.length) : new Float64Array(memory.buffer, offset, src.length);
    view.set(src);
  }
  const fns: Record<string, (...a: number[]) => number> = {};
  tr.imports.forEach((fn, k) => {
    fns[`f${k}`] = fn;
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
  const logDensityGradient = instance.exports.logDensityGradient as (thetaPtr: number, gradPtr: number) => number;
  return { memory, freeOffset, logDensityGradient };
}
