/**
 * Simulation-based calibration (Talts et al. 2018) of the whole sampler (warmup included): for each
 * replication draw parameters from the prior, simulate data, fit, and rank the prior draw among 99
 * thinned posterior draws. A calibrated sampler gives uniform ranks; we test 10 equal bins with a
 * chi-square test (p > 0.01) per hyperparameter and for two group parameters. Writes validation/sbc.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sample } from "../../../src/inference/sample.js";
import { chainOf, variableIndex, type Draws } from "../../../src/posterior/draws.js";
import { createRng } from "../../../src/random/rng.js";
import type { LogDensity } from "../../../src/logDensity.js";
import { eightSchoolsNoncentered, EIGHT_SCHOOLS } from "../../inference/support/models.js";
import { EXPOSURE, poissonGamma, PRIOR } from "./poissonGamma.js";
import { chiSquarePValue, chiSquareUniform, gammaRng, poissonRng } from "./sbcSupport.js";

const REPLICATIONS = 250;
const L = 99; // posterior draws per rank: ranks 0..99, 10 bins of 10
const BINS = 10;
const FIT = { chains: 2, warmup: 500, draws: 1000, adaptDelta: 0.9 } as const;

interface Simulated {
  target: LogDensity;
  truth: Record<string, number>;
}

function simulateEightSchools(r: number): Simulated {
  const rng = createRng(20250, r);
  const mu = 5 * rng.normal();
  // Half-Cauchy(0, 5) by inversion.
  const tau = 5 * Math.tan((Math.PI / 2) * rng.uniform());
  const theta = EIGHT_SCHOOLS.sigma.map(() => mu + tau * rng.normal());
  const y = theta.map((th, j) => th + EIGHT_SCHOOLS.sigma[j] * rng.normal());
  return { target: eightSchoolsNoncentered({ J: 8, y, sigma: EIGHT_SCHOOLS.sigma }), truth: { mu, tau, "theta[1]": theta[0], "theta[2]": theta[1] } };
}

function simulatePoissonGamma(r: number): Simulated {
  const rng = createRng(20251, r);
  const alpha = gammaRng(rng, PRIOR.alphaShape, PRIOR.alphaRate);
  const beta = gammaRng(rng, PRIOR.betaShape, PRIOR.betaRate);
  const lambda = EXPOSURE.map(() => gammaRng(rng, alpha, beta));
  const y = lambda.map((l, i) => poissonRng(rng, l * EXPOSURE[i]));
  return { target: poissonGamma(y), truth: { alpha, beta, "lambda[1]": lambda[0], "lambda[7]": lambda[6] } };
}

/** Rank of the truth among L draws spread evenly over all chains' draws (thinning reduces autocorrelation). */
function rankOf(d: Draws, name: string, truth: number): number {
  const v = variableIndex(d, name);
  const all: number[] = [];
  for (let c = 0; c < d.chains; c++) all.push(...chainOf(d, v, c));
  const stride = Math.floor(all.length / L);
  let rank = 0;
  for (let k = 0; k < L; k++) if (all[k * stride] < truth) rank++;
  return rank;
}

async function runSbc(simulate: (r: number) => Simulated) {
  const ranks: Record<string, number[]> = {};
  let divergences = 0;
  let fitsWithDivergences = 0;
  for (let r = 0; r < REPLICATIONS; r++) {
    const { target, truth } = simulate(r);
    const res = await sample(target, { ...FIT, seed: r });
    divergences += res.divergences;
    if (res.divergences > 0) fitsWithDivergences++;
    for (const [name, value] of Object.entries(truth)) (ranks[name] ??= []).push(rankOf(res.draws, name, value));
  }
  const tests = Object.fromEntries(Object.entries(ranks).map(([name, rs]) => [name, chiSquareUniform(rs, L, BINS)]));
  return { replications: REPLICATIONS, posteriorDrawsPerRank: L, bins: BINS, fit: FIT, divergences, fitsWithDivergences, tests, ranks };
}

describe("simulation-based calibration", () => {
  const results: Record<string, unknown> = {};

  it("chi-square tail matches scipy (chi2.sf(15.3, 9) = 0.0830182862)", () => {
    expect(chiSquarePValue(15.3, 9)).toBeCloseTo(0.0830182862, 8);
    // All ranks in one bin: no doubt at all.
    expect(chiSquareUniform(new Array(100).fill(0), 99, 10).pValue).toBeLessThan(1e-10);
  });

  it(`eight schools non-centred: ${REPLICATIONS} replications, uniform ranks for mu, tau, theta[1], theta[2]`, async () => {
    const r = await runSbc(simulateEightSchools);
    results.eightSchoolsNoncentered = r;
    for (const [name, t] of Object.entries(r.tests)) expect(t.pValue, `${name}: counts ${t.counts.join(" ")}`).toBeGreaterThan(0.01);
  });

  it(`Poisson–Gamma with exposure: ${REPLICATIONS} replications, uniform ranks for alpha, beta, lambda[1], lambda[7]`, async () => {
    const r = await runSbc(simulatePoissonGamma);
    results.poissonGamma = r;
    for (const [name, t] of Object.entries(r.tests)) expect(t.pValue, `${name}: counts ${t.counts.join(" ")}`).toBeGreaterThan(0.01);
  });

  it("writes validation/sbc.json", () => {
    const dir = new URL("../../../validation/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      new URL("sbc.json", dir),
      JSON.stringify({ schema: "hbayes.sbc/1", generatedBy: "test/slow/inference/sbc.test.ts", date: new Date().toISOString(), ...results }, null, 1) + "\n",
    );
  });
});
