// The command line's contracts: exit codes, the JSON summary's shape (DESIGN.md), the --out files
// and `hbayes summary` reading them back. Runs `main()` in-process with captured stdout/stderr.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), "hbayes-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quick = ["--chains", "2", "--warmup", "300", "--draws", "300", "--threads", "1", "--seed", "3"];

describe("hbayes fit", () => {
  it("--json prints the summary contract: parameters, diagnostics, timing, settings", async () => {
    const r = await run(["fit", "--data", "data/eight_schools.csv", "--formula", "y | se(sigma) ~ 1 + (1 | school)", "--json", ...quick]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.schema_version).toBe(1);
    expect(doc.parameters.map((p: { name: string }) => p.name).slice(0, 3)).toEqual(["b_Intercept", "sd_school__Intercept", "r_school[A,Intercept]"]);
    for (const key of ["name", "mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail", "mcse_mean"]) expect(doc.parameters[0]).toHaveProperty(key);
    expect(Object.keys(doc.diagnostics).sort()).toEqual(["divergences", "ebfmi", "treedepth_hits"]);
    expect(doc.diagnostics.ebfmi).toHaveLength(2);
    for (const key of ["compile_s", "warmup_s", "sampling_s", "gradients"]) expect(typeof doc.timing[key]).toBe("number");
    // The metric's name is reported when the sampler reports one; reparam / marginalize always (issue 12).
    const metric = doc.settings.metric === undefined ? {} : { metric: doc.settings.metric };
    expect(doc.settings).toEqual({
      chains: 2, warmup: 300, draws: 300, seed: 3, ...metric,
      adapt_delta: 0.8,
      reparam: "auto", marginalize: "auto", marginalized: [{ param: "r_school", kind: "normal_normal", groups: 8 }], parameterisation: [],
    });
  });

  it("--out writes summary.json, one CmdStan CSV per chain and report.html; summary reads them back", async () => {
    const out = join(dir, "radon");
    const r = await run(["fit", "--data", "data/radon_mn.csv", "--formula", "log_radon ~ floor + (1 | county)", "--out", out, ...quick]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(["draws-1.csv", "draws-2.csv", "report.html", "summary.json"]));
    // The report carries every plot of issue 6: trace, rank, forest, shrinkage and the predictive check.
    const html = readFileSync(join(out, "report.html"), "utf8");
    for (const kind of ["trace", "rank", "forest", "shrinkage", "ppc"]) expect(html).toContain(`hb-plot hb-${kind}`);
    const csv = readFileSync(join(out, "draws-1.csv"), "utf8");
    expect(csv).toMatch(/^# model = /m);
    expect(csv).toMatch(/^lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,b_Intercept,b_floor,/m);
    const again = await run(["summary", out, "--json"]);
    expect(again.code).toBe(0);
    const fitted = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const read = JSON.parse(again.out);
    // Draws are written so that they read back exactly: the same summary, number for number.
    expect(read.parameters.slice(0, 4)).toEqual(fitted.parameters.slice(0, 4));
  });

  it("a broken formula is exit code 1 with the caret under the problem, no stack trace", async () => {
    const r = await run(["fit", "--data", "data/radon_mn.csv", "--formula", "log_radon ~ floor + (1 | county"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/expected '\)'/);
    expect(r.err).toMatch(/\n\s+\^/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("an unknown column is exit code 1 and suggests the close match", async () => {
    const r = await run(["fit", "--data", "data/radon_mn.csv", "--formula", "log_radon ~ flor + (1 | county)"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/flor/);
    expect(r.err).toMatch(/floor/);
  });

  it("a missing data file and a bad option value are user errors", async () => {
    expect((await run(["fit", "--data", join(dir, "nope.csv"), "--formula", "y ~ 1"])).code).toBe(1);
    expect((await run(["fit", "--data", "data/radon_mn.csv", "--formula", "log_radon ~ 1", "--chains", "two"])).code).toBe(1);
  });

  it("--help exits 0", async () => {
    expect((await run(["--help"])).code).toBe(0);
  });

  it("example --list names every example first on its line; example <name> runs it with worker threads", async () => {
    const list = await run(["example", "--list"]);
    expect(list.code).toBe(0);
    expect(list.out.split("\n").map((l) => l.split("\t")[0])).toEqual(expect.arrayContaining(["baseball", "pumps", "radon", "rna-pausing"]));
    // Examples load through tsx's tsImport, whose module URLs carry a query: workers must still start.
    const r = await run(["example", "pumps", "--threads", "2", "--out", join(dir, "pumps")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/alpha = 0\.\d\d, beta = /);
    expect(readdirSync(join(dir, "pumps"))).toContain("report.html");
  });
});

