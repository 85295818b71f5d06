/**
 * One velocity-Verlet (leapfrog) step, in place, as Stan's expl_leapfrog: half step in momentum,
 * full step in position along the velocity M⁻¹ p, new gradient, half step in momentum.
 * Allocation-free: it writes only into the point's own arrays. With a diagonal metric each half is
 * one pass over the coordinates (momentum, velocity, position or kinetic energy together), with
 * the same arithmetic per coordinate as the separate passes.
 */
import type { LogDensity } from "../logDensity.js";
import { kineticEnergy, velocity, type Metric } from "./metric.js";
import { evalLogDensity, type PhasePoint } from "./phasePoint.js";

export function leapfrog(target: LogDensity, metric: Metric, stepSize: number, z: PhasePoint): void {
  const n = metric.dim;
  const { q, p, v, grad } = z;
  const half = 0.5 * stepSize;
  if (metric.kind === "diag") {
    const m = metric.inverse;
    // v is left stale here: it is rewritten below before anything reads it.
    for (let i = 0; i < n; i++) {
      const pi = p[i] + half * grad[i];
      p[i] = pi;
      q[i] += stepSize * (m[i] * pi);
    }
    z.logDensity = evalLogDensity(target, q, grad);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const pi = p[i] + half * grad[i];
      const vi = m[i] * pi;
      p[i] = pi;
      v[i] = vi;
      s += pi * vi;
    }
    z.kinetic = 0.5 * s;
    return;
  }
  for (let i = 0; i < n; i++) p[i] += half * grad[i];
  velocity(metric, p, v);
  for (let i = 0; i < n; i++) q[i] += stepSize * v[i];
  z.logDensity = evalLogDensity(target, q, grad);
  for (let i = 0; i < n; i++) p[i] += half * grad[i];
  velocity(metric, p, v);
  z.kinetic = kineticEnergy(p, v);
}
