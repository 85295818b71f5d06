// `hbayes kfold --nlpar` (as fit and priors) and `hbayes compare` of non-linear fits: the --nlpar parts
// fold into each --formula; compare rebuilds the log-likelihood from the folded formula model.json keeps.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-nlkc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DATA = "test/slow/nonlinear/fixtures/decay.csv";
const NL = ["--nlpar", "a ~ 1", "--nlpar", "b ~ 1"];
const PRIORS = ["--prior", "normal(10, 5), nlpar = a", "--prior", "normal(0.5, 0.5), nlpar = b, lb = 0"];
const quick = ["--chains", "1", "--warmup", "150", "--draws", "100", "--seed", "3"];

describe("non-linear models in kfold and compare", () => {
  it("kfold --nlpar adds the parts to every --formula and scores both models on the same folds", async () => {
    const r = await runCli(["kfold", "--data", DATA, "--formula", "y ~ a * exp(-b * x)", "--formula", "y ~ a / (1 + b * x)", ...NL, ...PRIORS, "--k", "2", ...quick, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { models: { formula: string; elpd_kfold: number }[] };
    expect(doc.models.map((m) => m.formula)).toEqual(["y ~ a * exp(-b * x)", "y ~ a / (1 + b * x)"]);
    for (const m of doc.models) expect(Number.isFinite(m.elpd_kfold)).toBe(true);
  });
  it("kfold --nlpar names the missing prior as fit does", async () => {
    const r = await runCli(["kfold", "--data", DATA, "--formula", "y ~ a * exp(-b * x)", ...NL, "--prior", "normal(0.5, 0.5), nlpar = b, lb = 0", "--k", "2", ...quick]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("b_a_Intercept has none");
  });
  it("compare ranks a non-linear fit's --out folder (no --nlpar needed: model.json keeps the whole formula)", async () => {
    const expo = join(dir, "expo");
    const hyper = join(dir, "hyper");
    expect((await runCli(["fit", "--data", DATA, "--formula", "y ~ a * exp(-b * x)", ...NL, ...PRIORS, "--out", expo, "--threads", "1", ...quick])).code).toBe(0);
    expect((await runCli(["fit", "--data", DATA, "--formula", "y ~ a / (1 + b * x)", ...NL, ...PRIORS, "--out", hyper, "--threads", "1", ...quick])).code).toBe(0);
    const r = await runCli(["compare", expo, hyper, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { models: { source: string; elpd_loo: number }[] };
    expect(doc.models.map((m) => m.source)).toEqual(["model.json", "model.json"]);
    for (const m of doc.models) expect(Number.isFinite(m.elpd_loo)).toBe(true);
  });
});
