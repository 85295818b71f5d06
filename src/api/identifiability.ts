/**
 * Population-level coefficients the data cannot identify: a constant column beside the intercept, a
 * column that is a linear combination of others, more coefficients than rows. With brms's default
 * flat prior on b the posterior is then improper — the chains wander to ±1e6 and only R-hat says
 * anything after the run — so say it before sampling, naming the coefficient. lme4 drops such
 * columns ("fixed-effect model matrix is rank deficient"); brms keeps them silently. Also a grouping
 * factor with a single level, whose sd only the prior can bound (lme4 refuses it).
 */
import { sampleVariance } from "../diagnostics/essCore.js";
import type { FormulaDesign } from "../formula/design.js";
import type { DesignPriors } from "../formula/priors.js";
import { DISCRETE_FAMILIES, type GlmmFamily } from "../glmm/types.js";

/**
 * A column whose squared distance from the span of the earlier ones is below this share of its own
 * squared norm is taken as dependent: 1e-10 (a correlation of 1 − 5e-11) sits far above the rounding
 * of the Gram matrix (~1e-16 relative) and far below any predictor that real data can identify.
 */
const DEPENDENT = 1e-10;
/** Centring leaves a constant column's sum of squares at rounding level, ~1e-32 of its raw one. */
const CONSTANT = 1e-24;

export function identifiabilityWarnings(design: FormulaDesign, priors: DesignPriors): string[] {
  const out: string[] = [];
  const { names, values } = design.X;
  const p = names.length;
  const n = design.n;
  if (p > 0 && n > 0) {
    // Centre as brms does with an intercept (design.X.means, 0 without one): the span of the intercept
    // is then taken out exactly.
    const centre = design.X.means;
    const raw = new Float64Array(p);
    const G = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      const row = i * p;
      for (let k = 0; k < p; k++) {
        const a = values[row + k] - centre[k];
        raw[k] += values[row + k] * values[row + k];
        for (let j = 0; j <= k; j++) G[k * p + j] += a * (values[row + j] - centre[j]);
      }
    }
    // Cholesky without pivoting, in column order: column k is dependent when what is left of it after
    // the earlier independent columns is negligible; its row of L says which of them it leans on.
    const L = new Float64Array(p * p);
    const independent: boolean[] = [];
    for (let k = 0; k < p; k++) {
      let d = G[k * p + k];
      for (let j = 0; j < k; j++) {
        if (!independent[j]) continue;
        let s = G[k * p + j];
        for (let m = 0; m < j; m++) if (independent[m]) s -= L[k * p + m] * L[j * p + m];
        L[k * p + j] = s / L[j * p + j];
        d -= L[k * p + j] * L[k * p + j];
      }
      const norm2 = G[k * p + k];
      const constant = design.intercept ? norm2 <= CONSTANT * raw[k] : raw[k] === 0;
      independent[k] = !constant && d > DEPENDENT * norm2;
      if (independent[k]) {
        L[k * p + k] = Math.sqrt(d);
        continue;
      }
      // Its coefficients on the earlier independent columns: back-substitute Lᵀ c = L[k, ·], so the
      // message names the columns it really is a combination of (dept 8 only, not every dept).
      const c = new Float64Array(k);
      for (let j = k - 1; j >= 0; j--) {
        if (!independent[j]) continue;
        let t = L[k * p + j];
        for (let m = j + 1; m < k; m++) if (independent[m]) t -= L[m * p + j] * c[m];
        c[j] = t / L[j * p + j];
      }
      const lean = names.filter((_, j) => j < k && independent[j] && Math.abs(c[j]) * Math.sqrt(G[j * p + j]) > 1e-6 * Math.sqrt(norm2));
      const span = [...(design.intercept ? ["Intercept"] : []), ...lean];
      const nCoef = (design.intercept ? 1 : 0) + p;
      const what =
        n < nCoef
          ? `the data have ${n} row${n === 1 ? "" : "s"} for ${nCoef} population-level coefficients`
          : constant
            ? design.intercept
              ? `column '${names[k]}' is constant, so the intercept already says what it says`
              : `column '${names[k]}' is all zeros`
            : `column '${names[k]}' is a linear combination of ${span.join(", ")}`;
      out.push(notIdentified(design.bNames[(design.intercept ? 1 : 0) + k] ?? `b_${names[k]}`, what, priors.b[k]?.dist.family));
    }
  }
  for (const g of design.groups) {
    if (g.levels.length !== 1) continue;
    out.push(
      `the grouping factor '${g.group}' has a single level ('${g.levels[0]}'): ${g.names.sd.join(", ")} cannot be estimated from the data ` +
        `(its posterior is its prior) and the group effect trades off against the intercept. Drop ${g.text}, or group by a factor with more levels.`,
    );
  }
  return out;
}

