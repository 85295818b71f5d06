import { expect } from "vitest";
import type { Fit } from "../../../src/api/fitResult.js";
import { chainsOf } from "../../../src/diagnostics/chains.js";
import { mcseMean } from "../../../src/diagnostics/mcse.js";
import { mean, sd } from "../../support/moments.js";

/**
 * posteriordb's pass rule for two fits of the same posterior, for every named parameter: |Δmean| < 4
 * combined MCSE (mcse_mean of each fit, added in quadrature) and sds within 10 %; constants equal.
 */
export function expectSamePosterior(a: Fit, b: Fit, names: readonly string[]): void {
  for (const n of names) expectSameParameter(a, n, b, n);
}

/** The same rule for one parameter, named `na` in fit a and `nb` in fit b (a DSL fit against its formula twin). */
export function expectSameParameter(a: Fit, na: string, b: Fit, nb: string): void {
  const xa = a.get(na);
  const xb = b.get(nb);
  const label = na === nb ? na : `${na} vs ${nb}`;
  if (sd(xa) === 0 && sd(xb) === 0) {
    // A constant (a Cholesky factor's L[1,1]): no MCSE, the values must agree.
    expect(xa[0], label).toBe(xb[0]);
    return;
  }
  const mcse = Math.hypot(mcseMean(chainsOf(a.draws, a.draws.names.indexOf(na))), mcseMean(chainsOf(b.draws, b.draws.names.indexOf(nb))));
  expect(Math.abs(mean(xa) - mean(xb)), label).toBeLessThan(4 * mcse);
  expect(Math.abs(sd(xa) / sd(xb) - 1), label).toBeLessThan(0.1);
}
