/**
 * Bulk draws (src/random/bulk.ts) against the scalar generators called once per element: the
 * specification is bit-identity (Object.is on every value, the generator's state afterwards), with
 * no tolerance, on both paths — the wasm module and the JavaScript fallback (HBAYES_WASM=0).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { betaRng } from "../../src/random/beta.js";
import { betasInto, gammasInto, normalAffineInto, normalsInto } from "../../src/random/bulk.js";
import { gammaRng } from "../../src/random/gamma.js";
import { createRng, type Rng } from "../../src/random/rng.js";
import { drawsCore, prepareDrawsCore } from "../../src/random/wasm/drawsModule.js";

const saved = process.env.HBAYES_WASM;
afterEach(() => {
  if (saved === undefined) delete process.env.HBAYES_WASM;
  else process.env.HBAYES_WASM = saved;
  vi.unstubAllGlobals();
});

function setPath(path: "wasm" | "js"): void {
  if (path === "js") process.env.HBAYES_WASM = "0";
  else delete process.env.HBAYES_WASM;
}

/** Indices where the two differ under Object.is (NaN equals NaN, 0 differs from −0). */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

/** The scalar generator's next few outputs of every kind, to check two generators are in the same state. */
function continuation(rng: Rng): number[] {
  return [rng.normal(), rng.normal(), rng.uniform(), rng.nextU32(), rng.normal()];
}

/** Element order of the bulk functions: rows × cols stored column by column, drawn row by row. */
function drawOrder(n: number, cols: number): number[] {
  const rows = n / cols;
  const order: number[] = [];
  for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) order.push(k * rows + r);
  return order;
}

/** Two generators in one state, with a spare normal pending or not. */
function twin(seed: number, stream: number, spare: boolean): [Rng, Rng] {
  const a = createRng(seed, stream);
  const b = createRng(seed, stream);
  a.uniform();
  b.uniform();
  if (spare) {
    a.normal();
    b.normal();
  }
  return [a, b];
}

const LENGTHS = [0, 1, 2, 3, 8, 101, 1000];

