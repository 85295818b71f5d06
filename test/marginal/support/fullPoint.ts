import type { Layout } from "../../../src/compiler/layout.js";

/**
 * A point of the full program's unconstrained space for a marginal target's point `th`: the
 * parameters the marginal program kept (matched by name) take th's values, the integrated-out ones
 * `fill()` per coordinate, in layout order (so a seeded fill gives the same point every run).
 */
export function fullPoint(full: Layout, marginal: Layout, th: Float64Array, fill: () => number): Float64Array {
  const u = new Float64Array(full.dim);
  for (const p of full.params) {
    const q = marginal.params.find((x) => x.name === p.name);
    for (let e = 0; e < p.uSize; e++) u[p.uOff + e] = q ? th[q.uOff + e] : fill();
  }
  return u;
}
