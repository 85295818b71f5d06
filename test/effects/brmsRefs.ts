/** brms 2.18's conditional_effects and bayes_R2 on four models (fixtures/brms-refs.json, written by fixtures/make-refs.R). */
import { readFileSync } from "node:fs";

export interface BrmsEffect {
  readonly effects: string | string[];
  readonly grid: Record<string, (number | string)[]>;
  readonly estimate: number[];
  readonly se: number[];
  readonly lower: number[];
  readonly upper: number[];
  readonly mcse_estimate: number[];
  readonly mcse_lower: number[];
  readonly mcse_upper: number[];
  /** brms's held values; also the response and grouping columns (NA), which are not conditions. */
  readonly conditions: Record<string, unknown>;
}

export interface BrmsModel {
  readonly formula: string;
  readonly family: string;
  readonly data: string;
  readonly posterior_epred: Record<string, BrmsEffect>;
  readonly posterior_predict?: Record<string, BrmsEffect>;
  readonly bayes_R2: R2Ref;
  /** batch_mcse: MCSE of estimate, q2.5 and q97.5 from 8 half-chain batches (make-refs.R). */
  readonly loo_R2: R2Ref & { readonly batch_mcse: readonly number[] };
}

export interface R2Ref {
  readonly estimate: number;
  readonly error: number;
  readonly q2_5: number;
  readonly q97_5: number;
  readonly mcse_mean: number;
  readonly mcse_q2_5: number;
  readonly mcse_q97_5: number;
}

export const BRMS_REFS: Record<string, BrmsModel> = JSON.parse(readFileSync(new URL("./fixtures/brms-refs.json", import.meta.url), "utf8"));

export function dataPath(m: BrmsModel): string {
  return new URL(`../../${m.data}`, import.meta.url).pathname;
}

export function effectList(e: BrmsEffect): string[] {
  return Array.isArray(e.effects) ? e.effects : [e.effects];
}
