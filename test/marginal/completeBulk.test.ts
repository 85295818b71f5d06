/**
 * completeMarginalDraws draws in bulk (random/bulk.ts, wasm or JavaScript) and must give exactly the
 * draws of the scalar completion it replaced: the fingerprints in fixtures/complete-refs.json were
 * made by that completion (fixtures/make-complete-refs.ts), and the wasm and JavaScript paths agree
 * value by value (Object.is). No tolerance: bit-identity is the specification.
 */
import { afterEach, describe, expect, it } from "vitest";
import { completeMarginalDraws } from "../../src/marginal/complete.js";
import { completeCases, fingerprint, type CaseName } from "./support/completeCases.js";
import refs from "./fixtures/complete-refs.json" with { type: "json" };

const saved = process.env.HBAYES_WASM;
afterEach(() => {
  if (saved === undefined) delete process.env.HBAYES_WASM;
  else process.env.HBAYES_WASM = saved;
});

const cases = completeCases();
const names = Object.keys(cases) as CaseName[];

describe("completeMarginalDraws with bulk draws", () => {
  it.each(names)("%s: the scalar completion's draws, bit for bit (fixture fingerprint), wasm on and off", (name) => {
    const c = cases[name];
    const ref = refs[name];
    for (const off of [false, true]) {
      if (off) process.env.HBAYES_WASM = "0";
      else delete process.env.HBAYES_WASM;
      const out = completeMarginalDraws(c.draws, c.blocks, ref.seed);
      const first = c.blocks[0].name + "[1]";
      const v = out.names.indexOf(first) >= 0 ? out.names.indexOf(first) : out.names.length - 1;
      const got = Array.from(out.data.subarray(v * out.chains * out.draws, v * out.chains * out.draws + ref.first.length));
      // JSON stores NaN as null.
      expect(got).toEqual(ref.first.map((x) => (x === null ? NaN : x)));
      expect(fingerprint(out.data)).toBe(ref.fingerprint);
    }
  });

  it.each(names)("%s: HBAYES_WASM=0 gives Object.is-equal draws, kept and warmup streams", (name) => {
    const c = cases[name];
    for (const warmup of [false, true]) {
      delete process.env.HBAYES_WASM;
      const on = completeMarginalDraws(c.draws, c.blocks, 12, warmup);
      process.env.HBAYES_WASM = "0";
      const off = completeMarginalDraws(c.draws, c.blocks, 12, warmup);
      expect(on.names).toEqual(off.names);
      const diff: number[] = [];
      for (let i = 0; i < on.data.length; i++) if (!Object.is(on.data[i], off.data[i])) diff.push(i);
      expect(diff).toEqual([]);
      // The synthetic inputs' non-finite values gave NaN draws somewhere (the no-draw path ran).
      expect(on.data.some(Number.isNaN)).toBe(true);
    }
  });
});
