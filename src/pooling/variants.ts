/**
 * One GlmmSpec with a single varying-intercept group term → the three models of a pooling
 * comparison: no pooling (one fixed intercept per group, no hyperparameters), complete pooling
 * (the group term dropped) and partial pooling (the hierarchical model as given).
 */
import { UserError } from "../errors.js";
import type { GlmmGroup, GlmmSpec, PriorSpec } from "../glmm/types.js";
import { groupLevelColumns } from "./groupLevel.js";
import type { PoolingModel } from "./types.js";

export const POOLING_FAMILIES = ["gaussian", "student", "binomial", "bernoulli", "poisson", "negbinomial", "lognormal", "gamma", "weibull", "exponential", "beta"] as const;
export type PoolingFamily = (typeof POOLING_FAMILIES)[number];

/** Multiplier of the response scale in the no-pooling prior: wide, so each group's data dominate. */
export const NO_POOLING_PRIOR_WIDTH = 10;

export interface PoolingVariants {
  readonly specs: Readonly<Record<PoolingModel, GlmmSpec>>;
  /** The pooled group term (the spec's only group). */
  readonly group: GlmmGroup;
  /** Names of the no-pooling model's per-group coefficients (`b_<name>`), in level order. */
  readonly noPoolingNames: readonly string[];
  /** The prior each no-pooling intercept gets, on the link scale. */
  readonly noPoolingPrior: PriorSpec & { readonly args: readonly number[] };
  /**
   * Predictors left out of the no-pooling model because they are constant within every group (not
   * identified beside one intercept per group; each intercept absorbs them): names, and their columns
   * in the partial-pooling spec's X. Empty when every predictor varies within some group.
   */
  readonly noPoolingDropped: readonly string[];
  readonly noPoolingDroppedColumns: readonly number[];
}

/** The spec's X without the given columns (names, values, means and priors alike). */
function withoutColumns(X: GlmmSpec["X"], n: number, drop: readonly number[]): GlmmSpec["X"] {
  if (drop.length === 0) return X;
  const p = X.names.length;
  const keep = X.names.map((_, k) => k).filter((k) => !drop.includes(k));
  const values = new Float64Array(n * keep.length);
  for (let i = 0; i < n; i++) keep.forEach((k, c) => (values[i * keep.length + c] = X.values[i * p + k]));
  return { names: keep.map((k) => X.names[k]), values, means: Float64Array.from(keep, (k) => X.means[k]), priors: keep.map((k) => X.priors[k]) };
}

/** Checks the spec is one the comparison is defined for; returns its group term. */
export function pooledGroup(spec: GlmmSpec): GlmmGroup {
  // Its plug-in (REML / Laplace) and pointwise log-likelihoods assume unweighted, uncensored rows.
  if (spec.trunc) throw new UserError("pooling: trunc() is not supported by the pooling comparison; fit the model with 'hbayes fit' instead");
  if (spec.weights || spec.cens) throw new UserError("pooling: weights() and cens() are not supported by the pooling comparison; fit the model with 'hbayes fit' instead");
  // The plug-ins (REML / Laplace) know X and one group term, not a smooth's penalised block.
  if (spec.smooths && spec.smooths.length > 0) throw new UserError("pooling: s() smooths are not supported by the pooling comparison; fit the model with 'hbayes fit' instead");
  if (spec.monotonic && spec.monotonic.length > 0) throw new UserError("pooling: mo() monotonic effects are not supported by the pooling comparison; fit the model with 'hbayes fit' instead");
  // A non-linear spec keeps its group terms inside its parameters' formulas, not in spec.groups.
  if (spec.nonlinear) throw new UserError("pooling: non-linear formulas (nl = TRUE) are not supported by the pooling comparison; fit the model with 'hbayes fit' instead");
  // Its no- and complete-pooling plug-ins treat the levels as independent, which a known covariance says they are not.
  if (spec.groups.some((g) => g.Lcov !== undefined)) throw new UserError("pooling: gr(g, cov = A) group terms are not supported by the pooling comparison (its plug-ins treat the levels as independent); fit the model with 'hbayes fit' instead");
  // Its REML / Laplace plug-ins and log-likelihoods take the family's parameters as constants, not as regressions.
  if (spec.dpars && Object.keys(spec.dpars).length > 0) throw new UserError(`pooling: distributional formulas (${Object.keys(spec.dpars).map((d) => `${d} ~ …`).join(", ")}) are not supported by the pooling comparison; fit the model with 'hbayes fit' instead`);
  if (!(POOLING_FAMILIES as readonly string[]).includes(spec.family)) {
    throw new UserError(`pooling: family must be one of ${POOLING_FAMILIES.join(", ")}, got ${spec.family}`);
  }
  if (spec.groups.length !== 1) {
    throw new UserError(`pooling: the model must have exactly one group term, like (1 | group), got ${spec.groups.length}`);
  }
  const g = spec.groups[0];
  if (g.terms.length !== 1 || g.terms[0] !== "Intercept") {
    throw new UserError(`pooling: the group term must be a varying intercept only, (1 | ${g.name}), got terms ${g.terms.join(", ")}`);
  }
  if (!spec.intercept) throw new UserError("pooling: the model needs a population intercept (drop the 0 + or - 1)");
  return g;
}

