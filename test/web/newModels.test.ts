/**
 * The formula box's readings of this session's models (web/src/formula.ts, web/src/multivariate.ts,
 * web/src/formulaPpc.ts) in Node: the live syntax check of non-linear and multivariate formulas,
 * gr(g, cov = A)'s matrix names and the page's message when one is missing, multivariate models routed
 * to their own builder, and per-response summary rows and PPC replicates. The browser runs these in
 * test/web/newModelsPage.test.ts.
 */
import { describe, expect, it } from "vitest";
import { covNames, formulaModel, formulaSyntaxError, pageCovariances, pageModel } from "../../web/src/formula.js";
import { multivariateReplicates } from "../../web/src/formulaPpc.js";
import { responseOfName } from "../../web/src/multivariate.js";
import { loadCsv } from "../../web/src/data.js";
import { knownCovFromCsv } from "../../src/formula/knownCovCsv.js";
import { createDraws } from "../../src/posterior/draws.js";

const NL = "bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)";

/** 12 rows: a decaying y, a second response, four groups. */
function table() {
  const rows = Array.from({ length: 12 }, (_, i) => `${(3 * Math.exp(-0.4 * (i % 6)) + 0.1 * Math.sin(i)).toFixed(3)},${(i % 6) + 0.1 * Math.cos(i)},${i % 6},g${i % 4}`);
  return loadCsv("d.csv", `y,y2,x,g\n${rows.join("\n")}\n`).table;
}
const A_CSV = `"","g0","g1","g2","g3"\n"g0",1,0.5,0.25,0\n"g1",0.5,1,0.5,0.25\n"g2",0.25,0.5,1,0.5\n"g3",0,0.25,0.5,1\n`;

describe("formulaSyntaxError on this session's formulas", () => {
  it("accepts non-linear and multivariate formulas (the distributional reading refused 'a ~ …')", () => {
    expect(formulaSyntaxError(NL)).toBeNull();
    expect(formulaSyntaxError("bf(y ~ a * exp(-b * x), a ~ 1, b ~ 1, sigma ~ x, nl = TRUE)")).toBeNull();
    expect(formulaSyntaxError("mvbind(y, y2) ~ x + (1 | p | g)")).toBeNull();
    expect(formulaSyntaxError("bf(y ~ x) + bf(y2 ~ x) + set_rescor(TRUE)")).toBeNull();
    expect(formulaSyntaxError("y ~ mo(x) + s(x, by = g) + t2(x, y2, bs = \"tp\") + (1 | gr(g, cov = A))")).toBeNull();
  });
  it("still puts a caret under an error in a parameter's formula or a response's", () => {
    expect(formulaSyntaxError("bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g, b ~ 1, nl = TRUE)")).toMatch(/\n\s*\^/);
    expect(formulaSyntaxError("mvbind(y, y2) ~ x + (1 | p | g")).toMatch(/expected '\)' to close '\('[^]*\n\s*\^/);
    expect(formulaSyntaxError("bf(y ~ x + , nl = TRUE)")).not.toBeNull();
  });
});

describe("gr(g, cov = A) in the page", () => {
  const A = { file: "A.csv", matrix: knownCovFromCsv("A", A_CSV, "A.csv") };
  it("names the matrices the formula needs, once each", () => {
    expect(covNames("y ~ x + (1 | gr(g, cov = A)) + (1 | gr(h, cov = B)) + (x | gr(g, cov = A))")).toEqual(["A", "B"]);
    expect(covNames("y ~ x + (1 | g)")).toEqual([]);
  });
  it("says which file to load when the matrix is missing, in the page's words (no --cov)", () => {
    expect(() => pageCovariances("y ~ x + (1 | gr(g, cov = A))", new Map())).toThrow(/needs the covariance matrix 'A': load it as A\.csv/);
    expect(() => pageCovariances("y ~ (1 | gr(g, cov = A)) + (1 | gr(g, cov = B))", new Map([["A", A]]))).toThrow(/'B'[^]*loaded: A\.csv/);
  });
  it("uses a lone file for a lone name whatever the file is called, and fits nothing without a gr(cov) term", () => {
    expect(pageCovariances("y ~ (1 | gr(g, cov = phylo))", new Map([["tree", A]]))).toEqual({ phylo: A.matrix });
    expect(pageCovariances("y ~ x", new Map([["A", A]]))).toBeUndefined();
    const m = formulaModel("y ~ x + (1 | gr(g, cov = A))", "gaussian", [], table(), undefined, "no", pageCovariances("y ~ x + (1 | gr(g, cov = A))", new Map([["A", A]])));
    expect(m.program.rename).toBeDefined();
  });
});

