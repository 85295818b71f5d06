import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors.js";
import * as D from "../../src/distributions/index.js";
import type { DistributionInfo } from "../../src/distributions/index.js";

/** [call, exact message]: one bad argument per row, every checked function and every argument. */
const BAD: [string, () => number, string][] = [
  ["normal sigma", () => D.normalLpdf(0, 0, -1), "normalLpdf: sigma must be positive, got -1"],
  ["normal sigma 0", () => D.normalLpdf(0, 0, 0), "normalLpdf: sigma must be positive, got 0"],
  ["normal sigma inf", () => D.normalLpdf(0, 0, Infinity), "normalLpdf: sigma must be finite, got Infinity"],
  ["normal mu", () => D.normalLpdf(0, NaN, 1), "normalLpdf: mu must be finite, got NaN"],
  ["normal y", () => D.normalLpdf(NaN, 0, 1), "normalLpdf: y must not be NaN, got NaN"],
  ["student_t nu", () => D.studentTLpdf(0, -2, 0, 1), "studentTLpdf: nu must be positive, got -2"],
  ["student_t mu", () => D.studentTLpdf(0, 2, Infinity, 1), "studentTLpdf: mu must be finite, got Infinity"],
  ["student_t sigma", () => D.studentTLpdf(0, 2, 0, NaN), "studentTLpdf: sigma must be positive, got NaN"],
  ["cauchy sigma", () => D.cauchyLpdf(0, 0, -3), "cauchyLpdf: sigma must be positive, got -3"],
  ["cauchy mu", () => D.cauchyLpdf(0, -Infinity, 1), "cauchyLpdf: mu must be finite, got -Infinity"],
  ["double_exponential sigma", () => D.doubleExponentialLpdf(0, 0, 0), "doubleExponentialLpdf: sigma must be positive, got 0"],
  ["double_exponential y", () => D.doubleExponentialLpdf(NaN, 0, 1), "doubleExponentialLpdf: y must not be NaN, got NaN"],
  ["logistic sigma", () => D.logisticLpdf(0, 0, -1), "logisticLpdf: sigma must be positive, got -1"],
  ["logistic mu", () => D.logisticLpdf(0, NaN, 1), "logisticLpdf: mu must be finite, got NaN"],
  ["lognormal sigma", () => D.lognormalLpdf(1, 0, -1), "lognormalLpdf: sigma must be positive, got -1"],
  ["lognormal mu", () => D.lognormalLpdf(1, Infinity, 1), "lognormalLpdf: mu must be finite, got Infinity"],
  ["exponential beta", () => D.exponentialLpdf(1, 0), "exponentialLpdf: beta must be positive, got 0"],
  ["exponential y", () => D.exponentialLpdf(NaN, 1), "exponentialLpdf: y must not be NaN, got NaN"],
  ["gamma alpha", () => D.gammaLpdf(1, -1, 1), "gammaLpdf: alpha must be positive, got -1"],
  ["gamma beta", () => D.gammaLpdf(1, 1, Infinity), "gammaLpdf: beta must be finite, got Infinity"],
  ["inv_gamma alpha", () => D.invGammaLpdf(1, 0, 1), "invGammaLpdf: alpha must be positive, got 0"],
  ["inv_gamma beta", () => D.invGammaLpdf(1, 1, -2), "invGammaLpdf: beta must be positive, got -2"],
  ["weibull alpha", () => D.weibullLpdf(1, -1, 1), "weibullLpdf: alpha must be positive, got -1"],
  ["weibull sigma", () => D.weibullLpdf(1, 1, 0), "weibullLpdf: sigma must be positive, got 0"],
  ["beta alpha", () => D.betaLpdf(0.5, 0, 1), "betaLpdf: alpha must be positive, got 0"],
  ["beta beta", () => D.betaLpdf(0.5, 1, NaN), "betaLpdf: beta must be positive, got NaN"],
  ["beta y", () => D.betaLpdf(NaN, 1, 1), "betaLpdf: y must not be NaN, got NaN"],
  ["uniform a", () => D.uniformLpdf(0, -Infinity, 1), "uniformLpdf: a must be finite, got -Infinity"],
  ["uniform b", () => D.uniformLpdf(0, 0, NaN), "uniformLpdf: b must be finite, got NaN"],
  ["uniform order", () => D.uniformLpdf(0, 2, 1), "uniformLpdf: b must be greater than a = 2, got 1"],
  ["binomial N", () => D.binomialLpmf(1, 2.5, 0.5), "binomialLpmf: N must be a nonnegative integer, got 2.5"],
  ["binomial theta", () => D.binomialLpmf(1, 2, 1.5), "binomialLpmf: theta must be in [0, 1], got 1.5"],
  ["binomial n", () => D.binomialLpmf(NaN, 2, 0.5), "binomialLpmf: n must not be NaN, got NaN"],
  ["binomial_logit N", () => D.binomialLogitLpmf(1, -1, 0), "binomialLogitLpmf: N must be a nonnegative integer, got -1"],
  ["binomial_logit alpha", () => D.binomialLogitLpmf(1, 2, NaN), "binomialLogitLpmf: alpha must be finite, got NaN"],
  ["bernoulli theta", () => D.bernoulliLpmf(1, -0.1), "bernoulliLpmf: theta must be in [0, 1], got -0.1"],
  ["bernoulli_logit alpha", () => D.bernoulliLogitLpmf(1, Infinity), "bernoulliLogitLpmf: alpha must be finite, got Infinity"],
  ["poisson lambda", () => D.poissonLpmf(1, -1), "poissonLpmf: lambda must be nonnegative, got -1"],
  ["poisson lambda inf", () => D.poissonLpmf(1, Infinity), "poissonLpmf: lambda must be finite, got Infinity"],
  ["poisson_log alpha", () => D.poissonLogLpmf(1, NaN), "poissonLogLpmf: alpha must be finite, got NaN"],
  ["neg_binomial_2 mu", () => D.negBinomial2Lpmf(1, 0, 1), "negBinomial2Lpmf: mu must be positive, got 0"],
  ["neg_binomial_2 phi", () => D.negBinomial2Lpmf(1, 1, Infinity), "negBinomial2Lpmf: phi must be finite, got Infinity"],
  ["neg_binomial_2_log eta", () => D.negBinomial2LogLpmf(1, Infinity, 1), "negBinomial2LogLpmf: eta must be finite, got Infinity"],
  ["neg_binomial_2_log phi", () => D.negBinomial2LogLpmf(1, 0, -1), "negBinomial2LogLpmf: phi must be positive, got -1"],
  ["beta_binomial N", () => D.betaBinomialLpmf(1, 1.5, 1, 1), "betaBinomialLpmf: N must be a nonnegative integer, got 1.5"],
  ["beta_binomial alpha", () => D.betaBinomialLpmf(1, 2, 0, 1), "betaBinomialLpmf: alpha must be positive, got 0"],
  ["beta_binomial beta", () => D.betaBinomialLpmf(1, 2, 1, -1), "betaBinomialLpmf: beta must be positive, got -1"],
  [
    "multi_normal_cholesky diag",
    () => D.multiNormalCholeskyLpdf([0, 0], [0, 0], [1, 0, 0.5, -1], 2),
    "multiNormalCholeskyLpdf: L[2,2] must be positive and finite, got -1",
  ],
  [
    "multi_normal_cholesky length",
    () => D.multiNormalCholeskyLpdf([0], [0, 0], [1, 0, 0, 1], 2),
    "multiNormalCholeskyLpdf: y must have length K = 2, got 1",
  ],
  [
    "multi_normal_cholesky mu",
    () => D.multiNormalCholeskyLpdf([0, 0], [0, NaN], [1, 0, 0, 1], 2),
    "multiNormalCholeskyLpdf: mu[2] must be finite, got NaN",
  ],
  ["lkj eta", () => D.lkjCorrCholeskyLpdf([1, 0, 0, 1], 2, 0), "lkjCorrCholeskyLpdf: eta must be positive, got 0"],
  [
    "lkj unit rows",
    () => D.lkjCorrCholeskyLpdf([1, 0, 0.5, 0.5], 2, 1),
    "lkjCorrCholeskyLpdf: row 2 of L must have unit length, got 0.7071067811865476",
  ],
  [
    "lkj lower triangular",
    () => D.lkjCorrCholeskyLpdf([1, 0.1, 0, 1], 2, 1),
    "lkjCorrCholeskyLpdf: L must be lower triangular but L[1,2] is not 0, got 0.1",
  ],
  ["dirichlet alpha", () => D.dirichletLpdf([0.5, 0.5], [1, -1], 2), "dirichletLpdf: alpha[2] must be positive, got -1"],
  ["dirichlet simplex", () => D.dirichletLpdf([0.5, 0.6], [1, 1], 2), "dirichletLpdf: theta must sum to 1, got 1.1"],
  ["dirichlet theta", () => D.dirichletLpdf([-0.5, 1.5], [1, 1], 2), "dirichletLpdf: theta[1] must be nonnegative, got -0.5"],
];

