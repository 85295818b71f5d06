import { describe, expect, it } from "vitest";
import { lbeta, lchoose, lgamma } from "../../src/math/index.js";
import {
  bernoulliRng,
  betaBinomialRng,
  binomialRng,
  createRng,
  negBinomial2Rng,
  poissonRng,
  type Rng,
} from "../../src/random/index.js";
import { chiSquarePValue, moments } from "./stats.js";

/**
 * Each case: 1e5 draws from a fixed seed; a chi-square goodness-of-fit test against the exact pmf
 * (values pooled into bins expecting ≥ 20 draws; p > 0.001), and mean and variance within 5 Monte Carlo
 * standard errors. The reference pmfs are written independently of the samplers (plain lgamma forms).
 */
const N = 100_000;
const P_MIN = 0.001;
const SE_MULT = 5;

interface Case {
  name: string;
  draw: (rng: Rng) => number;
  logPmf: (k: number) => number;
  lo: number;
  hi: number;
  mean: number;
  variance: number;
}

/** Support window mean ± 9 sd (clipped at 0 and n): the mass outside is < 1e-18. */
function window(mean: number, variance: number, max = Infinity): [number, number] {
  const sd = Math.sqrt(variance);
  return [Math.max(0, Math.floor(mean - 9 * sd - 5)), Math.min(max, Math.ceil(mean + 9 * sd + 5))];
}

function poissonCase(lambda: number): Case {
  const [lo, hi] = window(lambda, lambda);
  return {
    name: `poissonRng(${lambda})`,
    draw: (r) => poissonRng(r, lambda),
    logPmf: (k) => -lambda + k * Math.log(lambda) - lgamma(k + 1),
    lo,
    hi,
    mean: lambda,
    variance: lambda,
  };
}

function binomialCase(n: number, p: number): Case {
  const v = n * p * (1 - p);
  const [lo, hi] = window(n * p, v, n);
  return {
    name: `binomialRng(${n}, ${p})`,
    draw: (r) => binomialRng(r, n, p),
    logPmf: (k) => lchoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p),
    lo,
    hi,
    mean: n * p,
    variance: v,
  };
}

function negBinomial2Case(mu: number, phi: number): Case {
  const v = mu + (mu * mu) / phi;
  const [lo, hi] = window(mu, v * 4); // skewed: a wider window keeps the upper tail mass negligible
  return {
    name: `negBinomial2Rng(${mu}, ${phi})`,
    draw: (r) => negBinomial2Rng(r, mu, phi),
    logPmf: (k) =>
      lgamma(k + phi) - lgamma(k + 1) - lgamma(phi) + k * Math.log(mu / (mu + phi)) + phi * Math.log(phi / (mu + phi)),
    lo,
    hi: Math.max(hi, 200),
    mean: mu,
    variance: v,
  };
}

function betaBinomialCase(n: number, a: number, b: number): Case {
  const mean = (n * a) / (a + b);
  const v = (n * a * b * (a + b + n)) / ((a + b) * (a + b) * (a + b + 1));
  return {
    name: `betaBinomialRng(${n}, ${a}, ${b})`,
    draw: (r) => betaBinomialRng(r, n, a, b),
    logPmf: (k) => lchoose(n, k) + lbeta(k + a, n - k + b) - lbeta(a, b),
    lo: 0,
    hi: n,
    mean,
    variance: v,
  };
}

const cases: Case[] = [
  poissonCase(0.5),
  poissonCase(3.7),
  poissonCase(9.99), // last rate sampled by inversion
  poissonCase(10), // first rate sampled by PTRS
  poissonCase(27.3),
  poissonCase(1000),
  poissonCase(1e6),
  poissonCase(1e9),
  binomialCase(10, 0.3),
  binomialCase(20, 0.49), // n·p = 9.8: inversion
  binomialCase(25, 0.4), // n·p = 10: BTRS
  binomialCase(100, 0.9), // sampled as 100 − Binomial(100, 0.1)
  binomialCase(1000, 0.02),
  binomialCase(1e6, 0.3),
  binomialCase(1e9, 0.5),
  binomialCase(1e9, 1e-8),
  binomialCase(1e9, 1 - 1e-8),
  {
    name: "bernoulliRng(0.3)",
    draw: (r) => bernoulliRng(r, 0.3),
    logPmf: (k) => Math.log(k === 1 ? 0.3 : 0.7),
    lo: 0,
    hi: 1,
    mean: 0.3,
    variance: 0.21,
  },
  negBinomial2Case(5, 2),
  negBinomial2Case(100, 0.5),
  negBinomial2Case(0.3, 50),
  betaBinomialCase(20, 0.6, 1.5),
  betaBinomialCase(1000, 3, 3),
];

describe("discrete samplers: chi-square against the exact pmf and moments within 5 MCSE (1e5 draws, fixed seeds)", () => {
  cases.forEach((c, idx) => {
    it(c.name, () => {
      const rng = createRng(77, idx);
      const xs = new Float64Array(N);
      let bad = 0;
      for (let i = 0; i < N; i++) {
        const k = c.draw(rng);
        if (!Number.isInteger(k) || k < 0) bad++;
        xs[i] = k;
      }
      expect(bad).toBe(0);
      const m = moments(xs);
      expect(Math.abs(m.mean - c.mean)).toBeLessThan(SE_MULT * m.seMean);
      expect(Math.abs(m.variance - c.variance)).toBeLessThan(SE_MULT * m.seVariance);
      expect(chiSquarePValue(xs, (k) => Math.exp(c.logPmf(k)), c.lo, c.hi)).toBeGreaterThan(P_MIN);
    });
  });

  it("the chi-square check can fail: poissonRng(27.3) draws tested against Poisson(27.6) give p < 1e-6", () => {
    const rng = createRng(3);
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = poissonRng(rng, 27.3);
    const lam = 27.6;
    expect(chiSquarePValue(xs, (k) => Math.exp(-lam + k * Math.log(lam) - lgamma(k + 1)), 0, 80)).toBeLessThan(1e-6);
  });

  it("degenerate parameters give their point mass", () => {
    const rng = createRng(1);
    expect(poissonRng(rng, 0)).toBe(0);
    expect(binomialRng(rng, 0, 0.4)).toBe(0);
    expect(binomialRng(rng, 17, 0)).toBe(0);
    expect(binomialRng(rng, 17, 1)).toBe(17);
    expect(bernoulliRng(rng, 0)).toBe(0);
    expect(bernoulliRng(rng, 1)).toBe(1);
  });
});
