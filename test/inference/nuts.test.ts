import { describe, expect, it } from "vitest";
import { createNutsWorkspace, nutsInit, nutsStep, type NutsParams } from "../../src/inference/nuts.js";
import { diagMetric, unitMetric } from "../../src/inference/metric.js";
import { createRng } from "../../src/random/rng.js";
import type { LogDensity } from "../../src/logDensity.js";

/** Flat log density: a free particle moves in a straight line and never U-turns. Counts gradient calls. */
function flat(dim: number): LogDensity & { calls: number } {
  return {
    dim,
    calls: 0,
    logDensityGradient(_q, g) {
      this.calls++;
      g.fill(0);
      return 0;
    },
  };
}

/** Flat except that every point away from the start loses `drop` log density (gradient 0): ΔH = drop exactly. */
function cliff(drop: number): LogDensity {
  return {
    dim: 1,
    logDensityGradient(q, g) {
      g[0] = 0;
      return q[0] === 0 ? 0 : -drop;
    },
  };
}

const params = (over: Partial<NutsParams> = {}): NutsParams => ({
  stepSize: 0.1,
  metric: unitMetric(3),
  maxTreeDepth: 10,
  maxDeltaH: 1000,
  ...over,
});

describe("nutsStep tree building (mock Hamiltonians)", () => {
  it("takes exactly 2^depth − 1 leapfrog steps when the tree runs to maxTreeDepth (depths 1..10)", () => {
    for (let depth = 1; depth <= 10; depth++) {
      const target = flat(3);
      const ws = createNutsWorkspace(target, 10);
      const state = nutsInit(new Float64Array(3), target);
      target.calls = 0;
      const info = nutsStep(createRng(1, depth), state, params({ maxTreeDepth: depth }), ws);
      expect(info.treeDepth).toBe(depth);
      expect(info.nLeapfrog).toBe(2 ** depth - 1);
      // One gradient per leapfrog step, none wasted.
      expect(target.calls).toBe(2 ** depth - 1);
      expect(info.divergent).toBe(false);
      // ΔH = 0 at every leaf: the Metropolis acceptance is exactly 1 and the energy is the start's.
      expect(info.acceptStat).toBe(1);
    }
  });

  it("flags a divergence when H − H0 > maxDeltaH (1000) and stops at the first leaf", () => {
    const target = cliff(1000.5);
    const ws = createNutsWorkspace(target, 10);
    const state = nutsInit(new Float64Array(1), target);
    const info = nutsStep(createRng(2), state, params({ metric: unitMetric(1) }), ws);
    expect(info.divergent).toBe(true);
    expect(info.nLeapfrog).toBe(1);
    expect(info.treeDepth).toBe(0);
    // The divergent leaf is never selected: the chain stays where it was.
    expect(state.position[0]).toBe(0);
    expect(info.acceptStat).toBeCloseTo(Math.exp(-1000.5), 300);
  });

  it("does not flag ΔH = 999.5, and honours a custom maxDeltaH", () => {
    const target = cliff(999.5);
    const ws = createNutsWorkspace(target, 10);
    const s1 = nutsInit(new Float64Array(1), target);
    const a = nutsStep(createRng(3), s1, params({ metric: unitMetric(1), maxTreeDepth: 3 }), ws);
    expect(a.divergent).toBe(false);
    expect(a.nLeapfrog).toBe(7);
    const s2 = nutsInit(new Float64Array(1), target);
    const b = nutsStep(createRng(3), s2, params({ metric: unitMetric(1), maxTreeDepth: 3, maxDeltaH: 500 }), ws);
    expect(b.divergent).toBe(true);
    expect(b.nLeapfrog).toBe(1);
  });

  it("treats a log density of −∞ as a divergence, never as a sample", () => {
    const wall: LogDensity = {
      dim: 1,
      logDensityGradient(q, g) {
        g[0] = 0;
        return q[0] === 0 ? 0 : -Infinity;
      },
    };
    const ws = createNutsWorkspace(wall, 10);
    const state = nutsInit(new Float64Array(1), wall);
    const info = nutsStep(createRng(4), state, params({ metric: unitMetric(1) }), ws);
    expect(info.divergent).toBe(true);
    expect(info.acceptStat).toBe(0);
    expect(state.position[0]).toBe(0);
    expect(state.logDensity).toBe(0);
  });

  it("reports Stan's energy__: H at the selected point", () => {
    const target: LogDensity = {
      dim: 2,
      logDensityGradient(q, g) {
        g[0] = -q[0];
        g[1] = -q[1];
        return -0.5 * (q[0] * q[0] + q[1] * q[1]);
      },
    };
    const ws = createNutsWorkspace(target, 10);
    const state = nutsInit(new Float64Array([0.3, -0.2]), target);
    const info = nutsStep(createRng(6), state, params({ metric: diagMetric(new Float64Array([1, 1])), stepSize: 0.3 }), ws);
    // energy − (−log density) is the kinetic energy, which is non-negative and, for a 2-D N(0, I) momentum, small.
    const kinetic = info.energy + state.logDensity;
    expect(kinetic).toBeGreaterThanOrEqual(0);
    expect(kinetic).toBeLessThan(20);
  });

  it("keeps a 1-D standard normal invariant at a fixed step size (mean 0, variance 1)", () => {
    const normal: LogDensity = {
      dim: 1,
      logDensityGradient(q, g) {
        g[0] = -q[0];
        return -0.5 * q[0] * q[0];
      },
    };
    const ws = createNutsWorkspace(normal, 10);
    const rng = createRng(7);
    const state = nutsInit(new Float64Array([0]), normal);
    const n = 20_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      nutsStep(rng, state, params({ metric: unitMetric(1), stepSize: 0.7 }), ws);
      s += state.position[0];
      s2 += state.position[0] ** 2;
    }
    const m = s / n;
    const v = s2 / n - m * m;
    // NUTS draws of a 1-D normal are nearly independent (often anticorrelated): sd(mean) ≤ 1/sqrt(n) ≈ 0.007,
    // sd(var) ≈ sqrt(2/n) ≈ 0.01; the bounds are 4–5 of those.
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.05);
  });
});

describe("nutsStep info record", () => {
  it("nutsStep returns the workspace's info record, overwritten by the next transition (no allocation per transition)", () => {
    const target = flat(2);
    const ws = createNutsWorkspace(target, 10);
    const state = nutsInit(new Float64Array(2), target);
    const rng = createRng(9);
    const a = nutsStep(rng, state, params({ metric: unitMetric(2), maxTreeDepth: 2 }), ws);
    expect(a.nLeapfrog).toBe(3); // a flat target never U-turns: depth 2 is 2² − 1 leapfrogs
    const b = nutsStep(rng, state, params({ metric: unitMetric(2), maxTreeDepth: 4 }), ws);
    expect(b).toBe(a);
    expect(a.nLeapfrog).toBe(15);
    expect(a.treeDepth).toBe(4);
  });
});
