import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";
import { sortLabels } from "../../src/formula/collate.js";

// brms 2.18 make_standata / tidy_ranef on a 24-row data frame; produced by fixtures/make-brms.R.
const fx = JSON.parse(readFileSync(new URL("./fixtures/brms.json", import.meta.url), "utf8"));
interface Case {
  id: string; formula: string; family: string; N: number; Y: number[]; Xnames: string[]; X: number[]; K: number;
  means?: number[]; trials?: number[]; se?: number[]; offsets?: number[];
  groups: { group: string; levels: string[]; coefs: string[]; cor: boolean; J: number[]; Z: number[][] }[];
}
const cases: Case[] = fx.cases;

// X and Z are products and sums of 3-decimal data: agreement to 1e-12 leaves room only for rounding.
const TOL = 1e-12;

describe("buildDesign equals brms make_standata", () => {
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_, c) => {
    const d = buildDesign(c.formula, fx.data, { family: c.family });
    expect(d.n).toBe(c.N);
    const hasIntercept = c.Xnames.includes("Intercept");
    expect(d.intercept).toBe(hasIntercept);
    const names = c.Xnames.filter((x) => x !== "Intercept");
    expect(d.X.names).toEqual(names);
    expect(d.bNames).toEqual([...(hasIntercept ? ["b_Intercept"] : []), ...names.map((x) => `b_${x}`)]);
    const p = names.length;
    for (let i = 0; i < c.N; i++) {
      for (let k = 0; k < p; k++) expect(Math.abs(d.X.values[i * p + k] - c.X[i * c.K + k + (hasIntercept ? 1 : 0)])).toBeLessThan(TOL);
    }
    if (c.means) c.means.forEach((m, k) => expect(Math.abs(d.X.means[k] - m)).toBeLessThan(TOL));
    expect(Array.from(d.response.y)).toEqual(c.Y);
    if (c.trials) expect(Array.from(d.response.trials ?? [])).toEqual(c.trials);
    if (c.se) expect(Array.from(d.response.se ?? [])).toEqual(c.se);
    if (c.offsets) c.offsets.forEach((o, i) => expect(Math.abs((d.offset as Float64Array)[i] - o)).toBeLessThan(TOL));
    else expect(d.offset).toBeNull();
    expect(d.groups.map((g) => g.group)).toEqual(c.groups.map((g) => g.group));
    d.groups.forEach((g, gi) => {
      const ref = c.groups[gi];
      expect(g.levels).toEqual(ref.levels);
      expect(g.terms).toEqual(ref.coefs);
      expect(g.correlated).toBe(ref.cor && ref.coefs.length > 1);
      expect(Array.from(g.index, (v) => v + 1)).toEqual(ref.J);
      const M = g.terms.length;
      ref.Z.forEach((col, m) => col.forEach((v, i) => expect(g.Z[i * M + m]).toBe(v)));
    });
  });

  it("names group parameters as brms: sd_, cor_, r_[level,effect]", () => {
    const d = buildDesign("y ~ x + (1 + x | grp) + (1 | g1:g2)", fx.data);
    const g1g2 = d.groups.find((g) => g.group === "g1:g2")!;
    const grp = d.groups.find((g) => g.group === "grp")!;
    expect(grp.names.sd).toEqual(["sd_grp__Intercept", "sd_grp__x"]);
    expect(grp.names.cor).toEqual(["cor_grp__Intercept__x"]);
    expect(grp.names.r.slice(0, 3)).toEqual(["r_grp[_x,Intercept]", "r_grp[AITKIN,Intercept]", "r_grp[anoka,Intercept]"]);
    expect(grp.names.r).toContain("r_grp[big stone,x]");
    expect(g1g2.names.r[0]).toBe("r_g1:g2[a_x,Intercept]");
    expect(g1g2.names.cor).toEqual([]);
  });

  it("cbind(s, f) is binomial with trials = s + f (brms: s | trials(s + f))", () => {
    const d = buildDesign("cbind(s, f) ~ x + (1 | grp)", fx.data, { family: "binomial" });
    const ref = cases.find((c) => c.id === "binomial")!;
    expect(Array.from(d.response.y)).toEqual(ref.Y);
    expect(Array.from(d.response.trials ?? [])).toEqual(ref.trials);
  });
});

