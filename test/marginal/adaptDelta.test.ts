import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { MARGINAL_ADAPT_DELTA } from "../../src/marginal/fitBeyond.js";
import * as M from "./support/models.js";

const SHORT = { chains: 2, warmup: 150, draws: 100, seed: 2, threads: 1 } as const;

describe("the step-size target of small marginal fits", () => {
  it("pumps with λ integrated out (2 sampled coordinates): 0.65 unless asked, reported in summary.json", async () => {
    const f = await fit(M.pumps, M.pumpsData(), SHORT);
    expect(f.beyond?.marginalized.map((b) => b.param)).toEqual(["lambda"]);
    expect(f.result.settings.adaptDelta).toBe(MARGINAL_ADAPT_DELTA);
    expect(summarizeFit(f).json.settings).toMatchObject({ adapt_delta: 0.65, metric: "dense" });
  });

  it("a target the user gives is kept", async () => {
    const f = await fit(M.pumps, M.pumpsData(), { ...SHORT, adaptDelta: 0.9 });
    expect(f.result.settings.adaptDelta).toBe(0.9);
    expect(summarizeFit(f).json.settings.adapt_delta).toBe(0.9);
  });

  it("a fit that samples its group parameters keeps Stan's 0.8", async () => {
    const f = await fit(M.pumps, M.pumpsData(), { ...SHORT, marginalize: "none" });
    expect(f.result.settings.adaptDelta).toBe(0.8);
  });
});
