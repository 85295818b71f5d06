// Point hypotheses with prior draws (brms's sample_prior = "yes"): the Savage–Dickey evidence ratio.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { densityAt } from "../../src/hypothesis/densityAt.js";
import { hypothesis } from "../../src/hypothesis/hypothesis.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { createDraws, variableOf, type Draws } from "../../src/posterior/draws.js";

const FIX = new URL("./fixtures/", import.meta.url);
const ref = JSON.parse(readFileSync(new URL("savage-dickey-refs.json", FIX), "utf8"));

/** make-sd-refs.R's brmsfit draws, posterior and prior_* columns (2 chains, one after the other). */
function brmsDraws(): Draws {
  const lines = readFileSync(new URL("mtcars-sd-draws.csv", FIX), "utf8").trim().split("\n");
  const names = lines[0].split(",").map((s) => s.replace(/"/g, ""));
  const d = createDraws(names, 2, (lines.length - 1) / 2);
  for (let r = 1; r < lines.length; r++) lines[r].split(",").forEach((v, k) => (variableOf(d, k)[r - 1] = Number(v)));
  return d;
}

describe("Savage–Dickey against brms 2.18 on the same draws", () => {
  const draws = brmsDraws();
  const col = (n: string) => variableOf(draws, draws.names.indexOf(n));

  it("densityAt is R's density() read by spline(), as brms's density_ratio", () => {
    // FFT rounding differs from R's: agreement to ~1e-12 relative where the density is not tiny.
    expect(densityAt(col("b_wt"), 0)).toBeCloseTo(ref.density.post_wt_at_0, 14);
    expect(Math.abs(densityAt(col("b_wt"), 0) / ref.density.post_wt_at_0 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(densityAt(col("b_wt"), -3) / ref.density.post_wt_at_m3 - 1)).toBeLessThan(1e-9);
    // Far in the tail (the point lies beyond the draws, the range stretched by sd/4): absolute agreement.
    expect(Math.abs(densityAt(col("b_hp"), 1) - ref.density.post_hp_far)).toBeLessThan(1e-15);
  });

  it("evidence ratios of point hypotheses, class b and full names; none for the overall intercept", () => {
    const b = hypothesis(draws, ["wt = 0", "hp = 0", "wt + 3 = 0", "Intercept = 30"]).rows;
    b.forEach((row, i) => {
      const r = ref.b[i];
      expect(row.hypothesis).toBe(r.Hypothesis);
      if (r["Evid.Ratio"] === "NA") expect(row.evidRatio).toBeNaN();
      else {
        expect(Math.abs(row.evidRatio / r["Evid.Ratio"] - 1)).toBeLessThan(1e-8);
        expect(row.postProb).toBeCloseTo(r["Post.Prob"], 9);
      }
    });
    const full = hypothesis(draws, ["sigma = 3", "sd_cyl__Intercept = 1"], { class: "" }).rows;
    full.forEach((row, i) => expect(Math.abs(row.evidRatio / ref.full[i]["Evid.Ratio"] - 1)).toBeLessThan(1e-8));
  });
});

describe('samplePrior: "yes"', () => {
  it("adds brms's prior_* columns, drawn from each proper prior, and hypothesis() uses them", async () => {
    const data = readCsvFile("data/sleepstudy.csv");
    const { fit } = await fitFormulaModel(
      { formula: "Reaction ~ Days + (Days | Subject)", data, priors: ["b ~ normal(0, 10)", "sigma ~ exponential(0.05)"], samplePrior: "yes" },
      { seed: 2, chains: 2, warmup: 500, draws: 1000 },
    );
    expect(fit.names.filter((n) => n.startsWith("prior_"))).toEqual(["prior_Intercept", "prior_b", "prior_sigma", "prior_sd_Subject", "prior_cor_Subject"]);
    const pb = fit.get("prior_b");
    const mean = pb.reduce((a, v) => a + v, 0) / pb.length;
    const sd = Math.sqrt(pb.reduce((a, v) => a + (v - mean) ** 2, 0) / (pb.length - 1));
    // 2,000 independent draws of normal(0, 10): 4 standard errors of the mean and the sd.
    expect(Math.abs(mean)).toBeLessThan(4 * 10 / Math.sqrt(2000));
    expect(Math.abs(sd / 10 - 1)).toBeLessThan(4 / Math.sqrt(2 * 2000));
    // exponential(0.05) has mean 20; the half student_t sds and LKJ(1)'s correlation stay in range.
    const sig = fit.get("prior_sigma");
    expect(Math.abs(sig.reduce((a, v) => a + v, 0) / sig.length / 20 - 1)).toBeLessThan(4 / Math.sqrt(2000));
    expect(fit.get("prior_sd_Subject").every((v) => v >= 0)).toBe(true);
    expect(fit.get("prior_cor_Subject").every((v) => v > -1 && v < 1)).toBe(true);
    // Days has a strong effect (~10 ms/day): the data speak against b_Days = 0 by far.
    const [h] = hypothesis(fit, ["Days = 0"]).rows;
    expect(h.evidRatio).toBeLessThan(0.01);
    // The same seed gives the same prior draws.
    const again = await fitFormulaModel({ formula: "Reaction ~ Days + (Days | Subject)", data, priors: ["b ~ normal(0, 10)", "sigma ~ exponential(0.05)"], samplePrior: "yes" }, { seed: 2, chains: 2, warmup: 500, draws: 1000 });
    expect(Array.from(again.fit.get("prior_b"))).toEqual(Array.from(pb));
  });
});
