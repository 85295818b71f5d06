import { expect } from "vitest";
import type { LogDensity } from "../../../src/logDensity.js";
import { createRng } from "../../../src/random/rng.js";

/**
 * At 5 seeded points u ~ N(0, 0.5²) of the unconstrained space, `b` gives `a`'s log density and
 * gradient within `rel` relative: for a rewrite that only reorders a sum (the caller states the
 * rounding that `rel` allows).
 */
export function expectSameDensity(a: LogDensity, b: LogDensity, seed: number, rel: number): void {
  expect(b.dim).toBe(a.dim);
  const rng = createRng(seed, 0);
  const ga = new Float64Array(a.dim);
  const gb = new Float64Array(b.dim);
  for (let k = 0; k < 5; k++) {
    const u = Float64Array.from({ length: a.dim }, () => 0.5 * rng.normal());
    const la = a.logDensityGradient(u, ga);
    const lb = b.logDensityGradient(u, gb);
    expect(Math.abs(lb - la)).toBeLessThan(rel * Math.abs(la));
    for (let i = 0; i < a.dim; i++) expect(Math.abs(gb[i] - ga[i])).toBeLessThan(rel * (1 + Math.abs(ga[i])));
  }
}
