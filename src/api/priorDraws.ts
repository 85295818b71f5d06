/**
 * brms's `sample_prior = "yes"`: beside the posterior draws, independent draws from each proper prior,
 * named as brms names them — `prior_Intercept` (the centred intercept's prior), `prior_b` when every
 * coefficient shares one prior or `prior_b_<coef>` each, `prior_sigma` (and shape, nu, phi, zi, hu),
 * `prior_sd_<group>` (or `prior_sd_<group>__<coef>` when a group's sds differ) and `prior_cor_<group>`
 * (one correlation of an LKJ(η) matrix). Bounded parameters are drawn by rejection, as brms's Stan code
 * does (an sd below 0 is drawn again). hypothesis() divides posterior by prior density at the tested
 * value with them: the Savage–Dickey evidence ratio of a point hypothesis.
 *
 * Also, with brms's names: a distributional part's (`prior_b_sigma`, `prior_Intercept_sigma`; categorical
 * `prior_b_mub`, `prior_Intercept_mub`), a non-linear parameter's (`prior_b_a`, or `prior_b_a_<coef>`
 * each) and mo() terms' (`prior_bsp`, `prior_simo_momox1[k]`).
 *
 * Not drawn (as in brms, or not yet): flat priors, smooths' sds, ordinal thresholds, correlations of
 * group terms shared across non-linear parameters or responses.
 */
import { UserError } from "../errors.js";
import type { FormulaDesign } from "../formula/design.js";
import { appendVariables } from "../posterior/draws.js";
import { Fit } from "./fitResult.js";
import type { FormulaModel } from "./formulaFit.js";
import type { PriorDist } from "../formula/priorParse.js";
import type { DesignPriors, ResolvedPrior } from "../formula/priors.js";
import { betaRng } from "../random/beta.js";
import { gammaRng } from "../random/gamma.js";
import { cauchyRng, exponentialRng, logisticRng } from "../random/inversion.js";
import { lognormalRng, normalRng } from "../random/normal.js";
import { createRng, type Rng } from "../random/rng.js";
import { studentTRng } from "../random/studentT.js";

/** A stream of its own under the fit's seed, shared with no chain or prediction. */
const PRIOR_STREAM = 0x70726972; // "prir"

/** Lower bounds of the family parameters brms bounds (sigma, shape, phi > 0; nu ≥ 1). */
const AUX_LOWER: Readonly<Record<string, number>> = { sigma: 0, shape: 0, phi: 0, nu: 1 };

/**
 * The fit with its prior draws joined after the other outputs (brms's sample_prior = "yes"), seeded by
 * the fit's seed: what fitFormulaModel returns for samplePrior "yes", and what the web page (whose
 * chains run in workers) builds the same way.
 */
export function withPriorDraws(fit: Fit, model: Pick<FormulaModel, "design" | "priors" | "built">): Fit {
  const d = fit.result.draws;
  const prior = priorDrawColumns(model.design, model.priors, d.chains * d.draws, fit.result.settings.seed);
  const draws = appendVariables(d, prior.names, prior.columns);
  const rename = [...model.built.outputs.rename, ...prior.names.map((n) => [n, n] as const)];
  return new Fit(fit.model, fit.compiled, { ...fit.result, draws }, fit.timing.compile_s, rename, fit.beyond);
}

export interface PriorColumns {
  readonly names: string[];
  readonly columns: Float64Array[];
}

