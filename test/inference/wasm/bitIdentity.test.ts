/**
 * wasmNutsStep against nutsStep: from the same state and generator, every transition must give the
 * same bits (Object.is on every value, the generator's words and spare normal), for diagonal and
 * dense metrics, both sides of nuts.ts's SET_MIN_DIM (32), divergences, NaN and DomainError
 * regions, tree-depth hits, JavaScript and wasm gradients, and a compiled model. Exact equality is
 * the specification (the wasm core repeats nutsStep's operations), so there is no tolerance.
 */
import { describe, expect, it } from "vitest";
import { compileModel } from "../../../src/compiler/compile.js";
import { buildModel } from "../../../src/model/index.js";
import { createRng } from "../../../src/random/rng.js";
import eightSchoolsNc from "../../../examples/posteriordb/eight_schools-eight_schools_noncentered.js";
import {
  correlated2Js, domainErrorRegion, funnel, precision2, randomMetric, runBoth, stdNormalJs, withWasmGaussian, type Case,
} from "./support.js";

const STEP_SIZES = [0.05, 0.4, 0.9, 1.7];
const DEPTHS = [1, 3, 10];

/** (seed, metric, step size, depth) combinations drawn from one fixed stream, so the set is the same every run. */
function combos(count: number, seed: number, kinds: readonly ("diag" | "dense")[]) {
  const r = createRng(seed, 0);
  return Array.from({ length: count }, (_, i) => ({
    seed: 1000 + (r.nextU32() % 100000),
    kind: kinds[i % kinds.length],
    stepSize: STEP_SIZES[r.nextU32() % STEP_SIZES.length],
    maxTreeDepth: DEPTHS[r.nextU32() % DEPTHS.length],
  }));
}

function expectSame(c: Case): ReturnType<typeof runBoth> {
  const rep = runBoth(c);
  expect(rep.mismatch).toBeNull();
  expect(rep.leapfrogs).toBeGreaterThan(c.transitions - 1);
  return rep;
}

describe("wasmNutsStep equals nutsStep bit for bit", () => {
  for (const dim of [1, 2, 10, 33, 100]) {
    it(`standard normal, dim ${dim}, JavaScript gradient, diag and dense metrics`, () => {
      for (const x of combos(dim >= 33 ? 4 : 8, dim, ["diag", "dense"])) {
        const r = createRng(x.seed, 1);
        const metric = randomMetric(r, dim, x.kind);
        expectSame({ target: stdNormalJs(dim), metric, stepSize: x.stepSize, maxTreeDepth: x.maxTreeDepth, seed: x.seed, transitions: 40 });
      }
    });

    it(`standard normal, dim ${dim}, wasm gradient (target.wasm)`, () => {
      for (const x of combos(4, 77 + dim, ["diag", "dense"])) {
        const metric = randomMetric(createRng(x.seed, 1), dim, x.kind);
        const target = withWasmGaussian(stdNormalJs(dim), 0);
        expectSame({ target, metric, stepSize: x.stepSize, maxTreeDepth: x.maxTreeDepth, seed: x.seed, transitions: 40 });
      }
    });
  }

  it("strongly correlated 2-D Gaussian (rho 0.99) with a dense metric, JavaScript and wasm gradients", () => {
    const prec = precision2(0.99);
    const inv = new Float64Array([1, 0.99, 0.99, 1]);
    for (const x of combos(6, 5, ["dense"])) {
      const metric = randomMetric(createRng(x.seed, 1), 2, "dense");
      for (const m of [metric, { ...metric, inverse: inv, cholInverse: new Float64Array([1, 0, 0.99, Math.sqrt(1 - 0.99 * 0.99)]) }]) {
        expectSame({ target: correlated2Js(...prec), metric: m, stepSize: x.stepSize, maxTreeDepth: x.maxTreeDepth, seed: x.seed, transitions: 60 });
        expectSame({ target: withWasmGaussian(correlated2Js(...prec), 1, prec), metric: m, stepSize: x.stepSize, maxTreeDepth: x.maxTreeDepth, seed: x.seed, transitions: 60 });
      }
    }
  });

  it("a funnel at large step sizes: divergent transitions agree", () => {
    let divergences = 0;
    for (const x of combos(6, 9, ["diag", "dense"])) {
      const metric = randomMetric(createRng(x.seed, 1), 6, x.kind);
      const start = Float64Array.from([-1.5, 0.2, -0.1, 0.3, 0.05, -0.2]);
      divergences += expectSame({ target: funnel(6), metric, stepSize: 1.2 + x.stepSize, maxTreeDepth: 10, seed: x.seed, transitions: 50, start }).divergences;
    }
    // The cases must exercise divergences, or this test checks nothing about them.
    expect(divergences).toBeGreaterThan(5);
  });

  it("a target returning NaN where theta[0] > 1 (JavaScript and wasm gradients): NaN counts as −∞", () => {
    let divergences = 0;
    for (const x of combos(6, 11, ["diag", "dense"])) {
      const metric = randomMetric(createRng(x.seed, 1), 3, x.kind);
      divergences += expectSame({ target: stdNormalJs(3, true), metric, stepSize: 0.3 + x.stepSize, maxTreeDepth: x.maxTreeDepth, seed: x.seed, transitions: 60 }).divergences;
      divergences += expectSame({ target: withWasmGaussian(stdNormalJs(3, true), 2), metric, stepSize: 0.3 + x.stepSize, maxTreeDepth: x.maxTreeDepth, seed: x.seed, transitions: 60 }).divergences;
    }
    expect(divergences).toBeGreaterThan(5);
  });

  it("a target throwing DomainError where theta[0] < −0.5: the point is rejected (−∞) in both", () => {
    let divergences = 0;
    for (const x of combos(6, 13, ["diag", "dense"])) {
      const metric = randomMetric(createRng(x.seed, 1), 4, x.kind);
      divergences += expectSame({ target: domainErrorRegion(4), metric, stepSize: 0.3 + x.stepSize, maxTreeDepth: x.maxTreeDepth, seed: x.seed, transitions: 60 }).divergences;
    }
    expect(divergences).toBeGreaterThan(5);
  });

  it("max tree depth 1 and 2 with a tiny step size: every transition hits the depth limit", () => {
    for (const depth of [1, 2]) {
      for (const kind of ["diag", "dense"] as const) {
        const metric = randomMetric(createRng(depth, 1), 5, kind);
        const rep = expectSame({ target: stdNormalJs(5), metric, stepSize: 0.01, maxTreeDepth: depth, seed: 40 + depth, transitions: 30 });
        expect(rep.depthHits).toBe(30);
      }
    }
  });

  it("eight schools (non-centred), compiled from examples/posteriordb/", () => {
    const b = buildModel(eightSchoolsNc, { J: 8, y: [28, 8, -3, 7, -1, 1, 18, 12], sigma: [15, 10, 16, 11, 9, 11, 10, 18] });
    const compiled = compileModel(b.program, b.data);
    // The compiler's own wasm gradient (called wasm to wasm), and its JavaScript one through the adapter.
    expect(compiled.wasm).toBeDefined();
    const { wasm: _, ...jsOnly } = compiled;
    for (const target of [compiled, jsOnly]) {
      for (const x of combos(6, 17, ["diag", "dense"])) {
        const metric = randomMetric(createRng(x.seed, 1), target.dim, x.kind);
        expectSame({ target, metric, stepSize: x.stepSize, maxTreeDepth: x.maxTreeDepth, seed: x.seed, transitions: 50 });
      }
    }
  });
});
