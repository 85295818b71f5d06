/**
 * The gradient the wasm core calls, `(thetaPtr, gradPtr) => logDensity`: a compiled model's own
 * wasm export when it has one (V8 then calls it wasm to wasm), else this adapter around the
 * JavaScript `logDensityGradient`, with evalLogDensity's rule that a DomainError means −∞ (the core
 * maps NaN to −∞ itself) and any other exception propagates, unwinding through wasm to the chain.
 */
import { DomainError } from "../../errors.js";
import type { LogDensity } from "../../logDensity.js";

/** Distinct pointers the core passes: zFwd's and zBck's q and grad. */
const MAX_VIEWS = 4;

export function jsGradientAdapter(target: LogDensity, memory: WebAssembly.Memory): (thetaPtr: number, gradPtr: number) => number {
  const dim = target.dim;
  // Views made once per pointer; rebuilt only if the memory's buffer changed (a grow detaches it).
  let buffer = memory.buffer;
  const ptrs: number[] = [];
  const views: Float64Array[] = [];
  const view = (ptr: number): Float64Array => {
    if (memory.buffer !== buffer) {
      buffer = memory.buffer;
      ptrs.length = 0;
      views.length = 0;
    }
    for (let k = 0; k < ptrs.length; k++) if (ptrs[k] === ptr) return views[k];
    const v = new Float64Array(buffer, ptr, dim);
    if (ptrs.length < MAX_VIEWS) {
      ptrs.push(ptr);
      views.push(v);
    }
    return v;
  };
  return (thetaPtr: number, gradPtr: number): number => {
    const theta = view(thetaPtr);
    const grad = view(gradPtr);
    try {
      return target.logDensityGradient(theta, grad);
    } catch (e) {
      if (e instanceof DomainError) return -Infinity;
      throw e;
    }
  };
}
