/**
 * A formula program's group effects are sampled as r (glmmShape.ts's rewrite, then any
 * parameterisation) while its own program — which predictions, log_lik and the draws CSV read —
 * names z (r = sd · z) and lists its outputs in its own order. These draws are put back into that
 * layout: every output copied by name, each hidden z_j filled with r_j / sd from the same draw.
 */
import { createDraws, SAMPLER_VARIABLES, type Draws } from "../posterior/draws.js";

export interface GlmmPair {
  /** The original parameter (`z_1_1`), the group effect (`r_1_1`) and its scale's output name (`sd_1[1]`). */
  readonly z: string;
  readonly r: string;
  readonly scale: string;
}

export interface OutputRestore {
  /** Output names of the user's program, in its order. */
  readonly outputNames: readonly string[];
  readonly pairs: readonly GlmmPair[];
}

/** The draws of the rewritten program in the user's program's layout (sampler columns first, as sampled). */
export function restoreOutputs(draws: Draws, restore: OutputRestore): Draws {
  const sampler = SAMPLER_VARIABLES.filter((n) => draws.names.includes(n));
  const out = createDraws([...sampler, ...restore.outputNames], draws.chains, draws.draws);
  const S = draws.chains * draws.draws;
  const from = new Map(draws.names.map((n, k) => [n, k] as const));
  const zOf = new Map<string, { r: string; scale: number }>();
  for (const p of restore.pairs) {
    const scale = from.get(p.scale);
    if (scale === undefined) throw new Error(`restoreOutputs: the draws have no column for ${p.scale}`);
    zOf.set(p.z, { r: p.r, scale });
  }
  out.names.forEach((name, k) => {
    const v = from.get(name);
    if (v !== undefined) {
      out.data.set(draws.data.subarray(v * S, (v + 1) * S), k * S);
      return;
    }
    const open = name.indexOf("[");
    const pair = open > 0 ? zOf.get(name.slice(0, open)) : undefined;
    const r = pair === undefined ? undefined : from.get(`${pair.r}${name.slice(open)}`);
    if (pair === undefined || r === undefined) throw new Error(`restoreOutputs: the draws have no column for ${name}`);
    for (let s = 0; s < S; s++) out.data[k * S + s] = draws.data[r * S + s] / draws.data[pair.scale * S + s];
  });
  return out;
}