describe.each(["wasm", "js"] as const)("bulk draws (%s path)", (path) => {
  it("the path under test is the one running", () => {
    setPath(path);
    expect(drawsCore(0) === null).toBe(path === "js");
  });

  it("normalsInto equals rng.normal() per element, for even and odd lengths, with and without a pending spare, and leaves rng where they do", () => {
    setPath(path);
    for (let seed = 1; seed <= 12; seed++) {
      for (const stream of [0, 3, 2 ** 33 + 5]) {
        for (const n of LENGTHS) {
          for (const spare of [false, true]) {
            const [bulk, scalar] = twin(seed, stream, spare);
            const out = new Float64Array(n);
            normalsInto(bulk, out);
            const want = Array.from({ length: n }, () => scalar.normal());
            expect(differences(out, want)).toEqual([]);
            expect(bulk.state()).toEqual(scalar.state());
            expect(differences(continuation(bulk), continuation(scalar))).toEqual([]);
          }
        }
      }
    }
  });

  it("normalAffineInto equals mean + scale·rng.normal() in draw order, NaN and no draw where a parameter is not finite", () => {
    setPath(path);
    for (let seed = 1; seed <= 10; seed++) {
      const p = createRng(seed, 99);
      for (const [n, cols] of [[0, 1], [1, 1], [7, 1], [24, 8], [303, 3], [1000, 10]]) {
        const mean = Float64Array.from({ length: n }, () => 3 * p.normal());
        const scale = Float64Array.from({ length: n }, () => Math.exp(p.normal()));
        if (n > 5) {
          mean[2] = NaN;
          scale[4] = Infinity;
          mean[5] = -Infinity;
        }
        const [bulk, scalar] = twin(seed, 1, seed % 2 === 0);
        const out = new Float64Array(n);
        normalAffineInto(bulk, mean, scale, out, cols);
        const want = new Float64Array(n);
        for (const i of drawOrder(n, cols)) want[i] = Number.isFinite(mean[i]) && Number.isFinite(scale[i]) ? mean[i] + scale[i] * scalar.normal() : NaN;
        expect(differences(out, want)).toEqual([]);
        expect(differences(continuation(bulk), continuation(scalar))).toEqual([]);
        // In place (out is mean): the same values.
        const [again] = twin(seed, 1, seed % 2 === 0);
        const inPlace = mean.slice();
        normalAffineInto(again, inPlace, scale, inPlace, cols);
        expect(differences(inPlace, want)).toEqual([]);
      }
    }
  });

  // Shapes below 1 take Marsaglia–Tsang's boost (one more uniform and a pow); 1e-3 draws often underflow to 0.
  const SHAPES = [1e-3, 0.01, 0.3, 0.999, 1, 1.5, 2.7, 10, 1e4];

  it("gammasInto equals gammaRng per element, shapes tiny to large, one rate or one per element, and leaves rng where they do", () => {
    setPath(path);
    for (let seed = 1; seed <= 8; seed++) {
      for (const stream of [0, 7]) {
        const p = createRng(seed, 1000 + stream);
        for (const [n, cols] of [[0, 1], [1, 1], [9, 1], [9, 3], [200, 10], [1001, 1]]) {
          const shapes = Float64Array.from({ length: n }, (_, i) => (i < SHAPES.length ? SHAPES[i] : Math.exp(2 * p.normal())));
          const rates = Float64Array.from({ length: n }, () => Math.exp(p.normal()));
          for (const rate of [rates, 2.5] as const) {
            const [bulk, scalar] = twin(seed, stream, n % 2 === 1);
            const out = new Float64Array(n);
            gammasInto(bulk, shapes, rate, out, cols);
            const want = new Float64Array(n);
            for (const i of drawOrder(n, cols)) want[i] = gammaRng(scalar, shapes[i], typeof rate === "number" ? rate : rate[i]);
            expect(differences(out, want)).toEqual([]);
            expect(differences(continuation(bulk), continuation(scalar))).toEqual([]);
          }
        }
      }
    }
  });

  it("betasInto equals betaRng per element, shapes tiny to large (draws that round to 0 or 1 included)", () => {
    setPath(path);
    for (let seed = 1; seed <= 8; seed++) {
      const p = createRng(seed, 2000);
      for (const [n, cols] of [[0, 1], [1, 1], [81, 1], [81, 9], [500, 5]]) {
        // Every pair of SHAPES in the first 81 elements, random shapes after.
        const a = Float64Array.from({ length: n }, (_, i) => (i < 81 ? SHAPES[Math.floor(i / 9)] : Math.exp(2 * p.normal())));
        const b = Float64Array.from({ length: n }, (_, i) => (i < 81 ? SHAPES[i % 9] : Math.exp(2 * p.normal())));
        const [bulk, scalar] = twin(seed, 4, seed % 3 === 0);
        const out = new Float64Array(n);
        betasInto(bulk, a, b, out, cols);
        const want = new Float64Array(n);
        for (const i of drawOrder(n, cols)) want[i] = betaRng(scalar, a[i], b[i]);
        expect(differences(out, want)).toEqual([]);
        expect(differences(continuation(bulk), continuation(scalar))).toEqual([]);
      }
    }
  });

  it("gammasInto and betasInto: a non-finite parameter gives NaN and uses no randomness", () => {
    setPath(path);
    const shapes = Float64Array.of(2, NaN, 0.5, Infinity, 3, 1, -Infinity);
    const rates = Float64Array.of(1, 1, NaN, 1, -Infinity, 2, 1);
    const [bulk, scalar] = twin(3, 0, false);
    const out = new Float64Array(7);
    gammasInto(bulk, shapes, rates, out);
    const want = Array.from(shapes, (a, i) => (Number.isFinite(a) && Number.isFinite(rates[i]) ? gammaRng(scalar, a, rates[i]) : NaN));
    expect(differences(out, want)).toEqual([]);
    expect(out.filter(Number.isNaN).length).toBe(5);
    gammasInto(bulk, shapes, NaN, out);
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
    betasInto(bulk, shapes, rates, out);
    const wantBeta = Array.from(shapes, (a, i) => (Number.isFinite(a) && Number.isFinite(rates[i]) ? betaRng(scalar, a, rates[i]) : NaN));
    expect(differences(out, wantBeta)).toEqual([]);
    expect(differences(continuation(bulk), continuation(scalar))).toEqual([]);
  });

  it("a finite parameter that is not positive throws, naming the first one in draw order, with rng and out untouched", () => {
    setPath(path);
    const rng = createRng(4, 0);
    rng.normal();
    const before = rng.state();
    const out = new Float64Array(6).fill(7);
    // Draw order with 2 columns: storage 0, 3, 1, 4, 2, 5; storage 4 (rate −1) comes before storage 2 (shape 0).
    const shapes = Float64Array.of(1, 2, 0, 3, 4, 5);
    const rates = Float64Array.of(1, 1, 1, 1, -1, 1);
    expect(() => gammasInto(rng, shapes, rates, out, 2)).toThrow("gammasInto: rates[4] must be positive, got -1");
    expect(() => gammasInto(rng, shapes, 1, out, 2)).toThrow("gammasInto: shapes[2] must be positive, got 0");
    expect(() => gammasInto(rng, Float64Array.of(1, 2), -0.5, new Float64Array(2))).toThrow("gammasInto: rates must be positive, got -0.5");
    expect(() => betasInto(rng, Float64Array.of(1, -3), Float64Array.of(1, 1), new Float64Array(2))).toThrow("betasInto: a[1] must be positive, got -3");
    expect(() => betasInto(rng, Float64Array.of(1, 1), Float64Array.of(0, 1), new Float64Array(2))).toThrow("betasInto: b[0] must be positive, got 0");
    expect(rng.state()).toEqual(before);
    expect(Array.from(out)).toEqual([7, 7, 7, 7, 7, 7]);
  });
});

