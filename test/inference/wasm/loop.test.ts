/**
 * The chain loop in wasm (assembly/loop.ts, wasm/loop.ts) against the per-iteration JavaScript loop
 * (HBAYES_WASM=0, the reference): whole chains from createChainRunner must give the same bits —
 * Object.is on every saved value (sampler columns and outputs, warmup draws too), the step size,
 * the inverse metric, the divergence, warmup-divergence and tree-depth counters, the gradient count
 * — for diagonal and dense metrics, across settings (adaptDelta, maxTreeDepth, thin, saveWarmup,
 * warmup 0 or too short for windows, draws 0, init given, chunked run(budget) calls, a stop
 * mid-way) and targets (compiled models with wasm and JavaScript gradients, JavaScript targets
 * with rejections and divergences). Exact equality is the specification, so no tolerance.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileModel } from "../../../src/compiler/compile.js";
import type { LogDensity } from "../../../src/logDensity.js";
import { createChainRunner, type ChainOutput, type ChainSettings } from "../../../src/inference/chain.js";
import { SAMPLER_VARIABLES } from "../../../src/posterior/draws.js";
import { ROW_SAMPLER_VARIABLES } from "../../../src/inference/wasm/layout.js";
import { DEFAULT_DUAL_AVERAGING } from "../../../src/inference/dualAveraging.js";
import { createWasmNuts } from "../../../src/inference/wasm/kernel.js";
import { createWasmLoop } from "../../../src/inference/wasm/loop.js";
import { eightSchoolsOffsetMultiplier, pumps } from "../../compiler/models.js";
import { correlated2Js, domainErrorRegion, funnel, precision2, stdNormalJs, withWasmGaussian } from "./support.js";

const saved = process.env.HBAYES_WASM;
afterEach(() => {
  if (saved === undefined) delete process.env.HBAYES_WASM;
  else process.env.HBAYES_WASM = saved;
});

const BASE: ChainSettings = {
  seed: 21,
  warmup: 300,
  draws: 200,
  thin: 1,
  adaptDelta: 0.8,
  maxTreeDepth: 10,
  maxDeltaH: 1000,
  metric: "diag",
  initialStepSize: 1,
  saveWarmup: true,
  init: null,
};

/** How run() is called: straight through, in slices with no time (a loop call, then the clock), or slices of 0.2 ms. */
type Drive = "straight" | "zero-budget" | "small-budget";

function runChain(target: LogDensity, settings: ChainSettings, chain: number, wasm: boolean, drive: Drive): ChainOutput {
  if (wasm) delete process.env.HBAYES_WASM;
  else process.env.HBAYES_WASM = "0";
  const r = createChainRunner(target, chain, settings);
  const budget = drive === "straight" ? Infinity : drive === "zero-budget" ? 0 : 0.2;
  let calls = 0;
  while (!r.run(budget)) calls++;
  if (drive !== "straight" && settings.warmup + settings.draws > 64) expect(calls).toBeGreaterThan(0);
  delete process.env.HBAYES_WASM;
  return r.output();
}

