/**
 * Shapes shared by the prediction functions: a draws × rows matrix (the layout `psisLoo` reads, so a
 * log-likelihood matrix goes straight into LOO) and the options, with frozen defaults.
 */
import { UserError } from "../errors.js";
import type { LogLikMatrix } from "../diagnostics/loo.js";

/** draws × observations, row-major (`data[s * observations + i]`), chains concatenated in draw order. */
export interface DrawMatrix extends LogLikMatrix {
  /** 1-based chain of each draw (for PSIS-LOO's relative efficiency and per-chain MCSE). */
  readonly chainIds: Int32Array;
}

/**
 * How a level the fit did not see gets its effects, per draw:
 * - `"gaussian"` (brms `sample_new_levels = "gaussian"`): r_new = diag(sd) · L · z, z ~ N(0, I), from
 *   that draw's sd and correlation — the population distribution itself.
 * - `"uncertainty"` (brms's default of the same name): that draw's effects of an existing level picked
 *   uniformly at random, so the new level follows the spread of the levels seen.
 */
export type NewLevelsMethod = "gaussian" | "uncertainty";
export const NEW_LEVELS_METHODS: readonly NewLevelsMethod[] = Object.freeze(["gaussian", "uncertainty"]);

export interface PredictOptions {
  /** brms's `allow_new_levels`: draw the effects of unseen group levels instead of failing. */
  readonly allowNewLevels?: boolean;
  readonly newLevels?: NewLevelsMethod;
  /** Seed of the random streams (new-level effects, response draws); same seed, same draws. */
  readonly seed?: number;
}

export const DEFAULT_PREDICT = Object.freeze({ allowNewLevels: false, newLevels: "gaussian" as NewLevelsMethod, seed: 1 });

/**
 * Child-stream indices under `createRng(seed, chain)`: fixed numbers away from 0 so prediction draws
 * share no randomness with the sampler's own chain streams, one per purpose so that linpred, epred
 * and predict with the same seed use the same new-level effects.
 */
export const PREDICT_STREAMS = Object.freeze({ newLevels: 0x70726564, response: 0x70726565, generated: 0x70726566 });

export function resolvePredictOptions(o: PredictOptions): Required<PredictOptions> {
  const newLevels = o.newLevels ?? DEFAULT_PREDICT.newLevels;
  if (!NEW_LEVELS_METHODS.includes(newLevels)) {
    throw new UserError(`predict: newLevels must be one of ${NEW_LEVELS_METHODS.join(", ")}, got ${JSON.stringify(newLevels)}`);
  }
  const seed = o.seed ?? DEFAULT_PREDICT.seed;
  if (!Number.isFinite(seed)) throw new UserError(`predict: seed must be a finite number, got ${seed}`);
  return { allowNewLevels: o.allowNewLevels ?? DEFAULT_PREDICT.allowNewLevels, newLevels, seed };
}