describe("bulk draws: arguments and generators", () => {
  it("shape errors name the function and what is wrong", () => {
    const rng = createRng(1, 0);
    const x = new Float64Array(6);
    expect(() => normalAffineInto(rng, x, new Float64Array(5), x)).toThrow("normalAffineInto: every parameter array must have out's length (6), got 5");
    expect(() => gammasInto(rng, x, 1, x, 4)).toThrow("gammasInto: out's length must be a multiple of cols (4), got 6");
    expect(() => betasInto(rng, x, x, x, 0)).toThrow("betasInto: cols must be a positive integer, got 0");
    expect(() => betasInto(rng, x, x, x, 1.5)).toThrow("betasInto: cols must be a positive integer, got 1.5");
  });

  it("a generator not from createRng draws in JavaScript through its own methods, the same values", () => {
    const inner = createRng(9, 2);
    const calls = { normal: 0 };
    const foreign: Rng = {
      nextU32: () => inner.nextU32(),
      uniform: () => inner.uniform(),
      normal: () => (calls.normal++, inner.normal()),
      split: (i) => inner.split(i),
      state: () => inner.state(),
    };
    const scalar = createRng(9, 2);
    const out = new Float64Array(11);
    normalsInto(foreign, out);
    expect(calls.normal).toBe(11);
    expect(differences(out, Array.from({ length: 11 }, () => scalar.normal()))).toEqual([]);
    const shapes = Float64Array.of(0.2, 5, 1e-3);
    gammasInto(foreign, shapes, 2, out.subarray(0, 3));
    expect(differences(out.subarray(0, 3), Array.from(shapes, (a) => gammaRng(scalar, a, 2)))).toEqual([]);
    expect(inner.state()).toEqual(scalar.state());
  });

  it("where WebAssembly is missing, the JavaScript path gives the same values", () => {
    const withWasm = createRng(6, 1);
    const a = new Float64Array(9);
    gammasInto(withWasm, Float64Array.of(0.5, 1, 2, 3, 4, 5, 6, 7, 1e-3), 1.5, a);
    vi.stubGlobal("WebAssembly", undefined);
    expect(drawsCore(0)).toBeNull();
    const without = createRng(6, 1);
    const b = new Float64Array(9);
    gammasInto(without, Float64Array.of(0.5, 1, 2, 3, 4, 5, 6, 7, 1e-3), 1.5, b);
    expect(differences(a, b)).toEqual([]);
    expect(without.state()).toEqual(withWasm.state());
  });

  it("prepareDrawsCore compiles ahead and resolves; the draws after it are the same", async () => {
    await prepareDrawsCore();
    expect(drawsCore(0)).not.toBeNull();
    const out = new Float64Array(5);
    normalsInto(createRng(2, 0), out);
    const scalar = createRng(2, 0);
    expect(differences(out, Array.from({ length: 5 }, () => scalar.normal()))).toEqual([]);
  });
});
