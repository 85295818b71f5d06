import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import { parseFormulaParts } from "../../src/formula/terms.js";
import { buildDesign } from "../../src/formula/design.js";
import { priorTable, resolvePriors } from "../../src/formula/priors.js";
import { toGlmmSpec } from "../../src/formula/toGlmm.js";
import { knownCovFactor, type KnownCovariance } from "../../src/formula/knownCov.js";
import { knownCovFromCsv } from "../../src/formula/knownCovCsv.js";
import * as hbayes from "../../src/index.js";
import { designNewData } from "../../src/formula/newdata.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { centreGlmmGroups } from "../../src/marginal/glmmShape.js";
import { findLocationScale } from "../../src/reparam/detect.js";
import { findMultiNormal } from "../../src/reparam/detectMultiNormal.js";
import { createRng } from "../../src/random/rng.js";
import { centralDifference } from "../support/finiteDifferences.js";

// Four levels, A given in another order than the data's sorted levels and with an extra level 'e'
// that the data lack (brms drops it: data_gr_global subsets A to the grouping levels).
const data = {
  y: [1, 2, 0.5, 1.5, 2.5, 0.1, 1.1, 0.7, 1.3, 0.2],
  n: [1, 3, 0, 2, 4, 0, 1, 1, 2, 0],
  x: [0.1, 0.2, -0.3, 0.4, 0.5, -1, 0.3, 0.2, -0.4, 0.8],
  s: [0.5, 0.1, 0.3, 0.2, 0.4, 0.3, 0.1, 0.2, 0.6, 0.3],
  g: ["a", "b", "c", "a", "b", "c", "a", "d", "d", "b"],
};
const A: KnownCovariance = {
  levels: ["d", "e", "c", "b", "a"],
  values: [
    [1, 0.1, 0.2, 0.1, 0],
    [0.1, 1, 0, 0, 0.2],
    [0.2, 0, 1, 0.5, 0.3],
    [0.1, 0, 0.5, 1, 0.4],
    [0, 0.2, 0.3, 0.4, 1],
  ],
};
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));
const FORMULAS = ["y ~ x + (1 | gr(g, cov = A))", "y ~ x + (1 + x | gr(g, cov = A))", "y ~ x + (1 + x || gr(g, cov = A))"];

describe("parseRe with gr()", () => {
  it("(1 + x | gr(g, cov = A)) is a group term of g that names A; plain gr(g) names none", () => {
    const re = parseFormulaParts("y ~ x + (1 + x | gr(species, cov = A))").re[0];
    expect(re.group).toBe("species");
    expect(re.correlated).toBe(true);
    expect(re.cov).toMatchObject({ name: "A" });
    expect(parseFormulaParts("y ~ (1 | gr(species))").re[0].cov).toBeUndefined();
  });
  it.each([
    ["y ~ (1 | gr(g, by = z, cov = A))", /'by' is not supported/],
    ["y ~ (1 | gr(g, cov = 1))", /cov must name a matrix/],
    ["y ~ (1 | gr(g1:g2, cov = A))", /one grouping factor/],
    ["y ~ (1 | gr(g, h))", /one grouping factor/],
  ])("%s is refused with a caret", (f, msg) => {
    expect(() => parseFormulaParts(f)).toThrow(msg);
    expect(() => parseFormulaParts(f)).toThrow(/\^/);
  });
});

