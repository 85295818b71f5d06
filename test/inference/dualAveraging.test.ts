import { describe, expect, it } from "vitest";
import { DEFAULT_DUAL_AVERAGING, dualAveragingFinal, dualAveragingInit, dualAveragingUpdate } from "../../src/inference/dualAveraging.js";
import { createNutsWorkspace, nutsInit, nutsStep } from "../../src/inference/nuts.js";
import { unitMetric } from "../../src/inference/metric.js";
import { createRng } from "../../src/random/rng.js";
import type { LogDensity } from "../../src/logDensity.js";

const normal1: LogDensity = {
  dim: 1,
  logDensityGradient(q, g) {
    g[0] = -q[0];
    return -0.5 * q[0] * q[0];
  },
};

describe("dual averaging", () => {
  it("first update matches Stan's formulas by hand", () => {
    const s = dualAveragingInit(1);
    dualAveragingUpdate(s, 0.5, DEFAULT_DUAL_AVERAGING);
    // η = 1/(1+10); s̄ = η(0.8 − 0.5); x = log 10 − s̄·√1/0.05; x̄ = 1^{−0.75}·x = x.
    const sBar = (0.8 - 0.5) / 11;
    const x = Math.log(10) - sBar / 0.05;
    expect(s.sBar).toBeCloseTo(sBar, 15);
    expect(s.stepSize).toBeCloseTo(Math.exp(x), 12);
    expect(dualAveragingFinal(s)).toBeCloseTo(Math.exp(x), 12);
  });

  it("clips acceptance statistics above 1", () => {
    const a = dualAveragingInit(0.3);
    const b = dualAveragingInit(0.3);
    dualAveragingUpdate(a, 1, DEFAULT_DUAL_AVERAGING);
    dualAveragingUpdate(b, 7, DEFAULT_DUAL_AVERAGING);
    expect(b.stepSize).toBe(a.stepSize);
  });

  it("converges on a 1-D normal: the adapted ε gives mean acceptance ≈ δ", () => {
    const ws = createNutsWorkspace(normal1, 10);
    for (const delta of [0.6, 0.8, 0.95]) {
      const rng = createRng(21);
      const state = nutsInit(new Float64Array([0.1]), normal1);
      const da = dualAveragingInit(1);
      const settings = { ...DEFAULT_DUAL_AVERAGING, delta };
      for (let i = 0; i < 2000; i++) {
        const info = nutsStep(rng, state, { stepSize: da.stepSize, metric: unitMetric(1), maxTreeDepth: 10, maxDeltaH: 1000 }, ws);
        dualAveragingUpdate(da, info.acceptStat, settings);
      }
      const eps = dualAveragingFinal(da);
      let acc = 0;
      const n = 4000;
      for (let i = 0; i < n; i++) acc += nutsStep(rng, state, { stepSize: eps, metric: unitMetric(1), maxTreeDepth: 10, maxDeltaH: 1000 }, ws).acceptStat;
      // The acceptance statistic has sd ≈ 0.1–0.2 per draw, so its mean over 4000 near-independent draws
      // is within ≈ 0.01; dual averaging's x̄ is a biased average of log ε, hence the wider ±0.05.
      expect(Math.abs(acc / n - delta)).toBeLessThan(0.05);
    }
  });
});
