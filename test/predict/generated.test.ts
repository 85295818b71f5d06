import { beforeAll, describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import type { Fit } from "../../src/api/fitResult.js";
import { psisLoo } from "../../src/diagnostics/loo.js";
import { poissonLpmf } from "../../src/distributions/index.js";
import { generatedDraws, logLikDsl, posteriorPredictDsl } from "../../src/predict/index.js";
import pumps from "../../examples/pumps/model.js";
import { column, mean, SHORT } from "./fits.js";

// BUGS pumps (data/pumps.csv): failures over operating times.
const data = {
  failures: [5, 1, 5, 14, 3, 19, 1, 1, 4, 22],
  time: [94.3, 15.7, 62.9, 126, 5.24, 31.4, 1.05, 1.05, 2.1, 10.5],
};

let withGq: Fit;
let without: Fit;
beforeAll(async () => {
  withGq = await fit(pumps, data, { ...SHORT, seed: 21, generated: true });
  without = await fit(pumps, data, { ...SHORT, seed: 21 });
});

describe("DSL generated quantities after sampling", () => {
  it("logLikDsl equals poisson_lpmf(failures | lambda · time) by hand for every draw", () => {
    const ll = logLikDsl(withGq);
    expect([ll.draws, ll.observations]).toEqual([600, 10]);
    const lambda = withGq.get("lambda", "elements");
    let worst = 0;
    for (let s = 0; s < ll.draws; s++) {
      for (let i = 0; i < 10; i++) worst = Math.max(worst, Math.abs(ll.data[s * 10 + i] - poissonLpmf(data.failures[i], lambda[i][s] * data.time[i])));
    }
    // Constrained draws → unconstrain → constrain again: a few ulps of lambda.
    expect(worst).toBeLessThan(1e-9);
    expect(Number.isFinite(psisLoo(ll, { chainIds: ll.chainIds }).elpd_loo)).toBe(true);
  });

  it("posteriorPredictDsl gives failures_rep: counts whose mean over draws matches lambda · time (4 Poisson standard errors)", () => {
    const yrep = posteriorPredictDsl(withGq);
    const lambda = withGq.get("lambda", "elements");
    for (let i = 0; i < 10; i++) {
      const rep = column(yrep, i);
      expect(rep.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      const rate = lambda[i].map((l) => l * data.time[i]);
      // Given the rates, Σ y_rep − Σ rate has variance Σ rate.
      expect(Math.abs(mean(rep) - mean(rate))).toBeLessThan((4 * Math.sqrt(mean(rate) * rep.length)) / rep.length);
    }
  });

  it("the same seed gives the same replicates whether or not the fit compiled them, another seed others", () => {
    const a = posteriorPredictDsl(withGq, { seed: 5 });
    const b = posteriorPredictDsl(withGq, { seed: 5 });
    const c = posteriorPredictDsl(withGq, { seed: 6 });
    expect(a.data).toEqual(b.data);
    expect(a.data).not.toEqual(c.data);
    // Same seed, same sampler draws: the fit without generated quantities is recompiled with them.
    expect(posteriorPredictDsl(without, { seed: 5 }).data).toEqual(a.data);
    expect(generatedDraws(without).names).toEqual(withGq.compiled.generatedNames);
  });

  it("naming a quantity that does not exist lists the ones that do", () => {
    expect(() => posteriorPredictDsl(withGq, { name: "y_rep" })).toThrow(/failures_rep/);
  });
});
