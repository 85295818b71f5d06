import { describe, expect, it } from "vitest";
import { buildMultivariateModel } from "../../src/api/multivariateFit.js";
import { fitMultivariateModel } from "../../src/api/multivariateFit.js";
import { keyedToTilde, splitPriorsByResponse } from "../../src/formula/multivariateDesign.js";
import type { Program } from "../../src/ir/types.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

const data = readCsvFile(new URL("../slow/multivariate/fixtures/mvgauss.csv", import.meta.url).pathname);

/** The prior statement on parameter `name` (whole vector), as family and constant args. */
function priorOn(p: Program, name: string): string | null {
  const id = p.params.findIndex((x) => x.name === name);
  for (const s of p.statements) {
    if (s.kind === "distribution" && s.lhs.op === "ref" && s.lhs.src === "param" && s.lhs.id === id) return `${s.family}(${s.args.map((a) => (a.op === "const" ? a.value : "?")).join(", ")})`;
    if (s.kind === "lkjCorrCholesky" && s.param === id) return `lkj(${s.eta.op === "const" ? s.eta.value : "?"})`;
  }
  return null;
}

describe("multivariate priors: resp = routes a statement to one response", () => {
  it("keyed and ~ spellings; a statement without resp applies to every response", () => {
    const m = buildMultivariateModel({
      formula: "mvbind(y1, y2) ~ x + (1 | p | g)",
      data,
      priors: ["normal(0, 2), class = b, resp = y2", "sigma ~ exponential(3)", "Intercept ~ normal(0, 5), resp = y1", "lkj(2), class = rescor", "cor ~ lkj(3)"],
    });
    const p = m.built.program;
    expect(priorOn(p, "b_1")).toBeNull(); // brms's flat default for b
    expect(priorOn(p, "b_2")).toBe("normal(0, 2)");
    expect(priorOn(p, "Intercept_1")).toBe("normal(0, 5)");
    expect(priorOn(p, "Intercept_2")).toBe("student_t(3, -0.1, 2.5)");
    expect(priorOn(p, "sigma_1")).toBe("exponential(3)");
    expect(priorOn(p, "sigma_2")).toBe("exponential(3)");
    expect(priorOn(p, "Lrescor")).toBe("lkj(2)");
    expect(priorOn(p, "L_1")).toBe("lkj(3)");
  });
  it("rescor ~ lkj(2) is the same as the keyed form", () => {
    expect(splitPriorsByResponse(["rescor ~ lkj(2)"], ["a", "b"]).rescor).toEqual({ family: "lkj", args: [2] });
    expect(splitPriorsByResponse(["lkj(2), class = rescor"], ["a", "b"]).rescor).toEqual({ family: "lkj", args: [2] });
  });
  it("keyedToTilde: class, coef and group become the ~ spelling", () => {
    expect(keyedToTilde("normal(0, 1), class = b, coef = x")).toBe("b[x] ~ normal(0, 1)");
    expect(keyedToTilde("exponential(2), class = sd, group = g")).toBe("sd[g] ~ exponential(2)");
    expect(keyedToTilde("b ~ normal(0, 1)")).toBe("b ~ normal(0, 1)");
  });
  it("refuses what brms refuses: a rescor prior that is not lkj, rescor with a poisson response, an unknown response", () => {
    expect(() => buildMultivariateModel({ formula: "mvbind(y1, y2) ~ x", data, priors: ["normal(0, 1), class = rescor"] })).toThrow(/takes lkj\(eta\)/);
    expect(() => buildMultivariateModel({ formula: "bf(y1 ~ x) + bf(y2 ~ x) + set_rescor(FALSE)", data, priors: ["rescor ~ lkj(2)"] })).toThrow(/has no residual correlation/);
    expect(() => buildMultivariateModel({ formula: "mvbind(y1, y2) ~ x", data, priors: ["b ~ normal(0, 1), resp = y9"] })).toThrow(/no response y9/);
  });
});

describe("multivariate formulas: what is refused, with the place", () => {
  it("families, distributional parts, || IDs, mvbind of expressions", () => {
    expect(() => buildMultivariateModel({ formula: "mvbind(y1, y2) ~ x", data, family: "lognormal" })).toThrow(/may be gaussian, poisson, bernoulli, got 'lognormal'/);
    expect(() => buildMultivariateModel({ formula: "bf(y1 ~ x, sigma ~ x) + bf(y2 ~ x)", data })).toThrow(/bf\(\) takes one response's formula/);
    expect(() => buildMultivariateModel({ formula: "mvbind(y1, y2) ~ x + (1 || p || g)", data })).toThrow(/not '\|\|'/);
    expect(() => buildMultivariateModel({ formula: "mvbind(y1, log(y2)) ~ x", data })).toThrow(/each response is a column name/);
    expect(() => buildMultivariateModel({ formula: "bf(y1 ~ x) + y2 ~ x", data })).toThrow(/adds bf\(…\) parts/);
    expect(() => buildMultivariateModel({ formula: "bf(y1 ~ x) + bf(y2 ~ x) + set_rescor(maybe)", data })).toThrow(/TRUE or FALSE/);
  });
});

describe("--marginalize auto / --reparam auto leave a multivariate model as written", () => {
  // The group intercepts appear in two likelihood statements (the chain of conditionals), so integrating
  // them out of one response alone would be wrong; the marginaliser must find nothing to do.
  it("shared ID: marginalize auto gives the same draws as none, bit for bit", async () => {
    const settings = { chains: 1, warmup: 150, draws: 100, seed: 8, threads: 1, reparam: "none" as const };
    const a = await fitMultivariateModel({ formula: "mvbind(y1, y2) ~ x + (1 | p | g)", data }, { ...settings, marginalize: "auto" });
    const b = await fitMultivariateModel({ formula: "mvbind(y1, y2) ~ x + (1 | p | g)", data }, { ...settings, marginalize: "none" });
    expect(a.fit.beyond?.marginalized ?? []).toEqual([]);
    expect(Array.from(a.fit.draws.data)).toEqual(Array.from(b.fit.draws.data));
  });
  it("independent group terms per response with rescor: nothing marginalised; reparam auto keeps them non-centred as written", async () => {
    const a = await fitMultivariateModel({ formula: "mvbind(y1, y2) ~ x + (1 | g)", data }, { chains: 1, warmup: 150, draws: 100, seed: 8, threads: 1 });
    expect(a.fit.beyond?.marginalized ?? []).toEqual([]);
    expect((a.fit.beyond?.reparam ?? []).map((c) => c.parameterisation)).toEqual(["noncentred", "noncentred"]);
  });
});

describe("rescor's default", () => {
  it("TRUE for gaussian responses when not said, with brms 2.18's note; set_rescor(FALSE) and non-gaussian responses have none", () => {
    const said = buildMultivariateModel({ formula: "mvbind(y1, y2) ~ x", data });
    expect(said.design.model.rescor).toBe(true);
    expect(said.messages.join("\n")).toMatch(/estimated by default for gaussian responses/);
    expect(buildMultivariateModel({ formula: "bf(mvbind(y1, y2) ~ x) + set_rescor(TRUE)", data }).messages).toEqual([]);
    expect(buildMultivariateModel({ formula: "bf(y1 ~ x) + bf(y2 ~ x) + set_rescor(FALSE)", data }).design.model.rescor).toBe(false);
  });
});
