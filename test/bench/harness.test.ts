import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { columnMeans, toCsv } from "../../bench/full/datasets.js";
import { brmsPriors, glmmSpec, type SimpleGlmm } from "../../bench/full/glmmSpec.js";
import { MODELS } from "../../bench/full/models.js";
import { essPerCpu, mergeRuns, ratios, sectionSources, writeSection } from "../../bench/full/report.js";
import type { Row } from "../../bench/full/tools.js";

const row = (model: string, tool: Row["tool"], r: Partial<Row>): Row => ({ model, tool, status: "ok", load_before: 0, ...r });

describe("ratios(rows)", () => {
  it("divides hbayes by each other tool within the same model only, skipping failed rows", () => {
    const rows = [
      row("a", "hbayes", { total_s: 2, cpu_s: 3, us_per_gradient: 1, ess_per_s: 300, peak_rss_mb: 100 }),
      row("a", "stan", { total_s: 8, cpu_s: 12, us_per_gradient: 4, ess_per_s: 100, peak_rss_mb: 400 }),
      row("a", "brms", { status: "failed" }),
      row("b", "stan", { total_s: 1 }),
    ];
    const r = ratios(rows);
    expect(r).toHaveLength(1);
    expect(r[0]).toEqual({ model: "a", tool: "hbayes", other: "stan", total_time: 0.25, cpu: 0.25, us_per_gradient: 0.25, peak_rss: 0.25, ess_per_s: 3, ess_per_cpu_s: undefined, ess_per_cpu_fallback: false, max_z: undefined });
  });

  it("leaves a ratio undefined when either side lacks the number (lme4 has no gradients)", () => {
    const r = ratios([row("a", "hbayes", { total_s: 2, us_per_gradient: 1 }), row("a", "lme4", { total_s: 0.5 })]);
    expect(r[0].total_time).toBe(4);
    expect(r[0].us_per_gradient).toBeUndefined();
  });
});

describe("ratios(rows) across runs and hbayes variants", () => {
  it("pairs rows of the same run only", () => {
    const rows = [
      row("a", "hbayes", { run: "r2", ess_per_s: 300 }),
      row("a", "stan", { run: "r1", ess_per_s: 100 }),
      row("a", "lme4", { run: "r2", total_s: 1 }),
    ];
    expect(ratios(rows).map((r) => `${r.tool}/${r.other}/${r.run}`)).toEqual(["hbayes/lme4/r2"]);
  });

  it("divides hbayes by hbayes-plain (features on / off) and hbayes-plain by the non-hbayes tools", () => {
    const rows = [
      row("a", "hbayes", { ess_per_s: 600 }),
      row("a", "hbayes-plain", { ess_per_s: 200 }),
      row("a", "stan", { ess_per_s: 100 }),
    ];
    expect(ratios(rows).map((r) => [r.tool, r.other, r.ess_per_s])).toEqual([
      ["hbayes", "hbayes-plain", 3],
      ["hbayes", "stan", 6],
      ["hbayes-plain", "stan", 2],
    ]);
  });
});

describe("mergeRuns(runs) and sectionSources(markdown)", () => {
  it("keeps earlier runs' rows and replaces a model × tool a later run measured, labelling each row with its run", () => {
    const merged = mergeRuns([
      { file: "first.json", info: {}, rows: [row("radon_intercept", "hbayes", { ess_per_s: 1 }), row("radon_intercept", "stan", { ess_per_s: 2 }), row("pumps", "hbayes", { ess_per_s: 3 })] },
      { file: "second.json", info: { name: "logistic" }, rows: [row("logistic_100k", "stan", { ess_per_s: 4 }), row("radon_intercept", "stan", { ess_per_s: 5 })] },
    ]);
    // Table order: the models' and tools' order of bench/full/models.ts.
    expect(merged.map((r) => [r.model, r.tool, r.run, r.ess_per_s])).toEqual([
      ["pumps", "hbayes", "first", 3],
      ["radon_intercept", "hbayes", "first", 1],
      ["radon_intercept", "stan", "logistic", 5],
      ["logistic_100k", "stan", "logistic", 4],
    ]);
    // The replaced stan row now comes from another run than radon's hbayes row: no ratio pairs them.
    expect(ratios(merged).filter((r) => r.model === "radon_intercept")).toEqual([]);
  });

  it("reads the results files a section was built from", () => {
    expect(sectionSources("x\n<!-- full-sources: a.json b-c.json -->\ny")).toEqual(["a.json", "b-c.json"]);
    expect(sectionSources("no marker")).toEqual([]);
  });
});

