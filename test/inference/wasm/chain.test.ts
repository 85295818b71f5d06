/**
 * The wasm kernel inside whole chains: sample() gives the same draws, bit for bit, with it
 * (default) and without it (HBAYES_WASM=0), for every metric kind — "fisher-diag" changes its
 * diagonal metric in place after each warmup draw, "fisher-lowrank" switches between the kernel
 * and the JavaScript fallback — and an error thrown by the gradient still aborts sampling with it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { compileModel } from "../../../src/compiler/compile.js";
import type { LogDensity } from "../../../src/logDensity.js";
import { sample, type SampleResult } from "../../../src/inference/sample.js";
import type { MetricKind } from "../../../src/inference/metric.js";
import { buildModel } from "../../../src/model/index.js";
import eightSchoolsNc from "../../../examples/posteriordb/eight_schools-eight_schools_noncentered.js";
import { correlated2Js, domainErrorRegion, precision2, stdNormalJs, withWasmGaussian } from "./support.js";

const saved = process.env.HBAYES_WASM;
afterEach(() => {
  if (saved === undefined) delete process.env.HBAYES_WASM;
  else process.env.HBAYES_WASM = saved;
});

/**
 * Wraps a target to count the evaluations that came from the wasm core: its adapter passes views
 * into a WebAssembly memory at the workspace's offset (> 0), the JavaScript kernel its own arrays.
 */
function counted(t: LogDensity): { target: LogDensity; fromWasm: () => number; calls: () => number } {
  let n = 0;
  let all = 0;
  const target: LogDensity = {
    ...t,
    logDensityGradient(q, g) {
      all++;
      if (q.byteOffset > 0) n++;
      return t.logDensityGradient(q, g);
    },
  };
  return { target, fromWasm: () => n, calls: () => all };
}

async function both(target: LogDensity, metric: MetricKind, seed: number): Promise<[SampleResult, SampleResult]> {
  const opts = { chains: 2, warmup: 150, draws: 100, seed, metric, saveWarmup: true };
  delete process.env.HBAYES_WASM;
  const on = await sample(target, opts);
  process.env.HBAYES_WASM = "0";
  const off = await sample(target, opts);
  delete process.env.HBAYES_WASM;
  return [on, off];
}

function expectSameDraws(a: SampleResult, b: SampleResult): void {
  expect(a.draws.names).toEqual(b.draws.names);
  const va = a.draws.data;
  const vb = b.draws.data;
  expect(va.length).toBe(vb.length);
  let firstDiff = -1;
  for (let i = 0; i < va.length; i++) {
    if (!Object.is(va[i], vb[i])) {
      firstDiff = i;
      break;
    }
  }
  expect(firstDiff).toBe(-1);
  const wa = (a.warmupDraws as SampleResult["draws"]).data;
  const wb = (b.warmupDraws as SampleResult["draws"]).data;
  expect(wa.every((x, i) => Object.is(x, wb[i]))).toBe(true);
  expect(a.chains.map((c) => c.stepSize)).toEqual(b.chains.map((c) => c.stepSize));
  expect(a.timing.gradients).toBe(b.timing.gradients);
}

function eightSchools(): LogDensity {
  const b = buildModel(eightSchoolsNc, { J: 8, y: [28, 8, -3, 7, -1, 1, 18, 12], sigma: [15, 10, 16, 11, 9, 11, 10, 18] });
  return compileModel(b.program, b.data);
}

describe("sample() with the wasm kernel equals sample() with HBAYES_WASM=0", () => {
  for (const metric of ["diag", "dense", "fisher-diag", "fisher-lowrank"] as const) {
    it(`eight schools (compiled, its JavaScript gradient through the adapter), metric ${metric}`, async () => {
      const { wasm: _, ...jsOnly } = eightSchools();
      const c = counted(jsOnly);
      const [on, off] = await both(c.target, metric, 11);
      expectSameDraws(on, off);
      // The default run really used the kernel (the HBAYES_WASM=0 run cannot have).
      expect(c.fromWasm()).toBeGreaterThan(1000);
    });

    it(`eight schools (compiled, its wasm gradient called from the core), metric ${metric}`, async () => {
      const t = eightSchools();
      expect(t.wasm).toBeDefined();
      const c = counted(t);
      const [on, off] = await both(c.target, metric, 12);
      expectSameDraws(on, off);
      // The HBAYES_WASM=0 run calls the JavaScript gradient for every one of its gradients; the
      // kernel's run only outside transitions (initialisation, step-size searches). Both runs together
      // under 1.2 × one run's gradients: the kernel's run made under a fifth of them in JavaScript.
      // (Not for "fisher-lowrank", whose low-rank transitions fall back to JavaScript.)
      if (metric !== "fisher-lowrank") expect(c.calls()).toBeLessThan(on.timing.gradients * 1.2);
    });
  }

  it("a correlated 2-D Gaussian with a wasm gradient (target.wasm), dense metric", async () => {
    const prec = precision2(0.95);
    const [on, off] = await both(withWasmGaussian(correlated2Js(...prec), 1, prec), "dense", 3);
    expectSameDraws(on, off);
  });

  it("standard normal in 40 dimensions with a wasm gradient, diag metric", async () => {
    const [on, off] = await both(withWasmGaussian(stdNormalJs(40), 0), "diag", 4);
    expectSameDraws(on, off);
  });

  it("a target throwing DomainError in a region (rejections, divergences)", async () => {
    const c = counted(domainErrorRegion(3));
    const [on, off] = await both(c.target, "diag", 5);
    expectSameDraws(on, off);
    expect(on.divergences + on.chains.reduce((s, x) => s + x.warmupDivergences, 0)).toBeGreaterThan(0);
    expect(c.fromWasm()).toBeGreaterThan(1000);
  });
});

describe("an ordinary error thrown by the gradient inside the wasm kernel", () => {
  it("aborts sample() with that error as the cause, as the JavaScript kernel does", async () => {
    for (const after of [300, 1000, 1500]) {
      let thrownFromWasm = false;
      let calls = 0;
      const boom = new TypeError("model bug: boom");
      const inner = stdNormalJs(2);
      const target: LogDensity = {
        dim: 2,
        logDensityGradient(q, g) {
          if (++calls > after) {
            thrownFromWasm = q.byteOffset > 0;
            throw boom;
          }
          return inner.logDensityGradient(q, g);
        },
      };
      const err = (await sample(target, { chains: 1, warmup: 300, draws: 300, seed: 2 }).then(
        () => null,
        (e: unknown) => e,
      )) as Error;
      expect(err).toBeInstanceOf(Error);
      expect(err.message).toBe("sample: chain 1 failed: model bug: boom");
      expect(err.cause).toBe(boom);
      expect(thrownFromWasm).toBe(true);
    }
  });
});
