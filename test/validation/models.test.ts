import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { buildModel } from "../../src/model/index.js";
import { POSTERIORDB_MODELS } from "../../examples/posteriordb/index.js";
import { readReference, referenceNames } from "../../validation/posteriordb/cases.js";

// No sampling here: every reference posterior has a DSL model that builds on posteriordb's own data,
// compiles, reports every variable the reference reports, and has a finite log density and gradient
// at the origin of the unconstrained space.
describe("examples/posteriordb models", () => {
  const names = referenceNames();

  it("every top-level reference file has a DSL model, and no model lacks a reference", () => {
    expect(names.length).toBeGreaterThanOrEqual(14);
    expect(names.filter((n) => POSTERIORDB_MODELS[n] === undefined)).toEqual([]);
    expect(Object.keys(POSTERIORDB_MODELS).filter((n) => !names.includes(n))).toEqual([]);
  });

  for (const name of Object.keys(POSTERIORDB_MODELS)) {
    it(`${name}: builds on the posteriordb data and reports every reference variable`, () => {
      const ref = readReference(name);
      const entry = POSTERIORDB_MODELS[name];
      const data = entry.fromPosteriordb ? entry.fromPosteriordb(ref.data) : ref.data;
      const built = buildModel(entry.model, data);
      const compiled = compileModel(built.program, built.data);
      const outputs = new Set(compiled.outputNames);
      const missing = ref.reference.param_order.filter((p) => !outputs.has(entry.hbayesName ? entry.hbayesName(p, ref.data) : p));
      expect(missing).toEqual([]);
      const theta = new Float64Array(compiled.dim);
      const grad = new Float64Array(compiled.dim);
      const lp = compiled.logDensityGradient(theta, grad);
      expect(Number.isFinite(lp)).toBe(true);
      expect(grad.every(Number.isFinite)).toBe(true);
    });
  }
});
