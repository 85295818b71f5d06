import { describe, expect, it } from "vitest";
import { lgamma, Phi } from "../../src/math/index.js";
import {
  betaRng,
  cauchyRng,
  createRng,
  doubleExponentialRng,
  exponentialRng,
  gammaRng,
  invGammaRng,
  logisticRng,
  logStandardGammaRng,
  lognormalRng,
  normalRng,
  studentTRng,
  uniformRng,
  weibullRng,
  type Rng,
} from "../../src/random/index.js";
import { logitBetaRng } from "../../src/random/beta.js";
import { betaI, gammaP, gammaPLog, gammaQ, ksPValue, moments } from "./stats.js";

/**
 * Each case: 1e5 draws from a fixed seed, a Kolmogorov–Smirnov test against the exact CDF (p > 0.001),
 * and, where the moments exist, mean and variance within 5 Monte Carlo standard errors (a two-sided
 * 5-sigma band: a correct sampler fails it with probability ~1e-6 per check; the seed is fixed, so the
 * outcome is deterministic).
 */
const N = 100_000;
const P_MIN = 0.001;
const SE_MULT = 5;

interface Case {
  name: string;
  draw: (rng: Rng) => number;
  /** Omitted where only the moments are checked. */
  cdf?: (x: number) => number;
  mean?: number;
  variance?: number;
}

const g = (x: number) => Math.exp(lgamma(x));

const cases: Case[] = [
  { name: "normalRng(1.5, 2)", draw: (r) => normalRng(r, 1.5, 2), cdf: (x) => Phi((x - 1.5) / 2), mean: 1.5, variance: 4 },
  {
    name: "lognormalRng(0.3, 0.8)",
    draw: (r) => lognormalRng(r, 0.3, 0.8),
    cdf: (x) => Phi((Math.log(x) - 0.3) / 0.8),
    mean: Math.exp(0.3 + 0.32),
    variance: (Math.exp(0.64) - 1) * Math.exp(0.6 + 0.64),
  },
  { name: "exponentialRng(2.5)", draw: (r) => exponentialRng(r, 2.5), cdf: (x) => -Math.expm1(-2.5 * x), mean: 0.4, variance: 0.16 },
  ...[
    [0.3, 2],
    [1, 1],
    [2.5, 0.5],
    [50, 10],
  ].map(([a, b]): Case => ({
    name: `gammaRng(${a}, ${b})`,
    draw: (r) => gammaRng(r, a, b),
    cdf: (x) => gammaP(a, b * x),
    mean: a / b,
    variance: a / (b * b),
  })),
  {
    // shape 1e-3: half the draws are below 1e-308, so the law is checked on the log scale
    name: "logStandardGammaRng(1e-3) (log of a Gamma(0.001, 1) draw)",
    draw: (r) => logStandardGammaRng(r, 1e-3),
    cdf: (y) => gammaPLog(1e-3, y),
  },
  { name: "invGammaRng(1.5, 1)", draw: (r) => invGammaRng(r, 1.5, 1), cdf: (x) => gammaQ(1.5, 1 / x) },
  {
    name: "invGammaRng(6, 2)",
    draw: (r) => invGammaRng(r, 6, 2),
    cdf: (x) => gammaQ(6, 2 / x),
    mean: 2 / 5,
    variance: 4 / (25 * 4),
  },
  {
    // With shapes 0.01, 0.02 about 16% of draws round to exactly 1.0 (1 − x < 1.1e-16), and such ties
    // defeat a KS test of x itself; so the law is checked on the logit scale, where draws are distinct,
    // and the moments on the natural scale (which rounding does not move).
    name: "logitBetaRng(0.01, 0.02) (logit of a Beta draw)",
    draw: (r) => logitBetaRng(r, 0.01, 0.02),
    cdf: (t) => (t <= 0 ? betaI(0.01, 0.02, 1 / (1 + Math.exp(-t))) : 1 - betaI(0.02, 0.01, 1 / (1 + Math.exp(t)))),
  },
  {
    name: "betaRng(0.01, 0.02) moments",
    draw: (r) => betaRng(r, 0.01, 0.02),
    mean: 1 / 3,
    variance: 0.0002 / (0.0009 * 1.03),
  },
  ...[
    [0.5, 0.5],
    [2, 5],
    [200, 3],
  ].map(([a, b]): Case => ({
    name: `betaRng(${a}, ${b})`,
    draw: (r) => betaRng(r, a, b),
    cdf: (x) => betaI(a, b, x),
    mean: a / (a + b),
    variance: (a * b) / ((a + b) * (a + b) * (a + b + 1)),
  })),
  { name: "studentTRng(3, 1, 2)", draw: (r) => studentTRng(r, 3, 1, 2), cdf: (x) => tCdf(3, (x - 1) / 2) },
  {
    name: "studentTRng(10, -1, 0.5)",
    draw: (r) => studentTRng(r, 10, -1, 0.5),
    cdf: (x) => tCdf(10, (x + 1) / 0.5),
    mean: -1,
    variance: (0.25 * 10) / 8,
  },
  { name: "studentTRng(0.5, 0, 1)", draw: (r) => studentTRng(r, 0.5, 0, 1), cdf: (x) => tCdf(0.5, x) },
  { name: "cauchyRng(1, 2)", draw: (r) => cauchyRng(r, 1, 2), cdf: (x) => 0.5 + Math.atan((x - 1) / 2) / Math.PI },
  {
    name: "logisticRng(1, 2)",
    draw: (r) => logisticRng(r, 1, 2),
    cdf: (x) => 1 / (1 + Math.exp(-(x - 1) / 2)),
    mean: 1,
    variance: (4 * Math.PI * Math.PI) / 3,
  },
  {
    name: "doubleExponentialRng(-1, 0.5)",
    draw: (r) => doubleExponentialRng(r, -1, 0.5),
    cdf: (x) => (x < -1 ? 0.5 * Math.exp((x + 1) / 0.5) : 1 - 0.5 * Math.exp(-(x + 1) / 0.5)),
    mean: -1,
    variance: 2 * 0.25,
  },
  {
    name: "weibullRng(1.5, 2)",
    draw: (r) => weibullRng(r, 1.5, 2),
    cdf: (x) => -Math.expm1(-Math.pow(x / 2, 1.5)),
    mean: 2 * g(1 + 1 / 1.5),
    variance: 4 * (g(1 + 2 / 1.5) - g(1 + 1 / 1.5) ** 2),
  },
  {
    name: "uniformRng(-2, 3)",
    draw: (r) => uniformRng(r, -2, 3),
    cdf: (x) => (x + 2) / 5,
    mean: 0.5,
    variance: 25 / 12,
  },
];

