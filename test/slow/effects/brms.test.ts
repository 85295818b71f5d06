// conditional_effects and bayes_R2 against brms 2.18 (test/effects/fixtures/brms-refs.json): each
// model fitted here as brms fitted it (4 chains × 1000 draws after 1000 warmup, brms's default
// priors), so the two are independent Monte Carlo estimates of the same posterior summaries.
// Tolerance: |ours − brms| < 4 × √(MCSE_ours² + MCSE_brms²), each MCSE posterior's mcse_quantile
// (ours from our chains; brms's stored by make-refs.R) — a 4-sigma test of equal expectations.
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../../src/api/formulaFit.js";
import { mcseMean, mcseQuantile } from "../../../src/diagnostics/mcse.js";
import { conditionalEffects, bayesR2, looR2, looR2FromDraws } from "../../../src/effects/index.js";
import { createDraws, type Draws } from "../../../src/posterior/draws.js";
import { readCsvFile } from "../../../src/io/readCsvFile.js";
import { dparLinpredDraws, linpredDraws } from "../../../src/predict/linpred.js";
import { epredFromLinpred, predictFromLinpred } from "../../../src/predict/response.js";
import { newDataRows } from "../../../src/predict/rows.js";
import { resolvePredictOptions } from "../../../src/predict/types.js";
import { BRMS_REFS, dataPath } from "../../effects/brmsRefs.js";

const K = 4;

/** Draws from..from + count of chain c, as a one-chain Draws. */
function slice(d: Draws, c: number, from: number, count: number): Draws {
  const out = createDraws(d.names, 1, count);
  for (let v = 0; v < d.names.length; v++) out.data.set(d.data.subarray((v * d.chains + c) * d.draws + from, (v * d.chains + c) * d.draws + from + count), v * count);
  return out;
}

function perChain(values: Float64Array, chains: number): Float64Array[] {
  const n = values.length / chains;
  return Array.from({ length: chains }, (_, c) => values.subarray(c * n, (c + 1) * n));
}

