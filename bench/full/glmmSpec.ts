/**
 * GlmmSpec for the benchmark's mixed models, built directly from arrays (the formula front end
 * will produce the same spec from text). One grouping factor with a varying intercept and at most
 * one varying slope; priors in the shape every other tool is given them:
 *   Intercept (centred predictors) ~ normal(m, s), b ~ normal(0, s_b), sd ~ half student_t(3, 0, s_sd),
 *   sigma ~ half student_t(3, 0, s_sigma), cor ~ lkj(eta).
 */
import type { GlmmFamily, GlmmSpec, PriorSpec } from "../../src/glmm/types.js";
import { columnMeans } from "./datasets.js";

export interface GlmmPriors {
  intercept: readonly [number, number];
  bScale: number;
  sdScale: number;
  sigmaScale?: number;
  lkjEta?: number;
}

export interface SimpleGlmm {
  family: Extract<GlmmFamily, "gaussian" | "binomial" | "bernoulli">;
  y: Float64Array;
  trials?: Float64Array;
  /** Row-major n × K predictors (no intercept column) and their names. */
  X: Float64Array;
  xNames: readonly string[];
  group: { name: string; index: Int32Array; levels: readonly string[] };
  /** The varying slope's column and term name, if any (correlated with the intercept). */
  slope?: { name: string; values: Float64Array };
  priors: GlmmPriors;
}

const studentT = (scale: number): PriorSpec => ({ family: "student_t", args: [3, 0, scale] });

export function glmmSpec(m: SimpleGlmm): GlmmSpec {
  const n = m.y.length;
  const K = m.xNames.length;
  const ones = new Float64Array(n).fill(1);
  const terms = m.slope ? ["Intercept", m.slope.name] : ["Intercept"];
  const Z = m.slope ? [ones, m.slope.values] : [ones];
  return {
    family: m.family,
    n,
    y: m.y,
    trials: m.trials,
    intercept: { prior: { family: "normal", args: [m.priors.intercept[0], m.priors.intercept[1]] } },
    X: {
      names: m.xNames,
      values: m.X,
      means: columnMeans(m.X, K),
      priors: m.xNames.map(() => ({ family: "normal", args: [0, m.priors.bScale] })),
    },
    groups: [{
      name: m.group.name,
      levels: m.group.levels,
      index: m.group.index,
      terms,
      Z,
      correlated: m.slope !== undefined,
      sdPriors: terms.map(() => studentT(m.priors.sdScale)),
      corPrior: { family: "lkj", args: [m.priors.lkjEta ?? 1] },
    }],
    auxPriors: m.family === "gaussian" ? { sigma: studentT(m.priors.sigmaScale ?? 1) } : {},
  };
}

/** The same priors as brms prior strings (hbayes's `class ~ dist(...)` syntax, read by brms-run.R). */
export function brmsPriors(m: SimpleGlmm): string[] {
  const p = m.priors;
  const out = [`Intercept ~ normal(${p.intercept[0]}, ${p.intercept[1]})`, `b ~ normal(0, ${p.bScale})`, `sd ~ student_t(3, 0, ${p.sdScale})`];
  if (m.family === "gaussian") out.push(`sigma ~ student_t(3, 0, ${p.sigmaScale ?? 1})`);
  if (m.slope) out.push(`cor ~ lkj(${p.lkjEta ?? 1})`);
  return out;
}
