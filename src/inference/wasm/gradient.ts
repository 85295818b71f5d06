/**
 * The gradient the wasm core calls, `(thetaPtr, gradPtr) => logDensity`: a compiled model's own
 * wasm export when it has one (V8 then calls it wasm to wasm), else this adapter around the
 * JavaScript `logDensityGradient` through `evalLogDensity`, the JS sampler's own call: a DomainError
 * or NaN means −∞, any other exception propagates, unwinding through wasm to the chain.
 */
import type { LogDensity } from "../../logDensity.js";
import { evalLogDensity } from "../phasePoint.js";

/**
 * Views of the memory at the pointers the core passes (zFwd's and zBck's q and grad: four), in plain
 * fields: arrays here started each chain with a fresh elements kind, and V8 deoptimised the
 * adapter at every new chain ("wrong map").
 */
class PointerViews {
  p0 = -1;
  p1 = -1;
  p2 = -1;
  p3 = -1;
  v0: Float64Array;
  v1: Float64Array;
  v2: Float64Array;
  v3: Float64Array;
  /** Round-robin slot for the next new pointer. */
  next = 0;
  buffer: ArrayBuffer;

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly dim: number,
  ) {
    this.buffer = memory.buffer;
    const empty = new Float64Array(0);
    this.v0 = empty;
    this.v1 = empty;
    this.v2 = empty;
    this.v3 = empty;
  }

  view(ptr: number): Float64Array {
    // A view of a detached buffer (the memory grew) has length 0: cheaper to test than reading
    // memory.buffer, a call into the runtime, twice per gradient.
    if (ptr === this.p0 && this.v0.length !== 0) return this.v0;
    if (ptr === this.p1 && this.v1.length !== 0) return this.v1;
    if (ptr === this.p2 && this.v2.length !== 0) return this.v2;
    if (ptr === this.p3 && this.v3.length !== 0) return this.v3;
    if (this.memory.buffer !== this.buffer) {
      this.buffer = this.memory.buffer;
      this.p0 = this.p1 = this.p2 = this.p3 = -1;
    }
    const v = new Float64Array(this.buffer, ptr, this.dim);
    const k = this.next;
    this.next = (k + 1) & 3;
    if (k === 0) {
      this.p0 = ptr;
      this.v0 = v;
    } else if (k === 1) {
      this.p1 = ptr;
      this.v1 = v;
    } else if (k === 2) {
      this.p2 = ptr;
      this.v2 = v;
    } else {
      this.p3 = ptr;
      this.v3 = v;
    }
    return v;
  }
}

export function jsGradientAdapter(target: LogDensity, memory: WebAssembly.Memory): (thetaPtr: number, gradPtr: number) => number {
  const views = new PointerViews(memory, target.dim);
  return (thetaPtr: number, gradPtr: number): number => evalLogDensity(target, views.view(thetaPtr), views.view(gradPtr));
}
