/**
 * Warm median µs per log-density gradient, written without Node or DOM APIs so the page and Node run
 * the very same loop (the method of bench/full/timeGradient.ts): 16 seeded points near the origin of
 * the unconstrained space, a batch calibrated to ~5 ms, a warm-up as long as the measurement so the
 * JIT has optimised the generated code, then the median over batches.
 */
import { createRng } from "../../src/random/rng.js";

export interface GradientTarget {
  readonly dim: number;
  logDensityGradient(theta: Float64Array, gradOut: Float64Array): number;
}

export function medianGradientMicros(target: GradientTarget, targetMs: number, now: () => number): number {
  if (!(targetMs > 0)) throw new Error(`medianGradientMicros: targetMs must be positive, got ${targetMs}`);
  const rng = createRng(1, 0);
  const points = Array.from({ length: 16 }, () => Float64Array.from({ length: target.dim }, () => 0.3 * rng.normal()));
  const grad = new Float64Array(target.dim);
  let sink = 0;
  // The batch must take > 5 ms in the fastest of three tries: on a loaded machine one try can be
  // inflated by waiting for a core, and a browser's clock ticks in 0.1 ms, so a batch calibrated on
  // one slow try is too short to time (it measured 0 µs in a loaded Chromium run).
  const timeBatch = (n: number): number => {
    const t0 = now();
    for (let k = 0; k < n; k++) sink += target.logDensityGradient(points[k & 15], grad);
    return now() - t0;
  };
  let batch = 1;
  while (Math.min(timeBatch(batch), timeBatch(batch), timeBatch(batch)) <= 5) batch *= 2;
  const run = (ms: number): number[] => {
    const times: number[] = [];
    const end = now() + ms;
    while (now() < end || times.length < 5) {
      const t0 = now();
      for (let k = 0; k < batch; k++) sink += target.logDensityGradient(points[k & 15], grad);
      times.push(((now() - t0) * 1000) / batch);
    }
    return times;
  };
  run(targetMs);
  const times = run(targetMs).sort((a, b) => a - b);
  // A non-finite sink would mean the timed calls did no real work (or the points are out of support).
  if (!Number.isFinite(sink)) throw new Error("medianGradientMicros: the log density was not finite at the test points");
  return times[times.length >> 1];
}
