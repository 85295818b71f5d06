/**
 * Per-fit sampler diagnostics from CmdStan's sampler variables in the draws (post-warmup only):
 * divergent transitions, transitions that hit the maximum tree depth, and E-BFMI per chain.
 */
import { chainOf, type Draws } from "../posterior/draws.js";
import { ebfmi } from "./ebfmi.js";

export interface SamplerDiagnostics {
  readonly divergences: number;
  readonly treedepth_hits: number;
  readonly ebfmi: readonly number[];
}

export interface SamplerDiagnosticsOptions {
  /** The max_treedepth the chains ran with (hbayes and Stan default: 10). */
  readonly maxTreeDepth: number;
}

/**
 * Counts over all chains. A draws object without a sampler variable (e.g. read from a CSV of
 * another algorithm) contributes 0 for it, and no E-BFMI without `energy__`.
 */
export function samplerDiagnostics(draws: Draws, options: SamplerDiagnosticsOptions): SamplerDiagnostics {
  const { maxTreeDepth } = options;
  if (!Number.isInteger(maxTreeDepth) || maxTreeDepth < 1) {
    throw new RangeError(`samplerDiagnostics: maxTreeDepth must be a positive integer, got ${maxTreeDepth}`);
  }
  const count = (name: string, hit: (x: number) => boolean): number => {
    const v = draws.names.indexOf(name);
    if (v < 0) return 0;
    let n = 0;
    for (let c = 0; c < draws.chains; c++) {
      const x = chainOf(draws, v, c);
      for (let i = 0; i < x.length; i++) if (hit(x[i])) n++;
    }
    return n;
  };
  const energy = draws.names.indexOf("energy__");
  const perChain: number[] = [];
  if (energy >= 0) for (let c = 0; c < draws.chains; c++) perChain.push(ebfmi(chainOf(draws, energy, c)));
  return {
    divergences: count("divergent__", (x) => x > 0),
    // As Stan's diagnose: a transition saturates when its depth reaches the maximum.
    treedepth_hits: count("treedepth__", (x) => x >= maxTreeDepth),
    ebfmi: perChain,
  };
}
