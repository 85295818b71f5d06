// brms's sample_prior = "only": the likelihood is left out, the draws are the prior's.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel } from "../../src/api/formulaFit.js";
import { flatPriors, withoutLikelihood } from "../../src/api/priorOnly.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { posteriorPredict } from "../../src/predict/index.js";
import { runCli } from "../support/runCli.js";

const SLEEP = "data/sleepstudy.csv";
const sleep = readCsvFile(SLEEP);
const FORMULA = "Reaction ~ Days + (Days | Subject)";

function quantile(x: Float64Array, p: number): number {
  const s = Float64Array.from(x).sort();
  return s[Math.floor(p * (s.length - 1))];
}

describe("sample_prior = only", () => {
  it("drops exactly the likelihood statement and log_lik; y_rep stays", () => {
    const full = buildFormulaModel({ formula: FORMULA, data: sleep, priors: ["b ~ normal(0, 10)"] });
    const prior = buildFormulaModel({ formula: FORMULA, data: sleep, priors: ["b ~ normal(0, 10)"], samplePrior: "only" });
    expect(prior.samplePrior).toBe("only");
    expect(full.samplePrior).toBe("no");
    const fs = full.built.program.statements;
    const ps = prior.built.program.statements;
    expect(ps.length).toBe(fs.length - 1);
    const kept = new Set(ps.map((s) => JSON.stringify(s)));
    const dropped = fs.filter((s) => !kept.has(JSON.stringify(s)));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ kind: "distribution", lhs: { op: "ref", src: "data" } });
    expect((prior.built.program.generated ?? []).map((g) => g.kind)).toEqual(["rng"]);
    expect(() => withoutLikelihood(prior.built.program)).toThrow(/no likelihood statement/);
  });

  it("draws the priors: b ~ normal(0, 10), sd and sigma half student_t(3, 0, 59.3), cor uniform", async () => {
    const { fit } = await fitFormulaModel({ formula: FORMULA, data: sleep, priors: ["b ~ normal(0, 10)"], samplePrior: "only" }, { seed: 3 });
    expect(fit.divergences).toBe(0);
    const b = fit.get("b_Days");
    const mean = b.reduce((a, v) => a + v, 0) / b.length;
    const sd = Math.sqrt(b.reduce((a, v) => a + (v - mean) ** 2, 0) / (b.length - 1));
    // 4,000 draws with ESS in the thousands: 4 MCSE of the mean is ~0.7, of the sd ~5 %.
    expect(Math.abs(mean)).toBeLessThan(0.8);
    expect(Math.abs(sd / 10 - 1)).toBeLessThan(0.06);
    // Median of a half student_t(3, 0, 59.3): 59.3 · qt(0.75, 3) = 45.36 (R); its MCSE here is ~1.
    for (const name of ["sd_Subject__Intercept", "sd_Subject__Days", "sigma"]) expect(Math.abs(quantile(fit.get(name), 0.5) - 45.36)).toBeLessThan(4.5);
    // LKJ(1) on a 2 × 2 correlation: uniform on (−1, 1), quartiles ∓0.5.
    const cor = fit.get("cor_Subject__Intercept__Days");
    expect(Math.abs(quantile(cor, 0.25) + 0.5)).toBeLessThan(0.06);
    expect(Math.abs(quantile(cor, 0.75) - 0.5)).toBeLessThan(0.06);
  });

  it("predictions from the prior draws are the prior predictive distribution (far wider than the data)", async () => {
    const { fit, model } = await fitFormulaModel({ formula: "Reaction ~ Days", data: sleep, priors: ["b ~ normal(0, 10)"], samplePrior: "only" }, { seed: 1, chains: 2 });
    const yrep = posteriorPredict(fit, model);
    const col = new Float64Array(yrep.draws);
    for (let d = 0; d < yrep.draws; d++) col[d] = yrep.data[d * yrep.observations];
    // The data's sd is 56; under these priors one reaction time varies by the intercept's student_t(3) and sigma's.
    expect(quantile(col, 0.95) - quantile(col, 0.05)).toBeGreaterThan(300);
  });

  it("refuses flat priors, naming each parameter and how to give it a prior", () => {
    expect(() => buildFormulaModel({ formula: FORMULA, data: sleep, samplePrior: "only" })).toThrow(/flat \(improper\) priors: b_Days\. Give them one, e\.g\. --prior "b ~ normal\(0, 5\)"/);
    const m = buildFormulaModel({ formula: "bf(Reaction ~ Days, sigma ~ Days)", data: sleep, priors: ["b[Days] ~ normal(0, 10)"] });
    expect(flatPriors(m.priors.table)).toEqual(["b_sigma_Days"]);
    expect(() => buildFormulaModel({ formula: "Reaction ~ Days", data: sleep, samplePrior: "maybe" as never })).toThrow(/samplePrior must be one of no, only, yes/);
  });
});

describe("hbayes fit --sample-prior only", () => {
  const dir = mkdtempSync(join(tmpdir(), "hbayes-prior-only-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("records the choice, says so, and hbayes compare refuses the fit", async () => {
    const r = await runCli(["fit", "--data", SLEEP, "--formula", "Reaction ~ Days", "--prior", "b ~ normal(0, 10)", "--sample-prior", "only", "--chains", "2", "--warmup", "300", "--draws", "300", "--out", dir]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/prior only \(--sample-prior only\): the likelihood was left out/);
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")).settings.sample_prior).toBe("only");
    expect(JSON.parse(readFileSync(join(dir, "model.json"), "utf8")).sample_prior).toBe("only");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("Prior predictive check");
    expect(html).not.toContain("Posterior predictive check");
    expect(html).not.toMatch(/<h2>Shrinkage<\/h2>/);
    expect(html).not.toContain("Bayes R²");
    // hbayes report DIR writes the same report again from the folder.
    rmSync(join(dir, "report.html"));
    expect((await runCli(["report", dir])).code).toBe(0);
    const again = readFileSync(join(dir, "report.html"), "utf8");
    expect(again).toContain("Prior predictive check");
    expect(again).not.toContain("Bayes R²");
    const r2 = await runCli(["r2", dir]);
    expect(r2.err).toMatch(/fit of the prior alone/);
    const c = await runCli(["compare", dir, dir]);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/fit of the prior alone/);
  });

  it("refuses flat priors and DSL models with exit code 1", async () => {
    const flat = await runCli(["fit", "--data", SLEEP, "--formula", "Reaction ~ Days", "--sample-prior", "only"]);
    expect(flat.code).toBe(1);
    expect(flat.err).toMatch(/flat \(improper\) priors: b_Days/);
    const dsl = await runCli(["fit", "examples/pumps/model.ts", "--data", "examples/pumps/data.json", "--sample-prior", "only"]);
    expect(dsl.code).toBe(1);
    expect(dsl.err).toMatch(/--sample-prior only is for formula models/);
  });
});