describe("knownCovFactor", () => {
  it("is chol(A[levels, levels]) as brms's t(chol(cov_mat[levels, levels])): L·Lᵀ rebuilds A in the data's order, extra levels dropped", () => {
    const levels = ["a", "b", "c", "d"];
    const L = knownCovFactor("A", A, levels, "g");
    const rows = A.values as number[][];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let k = 0; k < 4; k++) s += L[i * 4 + k] * L[j * 4 + k];
        const want = rows[A.levels.indexOf(levels[i])][A.levels.indexOf(levels[j])];
        // Cholesky of a well-conditioned 4 × 4: rounding ≈ 1e-16; 1e-12 leaves room.
        expect(Math.abs(s - want)).toBeLessThan(1e-12);
        if (j > i) expect(L[i * 4 + j]).toBe(0);
      }
    }
  });
  it("refuses what brms refuses, saying what is wrong", () => {
    expect(() => knownCovFactor("A", { levels: ["a", "b"], values: [[1, 0.5]] }, ["a"], "g")).toThrow(/not square: 2 level names but 1 rows/);
    expect(() => knownCovFactor("A", { levels: ["a", "b"], values: [[1, 0.5], [0.4, 1]] }, ["a"], "g")).toThrow(/not symmetric: \[b, a\] = 0.4 but \[a, b\] = 0.5/);
    expect(() => knownCovFactor("A", { levels: ["a", "b"], values: [[1, 2], [2, 1]] }, ["a", "b"], "g")).toThrow(/not positive definite/);
    expect(() => knownCovFactor("A", A, ["a", "zz", "b", "yy"], "g")).toThrow(/no row for the levels 'zz', 'yy' of 'g'/);
    expect(() => knownCovFactor("A", { levels: ["a", "a"], values: [[1, 0], [0, 1]] }, ["a"], "g")).toThrow(/'a' appears twice/);
    expect(() => knownCovFactor("A", { levels: ["a"], values: Float64Array.of(NaN) }, ["a"], "g")).toThrow(/\[a, a\] is NaN/);
  });
  it("tolerates asymmetry at 1e-8 of the largest entry (a CSV's last digits) and reads the lower triangle", () => {
    const L = knownCovFactor("A", { levels: ["a", "b"], values: [[2, 1 + 1e-9], [1, 2]] }, ["a", "b"], "g");
    expect(L[2]).toBeCloseTo(1 / Math.sqrt(2), 15);
  });
});

describe("knownCovFromCsv", () => {
  it("is exported from the package with the API's data2 types, for a CSV read in a browser", () => {
    const A2: hbayes.KnownCovariance = hbayes.knownCovFromCsv("A", ",a,b\na,1,0.5\nb,0.5,1\n");
    expect(A2.levels).toEqual(["a", "b"]);
  });
  it("reads R's write.csv(A): header of levels, a name per row; rows matched to columns by name", () => {
    const m = knownCovFromCsv("A", '"",b,a\na,0.5,2\nb,1,0.5\n');
    expect(m.levels).toEqual(["b", "a"]);
    expect(Array.from(m.values as Float64Array)).toEqual([1, 0.5, 0.5, 2]);
  });
  it.each([
    [",a,b\na,1,0\n", /not square: 2 columns of levels but 1 rows/],
    [",a,b\na,1,0\nc,0,1\n", /the row 'c' \(line 3\) is not a column/],
    [",a,b\na,1,0\nb,0,x\n", /line 3, column 'b' is 'x'/],
    [",a,b\na,1\nb,0,1\n", /line 2 \('a'\) has 1 values/],
  ])("refuses %j", (text, msg) => {
    expect(() => knownCovFromCsv("A", text, "A.csv")).toThrow(msg);
  });
});