describe.each(Object.entries(BRMS_REFS))("%s: conditional effects and Bayes R² agree with brms within Monte Carlo error", (name, ref) => {
  const data = readCsvFile(dataPath(ref));
  const fitted = fitFormulaModel({ formula: ref.formula, family: ref.family, data }, { chains: 4, warmup: 1000, draws: 1000, seed: 20261129 });

  it("bayes_R2: estimate and 95 % interval", async () => {
    const { fit, model } = await fitted;
    const r = bayesR2(fit, model);
    const b = ref.bayes_R2;
    const chains = perChain(r.draws, fit.draws.chains);
    const check = (ours: number, theirs: number, mcseOurs: number, mcseTheirs: number, what: string) => {
      console.log(`${name} R² ${what}: ${ours.toFixed(4)} vs brms ${theirs.toFixed(4)}, |Δ| / combined MCSE ${(Math.abs(ours - theirs) / Math.hypot(mcseOurs, mcseTheirs)).toFixed(2)}`);
      expect(Math.abs(ours - theirs), `${name} R² ${what}: ${ours} vs brms ${theirs}`).toBeLessThan(K * Math.hypot(mcseOurs, mcseTheirs));
    };
    check(r.estimate, b.estimate, mcseMean(chains), b.mcse_mean, "mean");
    check(r.q2_5, b.q2_5, mcseQuantile(chains, 0.025), b.mcse_q2_5, "q2.5");
    check(r.q97_5, b.q97_5, mcseQuantile(chains, 0.975), b.mcse_q97_5, "q97.5");
  });

  // loo_R2's Monte Carlo error is mostly that of the PSIS-LOO predictions, which the spread of its
  // bootstrap draws does not show. Each side's is estimated from 8 batches (half-chains of 500 draws):
  // the sd of the batch summaries over √8 (make-refs.R does the same with brms's .loo_R2). Then
  // |ours − brms| < 4 · √(MCSE_ours² + MCSE_brms²).
  it("loo_R2: estimate and 95 % interval", async () => {
    const { fit, model } = await fitted;
    const r = looR2(fit, model);
    const b = ref.loo_R2;
    const half = fit.draws.draws / 2;
    const batches = Array.from({ length: 2 * fit.draws.chains }, (_, k) => looR2FromDraws(slice(fit.draws, Math.floor(k / 2), (k % 2) * half, half), model.design, k + 1));
    const picks = [(x: typeof r) => x.estimate, (x: typeof r) => x.q2_5, (x: typeof r) => x.q97_5];
    (["mean", "q2.5", "q97.5"] as const).forEach((what, j) => {
      const v = batches.map(picks[j]);
      const m = v.reduce((a, x) => a + x, 0) / v.length;
      const ours = Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / (v.length - 1)) / Math.sqrt(v.length);
      const tol = Math.hypot(ours, b.batch_mcse[j]);
      const [mine, theirs] = [picks[j](r), [b.estimate, b.q2_5, b.q97_5][j]];
      console.log(`${name} loo_R2 ${what}: ${mine.toFixed(4)} vs brms ${theirs.toFixed(4)}, |Δ| / combined MCSE ${(Math.abs(mine - theirs) / tol).toFixed(2)}`);
      expect(Math.abs(mine - theirs), `${name} loo_R2 ${what}: ${mine} vs brms ${theirs}`).toBeLessThan(K * tol);
    });
  });

  for (const [method, key] of [["epred", "posterior_epred"], ["predict", "posterior_predict"]] as const) {
    const refs = ref[key];
    if (!refs) continue;
    it(`${method}: median and 95 % band of every default effect at every grid point`, async () => {
      const { fit, model } = await fitted;
      const effects = conditionalEffects(fit, model, data, { method });
      expect(effects.map((e) => e.name)).toEqual(Object.keys(refs));
      // Our MCSE per grid point needs the draws: predict the same grid again through the same path.
      const opts = resolvePredictOptions({ allowNewLevels: true, seed: fit.result.settings.seed });
      let worst = 0;
      for (const e of effects) {
        const b = refs[e.name];
        const newdata: Record<string, (number | string)[]> = {};
        // factor(Trt) on a numeric column: its level labels go back as numbers.
        const raw = (col: string, v: number | string) => (typeof v === "string" && data.columns[col]?.kind === "numeric" ? Number(v) : v);
        for (const c of e.columns) newdata[c.name] = Array.from(c.values as ArrayLike<number | string>, (v) => raw(c.name, v));
        for (const [k, v] of Object.entries(e.conditions)) newdata[k] = new Array(e.n).fill(raw(k, v));
        for (const g of model.design.groups) newdata[g.group] = new Array(e.n).fill(g.levels[0]);
        const rows = newDataRows(model.design, newdata, true);
        const zeroed = { ...rows, groups: rows.groups.map((g) => ({ ...g, Z: new Float64Array(g.Z.length) })), dparGroups: rows.dparGroups.map((gs) => gs.map((g) => ({ ...g, Z: new Float64Array(g.Z.length) }))) };
        const eta = linpredDraws(fit.draws, model.design, zeroed, opts);
        const parts = dparLinpredDraws(fit.draws, model.design, zeroed, opts);
        const m = method === "epred" ? epredFromLinpred(fit.draws, model.design, zeroed, eta, parts) : predictFromLinpred(fit.draws, model.design, zeroed, eta, opts.seed, parts);
        for (let i = 0; i < e.n; i++) {
          const col = new Float64Array(m.draws);
          for (let s = 0; s < m.draws; s++) col[s] = m.data[s * m.observations + i];
          const chains = perChain(col, fit.draws.chains);
          const pairs: [number, number, number, number, string][] = [
            [e.estimate[i], b.estimate[i], mcseQuantile(chains, 0.5), b.mcse_estimate[i], "estimate"],
            [e.lower[i], b.lower[i], mcseQuantile(chains, 0.025), b.mcse_lower[i], "lower"],
            [e.upper[i], b.upper[i], mcseQuantile(chains, 0.975), b.mcse_upper[i], "upper"],
          ];
          for (const [ours, theirs, mo, mt, what] of pairs) {
            // Discrete responses (binomial with trials 1) have equal quantiles and zero MCSE: equal is agreement.
            const z = ours === theirs ? 0 : Math.abs(ours - theirs) / Math.hypot(mo, mt);
            worst = Math.max(worst, z);
            expect(z, `${name} ${method} ${e.name} row ${i + 1} ${what}: ${ours} vs brms ${theirs}`).toBeLessThan(K);
          }
        }
      }
      console.log(`${name} ${method}: largest |Δ| / combined MCSE ${worst.toFixed(2)}`);
    });
  }
});
