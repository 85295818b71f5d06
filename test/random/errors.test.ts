import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors.js";
import {
  bernoulliRng,
  betaBinomialRng,
  betaRng,
  binomialRng,
  cauchyRng,
  createRng,
  dirichletRng,
  doubleExponentialRng,
  exponentialRng,
  gammaRng,
  invGammaRng,
  lkjCorrCholeskyRng,
  logisticRng,
  lognormalRng,
  multiNormalCholeskyRng,
  negBinomial2Rng,
  normalRng,
  poissonRng,
  studentTRng,
  uniformRng,
  weibullRng,
} from "../../src/random/index.js";

const rng = createRng(1);

describe("invalid parameters throw a DomainError named `fooRng: what, got value`", () => {
  const cases: [() => unknown, string][] = [
    [() => normalRng(rng, 0, -1), "normalRng: sigma must be positive, got -1"],
    [() => normalRng(rng, NaN, 1), "normalRng: mu must be finite, got NaN"],
    [() => normalRng(rng, 0, Infinity), "normalRng: sigma must be finite, got Infinity"],
    [() => lognormalRng(rng, 0, 0), "lognormalRng: sigma must be positive, got 0"],
    [() => exponentialRng(rng, -2), "exponentialRng: beta must be positive, got -2"],
    [() => gammaRng(rng, 0, 1), "gammaRng: alpha must be positive, got 0"],
    [() => gammaRng(rng, 1, -1), "gammaRng: beta must be positive, got -1"],
    [() => invGammaRng(rng, 1, NaN), "invGammaRng: beta must be positive, got NaN"],
    [() => betaRng(rng, -1, 1), "betaRng: alpha must be positive, got -1"],
    [() => studentTRng(rng, 0, 0, 1), "studentTRng: nu must be positive, got 0"],
    [() => cauchyRng(rng, 0, -1), "cauchyRng: sigma must be positive, got -1"],
    [() => logisticRng(rng, Infinity, 1), "logisticRng: mu must be finite, got Infinity"],
    [() => doubleExponentialRng(rng, 0, -3), "doubleExponentialRng: sigma must be positive, got -3"],
    [() => weibullRng(rng, -1, 1), "weibullRng: alpha must be positive, got -1"],
    [() => uniformRng(rng, 2, 1), "uniformRng: beta must be greater than alpha = 2, got 1"],
    [() => poissonRng(rng, -1), "poissonRng: lambda must be non-negative, got -1"],
    [() => poissonRng(rng, 2 ** 31), "poissonRng: lambda must be less than 2^30, got 2147483648"],
    [() => binomialRng(rng, 2.5, 0.5), "binomialRng: N must be a non-negative integer, got 2.5"],
    [() => binomialRng(rng, 3, 1.5), "binomialRng: theta must be in [0, 1], got 1.5"],
    [() => bernoulliRng(rng, -0.1), "bernoulliRng: theta must be in [0, 1], got -0.1"],
    [() => negBinomial2Rng(rng, 0, 1), "negBinomial2Rng: mu must be positive, got 0"],
    [() => negBinomial2Rng(rng, 1, -1), "negBinomial2Rng: phi must be positive, got -1"],
    [() => betaBinomialRng(rng, -1, 1, 1), "betaBinomialRng: N must be a non-negative integer, got -1"],
    [() => dirichletRng(rng, [1, 0], new Float64Array(2)), "dirichletRng: alpha[1] must be positive, got 0"],
    [() => dirichletRng(rng, [1, 1], new Float64Array(3)), "dirichletRng: out must have length 2, got 3"],
    [
      () => multiNormalCholeskyRng(rng, [0, 0], [1, 0, 0], new Float64Array(2)),
      "multiNormalCholeskyRng: L must have length 4 (n×n), got 3",
    ],
    [() => lkjCorrCholeskyRng(rng, 0, 1, new Float64Array(0)), "lkjCorrCholeskyRng: K must be a positive integer, got 0"],
    [() => lkjCorrCholeskyRng(rng, 2, -1, new Float64Array(4)), "lkjCorrCholeskyRng: eta must be positive, got -1"],
  ];
  for (const [call, message] of cases) {
    it(message, () => {
      expect(call).toThrow(DomainError);
      expect(call).toThrow(message);
    });
  }
});