export function priorDrawColumns(design: FormulaDesign, priors: DesignPriors, count: number, seed: number): PriorColumns {
  const rng = createRng(seed, PRIOR_STREAM);
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const add = (name: string, dist: PriorDist, lower = -Infinity, draw?: (r: Rng) => number, upper = Infinity) => {
    if (names.includes(name)) return; // a second term of the same group: brms keeps one column
    const one = draw ?? ((r: Rng) => drawPrior(r, dist));
    const out = new Float64Array(count);
    const outside = (v: number) => v < lower || v > upper;
    for (let i = 0; i < count; i++) {
      let v = one(rng);
      // brms's `while (prior_sd_1 < 0) prior_sd_1 = …_rng(…)`; a bound the prior cannot reach would loop forever.
      for (let tries = 0; outside(v) && tries < 10000; tries++) v = one(rng);
      if (outside(v)) throw new UserError(`${name}: its prior puts almost no mass within [${lower}, ${upper}] (10,000 draws in a row fell outside); give a prior on that parameter's range`);
      out[i] = v;
    }
    names.push(name);
    columns.push(out);
  };
  const proper = (p: ResolvedPrior | null | undefined): p is ResolvedPrior & { dist: { family: string; args: readonly number[] } } => p != null && p.dist.family !== "flat";
  // brms's one column `shared` (prior_b, prior_b_sigma, prior_bsp, prior_b_a) when every coefficient has
  // the same proper prior, else one `prior_<name>` per coefficient with a proper prior.
  const addCoefs = (shared: string, all: readonly { name: string; prior: ResolvedPrior | null | undefined }[], lower = -Infinity, upper = Infinity) => {
    const drawn = all.flatMap((c) => (proper(c.prior) ? [{ name: c.name, dist: c.prior.dist }] : []));
    if (drawn.length === 0) return;
    if (drawn.length === all.length && drawn.every((c) => sameDist(c.dist, drawn[0].dist))) add(shared, drawn[0].dist, lower, undefined, upper);
    else for (const c of drawn) add(`prior_${c.name}`, c.dist, lower, undefined, upper);
  };

  if (proper(priors.intercept) && !priors.thresholds) add("prior_Intercept", priors.intercept.dist);
  // The mean's coefficients, one per column of X (a smooth's unpenalised columns, bs_*, are left out).
  const smoothColumns = new Set((design.smooths ?? []).flatMap((sm) => sm.xsNames));
  const slopes = design.X.names.map((n, k) => ({ name: `b_${n}`, prior: priors.b[k] })).filter((c, k) => !smoothColumns.has(design.X.names[k]));
  addCoefs("prior_b", slopes);
  for (const [aux, p] of Object.entries(priors.aux)) if (proper(p)) add(`prior_${aux}`, p.dist, AUX_LOWER[aux] ?? -Infinity);
  // Distributional parts, categorical's mub, muc, … included (brms 2.18, checked on a categorical fit):
  // `prior_b_<dpar>` (or `prior_b_<dpar>_<coef>` each) and `prior_Intercept_<dpar>`, per part in order.
  for (const d of design.dpars) {
    const dp = priors.dpars[d.dpar];
    if (!dp) continue;
    const own = new Set((d.smooths ?? []).flatMap((sm) => sm.xsNames));
    const all = d.X.names.map((n, k) => ({ name: `b_${d.dpar}_${n}`, prior: dp.b[k] })).filter((c, k) => !own.has(d.X.names[k]));
    addCoefs(`prior_b_${d.dpar}`, all);
    if (proper(dp.intercept)) add(`prior_Intercept_${d.dpar}`, dp.intercept.dist);
  }
  const groupPriors = (g: FormulaDesign["groups"][number], gp: DesignPriors["groups"][number] | undefined) => {
    if (gp === undefined) return;
    const sds = gp.sd.filter(proper);
    if (sds.length === gp.sd.length && sds.length > 0 && sds.every((p) => sameDist(p.dist, sds[0].dist))) add(`prior_sd_${g.group}`, sds[0].dist, 0);
    else gp.sd.forEach((p, k) => proper(p) && add(`prior_sd_${g.group}__${g.terms[k]}`, p.dist, 0));
    const K = g.terms.length;
    if (g.correlated && K >= 2 && proper(gp.cor)) {
      // One off-diagonal element of an LKJ(η) K × K correlation matrix: (r + 1) / 2 ~ Beta(η − 1 + K/2, η − 1 + K/2).
      const eta = gp.cor.dist.args[0];
      const a = eta - 1 + K / 2;
      add(`prior_cor_${g.group}`, gp.cor.dist, -Infinity, (r) => 2 * betaRng(r, a, a) - 1);
    }
  };
  design.groups.forEach((g, j) => groupPriors(g, priors.groups[j]));
  // mo() terms (brms 2.18 names, checked on a fit): `prior_bsp` when every term shares one prior, else
  // `prior_bsp_mox` each; each simplex `prior_simo_mox1[1]` … `[D]`, one Dirichlet draw across its D columns.
  const mono = design.monotonic ?? [];
  const mp = priors.monotonic ?? [];
  addCoefs("prior_bsp", mono.map((m, t) => ({ name: m.names.bsp, prior: mp[t]?.bsp })));
  mono.forEach((m, t) =>
    (mp[t]?.simo ?? []).forEach((sp, j) => {
      const cells = m.names.simo[j];
      const D = cells.length;
      const alpha = Array.from({ length: D }, (_, k) => sp.alpha[sp.alpha.length === 1 ? 0 : k]);
      const cols = cells.map(() => new Float64Array(count));
      const g = new Float64Array(D);
      for (let i = 0; i < count; i++) {
        // Dirichlet(α): independent Gamma(α_k, 1) normalised by their sum.
        let sum = 0;
        for (let k = 0; k < D; k++) sum += g[k] = gammaRng(rng, alpha[k], 1);
        for (let k = 0; k < D; k++) cols[k][i] = g[k] / sum;
      }
      cells.forEach((c, k) => {
        names.push(`prior_${c}`);
        columns.push(cols[k]);
      });
    }),
  );
  // Non-linear parameters (brms 2.18, checked on a fit with sample_prior = "yes"): `prior_b_a` when all
  // of a's coefficients share one prior, drawn within the parameter's lb / ub; its group sds as above.
  for (const p of design.nonlinear?.nlpars ?? []) {
    const np = priors.nlpars?.[p.name];
    if (!np) continue;
    addCoefs(`prior_b_${p.name}`, p.bNames.map((name, k) => ({ name, prior: np.b[k] })), np.lb ?? -Infinity, np.ub ?? Infinity);
    p.groups.forEach((g, j) => groupPriors(g, np.groups[j]));
  }
  return { names, columns };
}

function sameDist(a: PriorDist, b: PriorDist): boolean {
  if (a.family !== b.family) return false;
  const aa = "args" in a ? a.args : [];
  const bb = "args" in b ? b.args : [];
  return aa.length === bb.length && aa.every((v, i) => v === bb[i]);
}

/** One draw from a prior of the formula prior language (brms's names and argument orders). */
function drawPrior(rng: Rng, dist: PriorDist): number {
  const a = "args" in dist ? dist.args : [];
  switch (dist.family) {
    case "normal":
      return normalRng(rng, a[0], a[1]);
    case "student_t":
      return studentTRng(rng, a[0], a[1], a[2]);
    case "cauchy":
      return cauchyRng(rng, a[0], a[1]);
    case "logistic":
      return logisticRng(rng, a[0], a[1]);
    case "exponential":
      // Stan's exponential(λ) is rate λ; exponentialRng takes the rate too.
      return exponentialRng(rng, a[0]);
    case "gamma":
      return gammaRng(rng, a[0], a[1]);
    case "lognormal":
      return lognormalRng(rng, a[0], a[1]);
    case "beta":
      return betaRng(rng, a[0], a[1]);
    default:
      return NaN;
  }
}
