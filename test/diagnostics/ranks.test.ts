/**
 * The fast rank machinery of the summary (argsortInto, foldSortedPerm, zScaleSorted) against the
 * plain definitions (native sort, averageRanks, zScale) on seeded values built to hit every branch:
 * ties, −0 and +0, ±Inf, values one ulp apart (equal truncated argsort keys), both signs.
 */
import { describe, expect, it } from "vitest";
import {
  argsortInto,
  averageRanks,
  createArgsortWorkspace,
  createZScaleWorkspace,
  foldSortedPerm,
  medianSorted,
  zScale,
  zScaleSorted,
} from "../../src/diagnostics/ranks.js";
import { createRng } from "../../src/random/rng.js";

/** n seeded values: normals, rounded values (ties), ±0, ±Inf, and neighbours one ulp apart. */
function trickyValues(seed: number, n: number): Float64Array {
  const rng = createRng(seed, 0);
  const x = new Float64Array(n);
  const ulp = new Float64Array(1);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    const v = rng.normal() * 3;
    if (u < 0.15) x[i] = Math.round(v);
    else if (u < 0.2) x[i] = rng.uniform() < 0.5 ? -0 : 0;
    else if (u < 0.22) x[i] = rng.uniform() < 0.5 ? -Infinity : Infinity;
    else if (u < 0.4 && i > 0 && Number.isFinite(x[i - 1])) {
      // The next double after the previous value: same key once the index bits replace the tail.
      ulp[0] = x[i - 1];
      const w = new BigInt64Array(ulp.buffer);
      w[0] += 1n;
      x[i] = ulp[0];
    } else x[i] = v;
  }
  return x;
}

function check(x: Float64Array): void {
  const n = x.length;
  const perm = new Int32Array(n);
  const sorted = new Float64Array(n);
  argsortInto(x, perm, sorted, createArgsortWorkspace(n));
  const native = Float64Array.from(x).sort();
  for (let k = 0; k < n; k++) {
    if (!Object.is(sorted[k], native[k])) expect.fail(`sorted[${k}] = ${sorted[k]}, native sort gives ${native[k]}`);
    if (!Object.is(x[perm[k]], sorted[k])) expect.fail(`x[perm[${k}]] = ${x[perm[k]]} is not sorted[${k}] = ${sorted[k]}`);
  }
  expect(new Set(perm).size).toBe(n);
}

describe("argsortInto", () => {
  it("argsortInto(x) sorts like Float64Array sort and returns a permutation, on tricky seeded values", () => {
    for (const [seed, n] of [[1, 4000], [2, 1000], [3, 17], [4, 2], [5, 1], [6, 4096], [7, 4097]] as const) check(trickyValues(seed, n));
  });
  it("argsortInto handles many values within one truncated key (insertion sort path)", () => {
    // 4000 consecutive doubles above 1, shuffled: all share the key once 12 index bits replace the tail.
    const rng = createRng(8, 0);
    const x = new Float64Array(4000);
    const w = new BigInt64Array(x.buffer);
    for (let i = 0; i < x.length; i++) w[i] = 0x3ff0000000000000n + BigInt(Math.floor(rng.uniform() * 3000));
    check(x);
  });
});

describe("zScaleSorted and foldSortedPerm", () => {
  it("zScaleSorted(perm, sorted) equals zScale's values exactly, and the folded ranks equal zScale of |x − median|", () => {
    for (const seed of [11, 12, 13]) {
      const x = trickyValues(seed, 2000).map((v) => (Number.isFinite(v) ? v : 7)); // finite median
      const n = x.length;
      const perm = new Int32Array(n);
      const sorted = new Float64Array(n);
      argsortInto(x, perm, sorted, createArgsortWorkspace(n));
      const ws = createZScaleWorkspace(n);
      const z = new Float64Array(n);
      zScaleSorted(perm, sorted, z, ws);
      const want = zScale([x])[0];
      for (let i = 0; i < n; i++) if (!Object.is(z[i], want[i])) expect.fail(`z[${i}] = ${z[i]}, zScale gives ${want[i]}`);

      const med = medianSorted(sorted);
      const foldPerm = new Int32Array(n);
      const folded = new Float64Array(n);
      foldSortedPerm(perm, sorted, med, foldPerm, folded);
      const absDev = x.map((v) => Math.abs(v - med));
      expect(Array.from(folded)).toEqual(Array.from(Float64Array.from(absDev).sort()));
      zScaleSorted(foldPerm, folded, z, ws);
      const wantFold = zScale([absDev])[0];
      for (let i = 0; i < n; i++) if (!Object.is(z[i], wantFold[i])) expect.fail(`folded z[${i}] = ${z[i]}, zScale gives ${wantFold[i]}`);
      // And the ranks behind them are R's average ranks.
      expect(averageRanks(x).reduce((s, r) => s + r, 0)).toBe((n * (n + 1)) / 2);
    }
  });
});
