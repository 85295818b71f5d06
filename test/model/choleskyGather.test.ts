import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { buildModel, lkjCorrCholesky, model, normal } from "../../src/model/index.js";

// Formerly a known issue: `L.at(codes)` on a Cholesky-factor parameter passed the DSL's checks and then
// failed in compileModel ("gather needs a vector source"). A matrix is now gathered through a column.
describe("gathering from a Cholesky factor", () => {
  it("L.at(codes) is refused with a message naming col(); L.col(0).at(codes) reads L[k,1]", () => {
    const refused = model("gatherL", ({ data, param, sample }) => {
      const k = data.index("k");
      const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
      sample(L.at(k), normal(0, 1));
    });
    expect(() => buildModel(refused, { k: [2] })).toThrow(/at\(\): L is a matrix; gather one of its columns by group with L\.col\(k\)\.at\(index\)/);

    const byColumn = model("gatherLcol", ({ data, param, sample }) => {
      const k = data.index("k", { groups: 2 });
      const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
      sample(L.col(0).at(k), normal(0, 1));
    });
    const built = buildModel(byColumn, { k: [2] });
    const compiled = compileModel(built.program, built.data);
    const theta = Float64Array.of(0.4);
    const out = new Float64Array(compiled.outputNames.length);
    compiled.constrain(theta, out);
    const l21 = out[compiled.outputNames.indexOf("L[2,1]")];
    // The same model reading the element directly, L.el(2) (row-major L[2,1]), has the same density and gradient.
    const byElement = model("gatherLel", ({ param, sample }) => {
      const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
      sample(L.el(2), normal(0, 1));
    });
    const el = buildModel(byElement, {});
    const ref = compileModel(el.program, el.data);
    const g1 = new Float64Array(1);
    const g2 = new Float64Array(1);
    expect(Number.isFinite(l21)).toBe(true);
    expect(compiled.logDensityGradient(theta, g1)).toBe(ref.logDensityGradient(theta, g2));
    expect(g1[0]).toBe(g2[0]);
  });
});
