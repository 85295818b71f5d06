/**
 * Runs whole chains (warmup with adaptation, then sampling) and reduces each to the statistics that
 * test/inference/fixtures/make-adapt-refs.R records for Stan, so the two can be compared chain for chain.
 */
import { createChainRunner, type ChainSettings } from "../../../src/inference/chain.js";
import { buildSchedule } from "../../../src/inference/schedule.js";
import type { LogDensity } from "../../../src/logDensity.js";

export interface ChainAdaptStats {
  /** Step size after warmup: exp(x̄) of the last dual-averaging run. */
  readonly stepSize: number;
  /** Mean accept_stat__ over the sampling draws (≈ adapt_delta when adaptation works). */
  readonly meanAcceptStat: number;
  /** Mean accept_stat__ over the terminal fast buffer (the last 50 warmup iterations). */
  readonly termBufferAcceptStat: number;
  readonly divergences: number;
  readonly meanLeapfrog: number;
  /** Step size of the iteration after each metric window ends: the step-size search's result. */
  readonly restartStepSizes: readonly number[];
  /** Step size of the first warmup iteration: the search's result from the initial point. */
  readonly firstStepSize: number;
}

export interface AdaptCase {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly adaptDelta: number;
  readonly perChain: readonly ChainAdaptStats[];
}

export function runAdaptChains(target: LogDensity, o: { chains: number; warmup: number; draws: number; adaptDelta: number; seed: number }): AdaptCase {
  const ends = buildSchedule(o.warmup).windows.map((w) => w.end);
  const perChain: ChainAdaptStats[] = [];
  for (let c = 0; c < o.chains; c++) {
    const settings: ChainSettings = {
      seed: o.seed, warmup: o.warmup, draws: o.draws, thin: 1, adaptDelta: o.adaptDelta, maxTreeDepth: 10, maxDeltaH: 1000,
      metric: "diag", initialStepSize: 1, saveWarmup: true, init: null,
    };
    const runner = createChainRunner(target, c, settings);
    while (!runner.run(1e9));
    const out = runner.output();
    const w = out.warmupSamples as Float64Array;
    const wc = out.warmupCapacity;
    // Columns follow SAMPLER_VARIABLES: lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__, …
    const meanOf = (buf: Float64Array, cap: number, v: number, from: number, to: number) => {
      let s = 0;
      for (let d = from; d < to; d++) s += buf[v * cap + d];
      return s / (to - from);
    };
    perChain.push({
      stepSize: out.stepSize,
      meanAcceptStat: meanOf(out.samples, out.capacity, 1, 0, out.saved),
      termBufferAcceptStat: meanOf(w, wc, 1, o.warmup - 50, o.warmup),
      divergences: out.divergences,
      meanLeapfrog: meanOf(out.samples, out.capacity, 4, 0, out.saved),
      restartStepSizes: ends.map((e) => w[2 * wc + e]),
      firstStepSize: w[2 * wc],
    });
  }
  return { chains: o.chains, warmup: o.warmup, draws: o.draws, adaptDelta: o.adaptDelta, perChain };
}

/** Mean and its standard error over chains (chains are independent, so sd / √n is exact). */
export function meanSe(xs: readonly number[]): { mean: number; se: number } {
  const n = xs.length;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - m) * (b - m), 0) / (n - 1);
  return { mean: m, se: Math.sqrt(v / n) };
}

/** The 10 scales (0.1 … 10, log-spaced) of the Gaussian target `gauss10` in make-adapt-refs.R. */
export const GAUSS10_SCALES: readonly number[] = Array.from({ length: 10 }, (_, i) => Math.exp(Math.log(0.1) + (i * Math.log(100)) / 9));
