/**
 * Posterior-predictive replicates for the PPC plot, made in the page from saved draws: each chosen
 * draw is mapped back to the unconstrained point and the compiled `generate` draws a replicate of
 * the observed data. Seeded: one RNG stream set apart from the chains' streams.
 */
import type { Fit } from "../../src/api/fitResult.js";
import { createRng } from "../../src/random/rng.js";
import { variableIndex, variableOf } from "../../src/posterior/draws.js";

/** Stream number of the PPC's RNG; chains use streams 0 … chains − 1. */
export const PPC_STREAM = 0x70_70_70;

/**
 * `count` replicates of `observed` (each one value per observation), from draws spread evenly over
 * all chains. Throws the compiler's reason when the likelihood has no random-number generator yet.
 */
export function replicate(fit: Fit, observed: string, count: number, seed: number): Float64Array[] {
  const compiled = fit.compiled;
  const names = compiled.generatedNames;
  const first = names.indexOf(`${observed}_rep[1]`);
  if (first < 0) throw new Error(`the model has no replicates of ${observed}`);
  let n = 0;
  while (names[first + n] === `${observed}_rep[${n + 1}]`) n++;

  const d = fit.result.draws;
  const params = fit.model.program.params;
  const columns = params.map((p) => {
    const size = p.shape.kind === "scalar" ? 0 : p.shape.kind === "vector" ? p.shape.n : -1;
    if (size < 0) throw new Error(`PPC: parameter ${p.name} is a matrix, which the page does not map back yet`);
    return size === 0 ? [variableOf(d, variableIndex(d, p.name))] : Array.from({ length: size }, (_, i) => variableOf(d, variableIndex(d, `${p.name}[${i + 1}]`)));
  });
  const total = d.chains * d.draws;
  const step = Math.max(1, Math.floor(total / count));
  const rng = createRng(seed, PPC_STREAM);
  const out = new Float64Array(names.length);
  const reps: Float64Array[] = [];
  for (let k = 0; k < total && reps.length < count; k += step) {
    const theta = compiled.unconstrain(columns.map((cols) => Float64Array.from(cols, (c) => c[k])));
    compiled.generate(rng, theta, out);
    reps.push(out.slice(first, first + n));
  }
  return reps;
}