const SCALE_FAMILIES = ["gaussian", "student", "lognormal", "gamma", "beta"];
/** Unbounded counts: the discrete families without trials (binomial and bernoulli have separation.ts). */
const isCountFamily = (f: GlmmFamily): boolean => DISCRETE_FAMILIES.has(f) && f !== "binomial" && f !== "bernoulli";

/**
 * A response with no spread: with a scale parameter (sigma, shape, phi) the likelihood grows without
 * bound as the fitted values match it exactly, so the posterior piles up at the boundary; all-zero
 * counts leave the intercept bounded below by its prior alone (as every-failure does for bernoulli,
 * which separation.ts reports).
 */
export function responseWarnings(design: FormulaDesign): string[] {
  const { y, label } = design.response;
  if (design.n < 2 || design.response.se !== null) return [];
  let constant = true;
  for (let i = 1; i < design.n && constant; i++) if (y[i] !== y[0]) constant = false;
  if (!constant) return [];
  const fam = design.family.name;
  if (SCALE_FAMILIES.includes(fam)) {
    const aux = design.aux.join(", ");
    return [
      `every value of '${label}' is ${y[0]}: the model can match it exactly, so ${aux || "its scale parameter"} runs toward its boundary and the sampler ` +
        `diverges; there is nothing to model here. Check the response column.`,
    ];
  }
  if (isCountFamily(fam) && y[0] === 0) {
    return [
      `every count of '${label}' is 0: the data cannot bound the intercept from below, so how negative it is comes from its prior alone. ` +
        `Check the response coding.`,
    ];
  }
  return [];
}

/** How much wider than the response's spread the default sigma prior may be before sampling fails. */
const PRIOR_TOO_WIDE = 1e3;

/**
 * brms's default scale priors are student_t(3, 0, max(2.5, mad(y))): for y on a scale of 1e-6 that is
 * a million times too wide, and the sampler, started on the prior's scale, does not find the
 * posterior (brms and hbayes both end with R-hat ≈ 3–4). Say so, and what to do, before sampling.
 */
export function priorScaleWarnings(design: FormulaDesign, priors: DesignPriors): string[] {
  // Only where sigma is on the response's own scale (lognormal's is on the log scale).
  if (design.family.name !== "gaussian" && design.family.name !== "student") return [];
  const sigma = priors.aux.sigma;
  if (sigma === undefined || sigma.source !== "default" || !("args" in sigma.dist)) return [];
  const scale = sigma.dist.args[sigma.dist.args.length - 1];
  const { y, label } = design.response;
  const n = design.n;
  if (n < 2) return [];
  const sd = Math.sqrt(sampleVariance(y.subarray(0, n)));
  if (!(sd > 0) || scale / sd <= PRIOR_TOO_WIDE) return [];
  const order = Math.round(Math.log10(sd));
  return [
    `'${label}' varies on a scale of about 1e${order} (sd ${sd.toExponential(1)}), but the default priors on sigma and the group sds have scale ${scale} ` +
      `(brms's floor), ${Math.round(scale / sd).toExponential(0)} times wider: the sampler is unlikely to find the posterior (brms fails here too). ` +
      `Rescale the response (multiply it by 1e${-order}), or give priors on its scale.`,
  ];
}

function notIdentified(name: string, what: string, priorFamily: string | undefined): string {
  if (priorFamily === undefined || priorFamily === "flat") {
    return (
      `${name} is not identified: ${what}. With the flat prior on ${name} the posterior is improper, so its draws (and the intercept's) ` +
      `are meaningless. Drop that column, or give a proper prior, e.g. --prior "b ~ normal(0, 2.5)".`
    );
  }
  return `${name} is not identified by the data: ${what}. Its posterior comes from its prior alone; drop that column unless that is intended.`;
}
