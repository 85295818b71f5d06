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
