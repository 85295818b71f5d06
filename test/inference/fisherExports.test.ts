/**
 * The gradient-informed metrics ("fisher-diag", "fisher-lowrank") are part of the public API: a user
 * choosing `metric` needs the names, and one building a sampler on the core needs the estimators
 * and the low-rank metric, from inference/'s index and (the names and types) from the package root.
 */
import { describe, expect, it } from "vitest";
import * as inference from "../../src/inference/index.js";
import * as root from "../../src/index.js";
import type { FisherKind, LowRankFactors, MetricKind } from "../../src/index.js";
import type { FisherLowRankSettings, LowRankMetric } from "../../src/inference/index.js";

describe("inference/index exports the Fisher metric API", () => {
  it("names every metric kind, the Fisher ones included", () => {
    expect(inference.METRIC_KINDS).toEqual(["diag", "dense", "fisher-diag", "fisher-lowrank"]);
    expect(root.METRIC_KINDS).toBe(inference.METRIC_KINDS);
  });

  it("exports the estimators, the warmup schedule and the low-rank metric", () => {
    for (const name of [
      "lowRankMetric",
      "fisherDiagonal",
      "fisherDiagonalFromGradient",
      "fisherLowRank",
      "fisherAdaptInit",
      "fisherAdaptUpdate",
      "buildFisherSchedule",
      "spdMean",
    ] as const) {
      expect(typeof inference[name], name).toBe("function");
    }
    expect(inference.DEFAULT_FISHER_LOWRANK).toEqual({ gamma: 1e-5, eigvalCutoff: 2 });
    expect(inference.DEFAULT_FISHER_SCHEDULE.earlyWindow).toBe(0.3);
    expect(inference.FISHER_VARIANCE_LIMITS.upper).toBe(1e20);
  });

  it("the exported pieces work together: a low-rank metric from factors a user holds", () => {
    const kind: MetricKind = "fisher-lowrank";
    const fk: FisherKind = kind;
    const settings: FisherLowRankSettings = inference.DEFAULT_FISHER_LOWRANK;
    const factors: LowRankFactors = { stds: Float64Array.of(1, 2), vectors: Float64Array.of(1, 0), values: Float64Array.of(4) };
    const m: LowRankMetric = inference.lowRankMetric(factors);
    // M⁻¹₀₀ = s₀² (1 + u₀² (λ − 1)) = 4, M⁻¹₁₁ = s₁² = 4.
    expect(Array.from(m.inverse)).toEqual([4, 4]);
    expect(fk).toBe("fisher-lowrank");
    expect(settings.eigvalCutoff).toBe(2);
  });
});
