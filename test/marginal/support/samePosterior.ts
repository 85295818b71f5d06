import { expect } from "vitest";
import type { Fit } from "../../../src/api/fitResult.js";
import { chainsOf } from "../../../src/diagnostics/chains.js";
import { mcseMean } from "../../../src/diagnostics/mcse.js";

const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
const sd = (x: Float64Array) => {
  const m = mean(x);
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
};

/**
 * posteriordb's pass rule for two fits of the same posterior, for every named parameter: |Δmean| < 4
 * combined MCSE (mcse_mean of each fit, added in quadrature) and sds within 10 %; constants equal.
 */
export function expectSamePosterior(a: Fit, b: Fit, names: readonly string[]): void {
  for (const n of names) {
    const xa = a.get(n);
    const xb = b.get(n);
    if (sd(xa) === 0 && sd(xb) === 0) {
      // A constant (a Cholesky factor's L[1,1]): no MCSE, the values must agree.
      expect(xa[0], n).toBe(xb[0]);
      continue;
    }
    const mcse = Math.hypot(mcseMean(chainsOf(a.draws, a.draws.names.indexOf(n))), mcseMean(chainsOf(b.draws, b.draws.names.indexOf(n))));
    expect(Math.abs(mean(xa) - mean(xb)), n).toBeLessThan(4 * mcse);
    expect(Math.abs(sd(xa) / sd(xb) - 1), n).toBeLessThan(0.1);
  }
}
