/** Per-chain outputs → one Draws container (variable-major, then chain, then draw). */
import { createDraws, type Draws } from "../posterior/draws.js";
import type { ChainOutput } from "./chain.js";

const savedOf = (o: ChainOutput, warmup: boolean): number => (warmup ? o.warmupSaved : o.saved);

/**
 * The chains that go into the container: every chain with at least one draw. A chain an abort kept
 * from starting (or stopped in warmup) has none and would otherwise empty the whole container.
 */
export function chainsWithDraws(outputs: readonly ChainOutput[], warmup: boolean): number[] {
  return outputs.flatMap((o, c) => (savedOf(o, warmup) > 0 ? [c] : []));
}

/**
 * The container is rectangular, so chains stopped early keep only as many draws as the shortest
 * chain among those kept (`keep`, indices into `outputs`; default: every chain with draws).
 */
export function assembleDraws(outputs: readonly ChainOutput[], names: readonly string[], warmup: boolean, keep = chainsWithDraws(outputs, warmup)): Draws {
  const chains = keep.length;
  const nDraws = chains === 0 ? 0 : Math.min(...keep.map((c) => savedOf(outputs[c], warmup)));
  const d = createDraws(names, chains, nDraws);
  for (let k = 0; k < chains; k++) {
    const o = outputs[keep[k]];
    const src = warmup ? o.warmupSamples : o.samples;
    const cap = warmup ? o.warmupCapacity : o.capacity;
    if (src === null || nDraws === 0) continue;
    for (let v = 0; v < names.length; v++) {
      d.data.set(src.subarray(v * cap, v * cap + nDraws), (v * chains + k) * nDraws);
    }
  }
  return d;
}
