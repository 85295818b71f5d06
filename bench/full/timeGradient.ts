/**
 * Warm median µs per log-density gradient (the method of bench/gradient.ts): seeded points near the
 * origin of the unconstrained space, a batch size calibrated to ~5 ms, a warm-up as long as the
 * measurement so V8 has optimised the generated code, then the median over batches.
 */
import type { CompiledModel } from "../../src/compiler/compile.js";
import { createRng } from "../../src/random/rng.js";

export interface GradientTiming {
  /** Median wall µs per gradient over batches. */
  wall: number;
  /** CPU µs per gradient over the whole measured run (this process's CPU time: immune to waiting for a core). */
  cpu: number;
}

export function timeGradient(model: CompiledModel, targetMs = 1000): GradientTiming {
  const rng = createRng(1, 0);
  const points = Array.from({ length: 16 }, () => Float64Array.from({ length: model.dim }, () => 0.3 * rng.normal()));
  const grad = new Float64Array(model.dim);
  let sink = 0;
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) sink += model.logDensityGradient(points[k & 15], grad);
    if (performance.now() - t0 > 5) break;
    batch *= 2;
  }
  const run = (ms: number): number[] => {
    const times: number[] = [];
    const end = performance.now() + ms;
    while (performance.now() < end || times.length < 5) {
      const t0 = performance.now();
      for (let k = 0; k < batch; k++) sink += model.logDensityGradient(points[k & 15], grad);
      times.push(((performance.now() - t0) * 1000) / batch);
    }
    return times;
  };
  run(targetMs);
  const c0 = process.cpuUsage();
  const times = run(targetMs);
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / (times.length * batch);
  times.sort((a, b) => a - b);
  if (!Number.isFinite(sink)) throw new Error("timeGradient: the log density was not finite at the test points");
  return { wall: times[times.length >> 1], cpu };
}
