/**
 * The wasm core against nutsStep on every posteriordb model hbayes has a DSL model for (compiled,
 * with the compiler's wasm gradient where it made one and with the JavaScript gradient through the
 * adapter), diagonal and dense metrics, several step sizes: every transition Object.is-equal
 * (test/inference/wasm/support.ts runBoth). Then whole fits: sample() with and without the core
 * (HBAYES_WASM=0) give the same draws. Exact equality is the specification: no tolerance.
 * Needs the reference data in /work/shared/reference/posteriordb/ ($HBAYES_POSTERIORDB_DIR).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { POSTERIORDB_MODELS } from "../../../../examples/posteriordb/index.js";
import { sample } from "../../../../src/inference/sample.js";
import { createRng } from "../../../../src/random/rng.js";
import { targetOf } from "../adaptTargets.js";
import { randomMetric, runBoth } from "../../../inference/wasm/support.js";

const dir = process.env.HBAYES_POSTERIORDB_DIR || "/work/shared/reference/posteriordb";
const names = Object.keys(POSTERIORDB_MODELS).filter((n) => existsSync(join(dir, `${n}.json`)));

const saved = process.env.HBAYES_WASM;
afterEach(() => {
  if (saved === undefined) delete process.env.HBAYES_WASM;
  else process.env.HBAYES_WASM = saved;
});

describe("wasm core equals nutsStep on posteriordb models", () => {
  it("has models to check", () => {
    expect(names.length).toBeGreaterThan(5);
  });

  for (const name of names) {
    it(`${name}: transitions, wasm and JavaScript gradients, diag and dense metrics`, () => {
      const compiled = targetOf(name);
      const { wasm: _, ...jsOnly } = compiled;
      const start = Float64Array.from({ length: compiled.dim }, (_, i) => 0.3 * Math.sin(i + 1));
      for (const target of compiled.wasm ? [compiled, jsOnly] : [jsOnly]) {
        for (const kind of compiled.dim <= 120 ? (["diag", "dense"] as const) : (["diag"] as const)) {
          for (const [seed, stepSize] of [[1, 0.02], [2, 0.1], [3, 0.4]] as const) {
            const metric = randomMetric(createRng(seed, 1), compiled.dim, kind);
            const rep = runBoth({ target, metric, stepSize, maxTreeDepth: 8, seed, transitions: 60, start });
            expect(rep.mismatch, `${name} ${kind} step ${stepSize}`).toBeNull();
          }
        }
      }
    });

    it(`${name}: sample() draws equal with HBAYES_WASM=0`, async () => {
      const target = targetOf(name);
      const opts = { chains: 2, warmup: 300, draws: 200, seed: 21 };
      delete process.env.HBAYES_WASM;
      const on = await sample(target, opts);
      process.env.HBAYES_WASM = "0";
      const off = await sample(target, opts);
      delete process.env.HBAYES_WASM;
      const a = on.draws.data;
      const b = off.draws.data;
      let diff = -1;
      for (let i = 0; i < a.length; i++) {
        if (!Object.is(a[i], b[i])) {
          diff = i;
          break;
        }
      }
      expect(diff).toBe(-1);
      expect(on.timing.gradients).toBe(off.timing.gradients);
    });
  }
});
