import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import * as M from "./support/models.js";

const SHORT = { chains: 2, warmup: 150, draws: 100, seed: 2, threads: 1 } as const;

describe("the step-size target of a marginal fit", () => {
  it("is Stan's 0.8 unless asked (a lower one diverges where a group sd is near 0), reported in summary.json", async () => {
    const f = await fit(M.pumps, M.pumpsData(), SHORT);
    expect(f.beyond?.marginalized.map((b) => b.param)).toEqual(["lambda"]);
    expect(f.result.settings.adaptDelta).toBe(0.8);
    expect(summarizeFit(f).json.settings).toMatchObject({ adapt_delta: 0.8, metric: "dense" });
  });

  it("a target the user gives is kept and reported", async () => {
    const f = await fit(M.pumps, M.pumpsData(), { ...SHORT, adaptDelta: 0.9 });
    expect(f.result.settings.adaptDelta).toBe(0.9);
    expect(summarizeFit(f).json.settings.adapt_delta).toBe(0.9);
  });
});