describe("ratios(rows).max_z", () => {
  it("is the largest |Δ mean| / combined MCSE over keys both tools report", () => {
    const h = row("a", "hbayes", { keys: [{ mean: 1, mcse: 0.03 }, { mean: 5, mcse: 0.1 }, { mean: 0, mcse: 1 }] });
    const o = row("a", "stan", { keys: [{ mean: 1.5, mcse: 0.04 }, null, { mean: 0, mcse: 1 }] });
    // |1 − 1.5| / sqrt(0.03² + 0.04²) = 0.5 / 0.05 = 10; the second key is missing on one side.
    expect(ratios([h, o])[0].max_z).toBeCloseTo(10, 12);
  });
});

describe("writeSection(path, name, body)", () => {
  it("replaces only its own marked section and keeps the others", () => {
    const path = `${mkdtempSync(`${tmpdir()}/bench-`)}/RESULTS.md`;
    writeFileSync(path, "# R\n\n<!-- other:begin -->\nkeep me\n<!-- other:end -->\n\n<!-- full:begin -->\nold\n<!-- full:end -->\ntail\n");
    writeSection(path, "full", "new");
    const text = readFileSync(path, "utf8");
    expect(text).toContain("keep me");
    expect(text).toContain("<!-- full:begin -->\nnew\n<!-- full:end -->\ntail");
    expect(text).not.toContain("old");
  });

  it("appends the section when the file has none", () => {
    const path = `${mkdtempSync(`${tmpdir()}/bench-`)}/RESULTS.md`;
    writeFileSync(path, "# R\n");
    writeSection(path, "scaling", "body");
    expect(readFileSync(path, "utf8")).toBe("# R\n\n<!-- scaling:begin -->\nbody\n<!-- scaling:end -->\n");
  });
});

describe("glmmSpec(m) and brmsPriors(m)", () => {
  const m: SimpleGlmm = {
    family: "gaussian",
    y: Float64Array.of(1, 2, 3, 4),
    X: Float64Array.of(0, 1, 0, 1),
    xNames: ["floor"],
    group: { name: "county", index: Int32Array.of(1, 1, 2, 2), levels: ["a", "b"] },
    slope: { name: "floor", values: Float64Array.of(0, 1, 0, 1) },
    priors: { intercept: [1, 10], bScale: 5, sdScale: 2.5, sigmaScale: 3, lkjEta: 2 },
  };

  it("gives hbayes and brms the same prior numbers", () => {
    const s = glmmSpec(m);
    expect(s.intercept?.prior).toEqual({ family: "normal", args: [1, 10] });
    expect(s.X.priors).toEqual([{ family: "normal", args: [0, 5] }]);
    expect(s.groups[0].sdPriors).toEqual([{ family: "student_t", args: [3, 0, 2.5] }, { family: "student_t", args: [3, 0, 2.5] }]);
    expect(s.groups[0].corPrior).toEqual({ family: "lkj", args: [2] });
    expect(s.auxPriors.sigma).toEqual({ family: "student_t", args: [3, 0, 3] });
    expect(brmsPriors(m)).toEqual([
      "Intercept ~ normal(1, 10)", "b ~ normal(0, 5)", "sd ~ student_t(3, 0, 2.5)", "sigma ~ student_t(3, 0, 3)", "cor ~ lkj(2)",
    ]);
  });

  it("centres predictors by their column means, as brms does", () => {
    expect(Array.from(glmmSpec(m).X.means)).toEqual([0.5]);
    expect(Array.from(columnMeans(Float64Array.of(1, 10, 3, 20), 2))).toEqual([2, 15]);
  });
});

