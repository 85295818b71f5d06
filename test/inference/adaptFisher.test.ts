import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFisherSchedule, fisherAdaptInit, fisherAdaptUpdate } from "../../src/inference/adaptFisher.js";
import type { MetricKind } from "../../src/inference/metric.js";
import { sample, type SampleResult } from "../../src/inference/sample.js";
import { essBulk } from "../../src/diagnostics/ess.js";
import { chainOf, variableIndex, type Draws } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";
import { correlatedNormal, eightSchoolsNoncentered, stdNormal } from "./support/models.js";
import { mcseMean, mean, sd } from "./support/ess.js";

const chainsOf = (d: Draws, name: string) => Array.from({ length: d.chains }, (_, c) => chainOf(d, variableIndex(d, name), c));

/** Min bulk ESS over the model's variables ÷ every gradient, warmup included (the benchmark's measure). */
function essPerGradient(r: SampleResult): number {
  let min = Infinity;
  for (const name of r.draws.names) if (!name.endsWith("__")) min = Math.min(min, essBulk(chainsOf(r.draws, name)));
  return min / r.timing.gradients;
}

describe("buildFisherSchedule", () => {
  it("buildFisherSchedule(1000) switches every 10 draws until 300, every 80 until 850, then adapts the step size only", () => {
    expect(buildFisherSchedule(1000)).toEqual({ numWarmup: 1000, earlyEnd: 300, metricEnd: 850, earlySwitch: 10, lateSwitch: 80 });
    expect(buildFisherSchedule(150)).toMatchObject({ earlyEnd: 45, metricEnd: 128 });
    // As Stan's rule for "diag": below 20 iterations no metric is adapted.
    expect(buildFisherSchedule(19).metricEnd).toBe(0);
    expect(() => buildFisherSchedule(-1)).toThrow(/numWarmup must be a non-negative integer, got -1/);
  });
});

describe("fisherAdaptUpdate", () => {
  /** Feeds draws of N(0, diag(scales²)) with exact gradients for iterations 0..upTo−1; returns the iterations where the metric changed. */
  function feed(kind: "fisher-diag" | "fisher-lowrank", scales: number[], upTo: number) {
    const dim = scales.length;
    const g0 = Float64Array.from(scales, (s) => -1 / s);
    const st = fisherAdaptInit(kind, dim, 1000, g0);
    const rng = createRng(4, 0);
    const x = new Float64Array(dim);
    const g = new Float64Array(dim);
    const changed: number[] = [];
    for (let i = 0; i < upTo; i++) {
      for (let k = 0; k < dim; k++) {
        x[k] = scales[k] * rng.normal();
        g[k] = -x[k] / scales[k] ** 2;
      }
      if (fisherAdaptUpdate(st, i, x, g, true)) changed.push(i);
    }
    return { st, changed };
  }

  it("fisherAdaptInit starts from 1/|gradient| and fisher-diag follows every draw from the third, exact on a Gaussian", () => {
    const st0 = fisherAdaptInit("fisher-diag", 2, 1000, Float64Array.of(-0.5, 8));
    expect(Array.from(st0.metric.inverse)).toEqual([2, 0.125]);
    const { st, changed } = feed("fisher-diag", [0.1, 30], 900);
    // Iterations ≥ metricEnd (850) change nothing.
    expect(changed).toEqual(Array.from({ length: 848 }, (_, i) => i + 2));
    expect(st.metric.inverse[0] / 0.01).toBeCloseTo(1, 10);
    expect(st.metric.inverse[1] / 900).toBeCloseTo(1, 10);
  });

  it("the foreground is replaced by the background every 10 draws early and every 80 late; fisher-lowrank re-estimates only then and at the freeze", () => {
    const { st, changed } = feed("fisher-lowrank", [0.1, 30, 2], 850);
    const early = Array.from({ length: 30 }, (_, k) => 10 * k + 9);
    // Late switches need 80 background draws and room for another 80 before 850 (nutpie's rule):
    // 379, 459, …, 699; at 779 only 71 iterations are left, so no switch.
    const late = [379, 459, 539, 619, 699];
    expect(changed).toEqual([...early, ...late, 849]);
    // The last switch at 699 made draws 620.. the foreground, which runs to the freeze at 849.
    expect(st.stored - st.fgStart).toBe(230);
    expect(st.rank).toBe(0);
    expect(st.metric.kind).toBe("diag");
  });
});