/**
 * The no-pooling prior: normal(link(pooled mean response), 10 × s) on the link scale, where s is
 * sd(y) for the identity links (gaussian, student; lognormal's μ, on log y) and 1 for the logit and
 * log links (one unit there is already a large change: a factor e in a rate, a mean or an odds).
 * Centring at the pooled mean keeps the prior from pulling groups toward an arbitrary 0.
 */
export function noPoolingPrior(spec: GlmmSpec): { family: "normal"; args: [number, number] } {
  const y = spec.y;
  const n = spec.n;
  let sumY = 0;
  for (let i = 0; i < n; i++) sumY += y[i];
  const clampP = (p: number) => Math.min(1 - 1e-3, Math.max(1e-3, p));
  const identity = (v: ArrayLike<number>): { family: "normal"; args: [number, number] } => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += v[i];
    const m = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (v[i] - m) ** 2;
    const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    return { family: "normal", args: [m, NO_POOLING_PRIOR_WIDTH * (sd > 0 ? sd : 1)] };
  };
  switch (spec.family) {
    case "gaussian":
    case "student":
      return identity(y);
    case "lognormal":
      // μ is the mean of log y: the identity link on the log scale.
      return identity(Float64Array.from({ length: n }, (_, i) => Math.log(y[i])));
    case "gamma":
    case "weibull":
    case "exponential":
      // log link of the mean response (y > 0 for these families).
      return { family: "normal", args: [Math.log(sumY / n), NO_POOLING_PRIOR_WIDTH] };
    case "beta": {
      const p = clampP(sumY / n);
      return { family: "normal", args: [Math.log(p / (1 - p)), NO_POOLING_PRIOR_WIDTH] };
    }
    case "binomial": {
      let trials = 0;
      for (let i = 0; i < n; i++) trials += spec.trials ? spec.trials[i] : 1;
      const p = clampP(sumY / trials);
      return { family: "normal", args: [Math.log(p / (1 - p)), NO_POOLING_PRIOR_WIDTH] };
    }
    case "bernoulli": {
      const p = clampP(sumY / n);
      return { family: "normal", args: [Math.log(p / (1 - p)), NO_POOLING_PRIOR_WIDTH] };
    }
    default: {
      // poisson, negbinomial: log of events per unit exposure, exposure = exp(offset).
      let exposure = 0;
      for (let i = 0; i < n; i++) exposure += spec.offset ? Math.exp(spec.offset[i]) : 1;
      const rate = Math.max(sumY, 0.5) / exposure;
      return { family: "normal", args: [Math.log(rate), NO_POOLING_PRIOR_WIDTH] };
    }
  }
}

export function poolingVariants(spec: GlmmSpec): PoolingVariants {
  const g = pooledGroup(spec);
  const J = g.levels.length;
  const n = spec.n;
  const prior = noPoolingPrior(spec);

  // No pooling: J indicator columns (R's `0 + group` names, e.g. `countyAITKIN`) before the original
  // predictors, and no intercept; the original predictors are then no longer centred.
  const names = g.levels.map((l) => `${g.name}${l}`);
  for (const name of names) {
    if (spec.X.names.includes(name)) throw new UserError(`pooling: predictor ${name} clashes with the no-pooling coefficient of level ${name.slice(g.name.length)} of ${g.name}`);
  }
  for (let i = 0; i < n; i++) {
    const j = g.index[i] - 1;
    if (!(j >= 0 && j < J)) throw new UserError(`pooling: row ${i + 1} has group index ${g.index[i]}, outside 1..${J}`);
  }
  // One coefficient per level with the fixed wide prior, held as an index (not J indicator columns,
  // which would make every gradient O(n·J)); the outputs keep R's indicator names b_<group><level>.
  // Predictors constant within every group are not identified beside one intercept per group (a flat
  // direction: epilepsy's zAge, zBase, Trt gave a no-pooling column of 6e5 [1e-4, 2e4]): left out.
  const dropped = groupLevelColumns(spec);
  const noPooling: GlmmSpec = {
    ...spec,
    intercept: null,
    X: withoutColumns(spec.X, n, dropped),
    groups: [{ ...g, fixed: { mean: prior.args[0], sd: prior.args[1] } }],
  };
  const completePooling: GlmmSpec = { ...spec, groups: [] };
  return {
    specs: { no_pooling: noPooling, complete_pooling: completePooling, partial_pooling: spec },
    group: g,
    noPoolingNames: names,
    noPoolingPrior: prior,
    noPoolingDropped: dropped.map((k) => spec.X.names[k]),
    noPoolingDroppedColumns: dropped,
  };
}
