/**
 * The last formula stage: design + resolved priors → `GlmmSpec` (src/glmm/), which `buildGlmmIr`
 * turns into the log-density IR with brms's parametrisation and output names.
 */
import { UserError } from "../errors.js";
import { toGlmmNonlinear } from "./nonlinearToGlmm.js";
import { knownCovFactorOf } from "./knownCov.js";
import type { AuxName, GlmmCategoricalMu, GlmmDpar, GlmmGroup, GlmmSpec, PriorSpec } from "../glmm/types.js";
import type { DesignDpar, DesignGroup, FormulaDesign } from "./design.js";
import type { DesignPriors, DparPriors, GroupPriors, ResolvedPrior } from "./priors.js";

const spec = (p: ResolvedPrior): PriorSpec => p.dist;

export function toGlmmSpec(design: FormulaDesign, priors: DesignPriors): GlmmSpec {
  const n = design.n;
  const toGroup = (g: DesignGroup, gp: GroupPriors): GlmmGroup => {
    const M = g.terms.length;
    const Z = g.terms.map((_, m) => {
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = g.Z[i * M + m];
      return col;
    });
    // GlmmSpec uses Stan's 1-based codes.
    const index = Int32Array.from(g.index, (v) => v + 1);
    const Lcov = knownCovFactorOf(g);
    return {
      name: g.group,
      levels: g.levels,
      index,
      terms: g.terms,
      Z,
      correlated: g.correlated,
      sdPriors: gp.sd.map(spec),
      corPrior: spec(gp.cor),
      ...(Lcov ? { Lcov } : {}),
    };
  };
  const groups = design.groups.map((g, gi) => toGroup(g, priors.groups[gi]));
  const auxPriors: Record<string, PriorSpec> = {};
  for (const a of design.aux) auxPriors[a] = spec(priors.aux[a]);
  const dpars: Partial<Record<AuxName, GlmmDpar>> = {};
  const categorical = design.family.name === "categorical";
  for (const d of categorical ? [] : design.dpars) {
    const dp = priors.dpars[d.dpar];
    const ip = dp.intercept;
    dpars[d.dpar as AuxName] = {
      intercept: ip ? { prior: spec(ip) } : null,
      X: { names: d.X.names, values: d.X.values, means: d.X.means, priors: dp.b.map(spec) },
      ...(d.groups.length > 0 ? { groups: d.groups.map((g, gi) => toGroup(g, dp.groups[gi])) } : {}),
      ...(d.smooths && dp.smooths
        ? { smooths: d.smooths.map((sm, k) => ({ label: `${d.dpar}_${sm.label}`, Zs: sm.Zs, q: sm.q, xsNames: sm.xsNames, sdsPrior: spec((dp.smooths as readonly ResolvedPrior[])[k]), ...(sm.nb > 1 ? { nb: sm.nb } : {}) })) }
        : {}),
    };
  }
  return {
    family: design.family.name,
    n,
    ...(design.nonlinear ? { nonlinear: toGlmmNonlinear(design.nonlinear, priors.nlpars, toGroup) } : {}),
    y: design.response.y,
    ...(design.response.trials ? { trials: design.response.trials } : {}),
    ...(design.response.se ? { se: design.response.se } : {}),
    ...(design.response.weights ? { weights: design.response.weights } : {}),
    ...(design.response.cens ? { cens: { code: design.response.cens, ...(design.response.censUpper ? { upper: design.response.censUpper } : {}) } } : {}),
    ...(design.response.truncLower || design.response.truncUpper
      ? { trunc: { ...(design.response.truncLower ? { lower: design.response.truncLower } : {}), ...(design.response.truncUpper ? { upper: design.response.truncUpper } : {}) } }
      : {}),
    ...(design.offset ? { offset: design.offset } : {}),
    intercept: priors.intercept ? { prior: spec(priors.intercept), ...(priors.thresholds ? { thresholdPriors: priors.thresholds.map(spec) } : {}) } : null,
    X: { names: design.X.names, values: design.X.values, means: design.X.means, priors: priors.b.map(spec) },
    groups,
    ...(design.smooths && priors.smooths
      ? { smooths: design.smooths.map((sm, k) => ({ label: sm.label, Zs: sm.Zs, q: sm.q, xsNames: sm.xsNames, sdsPrior: spec((priors.smooths as readonly ResolvedPrior[])[k]), ...(sm.nb > 1 ? { nb: sm.nb } : {}) })) }
      : {}),
    ...(design.monotonic && priors.monotonic
      ? {
          monotonic: design.monotonic.map((m, k) => {
            const mp = (priors.monotonic as DesignPriors["monotonic"] & object)[k];
            return { label: m.label, parts: m.parts.map((p, j) => ({ D: p.D, codes: p.codes, simoAlpha: mp.simo[j].alpha })), ...(m.covariate ? { covariate: m.covariate } : {}), bspPrior: spec(mp.bsp) };
          }),
        }
      : {}),
    auxPriors,
    ...(design.dpars.length > 0 && !categorical ? { dpars } : {}),
    ...(categorical && design.response.categories ? { categorical: { categories: design.response.categories, mus: design.dpars.map((d) => categoricalMu(d, priors.dpars[d.dpar], toGroup)) } } : {}),
    ...(design.family.name === "cumulative" && design.response.categories
      ? { ordinal: { link: design.family.link === "probit" ? ("probit" as const) : ("logit" as const), categories: design.response.categories } }
      : {}),
  };
}

/** One categorical predictor (`muB`) with its resolved priors, as GlmmSpec takes it. */
function categoricalMu(d: DesignDpar, dp: DparPriors, toGroup: (g: DesignGroup, gp: GroupPriors) => GlmmGroup): GlmmCategoricalMu {
  return {
    name: d.dpar,
    intercept: dp.intercept ? { prior: spec(dp.intercept) } : null,
    X: { names: d.X.names, values: d.X.values, means: d.X.means, priors: dp.b.map(spec) },
    groups: d.groups.map((g, gi) => toGroup(g, dp.groups[gi])),
  };
}