/** Student-t CDF through the incomplete beta: P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0. */
function tCdf(nu: number, t: number): number {
  const tail = 0.5 * betaI(nu / 2, 0.5, nu / (nu + t * t));
  return t >= 0 ? 1 - tail : tail;
}

describe("continuous samplers: KS against the exact CDF and moments within 5 MCSE (1e5 draws, fixed seeds)", () => {
  cases.forEach((c, idx) => {
    it(c.name, () => {
      const rng = createRng(2024, idx);
      const xs = new Float64Array(N);
      for (let i = 0; i < N; i++) xs[i] = c.draw(rng);
      let nans = 0;
      for (let i = 0; i < N; i++) if (Number.isNaN(xs[i])) nans++;
      expect(nans).toBe(0);
      if (c.mean !== undefined && c.variance !== undefined) {
        const m = moments(xs);
        expect(Math.abs(m.mean - c.mean)).toBeLessThan(SE_MULT * m.seMean);
        expect(Math.abs(m.variance - c.variance)).toBeLessThan(SE_MULT * m.seVariance);
      }
      if (c.cdf) expect(ksPValue(xs, c.cdf)).toBeGreaterThan(P_MIN);
    });
  });

  it("the KS check can fail: gammaRng(2.5, 0.5) draws tested against Gamma(2.6, 0.5) give p < 1e-6", () => {
    const rng = createRng(5);
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = gammaRng(rng, 2.5, 0.5);
    expect(ksPValue(xs, (x) => gammaP(2.6, 0.5 * x))).toBeLessThan(1e-6);
  });

  it("same seed, same draws", () => {
    const a = createRng(9, 3);
    const b = createRng(9, 3);
    for (let i = 0; i < 100; i++) expect(gammaRng(a, 0.7, 1.3)).toBe(gammaRng(b, 0.7, 1.3));
  });

  it("betaRng with tiny shapes stays in [0, 1] and never returns NaN", () => {
    const rng = createRng(11);
    for (let i = 0; i < 20_000; i++) {
      const x = betaRng(rng, 1e-4, 2e-4);
      expect(x >= 0 && x <= 1).toBe(true);
    }
  });
});
