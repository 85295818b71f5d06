// The command line with the cumulative family: --family cumulative / "cumulative(probit)", --levels,
// brms's names in the summary, the prior table, and hbayes predict's ordinal shapes (epred per row and
// category, predict draws as labels).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-ordinal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = join(dir, "va.csv");
const news = join(dir, "new.csv");
const out = join(dir, "fit");
const quick = ["--chains", "2", "--warmup", "200", "--draws", "200", "--threads", "1", "--seed", "3"];
const FORMULA = "resp ~ Anger + Gender + (1 | id)";

beforeAll(() => {
  // The first 10 people of the ordinal VerbAgg subset (240 rows).
  const lines = readFileSync("bench/qa/data/verbagg80-ordinal.csv", "utf8").trim().split("\n");
  writeFileSync(csv, `${lines.slice(0, 241).join("\n")}\n`);
  writeFileSync(news, `${lines.slice(0, 3).join("\n")}\n`);
});

describe("hbayes fit / priors / predict --family cumulative", () => {
  it("a text response without --levels is refused with what to write", async () => {
    const r = await runCli(["fit", "--data", csv, "--formula", FORMULA, "--family", "cumulative", ...quick]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("give it lowest first with levels");
    expect(r.err).toContain("--levels no,perhaps,yes");
  });

  it("priors lists the thresholds as class Intercept; a disc prior is explained", async () => {
    const r = await runCli(["priors", "--data", csv, "--formula", FORMULA, "--family", "cumulative", "--levels", "no,perhaps,yes", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out).filter((x: { class: string }) => x.class === "Intercept").map((x: { coef: string; prior: string }) => [x.coef, x.prior]);
    expect(rows).toEqual([["", "student_t(3, 0, 2.5)"], ["1", "student_t(3, 0, 2.5)"], ["2", "student_t(3, 0, 2.5)"]]);
    const d = await runCli(["priors", "--data", csv, "--formula", FORMULA, "--family", "cumulative", "--levels", "no,perhaps,yes", "--prior", "disc ~ normal(0, 1)"]);
    expect(d.code).not.toBe(0);
    expect(d.err).toContain("disc (the cumulative family's discrimination) is fixed at 1");
  });

  it("fits with brms's names; predict gives epred per row and category and labelled category draws; report redraws its plots", async () => {
    const f = await runCli(["fit", "--data", csv, "--formula", FORMULA, "--family", "cumulative(probit)", "--levels", "no,perhaps,yes", "--json", "--out", out, ...quick]);
    expect(f.code).toBe(0);
    const names = JSON.parse(f.out).parameters.map((p: { name: string }) => p.name);
    expect(names.slice(0, 5)).toEqual(["b_Intercept[1]", "b_Intercept[2]", "b_Anger", "b_GenderM", "sd_id__Intercept"]);
    const ep = await runCli(["predict", out, "--data", news, "--type", "epred"]);
    expect(ep.code).toBe(0);
    const lines = ep.out.trim().split("\n");
    expect(lines[0]).toBe("row,category,mean,sd,q5,q50,q95");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["1,no", "1,perhaps", "1,yes", "2,no", "2,perhaps", "2,yes"]);
    const p1 = lines.slice(1, 4).map((l) => Number(l.split(",")[2]));
    expect(p1[0] + p1[1] + p1[2]).toBeCloseTo(1, 12);
    const pr = await runCli(["predict", out, "--data", news, "--type", "predict", "--draws"]);
    expect(pr.code).toBe(0);
    const draws = pr.out.trim().split("\n");
    expect(draws[0]).toBe("chain,draw,row_1,row_2");
    expect(draws.length).toBe(401);
    for (const l of draws.slice(1)) for (const v of l.split(",").slice(2)) expect(["no", "perhaps", "yes"]).toContain(v);
    // hbayes report rebuilds the design with the saved category order: the predictive check is drawn.
    const first = readFileSync(join(out, "report.html"), "utf8");
    const rep = await runCli(["report", out, "--out", join(dir, "again.html")]);
    expect(rep.code, rep.err).toBe(0);
    expect(rep.err).not.toContain("no shrinkage plot or predictive check");
    expect(readFileSync(join(dir, "again.html"), "utf8").length).toBeGreaterThan(0.5 * first.length);
    // hbayes compare rebuilds the pointwise log-likelihood with the saved category order too.
    const cmp = await runCli(["compare", out, out, "--json"]);
    expect(cmp.code, cmp.err).toBe(0);
    expect(JSON.parse(cmp.out).models).toHaveLength(2);
  });
});
