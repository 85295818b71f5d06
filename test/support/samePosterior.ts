/**
 * posteriordb's pass rule for two fits of the same posterior: |Δmean| < 4 combined MCSE (mcse_mean
 * of each fit, added in quadrature) and sds within 10 %; a column constant in both must hold the same
 * value (a Cholesky factor's L[1,1]: no MCSE). One copy for the reparam and marginal tests.
 */
import { expect } from "vitest";
import type { Fit } from "../../src/api/fitResult.js";
import { chainsOf } from "../../src/diagnostics/chains.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import type { Draws } from "../../src/posterior/draws.js";
import { mean, sd } from "./moments.js";

/** The rule for column `na` of draws a against column `nb` of draws b. */
export function expectSameColumn(a: Draws, na: string, b: Draws, nb: string): void {
  const [ca, cb] = [chainsOf(a, a.names.indexOf(na)), chainsOf(b, b.names.indexOf(nb))];
  const all = (c: Float64Array[]) => Float64Array.from(c.flatMap((x) => Array.from(x)));
  const [xa, xb] = [all(ca), all(cb)];
  const label = na === nb ? na : `${na} vs ${nb}`;
  if (sd(xa) === 0 && sd(xb) === 0) {
    expect(xa[0], label).toBe(xb[0]);
    return;
  }
  const mcse = Math.hypot(mcseMean(ca), mcseMean(cb));
  expect(Math.abs(mean(xa) - mean(xb)), label).toBeLessThan(4 * mcse);
  expect(Math.abs(sd(xa) / sd(xb) - 1), label).toBeLessThan(0.1);
}

/** The rule for one parameter, named `na` in fit a and `nb` in fit b (a DSL fit against its formula twin). */
export function expectSameParameter(a: Fit, na: string, b: Fit, nb: string): void {
  expectSameColumn(a.draws, na, b.draws, nb);
}

/** The rule for every named parameter. */
export function expectSamePosterior(a: Fit, b: Fit, names: readonly string[]): void {
  for (const n of names) expectSameParameter(a, n, b, n);
}

/**
 * The rule for every reported output and every raw column (the sampled program's own, before any
 * restore), which must have the same names in both fits; sampler columns (`…__`) left out.
 */
export function expectSameOutputs(a: Fit, b: Fit): void {
  for (const [da, db] of [[a.draws, b.draws], [a.result.draws, b.result.draws]] as const) {
    expect(da.names).toEqual(db.names);
    for (const n of da.names) if (!n.endsWith("__")) expectSameColumn(da, n, db, n);
  }
}
