import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { beyondFooter, summarizeFit } from "../../src/api/fitSummary.js";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { logLikDsl, posteriorPredictDsl } from "../../src/predict/index.js";
import { sleepstudyData } from "./support/models.js";
import { SLEEP_FORMULA, SLEEP_FORMULA_PRIORS, sleepMvn, sleepMvnFlat, sleepMvnMean } from "./support/mvnModels.js";
import { expectSameParameter, expectSamePosterior } from "../support/samePosterior.js";
import { mean } from "../support/moments.js";

const data = sleepstudyData();
const OPTS = { chains: 4, warmup: 500, draws: 1000, seed: 11, threads: 1 } as const;
const J = 18;
const bNames = Array.from({ length: J * 2 }, (_, e) => `b[${Math.floor(e / 2) + 1},${(e % 2) + 1}]`);
const levels = [...new Set(data.Subject)].sort();

describe("fit of sleepstudy written with b ~ multi_normal_cholesky and b.col(m).at(g)", () => {
  it("integrates b out by default: the same posterior as marginalize: 'none' for every output, b[j,m] names, no ζ or r", async () => {
    const marg = await fit(sleepMvnFlat, data, OPTS);
    const full = await fit(sleepMvnFlat, data, { ...OPTS, marginalize: "none", reparam: "none" });
    expect(marg.beyond?.marginalized).toEqual([{ param: "b", kind: "normal_normal", groups: J, effects: 2 }]);
    expect(full.beyond).toBeNull();
    expect(marg.names).toEqual(full.names);
    expect(marg.names.filter((n) => n.startsWith("b["))).toEqual(bNames);
    // No coordinate ζ, effect r or hidden slot of the rewrite (all named "b.…") in the draws.
    expect(marg.result.draws.names.filter((n) => n.startsWith("b.") || n.includes("cond"))).toEqual([]);
    expect(marg.divergences).toBe(0);
    // L[2,2] = √(1 − L[2,1]²) is checked through L[2,1] (its sd comes from a thin tail towards 0; see correlatedFit.test.ts).
    expectSamePosterior(marg, full, marg.names.filter((n) => n !== "L[2,2]"));
  }, 60_000);

  it("b centred on a parameter mean mu (b[j,m] = mu_m + (C ζ_j)_m): integrated out, the same posterior as marginalize: 'none'", async () => {
    const m = sleepMvnMean();
    const marg = await fit(m, data, OPTS);
    const full = await fit(m, data, { ...OPTS, marginalize: "none", reparam: "none" });
    expect(marg.beyond?.marginalized).toEqual([{ param: "b", kind: "normal_normal", groups: J, effects: 2 }]);
    expect(marg.names).toEqual(full.names);
    expect(marg.divergences).toBe(0);
    expectSamePosterior(marg, full, marg.names.filter((n) => n !== "L[2,2]"));
  }, 60_000);

  it("the same posterior as the formula fit Reaction ~ Days + (Days | Subject) with the same priors", async () => {
    const marg = await fit(sleepMvnFlat, data, OPTS);
    const brm = (await fitFormulaModel({ formula: SLEEP_FORMULA, data, priors: SLEEP_FORMULA_PRIORS }, OPTS)).fit;
    const pairs: [string, string][] = [
      ["alpha", "b_Intercept"],
      ["beta", "b_Days"],
      ["tau[1]", "sd_Subject__Intercept"],
      ["tau[2]", "sd_Subject__Days"],
      ["L[2,1]", "cor_Subject__Intercept__Days"],
      ["sigma", "sigma"],
    ];
    for (let j = 0; j < J; j++) {
      pairs.push([`b[${j + 1},1]`, `r_Subject[${levels[j]},Intercept]`], [`b[${j + 1},2]`, `r_Subject[${levels[j]},Days]`]);
    }
    for (const [a, b] of pairs) expectSameParameter(marg, a, brm, b);
  }, 60_000);

  it("log_lik and predictions run on the drawn b: log_lik[i] = normal_lpdf(y_i | alpha + b[g_i,1] + (beta + b[g_i,2]) days_i, σ) per draw", async () => {
    const f = await fit(sleepMvn, data, { chains: 2, warmup: 200, draws: 100, seed: 3, threads: 1, generated: true });
    expect(f.beyond?.marginalized.map((m) => m.param)).toEqual(["b"]);
    const ll = logLikDsl(f);
    expect([ll.draws, ll.observations]).toEqual([200, 180]);
    const [alpha, beta, sigma] = ["alpha", "beta", "sigma"].map((n) => f.get(n));
    const b = bNames.map((n) => f.get(n));
    const g = data.Subject.map((s) => levels.indexOf(s));
    let worst = 0;
    for (let s = 0; s < ll.draws; s += 7) {
      for (let i = 0; i < 180; i++) {
        const mu = alpha[s] + b[2 * g[i]][s] + (beta[s] + b[2 * g[i] + 1][s]) * data.Days[i];
        const lp = -0.5 * ((data.Reaction[i] - mu) / sigma[s]) ** 2 - Math.log(sigma[s]) - 0.5 * Math.log(2 * Math.PI);
        worst = Math.max(worst, Math.abs(ll.data[s * 180 + i] - lp));
      }
    }
    // The same arithmetic up to the order of additions and the draws' round trip through the transforms.
    expect(worst).toBeLessThan(1e-8);
    const rep = posteriorPredictDsl(f);
    expect([rep.draws, rep.observations]).toEqual([200, 180]);
    expect(rep.data.every(Number.isFinite)).toBe(true);
    // Replicates centre on the data: Reaction ≈ 300 with sd ≈ 56.
    expect(Math.abs(mean(rep.data) - mean(Float64Array.from(data.Reaction)))).toBeLessThan(10);
  }, 60_000);

  it("summary.json and the footer report b integrated out as multivariate normal–normal", async () => {
    const f = await fit(sleepMvn, data, { chains: 2, warmup: 150, draws: 100, seed: 2, threads: 1 });
    expect(summarizeFit(f).json.settings.marginalized).toEqual([{ param: "b", kind: "normal_normal", groups: J, effects: 2 }]);
    expect(beyondFooter(f)).toBe("marginalised: b (multivariate normal–normal, 2 correlated effects, 18 groups); reparam: auto");
  });

  it("same seed → the same draws bit for bit in this thread and in 2 workers (the plan is posted to them)", async () => {
    const short = { chains: 2, warmup: 100, draws: 100, seed: 5 } as const;
    const a = await fit(sleepMvn, data, { ...short, threads: 1 });
    const b = await fit(sleepMvn, data, { ...short, threads: 2 });
    expect(b.beyond?.marginalized.map((m) => m.param)).toEqual(["b"]);
    expect(Array.from(b.result.draws.data)).toEqual(Array.from(a.result.draws.data));
  }, 60_000);
});
