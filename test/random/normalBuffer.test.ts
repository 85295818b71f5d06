/**
 * bufferedNormals is the same stream as the generator it wraps: its normals, and anything drawn after
 * them, equal the plain generator's bit for bit (Object.is), however the batches fall.
 */
import { afterEach, describe, expect, it } from "vitest";
import { bufferedNormals } from "../../src/random/normalBuffer.js";
import { createRng, type Rng } from "../../src/random/rng.js";

const saved = process.env.HBAYES_WASM;
afterEach(() => {
  if (saved === undefined) delete process.env.HBAYES_WASM;
  else process.env.HBAYES_WASM = saved;
});

/** A seeded script of calls: mostly normals, sometimes uniform/nextU32/state, as `which` picks. */
function run(rng: Rng, which: Rng, steps: number): unknown[] {
  const out: unknown[] = [];
  for (let t = 0; t < steps; t++) {
    const k = which.nextU32() % 20;
    if (k === 0) out.push(rng.uniform());
    else if (k === 1) out.push(rng.nextU32());
    else if (k === 2) out.push(rng.state());
    else out.push(rng.normal());
  }
  return out;
}

describe.each(["wasm", "js"] as const)("bufferedNormals (%s path)", (path) => {
  it("serves rng.normal()'s values, and uniform/nextU32/state as rng alone would give them, for batch sizes 1 to 257", () => {
    if (path === "js") process.env.HBAYES_WASM = "0";
    else delete process.env.HBAYES_WASM;
    for (const chunk of [1, 2, 3, 16, 257]) {
      for (let seed = 1; seed <= 6; seed++) {
        const a = run(bufferedNormals(createRng(seed, 5), chunk), createRng(seed, 77), 600);
        const b = run(createRng(seed, 5), createRng(seed, 77), 600);
        // toEqual compares numbers with Object.is, and states field by field.
        expect(a).toEqual(b);
      }
    }
  });

  it("only normals: the same values as rng.normal(), then the same state", () => {
    const buffered = bufferedNormals(createRng(8, 1), 64);
    const plain = createRng(8, 1);
    for (let i = 0; i < 1001; i++) expect(Object.is(buffered.normal(), plain.normal())).toBe(true);
    expect(buffered.state()).toEqual(plain.state());
    expect(buffered.split(3).normal()).toBe(plain.split(3).normal());
  });
});

describe("bufferedNormals arguments", () => {
  it("rejects a batch size that is not a positive integer, and returns a foreign generator unchanged", () => {
    expect(() => bufferedNormals(createRng(1, 0), 0)).toThrow("bufferedNormals: chunk must be a positive integer, got 0");
    const inner = createRng(1, 0);
    const foreign: Rng = { nextU32: () => inner.nextU32(), uniform: () => inner.uniform(), normal: () => inner.normal(), split: (i) => inner.split(i), state: () => inner.state() };
    expect(bufferedNormals(foreign, 8)).toBe(foreign);
  });
});
