import { describe, expect, it } from "vitest";
import { compileModel } from "../../../src/compiler/compile.js";
import { buildModel, lkjCorrCholesky, model, normal } from "../../../src/model/index.js";

// Known issue (owner: model/ + ir/): `L.at(codes)` on a Cholesky-factor parameter passes the DSL's own
// checks (L is a named term of length K·K) but compileModel rejects it ("gather needs a vector
// source"). posteriordb's dogs model needs L[2,1] and L[2,2]; examples/posteriordb/element.ts works
// around it with the IR's `elem` expression. Either the DSL should refuse `at` on a matrix-shaped
// term with a clear message, or (better) offer element access `L.el(2, 1)`. When fixed, drop `.fails`.
describe("known issue: gather from a Cholesky factor", () => {
  it.fails("L.at(codes) on a choleskyCorr parameter compiles and reads L[2,1]", () => {
    const m = model("gatherL", ({ data, param, sample }) => {
      const k = data.index("k");
      const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
      sample(L.at(k), normal(0, 1));
    });
    const built = buildModel(m, { k: [3] });
    const compiled = compileModel(built.program, built.data);
    const lp = compiled.logDensityGradient(new Float64Array(compiled.dim), new Float64Array(compiled.dim));
    expect(Number.isFinite(lp)).toBe(true);
  });
});
