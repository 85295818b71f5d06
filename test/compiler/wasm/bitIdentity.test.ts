import { describe, expect, it } from "vitest";
import { compileModel } from "../../../src/compiler/compile.js";
import { createRng } from "../../../src/random/rng.js";
import { constrainMismatches, mismatches, wasmOf } from "./compare.js";
import { allModels } from "./models.js";

/**
 * The wasm log density must give the same bits as the printed JavaScript: Object.is of lp and of
 * every gradient coordinate at 50 seeded points per model (near the origin, huge, NaN and ±Infinity
 * coordinates). No tolerance: the translation performs the same IEEE operations in the same order.
 */

/**
 * Each model's points come from a stream named by the model (FNV-1a of its name), not by its place in
 * the list: a model inserted into the list moved every later model's points, and a singleton family
 * (beta) then had too few in its support (seeds by position: 1 of 50 points).
 */
function streamOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return h;
}

describe("wasm log density: bit-identical to the JavaScript one", () => {
  const models = allModels();

  it("covers the examples, the benchmark, every GLMM family and every IR family", () => {
    expect(models.length).toBeGreaterThanOrEqual(60);
  });

  models.forEach((m) => {
    it(`${m.name}: translates; lp and gradient are Object.is-equal at 50 points`, () => {
      const { program, data } = m.build();
      const model = compileModel(program, data);
      const w = wasmOf(model, program, data);
      if (!w) throw new Error(`${m.name}: does not translate`);
      expect(w.freeOffset % 8).toBe(0);
      const k = streamOf(m.name);
      const r = createRng(2026, k);
      const { bad, finite } = mismatches(model, w, r, 50);
      expect(bad.slice(0, 5)).toEqual([]);
      // The module's constrain export (built with the gradient unless the model has too many calls into JavaScript).
      if (model.wasm) expect(constrainMismatches(model, model.wasm, createRng(2028, k), 30).slice(0, 5)).toEqual([]);
      // At least a fifth of the points are in the support, so the gradient comparison is not vacuous.
      expect(finite).toBeGreaterThanOrEqual(m.name.startsWith("family/") ? 3 : 25);
      if (m.name.startsWith("family/")) {
        // Singleton families: their support is mostly positive, so also 50 points moved inside it.
        const inside = mismatches(model, w, createRng(2027, k), 50, (x) => {
          x.forEach((v, i) => (x[i] = 0.05 + 0.9 * Math.abs(Math.tanh(v))));
          // uniform(y | alpha, beta) needs alpha < y < beta.
          if (m.name === "family/uniform") [x[1], x[2]] = [x[0] - x[1], x[0] + x[2]];
        });
        expect(inside.bad.slice(0, 5)).toEqual([]);
        expect(inside.finite).toBeGreaterThanOrEqual(25);
      }
    });
  });
});