describe("sample with gradient-informed metrics", () => {
  const scales = Array.from({ length: 100 }, (_, i) => Math.exp((6 * i) / 99 - 3));
  const target = stdNormal({ dim: 100, scales });

  it("100-D normal with scales e⁻³…e³: fisher-diag adapts the exact variances, means within 4 MCSE, and beats diag's ESS per gradient", async () => {
    const opts = { chains: 4, warmup: 1000, draws: 1000, seed: 12, threads: 1 };
    const fd = await sample(target, { ...opts, metric: "fisher-diag" });
    const dg = await sample(target, { ...opts, metric: "diag" });
    for (const c of fd.chains) {
      for (let i = 0; i < 100; i++) expect(c.inverseMetric[i] / scales[i] ** 2).toBeCloseTo(1, 8);
    }
    for (let i = 0; i < 100; i += 11) {
      const ch = chainsOf(fd.draws, `theta[${i + 1}]`);
      expect(Math.abs(mean(Float64Array.from(ch.flatMap((c) => Array.from(c)))))).toBeLessThan(4 * mcseMean(ch));
    }
    // Seeded, so this is one fixed comparison; seen 7.5× (Stan's windows spend most of warmup on the scales).
    expect(essPerGradient(fd)).toBeGreaterThan(2 * essPerGradient(dg));
  });

  it("bivariate normal with correlation 0.99: fisher-lowrank has several times diag's ESS per gradient", async () => {
    const opts = { chains: 4, warmup: 1000, draws: 1000, seed: 13, threads: 1 };
    const lr = await sample(correlatedNormal({ rho: 0.99 }), { ...opts, metric: "fisher-lowrank" });
    const dg = await sample(correlatedNormal({ rho: 0.99 }), { ...opts, metric: "diag" });
    // The narrow direction has sd 0.1 of the wide one: the corrected metric removes it (seen > 20×).
    expect(essPerGradient(lr)).toBeGreaterThan(5 * essPerGradient(dg));
  });

  const ref = JSON.parse(readFileSync(new URL("./fixtures/eight-schools-ref.json", import.meta.url), "utf8")) as {
    params: Record<string, { mean: number; sd: number; mcse_mean: number }>;
  };
  for (const metric of ["fisher-diag", "fisher-lowrank"] as MetricKind[]) {
    it(`non-centred eight schools with metric ${metric} matches posteriordb: means within 4 combined MCSE, sds within 10 %`, async () => {
      const res = await sample(eightSchoolsNoncentered(), { chains: 4, warmup: 1000, draws: 2500, seed: 8, adaptDelta: 0.9, metric });
      expect(res.settings.metric).toBe(metric);
      for (const [name, r] of Object.entries(ref.params)) {
        const ch = chainsOf(res.draws, name);
        const all = Float64Array.from(ch.flatMap((c) => Array.from(c)));
        const mcse = mcseMean(ch);
        expect(Math.abs(mean(all) - r.mean), `${name}: mean ${mean(all)} vs ${r.mean}`).toBeLessThan(4 * Math.hypot(mcse, r.mcse_mean));
        expect(Math.abs(sd(all) / r.sd - 1), `${name}: sd ${sd(all)} vs ${r.sd}`).toBeLessThan(0.1);
      }
    });
  }

  it("fisher-lowrank draws are the same bit for bit with threads 1 and 2", async () => {
    const wt = { module: new URL("./support/models.ts", import.meta.url).href, factory: "correlatedNormal", payload: { rho: 0.95 } };
    const o = { chains: 2, warmup: 300, draws: 100, seed: 5, metric: "fisher-lowrank" as const };
    const r1 = await sample(wt, { ...o, threads: 1 });
    const r2 = await sample(wt, { ...o, threads: 2 });
    expect(r2.draws.data).toEqual(r1.draws.data);
    expect(r2.chains.map((c) => c.stepSize)).toEqual(r1.chains.map((c) => c.stepSize));
    expect(r2.chains.map((c) => Array.from(c.inverseMetric))).toEqual(r1.chains.map((c) => Array.from(c.inverseMetric)));
  });
});
