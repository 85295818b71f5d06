/**
 * The one narrow boundary between models and samplers (nuts-rs style). A sampler sees only this.
 *
 * `logDensityGradient(theta, gradOut)` returns the log density (up to a constant) at the
 * unconstrained point `theta` (length `dim`), including log-Jacobians of constraining transforms,
 * and writes its gradient into `gradOut` (overwriting it). A point outside the support, or an invalid
 * intermediate value (negative scale, NaN), returns -Infinity (the gradient is then unspecified);
 * it must not throw for that. Any thrown error aborts sampling with its cause.
 */
export interface LogDensity {
  readonly dim: number;
  logDensityGradient(theta: Float64Array, gradOut: Float64Array): number;
  /** Names of the constrained output values, in order (Stan style, 1-based: `theta[1]`, `L[2,1]`). */
  readonly outputNames?: readonly string[];
  /** Writes the constrained (and derived) output values for the unconstrained point into `out`. */
  constrain?(theta: Float64Array, out: Float64Array): void;
  /**
   * The same log density inside WebAssembly, when the compiler could translate it: the sampler's
   * WebAssembly core then calls it directly, with no JavaScript in the leapfrog loop. Must give the
   * same bits as `logDensityGradient`.
   */
  readonly wasm?: WasmLogDensity;
}

/**
 * A log density and gradient as a WebAssembly export over a shared memory. The host (the sampler)
 * puts its own buffers in the same memory from `freeOffset` on and may grow it, so neither side
 * keeps typed-array views of `memory.buffer` across a call.
 */
export interface WasmLogDensity {
  readonly memory: WebAssembly.Memory;
  /** First byte offset (a multiple of 8) the function's module never reads or writes. */
  readonly freeOffset: number;
  /**
   * Reads theta as `dim` f64 at byte offset `thetaPtr`, writes the gradient as `dim` f64 at
   * `gradPtr`, returns the log density (−∞ or NaN outside the support; the caller maps NaN to −∞).
   */
  readonly logDensityGradient: (thetaPtr: number, gradPtr: number) => number;
  /**
   * The target's `constrain` in the same module and memory, where it translates: the sampler's wasm
   * loop records positions in this memory and constrains each saved draw without leaving wasm data.
   */
  readonly constrain?: WasmConstrain;
}

/** What `LogDensity.constrain(theta, out)` writes, as a wasm export: `size` values, then placed by `outputs`. */
export interface WasmConstrain {
  /**
   * Reads theta (dim f64) at `thetaPtr`, writes `size` f64 at `outPtr` (both byte offsets in the
   * memory). Its result means nothing (always 0): the translator gives every function the log
   * density's signature.
   */
  readonly fn: (thetaPtr: number, outPtr: number) => number;
  readonly size: number;
  /**
   * The output index each value goes to (−1: it is not an output), so that `out[outputs[i]] = value i`
   * is exactly what constrain writes (outputs it leaves alone stay as they were).
   */
  readonly outputs: Int32Array;
}
