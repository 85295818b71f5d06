/**
 * s() against brms 2.18 (fixtures/smooths-brms.json, written by bench/qa/smooths-brms.R: chains 4,
 * iter 2000, seed 1, default priors): mcycle `accel ~ s(times)` (tp) and `s(times, bs = "cr", k = 12)`,
 * and simulated `y ~ s(x) + (1 | g)` (gaussian) and `count ~ s(x) + (1 | g)` (poisson). hbayes runs
 * 4 × (1000 + 1000) too. Compared: b_Intercept, bs_*, sd_*, sds_*, sigma (means within 4 combined
 * MCSEs, posterior sds within 10 %: validation/brms's checkAgainstReference) and the population-level
 * curve (brms's posterior_epred(re_formula = NA)) at 20 new x, means within 4 combined MCSEs.
 * s_*[j] are not compared: their columns are eigenvectors, signs and order arbitrary (smooth.ts).
 * bs_* is compared after turning hbayes's sign to brms's (the fixture's xs_sign).
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { newdataSmooth } from "../../src/formula/smoothDesign.js";
import { posteriorEpred } from "../../src/predict/index.js";
import { readCsvText } from "../../src/io/index.js";
import { checkAgainstReference, type BrmsReference } from "../../validation/brms/cases.js";

interface Case {
  readonly formula: string;
  readonly family: string;
  readonly data: string;
  readonly x: string;
  readonly xs_sign: number;
  readonly parameters: { name: string; mean: number; sd: number; mcse_mean: number }[];
  readonly curve: { x: number; mean: number; sd: number; mcse_mean: number }[];
}
const FIXTURE: Record<string, Case> = JSON.parse(readFileSync(new URL("./fixtures/smooths-brms.json", import.meta.url), "utf8"));

export const SMOOTH_CASES = ["mcycle_tp", "mcycle_cr", "gaussian_group", "poisson_group"] as const;

export interface CurvePoint {
  readonly x: number;
  readonly ours: number;
  readonly ref: number;
  readonly z: number;
}

export async function smoothsAgreement(name: (typeof SMOOTH_CASES)[number]): Promise<{ worstZ: number; curve: CurvePoint[]; failures: string[]; rows: { name: string; ours: number; oursMcse: number; ref: number; refMcse: number; z: number; sdRelErr: number }[] }> {
  const c = FIXTURE[name];
  const data = readCsvText(readFileSync(new URL(`../../bench/qa/data/${c.data}`, import.meta.url), "utf8"));
  const { fit, model } = await fitFormulaModel({ formula: c.formula, data, family: c.family }, { chains: 4, warmup: 1000, draws: 1000, seed: 20261129, threads: 1 });
  const rows = summarizeFit(fit)
    .rows.filter((r) => /^(b_|bs_|sd_|sds_|sigma$)/.test(r.name))
    .map((r) => (r.name.startsWith("bs_") && c.xs_sign < 0 ? { ...r, mean: -r.mean, q5: -r.q95, q50: -r.q50, q95: -r.q5 } : r));
  const ref = c.parameters.filter((p) => /^(b_|bs_|sd_|sds_|sigma$)/.test(p.name));
  const check = checkAgainstReference(rows, { parameters: ref } as unknown as BrmsReference);
  expect(check.missing).toEqual([]);
  expect(check.extra).toEqual([]);
  const failures = check.failures.map((f) => `${f.name}: mean ${f.ours?.mean} vs ${f.ref.mean} (z = ${f.z.toFixed(2)}), sd ${f.ours?.sd} vs ${f.ref.sd}`);
  // The population-level curve: inverse link of b_Intercept + Xs·bs + Zs·s at the grid, per draw.
  const d = fit.draws;
  const S = d.draws;
  const col = (v: string) => {
    const k = d.names.indexOf(v);
    expect(k).toBeGreaterThanOrEqual(0);
    return (chain: number, s: number) => d.data[k * d.chains * S + chain * S + s];
  };
  const sm = (model.design.smooths ?? [])[0];
  const grid = c.curve.map((p) => p.x);
  const basis = newdataSmooth(sm, { [c.x]: grid }, Int32Array.from(grid, (_, i) => i));
  const b0 = col("b_Intercept");
  const bs = sm.xsNames.map((x) => col(`bs_${x}`));
  const s = sm.names.s.map(col);
  const curve = grid.map((x, i) => {
    const chains = Array.from({ length: d.chains }, (_, ch) =>
      Float64Array.from({ length: S }, (_, t) => {
        let eta = b0(ch, t);
        bs.forEach((f, j) => (eta += basis.Xs[j][i] * f(ch, t)));
        s.forEach((f, j) => (eta += basis.Zs[i * sm.q + j] * f(ch, t)));
        return c.family === "poisson" ? Math.exp(eta) : eta;
      }),
    );
    let sum = 0;
    for (const ch of chains) for (const v of ch) sum += v;
    const ours = sum / (d.chains * S);
    const z = (ours - c.curve[i].mean) / Math.sqrt(mcseMean(chains) ** 2 + c.curve[i].mcse_mean ** 2);
    if (!(Math.abs(z) < 4)) failures.push(`curve at ${x}: ${ours} vs ${c.curve[i].mean} (z = ${z.toFixed(2)})`);
    return { x, ours, ref: c.curve[i].mean, z };
  });
  // Without group terms the library's posteriorEpred on new data is the same curve (mgcv's PredictMat
  // basis through model.json's path): equal to the hand-made one up to rounding.
  if (model.design.groups.length === 0) {
    const ep = posteriorEpred(fit, model, { [c.x]: grid });
    curve.forEach((p, i) => {
      let sum = 0;
      for (let t = 0; t < ep.draws; t++) sum += ep.data[t * ep.observations + i];
      expect(Math.abs(sum / ep.draws - p.ours)).toBeLessThan(1e-9 * (1 + Math.abs(p.ours)));
    });
  }
  const worstZ = Math.max(check.worstZ, ...curve.map((p) => Math.abs(p.z)));
  const table = check.checks.map((k) => ({ name: k.name, ours: k.ours?.mean ?? NaN, oursMcse: k.ours?.mcse_mean ?? NaN, ref: k.ref.mean, refMcse: k.ref.mcse_mean, z: k.z, sdRelErr: k.sdRelErr }));
  return { worstZ, curve, failures, rows: table };
}
