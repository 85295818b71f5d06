/**
 * The faster PSIS-LOO (issue 7 item 3: direct-lag relative efficiency, selection instead of a full
 * sort, reused buffers) against the implementation it replaced (support/looReference.ts, verbatim),
 * on seeded synthetic matrices with what the R fixtures lack: strong autocorrelation (Geyer's
 * sequence running into the FFT fallback), long tails (k̂ > 0.7), tied ratios and a constant column.
 *
 * Tolerance 1e-12 relative (the brief's bound): the two differ only in summation order (direct lag
 * sums vs FFT, whose rounding is ~1e-15 of S_0) — so any logic difference (tail membership, tie
 * order, lag count) shows up as an error far above it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { psisLoo } from "../../src/diagnostics/loo.js";
import { psis, selectInPlace } from "../../src/diagnostics/psis.js";
import { byChain, essLoo, relativeEff } from "../../src/diagnostics/relativeEff.js";
import { essLooReference, psisLooReference, psisReference, relativeEffReference } from "./support/looReference.js";
import { syntheticLogLik } from "./support/syntheticLogLik.js";

const TOL = 1e-12;

function close(got: number, want: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= TOL * Math.max(Math.abs(want), 1e-300);
}

function expectAllClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (!close(got[i], want[i])) expect.fail(`${what}[${i}]: got ${got[i]}, reference ${want[i]}`);
}

describe("psisLoo (fast) equals the previous implementation", () => {
  it("on 4 chains × 250 draws × 60 observations with long tails, ties, strong autocorrelation and a constant column", () => {
    const ll = syntheticLogLik(7, 4, 250, 60);
    const got = psisLoo(ll, { chainIds: ll.chainIds });
    const want = psisLooReference(ll, ll.chainIds);
    // Column 1 is constant: its exp(log-lik) centred is rounding noise (~1e-17), so its r_eff — and
    // n_eff = r_eff / Σw² — is noise in loo and in both implementations; it is left out.
    const skip = (x: readonly number[]) => x.filter((_, i) => i !== 1);
    expectAllClose(skip(got.r_eff), skip(want.r_eff), "r_eff");
    expectAllClose(got.pareto_k, want.pareto_k, "pareto_k");
    expectAllClose(skip(got.n_eff), skip(want.n_eff), "n_eff");
    expectAllClose(got.pointwise.map((p) => p.elpd_loo), want.pointwise.map((p) => p.elpd_loo), "elpd_loo");
    expectAllClose(got.pointwise.map((p) => p.mcse_elpd_loo), want.pointwise.map((p) => p.mcse_elpd_loo), "mcse_elpd_loo");
    for (const key of ["elpd_loo", "se_elpd_loo", "p_loo", "se_p_loo", "looic", "se_looic"] as const) {
      if (!close(got[key], want[key])) expect.fail(`${key}: got ${got[key]}, reference ${want[key]}`);
    }
    // The matrix does exercise what it is meant to: some k̂ above 0.7 and the constant column's Inf.
    expect(want.pareto_k.some((k) => Number.isFinite(k) && k > 0.7)).toBe(true);
    expect(want.pareto_k[1]).toBe(Infinity);
  });

  it("with interleaved chain ids (draws not stored chain by chain)", () => {
    const ll = syntheticLogLik(8, 3, 200, 25, false);
    const ids = Int32Array.from({ length: ll.draws }, (_, s) => (s % 3) + 1);
    expectAllClose(relativeEff(ll, ids), relativeEffReference(ll, ids), "r_eff");
  });
});

describe("essLoo", () => {
  it("equals the FFT version for AR(1) chains from iid to ρ = 0.99 (direct lags, then the FFT fallback)", () => {
    for (const rho of [0, 0.5, 0.9, 0.99, -0.6]) {
      let state = 12345;
      const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296) - 0.5;
      const chains = [0, 1, 2, 3].map(() => {
        const x = new Float64Array(300);
        let z = 0;
        for (let i = 0; i < x.length; i++) x[i] = z = rho * z + next();
        return x;
      });
      const got = essLoo(chains);
      const want = essLooReference(chains);
      if (!close(got, want)) expect.fail(`ρ = ${rho}: essLoo ${got}, reference ${want}`);
    }
  });

  it("byChain still rejects chain ids of the wrong length", () => {
    expect(() => byChain("f", [1, 2, 3], [1, 1])).toThrow(/chainIds must have one id per draw \(3\), got 2/);
  });
});

describe("psis", () => {
  it("gives the same weights as a full stable sort when many ratios are tied", () => {
    const ratios = Float64Array.from({ length: 1000 }, (_, i) => Math.round(((i * 7919) % 1000) / 40) / 2 + (i % 97 === 0 ? 20 : 0));
    const got = psis(ratios, 0.8);
    const want = psisReference(ratios, 0.8);
    expect(close(got.paretoK, want.paretoK)).toBe(true);
    expectAllClose(got.logWeights, want.logWeights, "logWeights");
  });
});

describe("selectInPlace", () => {
  it("puts the k-th smallest value at k with ≤ before and ≥ after (fast-check against a full sort)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 300 }), fc.nat(), (values, kRaw) => {
        const x = Float64Array.from(values);
        const k = kRaw % x.length;
        const sorted = Float64Array.from(values).sort();
        selectInPlace(x, k);
        if (x[k] !== sorted[k] && !(x[k] === 0 && sorted[k] === 0)) return false;
        for (let i = 0; i < k; i++) if (x[i] > x[k]) return false;
        for (let i = k + 1; i < x.length; i++) if (x[i] < x[k]) return false;
        return true;
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it("handles sorted, reversed and constant inputs", () => {
    for (const make of [(i: number) => i, (i: number) => -i, () => 3]) {
      const x = Float64Array.from({ length: 5000 }, (_, i) => make(i));
      const sorted = Float64Array.from(x).sort();
      selectInPlace(x, 4000);
      expect(x[4000]).toBe(sorted[4000]);
    }
  });
});
