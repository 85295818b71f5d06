/**
 * Workspaces sharing one memory (a model's, or the one a JavaScript target's chains share):
 * separate regions from its free offset on, chains run
 * interleaved (as sample() time-slices them) and memory grown under earlier workspaces (their views
 * detached) still give nutsStep's bits.
 */
import { describe, expect, it } from "vitest";
import { createNutsWorkspace, nutsInit, nutsStep, type NutsState } from "../../../src/inference/nuts.js";
import { createWasmNuts, wasmNutsStep, type WasmNuts } from "../../../src/inference/wasm/kernel.js";
import { workspaceBytes } from "../../../src/inference/wasm/layout.js";
import { release, reserve } from "../../../src/inference/wasm/memory.js";
import { createRng, type Rng } from "../../../src/random/rng.js";
import { randomMetric, stdNormalJs, withWasmGaussian } from "./support.js";

describe("reserve", () => {
  it("hands out 8-aligned, disjoint regions at or after the free offset and grows the memory", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const owners = [{}, {}, {}];
    const a = reserve(memory, 1001, 70_000, owners[0]);
    const b = reserve(memory, 1001, 10, owners[1]);
    const c = reserve(memory, 1001, 100_000, owners[2]);
    expect(a).toBe(1008);
    expect(b).toBe(a + 70_000);
    expect(c).toBe(b + 16);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(c + 100_000);
  });

  it("release gives a region to the next reserve of the same size without growing; other sizes and later froms go past the end", () => {
    // Two half pages fill the one-page memory exactly: any new space would grow it.
    const memory = new WebAssembly.Memory({ initial: 1 });
    const a = reserve(memory, 0, 32_768, {});
    const b = reserve(memory, 0, 32_768, {});
    expect([a, b, memory.buffer.byteLength]).toEqual([0, 32_768, 65_536]);
    release(memory, a);
    expect(reserve(memory, 0, 32_768, {})).toBe(a);
    expect(memory.buffer.byteLength).toBe(65_536);
    release(memory, a);
    // A different size does not take a's place, nor does a reserve that must start beyond a.
    expect(reserve(memory, 0, 8, {})).toBe(65_536);
    expect(reserve(memory, a + 8, 32_768, {})).toBe(65_544);
    const bytes = memory.buffer.byteLength;
    expect(reserve(memory, 0, 32_768, {})).toBe(a);
    expect(memory.buffer.byteLength).toBe(bytes);
  });

  it("a second release of a region (or of a start never reserved) is an internal error, and hands nothing out twice", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    expect(() => release(memory, 0)).toThrow("release: no region is reserved at 0 in this memory");
    const a = reserve(memory, 16, 100, {});
    expect(() => release(memory, a + 8)).toThrow(/no region is reserved at 24/);
    release(memory, a);
    expect(() => release(memory, a)).toThrow(/no region is reserved at 16/);
    // One release, one reuse: the second reserve of that size is new space.
    expect(reserve(memory, 0, 100, {})).toBe(a);
    expect(reserve(memory, 0, 100, {})).toBe(a + 104);
  });
});

describe("interleaved wasm workspaces on one memory", () => {
  for (const kind of ["a model's wasm memory", "a JavaScript target's memory (gradient through the adapter)"]) {
    it(`${kind}: each chain equals its own nutsStep run while later workspaces grow the memory`, () => {
      const dim = 100;
      const wasmTarget = kind.startsWith("a model");
      const target = wasmTarget ? withWasmGaussian(stdNormalJs(dim), 0) : stdNormalJs(dim);
      const metric = randomMetric(createRng(5, 1), dim, "diag");
      const params = { stepSize: 0.3, metric, maxTreeDepth: 10, maxDeltaH: 1000 };
      interface Chain {
        k: WasmNuts;
        rngW: Rng;
        sW: NutsState;
        rngJ: Rng;
        sJ: NutsState;
        ws: ReturnType<typeof createNutsWorkspace>;
      }
      const chains: Chain[] = [];
      const addChain = (c: number) => {
        const k = createWasmNuts(target, 10, false);
        if (k === null) throw new Error("wasm kernel unavailable");
        const start = new Float64Array(dim).fill(0.2 * c);
        chains.push({ k, rngW: createRng(9, c), sW: nutsInit(start, target), rngJ: createRng(9, c), sJ: nutsInit(start, target), ws: createNutsWorkspace(target, 10) });
      };
      addChain(0);
      addChain(1);
      const memory = chains[0].k.memory;
      expect(chains[1].k.memory).toBe(memory);
      const bytes0 = memory.buffer.byteLength;
      let mismatches = 0;
      for (let round = 0; round < 12; round++) {
        // Two more workspaces midway: each needs more than a page, so the memory grows under the others.
        if (round === 4) addChain(2);
        if (round === 8) addChain(3);
        for (const ch of chains) {
          for (let t = 0; t < 3; t++) {
            const a = nutsStep(ch.rngJ, ch.sJ, params, ch.ws);
            const b = wasmNutsStep(ch.rngW, ch.sW, params, ch.k);
            if (b === null || !Object.is(a.energy, b.energy) || a.nLeapfrog !== b.nLeapfrog || !Object.is(ch.sJ.logDensity, ch.sW.logDensity)) mismatches++;
            for (let i = 0; i < dim; i++) if (!Object.is(ch.sJ.position[i], ch.sW.position[i])) mismatches++;
            if (ch.rngJ.state().words.join() !== ch.rngW.state().words.join()) mismatches++;
          }
        }
      }
      expect(mismatches).toBe(0);
      expect(memory.buffer.byteLength).toBeGreaterThan(bytes0);
      // Regions are disjoint and start at or after the model's free offset.
      const bases = chains.map((c) => c.k.base).sort((x, y) => x - y);
      const size = workspaceBytes(dim, 10, false);
      expect(bases[0]).toBeGreaterThanOrEqual(wasmTarget ? 1024 : 0);
      for (let i = 1; i < bases.length; i++) expect(bases[i] - bases[i - 1]).toBeGreaterThanOrEqual(size);
    });
  }
});

describe("two models sharing one memory", () => {
  it("each chain calls its own model's gradient", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    // Same dimension and start, different densities: a NaN region (kind 2) against a plain normal.
    const targets = [withWasmGaussian(stdNormalJs(3), 0, [0, 0, 0], 1024, memory), withWasmGaussian(stdNormalJs(3, true), 2, [0, 0, 0], 1024, memory)];
    const metric = randomMetric(createRng(2, 1), 3, "diag");
    const params = { stepSize: 0.9, metric, maxTreeDepth: 10, maxDeltaH: 1000 };
    const runs = targets.map((target) => {
      const k = createWasmNuts(target, 10, false);
      if (k === null) throw new Error("wasm kernel unavailable");
      const start = Float64Array.from([0.9, 0, 0]);
      return { target, k, rngW: createRng(4, 0), sW: nutsInit(start, target), rngJ: createRng(4, 0), sJ: nutsInit(start, target), ws: createNutsWorkspace(target, 10) };
    });
    let mismatches = 0;
    for (let t = 0; t < 60; t++) {
      for (const r of runs) {
        const a = nutsStep(r.rngJ, r.sJ, params, r.ws);
        const b = wasmNutsStep(r.rngW, r.sW, params, r.k);
        if (b === null || !Object.is(a.energy, b.energy) || a.divergent !== b.divergent || !Object.is(r.sJ.logDensity, r.sW.logDensity)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    // The two chains took different paths (the NaN region rejects points the plain normal accepts).
    expect(runs[0].sJ.position.join()).not.toBe(runs[1].sJ.position.join());
  });
});