describe("checked functions reject bad arguments with the named error", () => {
  it.each(BAD)("%s", (_label, call, message) => {
    let err: unknown;
    try {
      call();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as Error).message).toBe(message);
  });
});

/** [family, y, args]: outcomes outside the support give -Infinity without throwing. */
const OUTSIDE: [string, number, number[]][] = [
  ["normal", Infinity, [0, 1]],
  ["lognormal", 0, [0, 1]],
  ["lognormal", -1, [0, 1]],
  ["exponential", -1e-300, [1]],
  ["gamma", 0, [2, 1]],
  ["inv_gamma", -1, [2, 1]],
  ["weibull", 0, [2, 1]],
  ["beta", 1, [2, 2]],
  ["beta", 0, [2, 2]],
  ["uniform", 1.5, [0, 1]],
  ["binomial", 4, [3, 0.5]],
  ["binomial", 1.5, [3, 0.5]],
  ["binomial", 1, [3, 0]],
  ["binomial_logit", -1, [3, 0]],
  ["bernoulli", 2, [0.5]],
  ["bernoulli", 1, [0]],
  ["bernoulli_logit", 0.5, [0]],
  ["poisson", -1, [2]],
  ["poisson", 2, [0]],
  ["poisson_log", 2.5, [0]],
  ["neg_binomial_2", -2, [1, 1]],
  ["neg_binomial_2_log", 0.5, [1, 1]],
  ["beta_binomial", 5, [4, 1, 1]],
];

