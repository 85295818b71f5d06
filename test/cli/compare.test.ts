// `hbayes compare`: PSIS-LOO of several fits from their --out folders (log-likelihood rebuilt from
// model.json) or from CmdStan CSVs with log_lik columns, checked against a hand-computed
// log-likelihood and psisLoo itself (which equals R's loo to 1e-6, test/diagnostics).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";
import { compareFits } from "../../src/cli/compareCommand.js";
import { psisLoo } from "../../src/diagnostics/loo.js";
import { writeCmdStanCsvFiles } from "../../src/io/cmdStanFiles.js";
import { readCmdStanCsvFiles } from "../../src/io/cmdStanFiles.js";
import { createDraws, SAMPLER_VARIABLES, setValue, getValue, variableIndex } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), "hbayes-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quick = ["--chains", "2", "--warmup", "300", "--draws", "300", "--threads", "1", "--seed", "5"];
const schools = readFileSync("data/eight_schools.csv", "utf8").trim().split("\n").slice(1).map((l) => l.split(","));

describe("hbayes compare", () => {
  it("ranks formula fits by elpd_loo from their --out folders; the log-likelihood is the model's, per draw", async () => {
    const hier = join(dir, "hier");
    const pooled = join(dir, "pooled");
    expect((await run(["fit", "--data", "data/eight_schools.csv", "--formula", "y | se(sigma) ~ 1 + (1 | school)", "--out", hier, ...quick])).code).toBe(0);
    expect((await run(["fit", "--data", "data/eight_schools.csv", "--formula", "y | se(sigma) ~ 1", "--out", pooled, ...quick])).code).toBe(0);
    const r = await run(["compare", pooled, hier, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as ReturnType<typeof compareFits>;
    expect(doc.models.map((m) => m.source)).toEqual(["model.json", "model.json"]);
    expect(doc.models[0].elpd_diff).toBe(0);
    expect(doc.models[1].elpd_diff).toBeLessThan(0);

    // Independent check of the hierarchical fit's row: y_i ~ normal(b_Intercept + r_school[i], sigma_i) by hand.
    const { draws } = readCmdStanCsvFiles([1, 2].map((c) => join(hier, `draws-${c}.csv`)));
    const S = draws.chains * draws.draws;
    const n = schools.length;
    const ll = new Float64Array(S * n);
    const b = variableIndex(draws, "b_Intercept");
    schools.forEach(([school, y, sigma], i) => {
      const rv = variableIndex(draws, `r_school[${school},Intercept]`);
      for (let s = 0; s < S; s++) {
        const c = Math.floor(s / draws.draws);
        const t = s % draws.draws;
        const z = (Number(y) - getValue(draws, b, c, t) - getValue(draws, rv, c, t)) / Number(sigma);
        ll[s * n + i] = -0.5 * z * z - Math.log(Number(sigma)) - 0.5 * Math.log(2 * Math.PI);
      }
    });
    const chainIds = Int32Array.from({ length: S }, (_, s) => Math.floor(s / draws.draws) + 1);
    const expected = psisLoo({ draws: S, observations: n, data: ll }, { chainIds });
    const row = doc.models.find((m) => m.name === hier);
    expect(row?.elpd_loo).toBeCloseTo(expected.elpd_loo, 9);
    expect(row?.p_loo).toBeCloseTo(expected.p_loo, 9);

    const table = await run(["compare", hier, pooled]);
    expect(table.code).toBe(0);
    expect(table.out.split("\n")[0]).toMatch(/^model\s+elpd_diff\s+se_diff\s+elpd_loo/);
  });

  it("reads log_lik columns from CmdStan CSVs joined by commas, and says which observations have high Pareto k", () => {
    const rng = createRng(11, 0);
    const n = 20;
    const y = Float64Array.from({ length: n }, () => rng.normal());
    y[0] = 8; // an outlier the narrow model cannot predict: its k̂ is high
    const paths: string[][] = [];
    for (const [name, scale] of [["wide", 3], ["narrow", 0.7]] as const) {
      const names = [...SAMPLER_VARIABLES, "mu", ...Array.from({ length: n }, (_, i) => `log_lik[${i + 1}]`)];
      const d = createDraws(names, 2, 400);
      const mu = variableIndex(d, "mu");
      for (let c = 0; c < 2; c++) {
        for (let t = 0; t < 400; t++) {
          const m = 0.1 + rng.normal() / Math.sqrt(n);
          setValue(d, mu, c, t, m);
          for (let i = 0; i < n; i++) {
            const z = (y[i] - m) / scale;
            setValue(d, mu + 1 + i, c, t, -0.5 * z * z - Math.log(scale) - 0.5 * Math.log(2 * Math.PI));
          }
        }
      }
      paths.push(writeCmdStanCsvFiles(join(dir, name), d, { model: name, seed: 1 }));
    }
    const r = compareFits(paths.map((p) => p.join(",")));
    expect(r.models.map((m) => m.source)).toEqual(["log_lik columns", "log_lik columns"]);
    expect(r.models[0].name).toBe(paths[0].join(","));
    const narrow = r.models[1];
    expect(narrow.pareto_k_bad).toContain(1);
    expect(r.warnings.join("\n")).toMatch(/narrow.*observations 1\b/);
  });

  it("refuses what cannot be compared, with exit code 1", async () => {
    expect((await run(["compare", join(dir, "hier")])).err).toMatch(/at least two fits/);
    const other = join(dir, "radon");
    expect((await run(["fit", "--data", "data/radon_mn.csv", "--formula", "log_radon ~ floor", "--out", other, ...quick])).code).toBe(0);
    const r = await run(["compare", join(dir, "hier"), other]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/919 observations but .* has 8/);
    const m = await run(["compare", join(dir, "hier"), join(dir, "nowhere")]);
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/does not exist/);
  });
});
