/**
 * The posteriordb reference files and how each posterior is fitted here. Settings follow the reference
 * runs' adapt_delta (0.95 non-centred, 0.99 centred); the draw counts make our MCSE a small fraction of
 * the reference sd (sd/10 is the brief's ceiling; the funnels of seeds, GLMM_Poisson and the centred
 * eight schools get more draws because their scale parameters mix slowly).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DivergencePolicy, ReferenceParam } from "./check.js";

export interface CaseSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly adaptDelta: number;
  readonly seed: number;
  readonly divergences: DivergencePolicy;
}

const base = { chains: 4, warmup: 1000, seed: 20250429 } as const;

export const CASE_SETTINGS: Readonly<Record<string, CaseSettings>> = Object.freeze({
  "eight_schools-eight_schools_noncentered": { ...base, draws: 4000, adaptDelta: 0.95, divergences: "none" },
  // The funnel: Stan reports divergences here at any adapt_delta; so must we, and still match.
  "eight_schools-eight_schools_centered": { ...base, warmup: 2000, draws: 10000, adaptDelta: 0.99, divergences: "expected" },
  "seeds_data-seeds_stanified_model": { ...base, draws: 5000, adaptDelta: 0.99, divergences: "allowed" },
  "surgical_data-surgical_model": { ...base, draws: 4000, adaptDelta: 0.99, divergences: "allowed" },
  "rats_data-rats_model": { ...base, draws: 2000, adaptDelta: 0.99, divergences: "allowed" },
  "radon_mn-radon_partially_pooled_noncentered": { ...base, draws: 2000, adaptDelta: 0.95, divergences: "none" },
  "radon_mn-radon_variable_intercept_noncentered": { ...base, draws: 2000, adaptDelta: 0.95, divergences: "none" },
  "radon_mn-radon_variable_intercept_centered": { ...base, draws: 2000, adaptDelta: 0.99, divergences: "allowed" },
  "radon_mn-radon_variable_slope_noncentered": { ...base, draws: 2000, adaptDelta: 0.95, divergences: "none" },
  "radon_mn-radon_variable_intercept_slope_noncentered": { ...base, draws: 2000, adaptDelta: 0.95, divergences: "none" },
  "radon_mn-radon_hierarchical_intercept_noncentered": { ...base, draws: 2000, adaptDelta: 0.95, divergences: "none" },
  "GLMM_Poisson_data-GLMM_Poisson_model": { ...base, draws: 10000, adaptDelta: 0.99, divergences: "allowed" },
  "irt_2pl-irt_2pl": { ...base, draws: 2000, adaptDelta: 0.99, divergences: "allowed" },
  "dogs-dogs_nonhierarchical": { ...base, draws: 2000, adaptDelta: 0.95, divergences: "none" },
});

export interface ReferenceFile {
  readonly name: string;
  readonly stan_code: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly reference: {
    readonly params: Readonly<Record<string, ReferenceParam>>;
    readonly param_order: readonly string[];
    readonly source_info?: { readonly timing_s?: ReferenceTiming; readonly attempts?: readonly ReferenceAttempt[] };
  };
}

/** One rstan run behind a reference computed for this project (the last one is the reference). */
export interface ReferenceAttempt {
  readonly adapt_delta: number;
  readonly stepsize_per_chain?: readonly number[];
  readonly mean_n_leapfrog_per_chain?: readonly number[];
}

export interface ReferenceTiming {
  readonly final_attempt_warmup_per_chain?: readonly number[];
  readonly final_attempt_sampling_per_chain?: readonly number[];
}

/**
 * The folder of reference files: `$HBAYES_POSTERIORDB_DIR`, else `shared/reference/posteriordb` beside
 * the repository (where the work tree and CI's clone both find it).
 */
export function referenceDir(): string {
  const fromEnv = process.env.HBAYES_POSTERIORDB_DIR;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return fileURLToPath(new URL("../../../shared/reference/posteriordb/", import.meta.url));
}

/** Posterior names of the top-level reference files (the borderline/ subfolder is left out on purpose). */
export function referenceNames(dir = referenceDir()): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

export function readReference(name: string, dir = referenceDir()): ReferenceFile {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as ReferenceFile;
}

/** Stan's own wall time for the reference run (chains one after another), when the file records it. */
export function referenceSeconds(ref: ReferenceFile): number | null {
  const t = ref.reference.source_info?.timing_s;
  if (!t?.final_attempt_warmup_per_chain || !t.final_attempt_sampling_per_chain) return null;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return sum(t.final_attempt_warmup_per_chain) + sum(t.final_attempt_sampling_per_chain);
}
