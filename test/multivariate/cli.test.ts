import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const csv = new URL("../slow/multivariate/fixtures/mvgauss.csv", import.meta.url).pathname;

describe("hbayes fit with a multivariate formula", () => {
  it("prints brms's names (short seeded run)", async () => {
    const r = await runCli(["fit", "--data", csv, "--formula", "mvbind(y1, y2) ~ x + (1 | p | g)", "--prior", "lkj(2), class = rescor", "--chains", "1", "--warmup", "150", "--draws", "100", "--seed", "3", "--json"]);
    expect(r.code).toBe(0);
    const names = (JSON.parse(r.out) as { parameters: { name: string }[] }).parameters.map((p) => p.name);
    expect(names.slice(0, 10)).toEqual([
      "b_y1_Intercept", "b_y2_Intercept", "b_y1_x", "b_y2_x", "sd_g__y1_Intercept", "sd_g__y2_Intercept",
      "cor_g__y1_Intercept__y2_Intercept", "sigma_y1", "sigma_y2", "rescor__y1__y2",
    ]);
  });
  it("refuses rescor with a poisson response", async () => {
    const r = await runCli(["fit", "--data", csv, "--formula", "bf(y1 ~ x) + bf(y2 ~ x, family = poisson) + set_rescor(TRUE)", "--draws", "10"]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/residual correlations .* only possible when every response is gaussian/);
  });
  it("refuses a prior for a response the model does not have", async () => {
    const r = await runCli(["fit", "--data", csv, "--formula", "mvbind(y1, y2) ~ x", "--prior", "normal(0, 1), class = b, resp = y3", "--draws", "10"]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/there is no response y3 \(the responses: y1, y2\)/);
  });
});

describe("hbayes predict from a multivariate fit's --out folder", () => {
  it("epred per row and response, the joint log_lik, new levels of a shared-ID term refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hbayes-mv-"));
    const fit = await runCli(["fit", "--data", csv, "--formula", "mvbind(y1, y2) ~ x + (1 | p | g)", "--chains", "1", "--warmup", "150", "--draws", "100", "--seed", "3", "--out", dir, "--json"]);
    expect(fit.code, fit.err).toBe(0);
    const nd = join(dir, "new.csv");
    writeFileSync(nd, "x,g,y1,y2\n0,g01,1,0\n1.5,g03,2,1\n");
    const e = await runCli(["predict", dir, "--data", nd, "--type", "epred"]);
    expect(e.code, e.err).toBe(0);
    const lines = e.out.trim().split("\n");
    expect(lines[0]).toBe("row,response,mean,sd,q5,q50,q95");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["1,y1", "1,y2", "2,y1", "2,y2"]);
    const ll = await runCli(["predict", dir, "--data", nd, "--type", "log_lik", "--draws"]);
    expect(ll.code, ll.err).toBe(0);
    expect(ll.out.split("\n")[0]).toBe("chain,draw,row_1,row_2");
    writeFileSync(nd, "x,g\n0,new\n");
    const nl = await runCli(["predict", dir, "--data", nd, "--type", "epred", "--new-levels"]);
    expect(nl.code).not.toBe(0);
    expect(nl.err).toMatch(/shared across responses/);
  });
});

describe("other commands with a multivariate model", () => {
  it("hbayes priors lists each response's rows with brms's resp column, the block's cor and rescor", async () => {
    const r = await runCli(["priors", "--data", csv, "--formula", "mvbind(y1, y2) ~ x + (1 | p | g)", "--prior", "lkj(2), class = rescor", "--json"]);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as { prior: string; class: string; group: string; resp: string; source: string }[];
    expect(rows.find((x) => x.class === "rescor")).toMatchObject({ prior: "lkj(2)", source: "user" });
    expect(rows.find((x) => x.class === "cor")).toMatchObject({ prior: "lkj(1)", group: "g", source: "default" });
    expect(rows.filter((x) => x.class === "Intercept").map((x) => `${x.resp}: ${x.prior}`)).toEqual(["y1: student_t(3, 1.3, 2.5)", "y2: student_t(3, -0.1, 2.5)"]);
  });
  it("hbayes report writes its page without the design's plots; effects and r2 refuse with the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hbayes-mv-"));
    expect((await runCli(["fit", "--data", csv, "--formula", "mvbind(y1, y2) ~ x", "--chains", "1", "--warmup", "100", "--draws", "50", "--out", dir, "--json"])).code).toBe(0);
    const rep = await runCli(["report", dir]);
    expect(rep.code, rep.err).toBe(0);
    expect(rep.err).toMatch(/multivariate fit .* has no single design to plot yet/);
    const kf = await runCli(["kfold", "--data", csv, "--formula", "mvbind(y1, y2) ~ x"]);
    expect(kf.code).not.toBe(0);
    expect(kf.err).toMatch(/is a multivariate model .* this command does not take multivariate models yet/);
    for (const cmd of ["effects", "r2"]) {
      const r = await runCli([cmd, dir]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(new RegExp(`multivariate fit .*hbayes ${cmd} does not support those yet`));
    }
  });
});
