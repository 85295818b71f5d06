// `hbayes fit --nlpar`, `hbayes priors --nlpar` and `hbayes predict` from the --out folder of a
// non-linear fit, run in-process (test/support/runCli.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-nl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DATA = "test/slow/nonlinear/fixtures/decay.csv";
const MODEL = ["--data", DATA, "--formula", "y ~ a * exp(-b * x)", "--nlpar", "a ~ 1 + (1 | g)", "--nlpar", "b ~ 1"];
const PRIORS = ["--prior", "normal(10, 5), nlpar = a", "--prior", "normal(0.5, 0.5), nlpar = b, lb = 0"];
const quick = ["--chains", "2", "--warmup", "300", "--draws", "200", "--threads", "1", "--seed", "3"];

describe("hbayes with non-linear formulas", () => {
  it("priors --nlpar prints brms's nlpar, lb and ub columns", async () => {
    const r = await runCli(["priors", ...MODEL, "--prior", "normal(0.5, 0.5), nlpar = b, lb = 0"]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines[0].split(/\s+/)).toEqual(["prior", "class", "coef", "group", "nlpar", "lb", "ub", "source"]);
    expect(lines.map((l) => l.split(/\s{2,}/).join("|"))).toContain("normal(0.5, 0.5)|b|Intercept|b|0|user");
    expect(lines.map((l) => l.split(/\s{2,}/).join("|"))).toContain("(flat)|b|Intercept|a|default");
  });
  it("fit without a prior on a parameter's coefficients stops with brms's requirement and the flag to add", async () => {
    const r = await runCli(["fit", ...MODEL, "--prior", "normal(0.5, 0.5), nlpar = b, lb = 0", ...quick]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('b_a_Intercept has none: add e.g. --prior "normal(0, 5), nlpar = a"');
  });
  it("--nlpar without --formula is an error", async () => {
    const r = await runCli(["fit", "--data", DATA, "--nlpar", "a ~ 1"]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("--nlpar gives a non-linear parameter's formula for --formula");
  });
  it("fit --json names the parameters as brms; fit --out then predict reads model.json and the draws", async () => {
    const json = await runCli(["fit", ...MODEL, ...PRIORS, "--json", ...quick]);
    expect(json.code).toBe(0);
    const names = JSON.parse(json.out).parameters.map((p: { name: string }) => p.name);
    expect(names.slice(0, 5)).toEqual(["b_a_Intercept", "b_b_Intercept", "sd_g__a_Intercept", "sigma", "r_g__a[g01,Intercept]"]);
    const out = join(dir, "decay");
    const fit = await runCli(["fit", ...MODEL, ...PRIORS, "--out", out, ...quick]);
    expect(fit.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "model.json"), "utf8")).formula).toBe("bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)");
    writeFileSync(join(dir, "new.csv"), "x,g\n0,g03\n7,g03\n");
    const pr = await runCli(["predict", out, "--data", join(dir, "new.csv")]);
    expect(pr.code).toBe(0);
    const rows = pr.out.trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    // g03's amplitude is 11.7 ± 0.7 in the full fit (brms: b_a_Intercept 8.97 + r_g__a[g03] 2.78); at x = 7 it has decayed by exp(−0.4 · 7).
    expect(rows[0][1]).toBeGreaterThan(10);
    expect(rows[0][1]).toBeLessThan(13.5);
    expect(rows[1][1] / rows[0][1]).toBeCloseTo(Math.exp(-0.4 * 7), 1);
  });
});
