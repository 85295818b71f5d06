/**
 * A target's gradient called from JavaScript, through its wasm export when it has one. Why: the pilot
 * measures curvature with 2 × PILOT.curvaturePoints gradients per candidate (per element where the
 * elements are not separable: separable.ts) after its chain ran in wasm, and
 * the JavaScript function has by then never run, so those calls would start in V8's interpreter
 * (a few thousand gradients of a 2000-row model: seconds). The wasm export gives the same bits.
 */
import type { LogDensity, WasmLogDensity } from "../logDensity.js";
import { release, reserve } from "../inference/wasm/memory.js";

/** As LogDensity.logDensityGradient: (theta, grad) => log density. */
export type GradientFn = LogDensity["logDensityGradient"];

/** Which function `withHostGradient` called: the target's wasm export, or its JavaScript function. */
export type GradientKind = "wasm" | "javascript";

/**
 * Runs `body` with a gradient function for `target`: its wasm export on a region of the export's
 * memory reserved for the call (released afterwards, so chains that later reserve workspaces there
 * reuse it), else its JavaScript `logDensityGradient`. The return value is exactly what the target
 * returns (NaN and −∞ included: callers decide what a point outside the support means).
 */
export function withHostGradient<T>(target: LogDensity, body: (gradient: GradientFn, kind: GradientKind) => T): T {
  const w = target.wasm;
  if (w === undefined) return body((t, g) => target.logDensityGradient(t, g), "javascript");
  const dim = target.dim;
  const owner = {};
  const at = reserve(w.memory, w.freeOffset, 16 * Math.max(1, dim), owner);
  try {
    return body(wasmCaller(w, dim, at), "wasm");
  } finally {
    release(w.memory, at);
  }
}

/** Copies theta in at `at` and the gradient out from `at + 8·dim`; views are made again only after the memory grew. */
function wasmCaller(w: WasmLogDensity, dim: number, at: number): GradientFn {
  let buffer: ArrayBuffer | null = null;
  let theta = new Float64Array(0);
  let grad = new Float64Array(0);
  const gradAt = at + 8 * dim;
  const views = (): void => {
    if (w.memory.buffer === buffer) return;
    buffer = w.memory.buffer;
    theta = new Float64Array(buffer, at, dim);
    grad = new Float64Array(buffer, gradAt, dim);
  };
  return (t, g) => {
    views();
    theta.set(t.subarray(0, dim));
    const lp = w.logDensityGradient(at, gradAt);
    // The gradient may have grown the memory (imports such as the MVN view it afresh): views again.
    views();
    g.set(grad);
    return lp;
  };
}
