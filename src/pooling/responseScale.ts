/**
 * Each group's estimate on the response scale, per posterior draw: the inverse link of the linear
 * predictor with the group's intercept and every other population-level predictor at its mean over
 * all rows (spec.X.means), without any offset. So it is a probability for binomial/bernoulli, a rate
 * per unit of exposure (exp(offset) = 1) for poisson/negbinomial, the mean response for gaussian,
 * student, gamma, weibull and exponential (brms's mean parametrisation), the mean proportion for beta,
 * and for lognormal exp(μ), the median response (the mean, exp(μ + σ²/2), would mix in σ).
 */
import type { Fit } from "../api/fitResult.js";
import type { GlmmSpec } from "../glmm/types.js";
import type { ResponseScale } from "./types.js";
import { levelValues } from "./groupLevel.js";
import type { PoolingFamily, PoolingVariants } from "./variants.js";

/**
 * `groupLevel`: predictors constant within every group (variants.ts leaves them out of no pooling).
 * Then every column is each group's value at its own values of those, so the three agree in meaning:
 * the no-pooling intercept has absorbed them, and partial and complete pooling add b_k x_kj.
 */
export function responseScale(family: PoolingFamily, groupLevel: readonly string[] = []): ResponseScale {
  const own = groupLevel.length > 0 ? `, and ${groupLevel.join(", ")} (constant within each group) at the group's own values` : "";
  const atMeans = `with the other population-level predictors at their means over all rows${own}`;
  switch (family) {
    case "gaussian":
    case "student":
      return { kind: "mean", description: `the group's mean response ${atMeans}` };
    case "binomial":
    case "bernoulli":
      return { kind: "probability", description: `inverse-logit of the group's linear predictor ${atMeans}: the success probability` };
    case "beta":
      return { kind: "mean", description: `inverse-logit of the group's linear predictor ${atMeans}: the mean proportion` };
    case "gamma":
    case "weibull":
    case "exponential":
      return { kind: "mean", description: `exp of the group's linear predictor ${atMeans}: the mean response` };
    case "lognormal":
      return { kind: "median", description: `exp of the group's μ ${atMeans}: the median response (the mean is exp(μ + σ²/2))` };
    default:
      return { kind: "rate", description: `exp of the group's linear predictor ${atMeans} and no offset: the expected count per unit exposure` };
  }
}

/** The inverse link applied in place. */
export function inverseLinkInPlace(family: PoolingFamily, eta: Float64Array): Float64Array {
  if (family === "gaussian" || family === "student") return eta;
  if (family === "binomial" || family === "bernoulli" || family === "beta") {
    for (let i = 0; i < eta.length; i++) eta[i] = 1 / (1 + Math.exp(-eta[i]));
  } else {
    for (let i = 0; i < eta.length; i++) eta[i] = Math.exp(eta[i]);
  }
  return eta;
}

/** Σ_k b_k · mean_k over the population-level predictors (but `skip`), per draw (zeros without predictors). */
function predictorsAtMeans(fit: Fit, spec: GlmmSpec, size: number, skip: readonly number[] = []): Float64Array {
  const out = new Float64Array(size);
  spec.X.names.forEach((name, k) => {
    if (skip.includes(k)) return;
    const b = fit.get(`b_${name}`);
    const m = spec.X.means[k];
    for (let d = 0; d < size; d++) out[d] += b[d] * m;
  });
  return out;
}

/**
 * Per group: Σ_k b_k (x_kj − mean_k) over the group-level predictors, per draw — what moves a model
 * with those predictors from "all at the means" to "at group j's own values" (empty without them).
 */
function groupLevelShift(fit: Fit, spec: GlmmSpec, v: PoolingVariants, size: number): Float64Array[] {
  const g = v.group;
  const J = g.levels.length;
  const out = Array.from({ length: J }, () => new Float64Array(size));
  for (const k of v.noPoolingDroppedColumns) {
    const b = fit.get(`b_${spec.X.names[k]}`);
    const x = levelValues(spec, g.index, J, k);
    const m = spec.X.means[k];
    for (let j = 0; j < J; j++) {
      // A level without rows has no value of its own: left at the mean.
      const dx = Number.isNaN(x[j]) ? 0 : x[j] - m;
      for (let d = 0; d < size; d++) out[j][d] += b[d] * dx;
    }
  }
  return out;
}

/** Link-scale draws of the population intercept at the predictor means (complete and partial pooling). */
function populationEta(fit: Fit, spec: GlmmSpec): Float64Array {
  const intercept = fit.get("b_Intercept");
  const eta = predictorsAtMeans(fit, spec, intercept.length);
  for (let d = 0; d < eta.length; d++) eta[d] += intercept[d];
  return eta;
}

export interface GroupDraws {
  /** Response-scale draws per group, level order (for complete pooling every group shares one array). */
  readonly no_pooling: readonly Float64Array[];
  readonly complete_pooling: readonly Float64Array[];
  readonly partial_pooling: readonly Float64Array[];
  /** The partial-pooling model's population value (intercept at the predictor means), response scale. */
  readonly population: Float64Array;
}

export function groupDraws(fits: { no_pooling: Fit; complete_pooling: Fit; partial_pooling: Fit }, v: PoolingVariants): GroupDraws {
  const spec = v.specs.partial_pooling;
  const family = spec.family as PoolingFamily;
  const g = v.group;

  // The no-pooling fit has no coefficient for the group-level predictors it left out: its intercepts hold them.
  const npShared = predictorsAtMeans(fits.no_pooling, spec, fits.no_pooling.get(`b_${v.noPoolingNames[0]}`).length, v.noPoolingDroppedColumns);
  const noPooling = v.noPoolingNames.map((name) => {
    const a = fits.no_pooling.get(`b_${name}`);
    for (let d = 0; d < a.length; d++) a[d] += npShared[d];
    return inverseLinkInPlace(family, a);
  });

  // With group-level predictors complete pooling differs by group (its regression on them); else one array for all.
  const groupLevel = v.noPoolingDroppedColumns.length > 0;
  const cpEta = populationEta(fits.complete_pooling, spec);
  const complete = groupLevel
    ? groupLevelShift(fits.complete_pooling, spec, v, cpEta.length).map((shift) => {
        for (let d = 0; d < shift.length; d++) shift[d] += cpEta[d];
        return inverseLinkInPlace(family, shift);
      })
    : null;
  const cpShared = complete === null ? inverseLinkInPlace(family, cpEta) : null;

  const popEta = populationEta(fits.partial_pooling, spec);
  const ppShift = groupLevel ? groupLevelShift(fits.partial_pooling, spec, v, popEta.length) : null;
  const partial = g.levels.map((level, j) => {
    const r = fits.partial_pooling.get(`r_${g.name}[${level},Intercept]`);
    for (let d = 0; d < r.length; d++) r[d] += popEta[d] + (ppShift === null ? 0 : ppShift[j][d]);
    return inverseLinkInPlace(family, r);
  });
  return {
    no_pooling: noPooling,
    complete_pooling: complete ?? g.levels.map(() => cpShared as Float64Array),
    partial_pooling: partial,
    population: inverseLinkInPlace(family, popEta),
  };
}