describe("frame: levels, missing values, unknown columns", () => {
  it("sorts factor levels as R does (fixture from levels(factor(...)))", () => {
    expect(sortLabels(fx.levels.input)).toEqual(fx.levels.levels);
    expect(sortLabels(["TRUE", "FALSE"])).toEqual(fx.levels.logical);
  });

  it("drops rows with missing values in used columns and says where", () => {
    const data = { y: [1, 2, NaN, 4, 5, 6], x: [1, null, 3, 4, 5, 6], g: ["a", "b", "a", "NA", "b", "a"], unused: [null, null, null, null, null, null] };
    const d = buildDesign("y ~ x + (1 | g)", data);
    expect(d.n).toBe(3);
    expect(Array.from(d.rows)).toEqual([0, 4, 5]);
    expect(d.messages).toEqual(["dropped 3 rows with missing values in y, x, g"]);
  });

  it("an unknown column is a UserError with a caret and close matches", () => {
    const data = { log_radon: [1, 2, 3], floor: [0, 1, 0], county: ["a", "b", "a"] };
    expect(() => buildDesign("log_radon ~ flor + (1 | county)", data)).toThrow(
      new UserError("formula: unknown column 'flor' (did you mean 'floor'?); the data have 3 columns\n  log_radon ~ flor + (1 | county)\n              ^"),
    );
    expect(() => buildDesign("log_radon ~ floor + (1 | Country)", data)).toThrow(/unknown column 'Country' \(did you mean 'county'\?\)/);
  });

  it("accepts io's DataTable, typed arrays and booleans", () => {
    const table = {
      names: ["y", "g"],
      nRows: 4,
      columns: { y: { kind: "numeric" as const, values: Float64Array.of(1, 2, 3, NaN) }, g: { kind: "string" as const, values: ["b", "a", "b", null] } },
    };
    const d = buildDesign("y ~ g", table);
    expect(d.X.names).toEqual(["gb"]);
    expect(d.n).toBe(3);
    const e = buildDesign("y ~ flag", { y: Float64Array.of(1, 2, 3), flag: [true, false, true] });
    expect(e.X.names).toEqual(["flagTRUE"]);
  });

  it("checks the response against the family, naming the column and the first bad row", () => {
    const base = { x: [1, 2, 3], g: ["a", "b", "a"] };
    expect(() => buildDesign("y ~ x", { ...base, y: [1, 2.5, 3] }, { family: "poisson" })).toThrow(
      "family poisson: the response 'y' must be a count (a non-negative whole number up to 2147483647), but row 2 has 2.5",
    );
    expect(() => buildDesign("s | trials(n) ~ x", { ...base, s: [1, 5, 0], n: [2, 4, 3] }, { family: "binomial" })).toThrow(
      "family binomial: the response 's' must be at most the number of trials (4 in that row), but row 2 has 5",
    );
    expect(() => buildDesign("y ~ x", { ...base, y: [0.2, 1, 0.5] }, { family: "beta" })).toThrow("strictly between 0 and 1, but row 2 has 1");
    expect(() => buildDesign("y ~ x", { ...base, y: [1, 0, 2] }, { family: "gamma" })).toThrow("must be positive, but row 2 has 0");
    expect(() => buildDesign("y ~ x", { ...base, y: [0, 1, 2] }, { family: "bernoulli" })).toThrow("0 or 1 (or a two-level factor), but row 3 has 2");
    expect(() => buildDesign("y ~ x", { ...base, y: [0, 1, 2] }, { family: "frechet" })).toThrow("unknown family 'frechet': choose one of gaussian, student");
    const b = buildDesign("y ~ x", { ...base, y: ["yes", "no", "yes"] }, { family: "bernoulli" });
    expect(Array.from(b.response.y)).toEqual([1, 0, 1]);
    expect(() => buildDesign("y | se(s) ~ x", { ...base, y: [1, 2, 3], s: [1, 0, 1] })).toThrow("se() must be positive and finite, but row 2 has 0");
  });

  it("rejects text in arithmetic and non-finite transformed predictors", () => {
    const data = { y: [1, 2, 3], x: [1, 0, 2], g: ["a", "b", "a"] };
    expect(() => buildDesign("y ~ log(g)", data)).toThrow("column 'g' holds text (e.g. 'a'), so it cannot be used in arithmetic");
    expect(() => buildDesign("y ~ log(x)", data)).toThrow("log(x) is -Inf at row 2; predictors must be finite");
  });

  it("rejects the same group effect twice", () => {
    const data = { y: [1, 2, 3, 4], g: ["a", "b", "a", "b"] };
    expect(() => buildDesign("y ~ (1 | g) + (1 | g)", data)).toThrow("the effect 'Intercept' of 'g' appears in both (1 | g) and (1 | g)");
  });
});