function firstDifference(a: Float64Array | null, b: Float64Array | null): number {
  if (a === null || b === null) return a === b ? -1 : 0;
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSameOutput(on: ChainOutput, off: ChainOutput): void {
  expect(on.names).toEqual(off.names);
  expect(on.saved).toBe(off.saved);
  expect(on.warmupSaved).toBe(off.warmupSaved);
  expect(firstDifference(on.samples, off.samples)).toBe(-1);
  expect(firstDifference(on.warmupSamples, off.warmupSamples)).toBe(-1);
  expect(Object.is(on.stepSize, off.stepSize)).toBe(true);
  expect(firstDifference(on.inverseMetric, off.inverseMetric)).toBe(-1);
  expect(on.divergences).toBe(off.divergences);
  expect(on.warmupDivergences).toBe(off.warmupDivergences);
  expect(on.treeDepthHits).toBe(off.treeDepthHits);
  expect(on.timing.gradients).toBe(off.timing.gradients);
  expect(on.partial).toBe(off.partial);
}

/**
 * Wraps `t` so the test can tell the loop ran: the loop calls constrain for a stretch's saved draws
 * after the stretch, so some constrain calls follow one another with no gradient between them; the
 * per-iteration loop calls it once after each transition's gradients.
 */
function watched(t: LogDensity, keepWasmConstrain = false): { target: LogDensity; backToBackConstrains: () => number; constrains: () => number } {
  let lastWasConstrain = false;
  let backToBack = 0;
  let calls = 0;
  const constrain = t.constrain as (q: Float64Array, o: Float64Array) => void;
  // Without the module's constrain export the loop calls the JavaScript constrain, which this counts.
  const w = t.wasm;
  const wasm = w === undefined || keepWasmConstrain ? w : (({ constrain: _, ...rest }) => rest)(w);
  const target: LogDensity = {
    ...t,
    wasm,
    logDensityGradient(q, g) {
      lastWasConstrain = false;
      return t.logDensityGradient(q, g);
    },
    constrain(q: Float64Array, o: Float64Array) {
      calls++;
      if (lastWasConstrain) backToBack++;
      lastWasConstrain = true;
      constrain(q, o);
    },
  } as LogDensity;
  return { target, backToBackConstrains: () => backToBack, constrains: () => calls };
}

function eightSchools(): LogDensity {
  const m = eightSchoolsOffsetMultiplier();
  return compileModel(m.program, m.data);
}

function pumpsTarget(): LogDensity {
  const m = pumps();
  return compileModel(m.program, m.data);
}

const TARGETS: { name: string; make: () => LogDensity }[] = [
  { name: "eight schools (compiled, wasm gradient)", make: eightSchools },
  {
    name: "eight schools (compiled, JavaScript gradient through the adapter)",
    make: () => {
      const { wasm: _, ...js } = eightSchools();
      return js;
    },
  },
  { name: "pumps (compiled, wasm gradient)", make: pumpsTarget },
  { name: "correlated 2-D Gaussian (test wasm gradient)", make: () => withWasmGaussian(correlated2Js(...precision2(0.9)), 1, precision2(0.9)) },
  { name: "standard normal, 40 dimensions (test wasm gradient)", make: () => withWasmGaussian(stdNormalJs(40), 0) },
  { name: "DomainError region (JavaScript)", make: () => domainErrorRegion(3) },
  { name: "funnel (JavaScript, divergences)", make: () => funnel(4) },
];

describe("the wasm chain loop equals the per-iteration JavaScript loop (HBAYES_WASM=0)", () => {
  it("a row holds the sampler variables in SAMPLER_VARIABLES' order", () => {
    expect(ROW_SAMPLER_VARIABLES).toBe(SAMPLER_VARIABLES.length);
  });

  for (const metric of ["diag", "dense"] as const) {
    for (const t of TARGETS) {
      it(`${t.name}, metric ${metric}`, () => {
        const target = t.make();
        const settings = { ...BASE, metric };
        // chain.ts runs the loop exactly when these two succeed; without this check a lost wasm
        // core would compare the JavaScript loop with itself and pass.
        const k = createWasmNuts(target, settings.maxTreeDepth, metric === "dense");
        expect(k).not.toBeNull();
        expect(createWasmLoop(k!, DEFAULT_DUAL_AVERAGING, metric === "dense")).not.toBeNull();
        for (const chain of [0, 1]) {
          expectSameOutput(runChain(target, settings, chain, true, "straight"), runChain(target, settings, chain, false, "straight"));
        }
      });
    }
  }

  const VARIANTS: { name: string; s: Partial<ChainSettings>; drive?: Drive }[] = [
    { name: "adaptDelta 0.95, maxTreeDepth 3 (depth hits)", s: { adaptDelta: 0.95, maxTreeDepth: 3 } },
    { name: "adaptDelta 0.6, thin 3", s: { adaptDelta: 0.6, thin: 3 } },
    { name: "thin 7, warmup not saved", s: { thin: 7, saveWarmup: false } },
    { name: "warmup 0", s: { warmup: 0 } },
    { name: "warmup 15 (too short for windows)", s: { warmup: 15, draws: 40 } },
    { name: "warmup 150 (short schedule), draws 0", s: { warmup: 150, draws: 0 } },
    { name: "draws 1, thin 5", s: { draws: 1, thin: 5 } },
    { name: "init given, initial step size 0.1", s: { init: Float64Array.from([0.3, 1.2, -0.4, 0.1, 0, 0.5, -1, 2, 0.2, 0.7, -0.3, 0.05]), initialStepSize: 0.1 } },
    { name: "run(0) slices", s: { thin: 2 }, drive: "zero-budget" },
    { name: "run(0.2 ms) slices", s: {}, drive: "small-budget" },
    { name: "maxTreeDepth 1", s: { maxTreeDepth: 1, warmup: 200, draws: 100 } },
  ];
  for (const metric of ["diag", "dense"] as const) {
    for (const v of VARIANTS) {
      it(`pumps, metric ${metric}: ${v.name}`, () => {
        const w = watched(pumpsTarget());
        const settings = { ...BASE, metric, ...v.s };
        const on = runChain(w.target, settings, 2, true, v.drive ?? "straight");
        const usedLoop = w.backToBackConstrains();
        const off = runChain(w.target, settings, 2, false, v.drive ?? "straight");
        expectSameOutput(on, off);
        // The loop ran (whenever a stretch saved two draws or more), and the JavaScript reference never batches.
        if (on.saved + on.warmupSaved > 10) expect(usedLoop).toBeGreaterThan(0);
        expect(w.backToBackConstrains()).toBe(usedLoop);
      });
    }
  }

  for (const metric of ["diag", "dense"] as const) {
    it(`pumps, metric ${metric}: with the module's constrain export the loop constrains its rows in wasm (no JavaScript constrain call), the same draws`, () => {
      const w = watched(pumpsTarget(), true);
      expect(w.target.wasm?.constrain).toBeDefined();
      const settings = { ...BASE, metric, thin: 3 };
      const on = runChain(w.target, settings, 1, true, "straight");
      expect(w.constrains()).toBe(0);
      const off = runChain(w.target, settings, 1, false, "straight");
      expect(w.constrains()).toBe(off.saved + off.warmupSaved);
      expectSameOutput(on, off);
    });
  }

  for (const kind of ["a model's wasm memory", "a JavaScript target's memory (gradient through the adapter)"]) {
    it(`chains interleaved on ${kind}, later chains growing it, each equal its own reference chain`, () => {
      // dim 100: a workspace and a loop block each need about a page, so every new chain grows the memory under the others.
      const dim = 100;
      const target = kind.startsWith("a model") ? withWasmGaussian(stdNormalJs(dim), 0) : stdNormalJs(dim);
      const settings = { ...BASE, warmup: 150, draws: 100, thin: 2 };
      const runners = [0, 1].map((c) => createChainRunner(target, c, settings));
      const memory = target.wasm?.memory;
      let bytesBefore = 0;
      let done = 0;
      for (let round = 0; done < runners.length; round++) {
        if (round === 3) {
          bytesBefore = memory?.buffer.byteLength ?? 0;
          runners.push(createChainRunner(target, 2, settings));
        }
        if (round === 9) runners.push(createChainRunner(target, 3, settings));
        done = 0;
        for (const r of runners) if (r.run(0)) done++;
      }
      if (memory !== undefined) expect(memory.buffer.byteLength).toBeGreaterThan(bytesBefore);
      expect(runners.length).toBe(4);
      for (let c = 0; c < runners.length; c++) expectSameOutput(runners[c].output(), runChain(target, settings, c, false, "straight"));
    });
  }

  // A browser's performance.now() is coarse (0.1 ms, or coarser): a loop call may see no time pass.
  // (Found in the web app: 0/0 made a call's length NaN, and the chain's iteration with it.)
  for (const clock of ["frozen", "0.1 ms steps"] as const) {
    it(`chunked run(budget) calls under a ${clock} clock`, () => {
      const target = pumpsTarget();
      const settings = { ...BASE, thin: 3 };
      const reference = runChain(target, settings, 1, false, "straight");
      const real = performance.now.bind(performance);
      const spy = vi.spyOn(performance, "now").mockImplementation(clock === "frozen" ? () => 1000 : () => Math.floor(real() / 0.1) * 0.1);
      try {
        for (const budget of [0, 0.05, 1]) {
          const r = createChainRunner(target, 1, settings);
          let calls = 0;
          while (!r.run(budget)) {
            calls++;
            const p = r.progress();
            expect(Number.isInteger(p.iteration) && p.iteration <= p.totalIterations).toBe(true);
            expect(calls).toBeLessThan(10_000);
          }
          expectSameOutput(r.output(), reference);
        }
      } finally {
        spy.mockRestore();
      }
    });
  }

  it("a chain stopped mid-way keeps a prefix of the full chain's draws", () => {
    for (const metric of ["diag", "dense"] as const) {
      const target = pumpsTarget();
      const settings = { ...BASE, metric, thin: 2 };
      const full = runChain(target, settings, 0, false, "straight");
      for (const slices of [3, 40, 60]) {
        delete process.env.HBAYES_WASM;
        const r = createChainRunner(target, 0, settings);
        for (let k = 0; k < slices; k++) r.run(0);
        r.stop();
        expect(r.run(Infinity)).toBe(true);
        const part = r.output();
        expect(part.partial).toBe(true);
        expect(part.warmupSaved + part.saved).toBeGreaterThan(0);
        const cols = part.names.length;
        for (let v = 0; v < cols; v++) {
          for (let d = 0; d < part.warmupSaved; d++) {
            expect(Object.is(part.warmupSamples![v * part.warmupCapacity + d], full.warmupSamples![v * full.warmupCapacity + d])).toBe(true);
          }
          for (let d = 0; d < part.saved; d++) expect(Object.is(part.samples[v * part.capacity + d], full.samples[v * full.capacity + d])).toBe(true);
        }
      }
    }
  });
});
