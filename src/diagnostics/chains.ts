/**
 * The 2-D input of every diagnostic: one array per chain, all of the same length (chains × draws),
 * and the chain-level transforms R's posterior applies before its kernels.
 */
import { chainOf, type Draws } from "../posterior/draws.js";

export type Chains = readonly ArrayLike<number>[];

/** The chains of one variable of a Draws, as views (no copy). */
export function chainsOf(draws: Draws, variable: number): Float64Array[] {
  if (!Number.isInteger(variable) || variable < 0 || variable >= draws.names.length) {
    throw new RangeError(`chainsOf: variable must be an index below ${draws.names.length}, got ${variable}`);
  }
  const out: Float64Array[] = [];
  for (let c = 0; c < draws.chains; c++) out.push(chainOf(draws, variable, c));
  return out;
}

/** Number of draws per chain; throws when chains differ in length (a caller's error, not a NaN case). */
export function drawsPerChain(fn: string, chains: Chains): number {
  const n = chains.length === 0 ? 0 : chains[0].length;
  for (let c = 1; c < chains.length; c++) {
    if (chains[c].length !== n) {
      throw new RangeError(`${fn}: all chains must have the same number of draws, got ${n} and ${chains[c].length}`);
    }
  }
  return n;
}

/**
 * posterior's `.split_chains`: each chain becomes its first and second half; with an odd number of
 * draws the middle draw is dropped. A chain of one draw is left whole.
 */
export function splitChains(chains: Chains): Float64Array[] {
  const n = drawsPerChain("splitChains", chains);
  if (n <= 1) return chains.map((c) => Float64Array.from(c));
  const half = Math.floor(n / 2);
  const secondStart = Math.ceil(n / 2 + 1) - 1;
  const copies = chains.map((c) => Float64Array.from(c));
  // Order as R's cbind(first halves, second halves): all first halves, then all second halves.
  return [...copies.map((c) => c.subarray(0, half)), ...copies.map((c) => c.subarray(secondStart, n))];
}

/** All draws in R's column-major order (chain 1, then chain 2, …). */
export function pooled(chains: Chains): Float64Array {
  const n = drawsPerChain("pooled", chains);
  const out = new Float64Array(n * chains.length);
  chains.forEach((c, k) => {
    for (let i = 0; i < n; i++) out[k * n + i] = c[i];
  });
  return out;
}

/** Reshapes pooled values (chain-major) back into chains of n draws (views). */
export function unpool(values: Float64Array, chainCount: number): Float64Array[] {
  const n = chainCount === 0 ? 0 : values.length / chainCount;
  const out: Float64Array[] = [];
  for (let c = 0; c < chainCount; c++) out.push(values.subarray(c * n, (c + 1) * n));
  return out;
}

/** Applies f to every draw, keeping the chain shape. */
export function mapChains(chains: Chains, f: (x: number) => number): Float64Array[] {
  return chains.map((c) => {
    const out = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = f(c[i]);
    return out;
  });
}

/**
 * posterior's `should_return_NA`: any NaN or ±Inf, or all values within machine epsilon of each
 * other (an absolute tolerance, as posterior's `is_constant`). Diagnostics return NaN then.
 */
export function shouldReturnNaN(chains: Chains): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  for (const c of chains) {
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (!Number.isFinite(v)) return true;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      count++;
    }
  }
  if (count === 0) return true;
  return Math.abs(hi - lo) < Number.EPSILON;
}
