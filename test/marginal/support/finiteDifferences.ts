import { expect } from "vitest";
import type { LogDensity } from "../../../src/logDensity.js";

/**
 * The gradient `g` of `ld` at `th` against central differences with step 1e-5, coordinate by coordinate.
 * With |lp| ~ 1e3 the differences' rounding is ~1e-16·1e3/1e-5 = 1e-8 and the truncation O(h²): a
 * relative 1e-5 leaves room for both.
 */
export function expectCentralDifferences(ld: LogDensity, th: Float64Array, g: Float64Array): void {
  const h = 1e-5;
  for (let k = 0; k < ld.dim; k++) {
    const a = th.slice();
    const b = th.slice();
    a[k] += h;
    b[k] -= h;
    const fd = (ld.logDensityGradient(a, new Float64Array(ld.dim)) - ld.logDensityGradient(b, new Float64Array(ld.dim))) / (2 * h);
    expect(Math.abs(g[k] - fd), `coordinate ${k}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
  }
}
