/**
 * Where the wasm core does not run, the chain gets the JavaScript kernel: HBAYES_WASM=0, a
 * low-rank metric, a dense metric on a workspace without dense blocks, a generator that is not
 * createRng's. wasmNutsStep then returns null and leaves state and generator untouched.
 */
import { afterEach, describe, expect, it } from "vitest";
import { lowRankMetric, unitMetric } from "../../../src/inference/metric.js";
import { createNutsWorkspace, nutsInit } from "../../../src/inference/nuts.js";
import { createWasmNuts, nutsTransition, wasmNutsStep } from "../../../src/inference/wasm/kernel.js";
import { createRng, type Rng } from "../../../src/random/rng.js";
import { stdNormalJs } from "./support.js";

const saved = process.env.HBAYES_WASM;
afterEach(() => {
  if (saved === undefined) delete process.env.HBAYES_WASM;
  else process.env.HBAYES_WASM = saved;
});

describe("createWasmNuts / wasmNutsStep fall back", () => {
  it("HBAYES_WASM=0: no wasm workspace", () => {
    process.env.HBAYES_WASM = "0";
    expect(createWasmNuts(stdNormalJs(3), 10, false)).toBeNull();
    delete process.env.HBAYES_WASM;
    expect(createWasmNuts(stdNormalJs(3), 10, false)).not.toBeNull();
  });

  it("declines a low-rank metric, a dense metric without dense blocks and a foreign generator, touching nothing", () => {
    const target = stdNormalJs(3);
    const k = createWasmNuts(target, 10, false);
    if (k === null) throw new Error("wasm kernel unavailable");
    const state = nutsInit(Float64Array.from([0.1, 0.2, 0.3]), target);
    const rng = createRng(1, 0);
    const before = JSON.stringify({ p: [...state.position], l: state.logDensity, r: rng.state() });
    const lowRank = lowRankMetric({ stds: Float64Array.from([1, 2, 3]), vectors: Float64Array.from([1, 0, 0]), values: Float64Array.from([4]) });
    expect(wasmNutsStep(rng, state, { stepSize: 0.5, metric: lowRank, maxTreeDepth: 10, maxDeltaH: 1000 }, k)).toBeNull();
    expect(wasmNutsStep(rng, state, { stepSize: 0.5, metric: unitMetric(3, "dense"), maxTreeDepth: 10, maxDeltaH: 1000 }, k)).toBeNull();
    const inner = createRng(1, 0);
    const foreign: Rng = { nextU32: () => inner.nextU32(), uniform: () => inner.uniform(), normal: () => inner.normal(), split: (i) => inner.split(i), state: () => inner.state() };
    expect(wasmNutsStep(foreign, state, { stepSize: 0.5, metric: unitMetric(3), maxTreeDepth: 10, maxDeltaH: 1000 }, k)).toBeNull();
    expect(JSON.stringify({ p: [...state.position], l: state.logDensity, r: rng.state() })).toBe(before);
  });

  it("nutsTransition runs nutsStep for what the core declines, with the same result as nutsStep alone", () => {
    const target = stdNormalJs(3);
    const k = createWasmNuts(target, 10, false);
    const lowRank = lowRankMetric({ stds: Float64Array.from([1, 2, 3]), vectors: Float64Array.from([0, 1, 0]), values: Float64Array.from([0.25]) });
    const params = { stepSize: 0.4, metric: lowRank, maxTreeDepth: 10, maxDeltaH: 1000 };
    const a = nutsInit(Float64Array.from([0.1, 0.2, 0.3]), target);
    const b = nutsInit(Float64Array.from([0.1, 0.2, 0.3]), target);
    const ra = createRng(2, 0);
    const rb = createRng(2, 0);
    const wsa = createNutsWorkspace(target, 10);
    const wsb = createNutsWorkspace(target, 10);
    for (let t = 0; t < 20; t++) {
      const ia = nutsTransition(ra, a, params, wsa, k);
      const ib = nutsTransition(rb, b, params, wsb, null);
      expect(ia.energy).toBe(ib.energy);
    }
    expect([...a.position]).toEqual([...b.position]);
    expect(ra.state()).toEqual(rb.state());
  });
});
