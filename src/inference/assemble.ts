/** Per-chain outputs → one Draws container (variable-major, then chain, then draw). */
import { createDraws, type Draws } from "../posterior/draws.js";
import type { ChainOutput } from "./chain.js";

/** Chains stopped early keep only as many draws as the shortest chain, so every chain has equal length. */
export function assembleDraws(outputs: readonly ChainOutput[], names: readonly string[], warmup: boolean): Draws {
  const chains = outputs.length;
  const nDraws = Math.min(...outputs.map((o) => (warmup ? o.warmupSaved : o.saved)));
  const d = createDraws(names, chains, nDraws);
  for (let c = 0; c < chains; c++) {
    const o = outputs[c];
    const src = warmup ? o.warmupSamples : o.samples;
    const cap = warmup ? o.warmupCapacity : o.capacity;
    if (src === null || nDraws === 0) continue;
    for (let v = 0; v < names.length; v++) {
      d.data.set(src.subarray(v * cap, v * cap + nDraws), (v * chains + c) * nDraws);
    }
  }
  return d;
}
