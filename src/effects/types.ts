/**
 * Shapes and frozen defaults of conditional effects (brms's `conditional_effects`) and Bayes R²
 * (brms's `bayes_R2`). Defaults are brms's: 100 grid points, a 95 % band, the median as estimate.
 */
import { UserError } from "../errors.js";

/** brms's `method`: the expected response (`posterior_epred`) or response draws (`posterior_predict`). */
export type EffectsMethod = "epred" | "predict";
export const EFFECTS_METHODS: readonly EffectsMethod[] = Object.freeze(["epred", "predict"]);

export interface ConditionalEffectsOptions {
  /** Effects to compute, brms-style: `"x"`, `"x:z"` (at most two variables); default: every predictor and each two-way interaction of the formulas. */
  readonly effects?: readonly string[];
  readonly method?: EffectsMethod;
  /** Grid points of a numeric effect over its observed range (brms `resolution`). */
  readonly resolution?: number;
  /** Probability mass of the band (brms `prob`): lower/upper are its (1 ± prob)/2 quantiles. */
  readonly prob?: number;
  /** Cumulative family: one curve per response category (brms `categorical = TRUE`) instead of the expected category number. */
  readonly categorical?: boolean;
  /** Values for variables that are not plotted (brms `conditions`, one row): numbers for numeric variables, level labels for factors. */
  readonly conditions?: Readonly<Record<string, number | string>>;
  /** Values of the second variable of an interaction (brms `int_conditions`). */
  readonly intConditions?: Readonly<Record<string, readonly (number | string)[]>>;
  /** Seed of the response draws (method "predict"); default the fit's seed. */
  readonly seed?: number;
}

export const DEFAULT_EFFECTS = Object.freeze({ method: "epred" as EffectsMethod, resolution: 100, prob: 0.95, categorical: false });

/** One plotted variable of an effect: its grid value on every row. */
export type EffectColumn =
  | { readonly name: string; readonly kind: "numeric"; readonly values: Float64Array }
  | { readonly name: string; readonly kind: "factor"; readonly values: readonly string[]; readonly levels: readonly string[] };

export interface ConditionalEffect {
  /** brms's name: the variables joined by ':' (`"zBase:Trt"`), numeric first for the default effects. */
  readonly name: string;
  readonly effects: readonly string[];
  /** One column per plotted variable, then `cats__` (category labels) when categorical. */
  readonly columns: readonly EffectColumn[];
  /** Grid rows. */
  readonly n: number;
  /** Median of the draws (brms `robust = TRUE`), their MAD, and the band's quantiles, per grid row. */
  readonly estimate: Float64Array;
  readonly se: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly method: EffectsMethod;
  /** The band's probability mass. */
  readonly prob: number;
  readonly categorical: boolean;
  /** Values of the variables held fixed (brms's `conditions`): mean of numeric ones, first level of factors, trials 1. */
  readonly conditions: Readonly<Record<string, number | string>>;
  /** The response's label (axis title). */
  readonly response: string;
  /** The data rows whose factor conditions match (brms's `points`): the plotted variables and the response. */
  readonly points: { readonly columns: readonly EffectColumn[]; readonly y: Float64Array };
  readonly messages: readonly string[];
}

export interface BayesR2 {
  /** Mean, sd and the 2.5 % / 97.5 % quantiles over draws (brms's bayes_R2 summary, robust = FALSE). */
  readonly estimate: number;
  readonly error: number;
  readonly q2_5: number;
  readonly q97_5: number;
  /** R² per draw, chains concatenated. */
  readonly draws: Float64Array;
  readonly messages: readonly string[];
}

export function resolveEffectsOptions(o: ConditionalEffectsOptions): Required<Pick<ConditionalEffectsOptions, "method" | "resolution" | "prob" | "categorical">> {
  const method = o.method ?? DEFAULT_EFFECTS.method;
  if (!EFFECTS_METHODS.includes(method)) throw new UserError(`conditionalEffects: method must be one of ${EFFECTS_METHODS.join(", ")}, got ${JSON.stringify(method)}`);
  const resolution = o.resolution ?? DEFAULT_EFFECTS.resolution;
  if (!(Number.isInteger(resolution) && resolution >= 2)) throw new UserError(`conditionalEffects: resolution must be a whole number of at least 2, got ${resolution}`);
  const prob = o.prob ?? DEFAULT_EFFECTS.prob;
  if (!(prob > 0 && prob < 1)) throw new UserError(`conditionalEffects: prob must be between 0 and 1, got ${prob}`);
  const categorical = o.categorical ?? DEFAULT_EFFECTS.categorical;
  return { method, resolution, prob, categorical };
}