describe("outcomes outside the support", () => {
  it.each(OUTSIDE)("%s(%d | %j) is -Infinity, checked and unchecked", (name, y, args) => {
    const info = D.DISTRIBUTIONS[name] as DistributionInfo;
    expect(info.lpdf(y, ...args)).toBe(-Infinity);
    const d = new Float64Array(args.length + 1).fill(7);
    expect(info.lpdfGrad(y, ...args, d, 0)).toBe(-Infinity);
    expect(Array.from(d)).toEqual(new Array(args.length + 1).fill(0));
  });
});

describe("unchecked kernels never throw and never return NaN", () => {
  const bad = [NaN, -Infinity, Infinity, -1, 0, 0.5, 1, 2.5, 1e308];
  for (const [name, family] of Object.entries(D.DISTRIBUTIONS)) {
    if (family.kind !== "univariate") continue;
    it(`${name}: every slot × {NaN, ±∞, -1, 0, 0.5, 1, 2.5, 1e308}, others at a valid point`, () => {
      const valid: Record<string, number[]> = {
        real: [0.3],
        positive: [1.7],
        nonnegative: [1.7],
        probability: [0.4],
        nonnegative_int: [5],
      };
      const point = [family.discrete ? 2 : family.support === "unit" ? 0.4 : 0.8, ...family.argSupport.map((k) => valid[k][0])];
      if (name === "uniform") point.splice(0, 3, 0.5, 0, 1);
      const d = new Float64Array(point.length);
      for (let k = 0; k < point.length; k++) {
        for (const v of bad) {
          const q = point.slice();
          q[k] = v;
          const lp = family.lpdfGrad(q[0], ...q.slice(1), d, 0);
          expect(Number.isNaN(lp), `${name}(${q})`).toBe(false);
          for (const g of d) expect(Number.isNaN(g), `${name}(${q}) partial`).toBe(false);
          // Where the checked function accepts the point, the two agree exactly.
          let checked: number | undefined;
          try {
            checked = family.lpdf(q[0], ...q.slice(1));
          } catch {
            checked = undefined;
          }
          if (checked !== undefined) expect(Object.is(checked, lp), `${name}(${q}) agrees`).toBe(true);
          else expect(lp, `${name}(${q}) rejected → -Infinity`).toBe(-Infinity);
        }
      }
    });
  }
});
