import { describe, expect, it } from "vitest";
import { createRng, restoreRng } from "../../src/random/rng.js";

describe("createRng", () => {
  it("gives the same stream for the same (seed, stream) and different streams otherwise", () => {
    const a = createRng(42, 0);
    const b = createRng(42, 0);
    const c = createRng(42, 1);
    const d = createRng(43, 0);
    const xs = Array.from({ length: 8 }, () => a.nextU32());
    expect(Array.from({ length: 8 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 8 }, () => c.nextU32())).not.toEqual(xs);
    expect(Array.from({ length: 8 }, () => d.nextU32())).not.toEqual(xs);
  });

  it("distinguishes seeds beyond 32 bits", () => {
    expect(createRng(2 ** 40 + 1).uniform()).not.toBe(createRng(1).uniform());
  });

  it("uniform() stays inside (0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = createRng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u > 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    // MCSE of the mean is sqrt(1/12 / n) ≈ 6.5e-4; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it("normal() has mean 0, variance 1 and a normal-looking tail", () => {
    const rng = createRng(11);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    // Var of z² is 2, so the MCSE of the second moment is sqrt(2/n).
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // P(|Z| > 2) = 0.0455003; binomial sd sqrt(p(1-p)/n).
    const p = 0.04550026389635842;
    expect(Math.abs(beyond2 / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  it("restoreRng continues exactly where state() was taken", () => {
    const rng = createRng(5, 3);
    rng.normal();
    rng.uniform();
    const saved = rng.state();
    const next = [rng.normal(), rng.uniform(), rng.nextU32()];
    const again = restoreRng(saved);
    expect([again.normal(), again.uniform(), again.nextU32()]).toEqual(next);
  });

  it("split(i) streams are deterministic and distinct", () => {
    const x = createRng(9).split(2).uniform();
    expect(createRng(9).split(2).uniform()).toBe(x);
    expect(createRng(9).split(3).uniform()).not.toBe(x);
  });

  it("rejects non-finite seeds", () => {
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
  });
});
