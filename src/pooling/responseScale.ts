/**
 * Each group's estimate on the response scale, per posterior draw: the inverse link of the linear
 * predictor with the group's intercept and every other population-level predictor at its mean over
 * all rows (spec.X.means), without any offset. So it is a probability for binomial/bernoulli, a rate
 * per unit of exposure (exp(offset) = 1) for poisson/negbinomial, and the mean response for gaussian.
 */
import type { Fit } from "../api/fitResult.js";
import type { GlmmSpec } from "../glmm/types.js";
import type { ResponseScale } from "./types.js";
import type { PoolingFamily, PoolingVariants } from "./variants.js";

export function responseScale(family: PoolingFamily): ResponseScale {
  const atMeans = "with the other population-level predictors at their means over all rows";
  switch (family) {
    case "gaussian":
      return { kind: "mean", description: `the group's mean response ${atMeans}` };
    case "binomial":
    case "bernoulli":
      return { kind: "probability", description: `inverse-logit of the group's linear predictor ${atMeans}: the success probability` };
    default:
      return { kind: "rate", description: `exp of the group's linear predictor ${atMeans} and no offset: the expected count per unit exposure` };
  }
}

/** The inverse link applied in place. */
export function inverseLinkInPlace(family: PoolingFamily, eta: Float64Array): Float64Array {
  if (family === "gaussian") return eta;
  if (family === "binomial" || family === "bernoulli") {
    for (let i = 0; i < eta.length; i++) eta[i] = 1 / (1 + Math.exp(-eta[i]));
  } else {
    for (let i = 0; i < eta.length; i++) eta[i] = Math.exp(eta[i]);
  }
  return eta;
}

/** Σ_k b_k · mean_k over the population-level predictors, per draw (zeros without predictors). */
function predictorsAtMeans(fit: Fit, spec: GlmmSpec, size: number): Float64Array {
  const out = new Float64Array(size);
  spec.X.names.forEach((name, k) => {
    const b = fit.get(`b_${name}`);
    const m = spec.X.means[k];
    for (let d = 0; d < size; d++) out[d] += b[d] * m;
  });
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

  const npShared = predictorsAtMeans(fits.no_pooling, spec, fits.no_pooling.get(`b_${v.noPoolingNames[0]}`).length);
  const noPooling = v.noPoolingNames.map((name) => {
    const a = fits.no_pooling.get(`b_${name}`);
    for (let d = 0; d < a.length; d++) a[d] += npShared[d];
    return inverseLinkInPlace(family, a);
  });

  const cp = inverseLinkInPlace(family, populationEta(fits.complete_pooling, spec));

  const popEta = populationEta(fits.partial_pooling, spec);
  const partial = g.levels.map((level) => {
    const r = fits.partial_pooling.get(`r_${g.name}[${level},Intercept]`);
    for (let d = 0; d < r.length; d++) r[d] += popEta[d];
    return inverseLinkInPlace(family, r);
  });
  return {
    no_pooling: noPooling,
    complete_pooling: g.levels.map(() => cp),
    partial_pooling: partial,
    population: inverseLinkInPlace(family, popEta),
  };
}
