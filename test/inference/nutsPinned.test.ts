/**
 * NUTS's output pinned to the last bit: a faster tree builder that changes a single draw is a
 * different sampler. The hashes were produced by the sampler as of commit bd0df4b (before the fused
 * leapfrog, leaf and merge passes) and are reproduced by the current one; they cover diagonal and
 * dense metrics, and divergent transitions (centred eight schools with a large step).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { LogDensity } from "../../src/logDensity.js";
import { denseMetric, diagMetric, type Metric } from "../../src/inference/metric.js";
import { createNutsWorkspace, nutsInit, nutsStep } from "../../src/inference/nuts.js";
import { createRng } from "../../src/random/rng.js";
import { eightSchoolsCentered, eightSchoolsNoncentered } from "./support/models.js";

/** SHA-256 (first 16 hex digits) of every transition's position, log density and info. */
function transitionsHash(target: LogDensity, metric: Metric, stepSize: number, seed: number, n: number): { hash: string; divergent: number } {
  const h = createHash("sha256");
  const ws = createNutsWorkspace(target, 10);
  const state = nutsInit(new Float64Array(target.dim).fill(0.1), target);
  const rng = createRng(seed, 0);
  let divergent = 0;
  for (let i = 0; i < n; i++) {
    const info = nutsStep(rng, state, { stepSize, metric, maxTreeDepth: 10, maxDeltaH: 1000 }, ws);
    if (info.divergent) divergent++;
    h.update(new Uint8Array(state.position.buffer.slice(0)));
    h.update(new Uint8Array(Float64Array.of(state.logDensity, info.acceptStat, info.treeDepth, info.nLeapfrog, info.divergent ? 1 : 0, info.energy).buffer));
  }
  return { hash: h.digest("hex").slice(0, 16), divergent };
}

const dim = 10;
const inverse = Float64Array.from({ length: dim }, (_, i) => 0.5 + 0.1 * i);
const dense = new Float64Array(dim * dim);
for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) dense[i * dim + j] = i === j ? 1 + 0.05 * i : 0.2 / (1 + Math.abs(i - j));

describe("nutsStep pinned draws", () => {
  it("nutsStep reproduces the pinned transitions of non-centred eight schools with a diagonal metric", () => {
    expect(transitionsHash(eightSchoolsNoncentered(), diagMetric(inverse), 0.4, 11, 500).hash).toBe("3278055a115ec70b");
  });
  it("nutsStep reproduces the pinned transitions of centred eight schools, divergences included", () => {
    const r = transitionsHash(eightSchoolsCentered(), diagMetric(inverse), 0.6, 12, 500);
    expect(r.divergent).toBeGreaterThan(0);
    expect(r.hash).toBe("4850c1d9d44e84df");
  });
  it("nutsStep reproduces the pinned transitions of non-centred eight schools with a dense metric", () => {
    expect(transitionsHash(eightSchoolsNoncentered(), denseMetric(dense, dim), 0.45, 13, 300).hash).toBe("cb3ae3cbe13d272f");
  });
});