describe("MODELS", () => {
  const small = MODELS.filter((m) => m.id !== "logistic_100k");

  it("every model builds for hbayes and its Stan data carry the same observations", () => {
    for (const m of small) {
      const built = m.hbayes();
      expect(built.program.params.length, m.id).toBeGreaterThan(0);
      const stan = m.stan?.data() as { y?: number[]; failures?: number[] } | undefined;
      const n = (stan?.y ?? stan?.failures ?? []).length;
      expect(built.data.some((d) => d.length === n), m.id).toBe(true);
    }
  });

  it("JAGS gets predictors already centred (column means zero) with the means to undo it", () => {
    for (const m of small) {
      const d = m.jags?.data() as { Xc?: number[][]; means_X?: number[]; K?: number } | undefined;
      if (!d?.Xc) continue;
      for (let k = 0; k < (d.K as number); k++) {
        const mean = d.Xc.reduce((s, r) => s + r[k], 0) / d.Xc.length;
        // Centred by a mean computed in double precision: what is left is rounding, ≲ 1e-12 per row.
        expect(Math.abs(mean), m.id).toBeLessThan(1e-12);
      }
      expect(d.means_X?.length, m.id).toBe(d.K);
    }
  });

  it("brms and Stan see one prior set: the Stan data's prior fields equal the numbers in the brms strings", () => {
    for (const m of small) {
      if (!m.brms || !m.stan || !m.stan.program.startsWith("glmm_")) continue;
      const d = m.stan.data() as Record<string, number | number[]>;
      const text = m.brms.priors.join(" ; ");
      const [loc, scale] = d.prior_Intercept as number[];
      expect(text, m.id).toContain(`Intercept ~ normal(${loc}, ${scale})`);
      expect(text, m.id).toContain(`b ~ normal(0, ${d.prior_b_scale})`);
      expect(text, m.id).toContain(`sd ~ student_t(3, 0, ${d.prior_sd_scale})`);
      if (d.prior_sigma_scale !== undefined) expect(text, m.id).toContain(`sigma ~ student_t(3, 0, ${d.prior_sigma_scale})`);
      if (d.prior_lkj_eta !== undefined) expect(text, m.id).toContain(`cor ~ lkj(${d.prior_lkj_eta})`);
    }
  });
});

describe("toCsv(columns)", () => {
  it("writes a header and one line per row at full precision", () => {
    expect(toCsv({ a: Float64Array.of(0.1, 1 / 3), b: ["x", "y"] })).toBe("a,b\n0.1,x\n0.3333333333333333,y\n");
  });
});

describe("essPerCpu(row)", () => {
  it("divides min bulk ESS by the sampler's CPU seconds, by tool", () => {
    // hbayes and JAGS report sampler_cpu_s; rstan/brms chain times are CPU times (Stan 2.21's clock()).
    expect(essPerCpu(row("a", "hbayes", { min_ess_bulk: 1000, cpu_s: 9, raw: { sampler_cpu_s: 4 } }))).toEqual({ value: 250, fallback: false });
    expect(essPerCpu(row("a", "stan", { min_ess_bulk: 1000, warmup_s: 1, sampling_s: 1, cpu_s: 9 }))).toEqual({ value: 500, fallback: false });
  });

  it("falls back to the whole process's CPU seconds for rows recorded without a sampler figure", () => {
    expect(essPerCpu(row("a", "jags", { min_ess_bulk: 1000, warmup_s: 1, sampling_s: 1, cpu_s: 8 }))).toEqual({ value: 125, fallback: true });
    expect(essPerCpu(row("a", "jags", { status: "failed" })).value).toBeUndefined();
  });
});