describe("pageModel", () => {
  it("routes multivariate formulas to their builder, with brms's per-response names", () => {
    const m = pageModel("mvbind(y, y2) ~ x + (1 | p | g)", "gaussian", [], table());
    expect(m.kind).toBe("multivariate");
    if (m.kind !== "multivariate") return;
    expect(m.mv.design.model.names).toEqual(["y", "y2"]);
  });
  it("refuses prior-only sampling and gr(cov) for multivariate formulas in words, as the CLI does", () => {
    expect(() => pageModel("mvbind(y, y2) ~ x", "gaussian", [], table(), undefined, "only")).toThrow(/prior draws are not supported for multivariate formulas/);
    expect(() => pageModel("mvbind(y, y2) ~ x + (1 | gr(g, cov = A))", "gaussian", [], table())).toThrow(/gr\(…, cov = …\) is not supported in multivariate formulas/);
  });
  it("passes the levels box to the categorical family (the first the reference) and the non-linear priors through", () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${["a", "b", "c"][i % 3]},${i % 5}`);
    const t = loadCsv("c.csv", `c,x\n${rows.join("\n")}\n`).table;
    const m = pageModel("c ~ x", "categorical", [], t, ["c", "a", "b"]);
    expect(m.kind === "formula" && m.model.design.response.categories).toEqual(["c", "a", "b"]);
    expect(() => pageModel(NL, "gaussian", [], table())).toThrow(/needs a prior on every coefficient/);
    const nl = pageModel(NL, "gaussian", ["normal(3, 2), nlpar = a, lb = 0", "normal(0.5, 0.5), nlpar = b, lb = 0"], table());
    expect(nl.kind).toBe("formula");
  });
});

describe("multivariate summary and PPC helpers", () => {
  it("assigns brms's names to their response, and leaves what is shared", () => {
    const rs = ["y", "y2"];
    expect(["b_y_Intercept", "b_y2_x", "sigma_y2", "sd_g__y_Intercept", "r_g__y2[g1,Intercept]", "cor_g__y_Intercept__y2_Intercept", "rescor__y__y2"].map((n) => responseOfName(n, rs))).toEqual(["y", "y2", "y2", "y", "y2", null, null]);
  });
  it("splits posterior_predict's draws × (rows · responses) into one replicate set per response", () => {
    const m = pageModel("bf(y ~ 1) + bf(y2 ~ 1) + set_rescor(FALSE)", "gaussian", [], table());
    if (m.kind !== "multivariate") throw new Error("expected a multivariate model");
    const names = ["b_y_Intercept", "b_y2_Intercept", "sigma_y", "sigma_y2"];
    const d = createDraws(names, 1, 4);
    // y's mean 100 with sigma 1e-9, y2's mean −7: each response's replicates must come from its own draws.
    d.data.set([100, 100, 100, 100, -7, -7, -7, -7, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9]);
    const reps = multivariateReplicates(d, m.mv.design, 4, 1);
    expect(reps.map((r) => r.response)).toEqual(["y", "y2"]);
    expect(reps[0].replicates.length).toBe(4);
    for (const v of reps[0].replicates[0]) expect(v).toBeCloseTo(100, 6);
    for (const v of reps[1].replicates[3]) expect(v).toBeCloseTo(-7, 6);
    expect(reps[1].observed.length).toBe(12);
  });
});
