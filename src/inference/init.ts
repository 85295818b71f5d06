/**
 * Initial values, as Stan: uniform(−2, 2) on the unconstrained scale from the chain's own RNG,
 * retried until the log density and its gradient are finite, or a user-supplied point.
 */
import { UserError } from "../errors.js";
import type { LogDensity } from "../logDensity.js";
import type { Rng } from "../random/rng.js";
import { nutsInit, type NutsState } from "./nuts.js";

export const INIT_RADIUS = 2;
export const MAX_INIT_ATTEMPTS = 100;

function isUsable(s: NutsState): boolean {
  if (!Number.isFinite(s.logDensity)) return false;
  const g = s.gradient;
  for (let i = 0; i < g.length; i++) if (!Number.isFinite(g[i])) return false;
  return true;
}

/** Returns the initial state and how many log-density evaluations it took. */
export function initialState(rng: Rng, target: LogDensity, chain: number, init: Float64Array | null): { state: NutsState; evaluations: number } {
  if (init !== null) {
    if (init.length !== target.dim) {
      throw new UserError(`sample: init for chain ${chain + 1} must have length ${target.dim} (unconstrained dimension), got ${init.length}`);
    }
    const state = nutsInit(init, target);
    if (!isUsable(state)) {
      throw new UserError(
        `sample: the initial values given for chain ${chain + 1} have log density ${state.logDensity} or a non-finite gradient; give values inside the support (on the unconstrained scale)`,
      );
    }
    return { state, evaluations: 1 };
  }
  const q = new Float64Array(target.dim);
  for (let attempt = 1; attempt <= MAX_INIT_ATTEMPTS; attempt++) {
    for (let i = 0; i < q.length; i++) q[i] = -INIT_RADIUS + 2 * INIT_RADIUS * rng.uniform();
    const state = nutsInit(q, target);
    if (isUsable(state)) return { state, evaluations: attempt };
  }
  throw new UserError(
    `sample: chain ${chain + 1} found no initial values with finite log density and gradient in ${MAX_INIT_ATTEMPTS} attempts of uniform(-${INIT_RADIUS}, ${INIT_RADIUS}) on the unconstrained scale; give initial values (init) or check the model`,
  );
}
