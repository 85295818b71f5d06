// The command line with the categorical family: --family categorical, brms's names in the summary and
// the prior table, hbayes predict's shapes (epred per row and category, predict draws as labels), the
// saved model rebuilt by predict / report / compare, and the commands that refuse it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-categorical-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = "bench/qa/data/categorical-sim.csv";
const news = join(dir, "new.csv");
const out = join(dir, "fit");
const quick = ["--chains", "2", "--warmup", "150", "--draws", "150", "--threads", "1", "--seed", "3"];
const F = "y ~ x + (1 | g)";

beforeAll(() => {
  const lines = readFileSync(csv, "utf8").trim().split("\n");
  writeFileSync(news, `${lines.slice(0, 3).join("\n")}\n`);
});

describe("hbayes fit / priors / predict / report / compare --family categorical", () => {
  it("priors lists each predictor's classes as brms's dpar rows; a prior on a predictor that does not exist names the real ones", async () => {
    const r = await runCli(["priors", "--data", csv, "--formula", F, "--family", "categorical", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { class: string; coef: string; group: string; prior: string }[];
    expect(rows.filter((x) => x.class === "Intercept_muno" || x.class === "Intercept_muyes").map((x) => x.prior)).toEqual(["student_t(3, 0, 2.5)", "student_t(3, 0, 2.5)"]);
    expect(rows.find((x) => x.class === "b_muyes" && x.coef === "x")?.prior).toBe("(flat)");
    const bad = await runCli(["priors", "--data", csv, "--formula", F, "--family", "categorical", "--prior", "b_mumaybe ~ normal(0, 1)"]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain("its predictors are muno, muyes");
  });

  it("fits with brms's names; predict, report and compare rebuild the saved model; effects needs --categorical; r2 and pooling refuse", async () => {
    const f = await runCli(["fit", "--data", csv, "--formula", F, "--family", "categorical", "--json", "--out", out, ...quick]);
    expect(f.code, f.err).toBe(0);
    const names = JSON.parse(f.out).parameters.map((p: { name: string }) => p.name);
    expect(names.slice(0, 6)).toEqual(["b_muno_Intercept", "b_muyes_Intercept", "b_muno_x", "b_muyes_x", "sd_g__muno_Intercept", "sd_g__muyes_Intercept"]);
    expect(names).toContain("r_g__muyes[g12,Intercept]");
    const ep = await runCli(["predict", out, "--data", news, "--type", "epred"]);
    expect(ep.code, ep.err).toBe(0);
    const lines = ep.out.trim().split("\n");
    expect(lines[0]).toBe("row,category,mean,sd,q5,q50,q95");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["1,maybe", "1,no", "1,yes", "2,maybe", "2,no", "2,yes"]);
    const p1 = lines.slice(1, 4).map((l) => Number(l.split(",")[2]));
    expect(p1[0] + p1[1] + p1[2]).toBeCloseTo(1, 12);
    const pr = await runCli(["predict", out, "--data", news, "--type", "predict", "--draws"]);
    expect(pr.code, pr.err).toBe(0);
    const draws = pr.out.trim().split("\n");
    expect(draws[0]).toBe("chain,draw,row_1,row_2");
    expect(draws.length).toBe(301);
    for (const l of draws.slice(1)) for (const v of l.split(",").slice(2)) expect(["maybe", "no", "yes"]).toContain(v);
    const ll = await runCli(["predict", out, "--data", news, "--type", "log_lik"]);
    expect(ll.code, ll.err).toBe(0);
    const rep = await runCli(["report", out, "--out", join(dir, "again.html")]);
    expect(rep.code, rep.err).toBe(0);
    expect(readFileSync(join(dir, "again.html"), "utf8")).toContain("R² is not defined for the categorical family");
    const cmp = await runCli(["compare", out, out, "--json"]);
    expect(cmp.code, cmp.err).toBe(0);
    expect(JSON.parse(cmp.out).models).toHaveLength(2);
    const eff = await runCli(["effects", out]);
    expect(eff.code).not.toBe(0);
    expect(eff.err).toContain("--categorical");
    const eff2 = await runCli(["effects", out, "--categorical"]);
    expect(eff2.code, eff2.err).toBe(0);
    expect(eff2.out.split("\n")[0]).toContain("cats__");
    const r2 = await runCli(["r2", out]);
    expect(r2.code).not.toBe(0);
    expect(r2.err).toContain("R² is not defined for the categorical family");
    const pool = await runCli(["pooling", "--data", csv, "--formula", F, "--family", "categorical", ...quick]);
    expect(pool.code).not.toBe(0);
    expect(pool.err).toContain("got categorical");
  });

  it("--marginalize auto leaves the model as written and --reparam auto non-centres each predictor's group effects", async () => {
    const f = await runCli(["fit", "--data", csv, "--formula", F, "--family", "categorical", "--marginalize", "auto", "--reparam", "auto", ...quick]);
    expect(f.code, f.err).toBe(0);
    expect(f.err).toContain("nothing conjugate to integrate out");
    expect(f.err).toContain("r_g__muno noncentred, r_g__muyes noncentred");
  });
});
