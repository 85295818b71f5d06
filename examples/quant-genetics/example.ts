// Heritability from a small half-sib design: the REML estimate of the sire variance is 0, the posterior is not.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FitOptions } from "../../src/api/fit.js";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { UserError } from "../../src/errors.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { invPhi } from "../../src/math/invPhi.js";
import { quantileSorted } from "../../src/plots/quantile.js";
import type { ExampleOutcome } from "../types.js";
import { oneWayStats, remlOneWay } from "./reml.js";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export const title = "Quantitative genetics: heritability from an unbalanced half-sib design where REML says σ²_sire = 0 (simulated, known truth)";

export const FORMULA = "weight ~ 1 + (1 | sire)";
/**
 * σ_sire = σ_A / 2 and h² ≤ 1 give σ_sire ≤ σ_P / 2 ≈ 1 kg: a half-normal with scale 0.5 puts 95 %
 * of its mass below 1 kg. The others are weak (weights near 20 kg, sd a few kg).
 */
export const SD_SCALE = 0.5;
export const PRIORS = ["Intercept ~ normal(20, 10)", `sd ~ normal(0, ${SD_SCALE})`, "sigma ~ normal(0, 5)"] as const;

/** h² = 4 σ²_s / (σ²_s + σ²_e): half-sibs share a quarter of the additive variance. */
export const heritability = (varSire: number, varE: number): number => (4 * varSire) / (varSire + varE);

function q(a: Float64Array, p: number): number {
  return quantileSorted(Float64Array.from(a).sort(), p);
}

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const table = readCsvText(readFileSync(here("./data.csv"), "utf8"));
  const truth = JSON.parse(readFileSync(here("./truth.json"), "utf8")) as { var_sire: number; var_e: number; h2: number; seed: number };
  const sireCol = table.columns.sire;
  const yCol = table.columns.weight;
  if (sireCol.kind !== "string" || yCol.kind !== "numeric") throw new UserError("quant-genetics: data.csv must have a text column sire and a numeric column weight");
  const sires = sireCol.values as string[];
  const levels = [...new Set(sires)].sort();
  const reml = remlOneWay(oneWayStats(yCol.values, sires.map((s) => levels.indexOf(s)), levels.length));

  const { fit: result } = await fitFormulaModel({ formula: FORMULA, data: table, family: "gaussian", priors: PRIORS }, { seed: 1918, adaptDelta: 0.95, ...options });
  const sd = result.get("sd_sire__Intercept");
  const sigma = result.get("sigma");
  const varSire = sd.map((s) => s * s);
  const h2 = sd.map((s, d) => heritability(s * s, sigma[d] * sigma[d]));
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;

  // The prior's h², with σ²_e held at its REML estimate (the data pin it to a few per cent): σ_sire's
  // half-normal quantile p is SD_SCALE · Φ⁻¹((1 + p) / 2), and h² increases with σ_sire.
  const priorH2 = (p: number) => heritability((SD_SCALE * invPhi((1 + p) / 2)) ** 2, reml.varResidual);
  const n = {
    reml_var_sire: reml.varGroup,
    reml_var_e: reml.varResidual,
    reml_h2: heritability(reml.varGroup, reml.varResidual),
    var_sire_mean: mean(varSire),
    var_sire_q50: q(varSire, 0.5),
    var_sire_q5: q(varSire, 0.05),
    var_sire_q95: q(varSire, 0.95),
    h2_mean: mean(h2),
    h2_q50: q(h2, 0.5),
    h2_q5: q(h2, 0.05),
    h2_q95: q(h2, 0.95),
    h2_prior_q50: priorH2(0.5),
    h2_prior_q5: priorH2(0.05),
    h2_prior_q95: priorH2(0.95),
    p_h2_above_1: mean(h2.map((v) => (v > 1 ? 1 : 0))),
  };
  const f = (x: number) => x.toFixed(2);
  return {
    fit: result,
    numbers: n,
    conclusion: [
      `${levels.length} sires, ${sires.length} offspring (2–10 per sire; simulation seed ${truth.seed}, true σ²_sire ${truth.var_sire}, σ²_e ${truth.var_e}, h² ${truth.h2}).`,
      `REML (plug-in): σ²_sire = ${reml.varGroup === 0 ? "0 exactly (the boundary)" : f(reml.varGroup)}, σ²_e = ${f(reml.varResidual)} kg², so h² = ${f(n.reml_h2)}: ` +
        "the offspring of different sires differ no more than chance would make them, and the plug-in answer is that weaning weight is not heritable at all.",
      `Posterior: σ²_sire median ${f(n.var_sire_q50)} kg² (90% ${n.var_sire_q5.toFixed(3)}–${f(n.var_sire_q95)}), ` +
        `h² median ${f(n.h2_q50)}, mean ${f(n.h2_mean)} (90% ${f(n.h2_q5)}–${f(n.h2_q95)}; truth ${truth.h2}).`,
      `The data rule out a large heritability but not a zero or a moderate one: the prior alone gave h² median ${f(n.h2_prior_q50)} (90% ${f(n.h2_prior_q5)}–${f(n.h2_prior_q95)}), ` +
        "so with 12 sires the interval says more about how little the design can tell than about the trait — " +
        "the honest report is this interval, not the REML zero; only a larger design (above all, more sires) would narrow it.",
    ].join("\n"),
  };
}