describe("a gr(g, cov = A) model", () => {
  it("has brms's names: sd_g__Intercept, cor_g__Intercept__x, r_g[level,term] over the data's levels only", () => {
    const m = buildFormulaModel({ formula: FORMULAS[1], data, data2: { A } });
    const names = m.built.outputs.rename.map(([, b]) => b);
    expect(names).toContain("sd_g__Intercept");
    expect(names).toContain("cor_g__Intercept__x");
    expect(names.filter((v) => v.startsWith("r_g["))).toEqual(["a", "b", "c", "d"].map((l) => `r_g[${l},Intercept]`).concat(["a", "b", "c", "d"].map((l) => `r_g[${l},x]`)));
  });

  it.each(FORMULAS)("%s: r = (Lcov ⊗ diag(sd)·L) z, brms's scale_r_cor_cov, at random points", (formula) => {
    const m = buildFormulaModel({ formula, data, data2: { A } });
    const c = compileModel(m.built.program, m.built.data);
    const Lcov = knownCovFactor("A", A, ["a", "b", "c", "d"], "g");
    const M = formula.includes("1 + x") ? 2 : 1;
    const correlated = formula.includes("x | gr");
    const out = new Float64Array(c.outputNames.length);
    const at = (name: string): number => {
      const k = c.outputNames.indexOf(name);
      if (k < 0) throw new Error(`no output ${name}`);
      return out[k];
    };
    const rng = createRng(11, 1);
    for (let t = 0; t < 5; t++) {
      const theta = Float64Array.from({ length: c.dim }, () => rng.normal());
      c.constrain(theta, out);
      for (let j = 0; j < 4; j++) {
        for (let mm = 0; mm < M; mm++) {
          let want = 0;
          for (let k = 0; k <= (correlated ? mm : 0); k++) {
            const kk = correlated ? k : mm;
            const lmk = correlated ? at(`L_1[${mm + 1},${k + 1}]`) : 1;
            let w = 0;
            for (let q = 0; q <= j; q++) w += Lcov[j * 4 + q] * at(`z_1_${kk + 1}[${q + 1}]`);
            want += lmk * w;
          }
          want *= at(`sd_1[${mm + 1}]`);
          expect(Math.abs(at(`r_1_${mm + 1}[${j + 1}]`) - want)).toBeLessThan(1e-13 * Math.max(1, Math.abs(want)));
        }
      }
    }
  });

  it.each([...FORMULAS.map((f) => ["gaussian", f]), ["poisson", "n ~ x + (1 + x | gr(g, cov = A))"]])("%s %s: value and gradient equal the reference evaluator and central differences", (family, formula) => {
    const m = buildFormulaModel({ formula, family, data, data2: { A } });
    const c = compileModel(m.built.program, m.built.data);
    const rng = createRng(7, 1);
    for (let t = 0; t < 4; t++) {
      const theta = Float64Array.from({ length: c.dim }, () => 0.7 * rng.normal());
      const grad = new Float64Array(c.dim);
      const lp = c.logDensityGradient(theta, grad);
      const ref = referenceGradient(m.built.program, m.built.data, theta);
      // Same arithmetic in another order: rounding ≈ 1e-14 relative; 1e-10 leaves room.
      expect(rel(lp, ref.value)).toBeLessThan(1e-10);
      for (let j = 0; j < c.dim; j++) {
        expect(rel(grad[j], ref.grad[j]), `grad ${j}`).toBeLessThan(1e-10);
        // ε^(1/3) relative step: error ≈ ε^(2/3)·|lp|, |lp| ≲ 100 here.
        const fd = centralDifference((u) => c.logDensityGradient(u, new Float64Array(c.dim)), theta, j);
        expect(Math.abs(grad[j] - fd), `fd ${j}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it.each([
    ["y ~ x + (1 | gr(g, cov = A))", "y ~ x + (1 | g)"],
    ["y ~ x + (1 + x | gr(g, cov = A))", "y ~ x + (1 + x | g)"],
    ["y ~ x + (1 + x || gr(g, cov = A))", "y ~ x + (1 + x || g)"],
  ])("--marginalize auto leaves %s as written (its levels are not independent), while %s is integrated out", (withCov, plain) => {
    const m = buildFormulaModel({ formula: withCov, data, data2: { A } });
    expect(planMarginal(m.built.program, m.built.data)).toBeNull();
    const control = buildFormulaModel({ formula: plain, data });
    expect(planMarginal(control.built.program, control.built.data)).not.toBeNull();
  });

  it.each([
    ["y ~ x + (1 | gr(g, cov = A))", "y ~ x + (1 | g)"],
    ["y ~ x + (1 + x || gr(g, cov = A))", "y ~ x + (1 + x || g)"],
  ])("--reparam auto has no per-level centring candidate in %s (its pilot would assume independent levels), but has in %s", (withCov, plain) => {
    const m = buildFormulaModel({ formula: withCov, data, data2: { A } });
    const shaped = centreGlmmGroups(m.built.program);
    expect(shaped.pairs).toHaveLength(0);
    expect(findLocationScale(m.built.program)).toHaveLength(0);
    expect(findMultiNormal(m.built.program)).toHaveLength(0);
    const control = centreGlmmGroups(buildFormulaModel({ formula: plain, data }).built.program);
    expect(control.pairs.length).toBeGreaterThan(0);
    expect(findLocationScale(control.program).length).toBeGreaterThan(0);
  });

  it("API: values as a row-major Float64Array work as rows of numbers do", () => {
    const J = A.levels.length;
    const flat = Float64Array.from((A.values as number[][]).flat());
    expect(flat.length).toBe(J * J);
    const a = buildFormulaModel({ formula: FORMULAS[0], data, data2: { A } });
    const b = buildFormulaModel({ formula: FORMULAS[0], data, data2: { A: { levels: A.levels, values: flat } } });
    const slot = (mm: typeof a) => mm.built.data[mm.built.program.data.findIndex((d) => d.name === "Lcov_1")];
    expect(Array.from(slot(b))).toEqual(Array.from(slot(a)));
  });

  it("refuses a missing matrix (with a caret and the way to pass it), a data level missing from A, and gr(cov) outside the mean's formula", () => {
    expect(() => buildFormulaModel({ formula: FORMULAS[0], data })).toThrow(/the covariance matrix 'A' was not given: pass it with --cov A=file.csv/);
    expect(() => buildFormulaModel({ formula: FORMULAS[0], data, data2: { B: A } })).toThrow(/given: B/);
    const noD: KnownCovariance = { levels: ["a", "b", "c"], values: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };
    expect(() => buildFormulaModel({ formula: FORMULAS[0], data, data2: { A: noD } })).toThrow(/no row for the level 'd' of 'g'/);
    expect(() => buildFormulaModel({ formula: "bf(y ~ x, sigma ~ (1 | gr(g, cov = A)))", data, data2: { A } })).toThrow(/supported in the mean's formula only, not in distributional[\s\S]*\^/);
    // Non-linear parameters' group terms never get the factor: refused rather than fitted as independent levels.
    expect(() => buildFormulaModel({ formula: "y ~ a * exp(b * x)", nlpars: { a: "1 + (1 | gr(g, cov = A))", b: "1" }, priors: ["normal(0, 1), nlpar = a", "normal(0, 1), nlpar = b"], data, data2: { A } })).toThrow(/not in distributional or non-linear/);
  });

  it("without any data2 the design keeps A's name only (effects, R², reports and `hbayes priors` rebuild it so), and a fit asks for the matrix", () => {
    const d = buildDesign(FORMULAS[1], data);
    expect(d.groups[0].cov).toEqual({ name: "A" });
    expect(priorTable(d).some((r) => r.class === "sd" && r.group === "g")).toBe(true);
    expect(() => toGlmmSpec(d, resolvePriors(d, []))).toThrow(/'A' was not given/);
  });

  it("predictions: fitted levels design as usual; a new level outside A, or without the matrix, is refused naming it", () => {
    const m = buildFormulaModel({ formula: FORMULAS[0], data, data2: { A } });
    const ok = designNewData(m.design, { x: [0.5], g: ["c"] }, { allowNewLevels: true });
    expect(ok.groups[0].index[0]).toBe(2);
    expect(designNewData(m.design, { x: [0.5, 0.1], g: ["c", "e"] }, { allowNewLevels: true }).newLevels[0]).toEqual(["e"]);
    expect(() => designNewData(m.design, { x: [0.5, 0.1], g: ["c", "zz"] }, { allowNewLevels: true })).toThrow(/the new level 'zz' of g is not in the covariance matrix 'A'/);
    const bare = buildDesign(FORMULAS[0], data);
    expect(() => designNewData(bare, { x: [0.5, 0.1], g: ["c", "e"] }, { allowNewLevels: true })).toThrow(/level 'e' of g was not in the fitted data, and gr\(g, cov = A\)[\s\S]*--cov A=file.csv/);
  });
});
