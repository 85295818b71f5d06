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
  /** When the group intercept absorbed a location (absorbLocation.ts): its output name; the draws of r hold location + r. */
  readonly location?: string;
  /**
   * When the group mean also took population predictors constant within each group
   * (groupPredictors.ts): the coefficients' output names (K) and the n × K group values (row-major);
   * the draws of r then hold location + xg_j · b + r_j.
   */
  readonly slopes?: { readonly names: readonly string[]; readonly xg: Float64Array };
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
  const column = (name: string): number => {
    const v = from.get(name);
    if (v === undefined) throw new Error(`restoreOutputs: the draws have no column for ${name}`);
    return v;
  };
  // Per group effect r: its scale's column and the absorbed location's (−1: none); z and r looked up by base name.
  type Slopes = { columns: number[]; xg: Float64Array } | null;
  const byZ = new Map<string, { r: string; scale: number; location: number; slopes: Slopes }>();
  const byR = new Map<string, { location: number; slopes: Slopes }>();
  for (const p of restore.pairs) {
    const location = p.location === undefined ? -1 : column(p.location);
    const slopes = p.slopes === undefined ? null : { columns: p.slopes.names.map(column), xg: p.slopes.xg };
    byZ.set(p.z, { r: p.r, scale: column(p.scale), location, slopes });
    if (location >= 0) byR.set(p.r, { location, slopes });
  }
  const at = (v: number, s: number): number => draws.data[v * S + s];
  // Element j (0-based, from the name's first index) of a group effect whose mean took xg_j · b.
  const element = (name: string, open: number): number => Number.parseInt(name.slice(open + 1), 10) - 1;
  // xg_j · b per draw, computed once per group and shared by its z and r columns (they were summed twice).
  const shifts = new Map<string, Float64Array>();
  const slopeShift = (r: string, slopes: NonNullable<Slopes>, j: number): Float64Array => {
    const key = `${r}[${j}]`;
    const done = shifts.get(key);
    if (done !== undefined) return done;
    const K = slopes.columns.length;
    const v = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      let t = 0;
      for (let k = 0; k < K; k++) {
        const x = slopes.xg[j * K + k];
        if (x !== 0) t += x * at(slopes.columns[k], s);
      }
      v[s] = t;
    }
    shifts.set(key, v);
    return v;
  };
  out.names.forEach((name, k) => {
    const open = name.indexOf("[");
    const base = open > 0 ? name.slice(0, open) : name;
    const pair = byZ.get(base);
    const location = byR.get(base);
    if (pair !== undefined) {
      fillZ(out.data, k, draws.data, column(`${pair.r}${name.slice(open)}`), pair.scale, pair.location, S);
      const sl = pair.slopes;
      if (sl !== null) {
        const shift = slopeShift(pair.r, sl, element(name, open));
        for (let s = 0; s < S; s++) out.data[k * S + s] -= shift[s] / at(pair.scale, s);
      }
    } else if (location !== undefined) {
      const r = column(name);
      const sl = location.slopes;
      const shift = sl === null ? null : slopeShift(base, sl, element(name, open));
      for (let s = 0; s < S; s++) out.data[k * S + s] = at(r, s) - at(location.location, s) - (shift === null ? 0 : shift[s]);
    } else {
      const v = column(name);
      out.data.set(draws.data.subarray(v * S, (v + 1) * S), k * S);
    }
  });
  return out;
}

/**
 * Column z of `out` from columns r, scale and location (−1: none) of `from`, S values each:
 * z = (r − location) / scale. `out` and `from` may be the same array (a marginal fit's completed draws).
 */
export function fillZ(out: Float64Array, z: number, from: Float64Array, r: number, scale: number, location: number, S: number): void {
  for (let s = 0; s < S; s++) out[z * S + s] = (from[r * S + s] - (location >= 0 ? from[location * S + s] : 0)) / from[scale * S + s];
}
