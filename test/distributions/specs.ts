/**
 * Per-family test specs: a sampler of in-domain points (y first, then the arguments) for the gradient
 * checks, kept away from support boundaries so central differences with h = 1e-6·max(1, |x|) stay
 * inside, and the exact mean and standard deviation for the rng smoke checks.
 */
import type { Rng } from "../../src/random/rng.js";

export interface FamilySpec {
  /** Stan name, key of DISTRIBUTIONS. */
  name: string;
  /** A random in-domain point [y, ...args]. */
  point(rng: Rng): number[];
  /** Arguments for the rng smoke check and the exact mean / sd of a draw (null: no mean, e.g. Cauchy). */
  rngArgs: number[];
  moments: { mean: number; sd: number } | null;
}

const u = (rng: Rng, a: number, b: number): number => a + (b - a) * rng.uniform();
const logU = (rng: Rng, a: number, b: number): number => Math.exp(u(rng, Math.log(a), Math.log(b)));
const int = (rng: Rng, a: number, b: number): number => a + Math.floor((b - a + 1) * rng.uniform());
const invLogit = (x: number): number => 1 / (1 + Math.exp(-x));
const gammaFn = (x: number): number => {
  // Lanczos for the exact Weibull mean in the smoke test only (relative error ~1e-15 is plenty there).
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = g[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += g[i] / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
};

/** Mean and sd of a count scaled by w off zero: E[Y] = w·m, E[Y²] = w·m2 (m2 the count's E[Y²]). */
function zeroModified(w: number, m: number, m2: number): { mean: number; sd: number } {
  return { mean: w * m, sd: Math.sqrt(w * m2 - (w * m) ** 2) };
}

export const SPECS: FamilySpec[] = [
  {
    name: "normal",
    point: (r) => [u(r, -5, 5), u(r, -3, 3), logU(r, 0.2, 5)],
    rngArgs: [1.5, 2],
    moments: { mean: 1.5, sd: 2 },
  },
  {
    name: "student_t",
    point: (r) => [u(r, -6, 6), logU(r, 0.5, 60), u(r, -2, 2), logU(r, 0.3, 4)],
    rngArgs: [5, -1, 2],
    moments: { mean: -1, sd: 2 * Math.sqrt(5 / 3) },
  },
  {
    name: "cauchy",
    point: (r) => [u(r, -8, 8), u(r, -2, 2), logU(r, 0.2, 4)],
    rngArgs: [0, 1],
    moments: null,
  },
  {
    // Kept off y = mu, where the density has a kink.
    name: "double_exponential",
    point: (r) => {
      const mu = u(r, -2, 2);
      return [mu + (r.uniform() < 0.5 ? -1 : 1) * u(r, 0.05, 4), mu, logU(r, 0.3, 3)];
    },
    rngArgs: [2, 0.5],
    moments: { mean: 2, sd: 0.5 * Math.SQRT2 },
  },
  {
    name: "logistic",
    point: (r) => [u(r, -10, 10), u(r, -2, 2), logU(r, 0.3, 3)],
    rngArgs: [-1, 0.7],
    moments: { mean: -1, sd: (0.7 * Math.PI) / Math.sqrt(3) },
  },
  {
    name: "lognormal",
    point: (r) => [logU(r, 0.05, 20), u(r, -1, 2), logU(r, 0.2, 2)],
    rngArgs: [0.5, 0.4],
    moments: { mean: Math.exp(0.5 + 0.08), sd: Math.exp(0.5 + 0.08) * Math.sqrt(Math.exp(0.16) - 1) },
  },
  {
    name: "exponential",
    point: (r) => [logU(r, 0.01, 10), logU(r, 0.1, 10)],
    rngArgs: [2.5],
    moments: { mean: 0.4, sd: 0.4 },
  },
  {
    name: "gamma",
    point: (r) => [logU(r, 0.05, 20), logU(r, 0.3, 30), logU(r, 0.1, 10)],
    rngArgs: [3, 2],
    moments: { mean: 1.5, sd: Math.sqrt(3) / 2 },
  },
  {
    name: "inv_gamma",
    point: (r) => [logU(r, 0.05, 20), logU(r, 0.3, 30), logU(r, 0.1, 10)],
    rngArgs: [5, 4],
    moments: { mean: 1, sd: Math.sqrt(16 / (16 * 3)) },
  },
  {
    name: "weibull",
    point: (r) => [logU(r, 0.05, 10), logU(r, 0.3, 6), logU(r, 0.2, 5)],
    rngArgs: [2, 3],
    moments: {
      mean: 3 * gammaFn(1.5),
      sd: 3 * Math.sqrt(gammaFn(2) - gammaFn(1.5) ** 2),
    },
  },
  {
    name: "beta",
    point: (r) => [u(r, 0.02, 0.98), logU(r, 0.3, 40), logU(r, 0.3, 40)],
    rngArgs: [2, 5],
    moments: { mean: 2 / 7, sd: Math.sqrt(10 / (49 * 8)) },
  },
  {
    name: "uniform",
    point: (r) => {
      const a = u(r, -5, 5);
      const b = a + logU(r, 0.5, 10);
      return [a + (b - a) * u(r, 0.05, 0.95), a, b];
    },
    rngArgs: [-1, 3],
    moments: { mean: 1, sd: 4 / Math.sqrt(12) },
  },
  {
    name: "binomial",
    point: (r) => {
      const N = int(r, 1, 200);
      return [int(r, 0, N), N, u(r, 0.02, 0.98)];
    },
    rngArgs: [30, 0.3],
    moments: { mean: 9, sd: Math.sqrt(30 * 0.3 * 0.7) },
  },
  {
    name: "binomial_logit",
    point: (r) => {
      const N = int(r, 1, 200);
      return [int(r, 0, N), N, u(r, -6, 6)];
    },
    rngArgs: [30, -0.5],
    moments: { mean: 30 * invLogit(-0.5), sd: Math.sqrt(30 * invLogit(-0.5) * invLogit(0.5)) },
  },
  {
    name: "bernoulli",
    point: (r) => [int(r, 0, 1), u(r, 0.02, 0.98)],
    rngArgs: [0.3],
    moments: { mean: 0.3, sd: Math.sqrt(0.21) },
  },
  {
    name: "bernoulli_logit",
    point: (r) => [int(r, 0, 1), u(r, -10, 10)],
    rngArgs: [1.2],
    moments: { mean: invLogit(1.2), sd: Math.sqrt(invLogit(1.2) * invLogit(-1.2)) },
  },
  {
    name: "poisson",
    point: (r) => [int(r, 0, 60), logU(r, 0.1, 80)],
    rngArgs: [7.5],
    moments: { mean: 7.5, sd: Math.sqrt(7.5) },
  },
  {
    name: "poisson_log",
    point: (r) => [int(r, 0, 60), u(r, -3, 5)],
    rngArgs: [1],
    moments: { mean: Math.E, sd: Math.sqrt(Math.E) },
  },
  {
    name: "neg_binomial_2",
    point: (r) => [int(r, 0, 80), logU(r, 0.2, 60), logU(r, 0.1, 200)],
    rngArgs: [6, 2],
    moments: { mean: 6, sd: Math.sqrt(6 + 36 / 2) },
  },
  {
    name: "neg_binomial_2_log",
    point: (r) => [int(r, 0, 80), u(r, -2, 4), logU(r, 0.1, 200)],
    rngArgs: [Math.log(6), 2],
    moments: { mean: 6, sd: Math.sqrt(6 + 36 / 2) },
  },
  {
    name: "beta_binomial",
    point: (r) => {
      const N = int(r, 1, 100);
      return [int(r, 0, N), N, logU(r, 0.2, 30), logU(r, 0.2, 30)];
    },
    rngArgs: [20, 2, 3],
    // mean N a/(a+b); var N a b (a+b+N) / ((a+b)² (a+b+1))
    moments: { mean: 8, sd: Math.sqrt((20 * 2 * 3 * 25) / (25 * 6)) },
  },
  // Zero-inflated: mean (1 − zi)·m, E[Y²] = (1 − zi)·E_count[Y²]; hurdle: (1 − hu)/(1 − P(0)) times the count's.
  {
    name: "zero_inflated_poisson_log",
    point: (r) => [int(r, 0, 30), u(r, -3, 4), u(r, 0.05, 0.95)],
    rngArgs: [Math.log(4), 0.3],
    moments: zeroModified(0.7, 4, 4 + 16),
  },
  {
    name: "zero_inflated_neg_binomial_2_log",
    point: (r) => [int(r, 0, 60), u(r, -2, 4), logU(r, 0.1, 200), u(r, 0.05, 0.95)],
    rngArgs: [Math.log(6), 2, 0.3],
    moments: zeroModified(0.7, 6, 6 + 36 / 2 + 36),
  },
  {
    name: "hurdle_poisson_log",
    point: (r) => [int(r, 0, 30), u(r, -3, 4), u(r, 0.05, 0.95)],
    rngArgs: [Math.log(2.5), 0.4],
    moments: zeroModified(0.6 / -Math.expm1(-2.5), 2.5, 2.5 + 6.25),
  },
  {
    name: "hurdle_neg_binomial_2_log",
    point: (r) => [int(r, 0, 60), u(r, -2, 4), logU(r, 0.1, 200), u(r, 0.05, 0.95)],
    rngArgs: [Math.log(3), 1.5, 0.4],
    moments: zeroModified(0.6 / (1 - Math.pow(1.5 / 4.5, 1.5)), 3, 3 + 9 / 1.5 + 9),
  },
  // The semicontinuous hurdles at positive y (the zero branch's partials are in test/hurdle): past the
  // hurdle, with weight 1 − hu, Gamma(2.5, rate 1.25) (mean 2, E[Y²] = 2.5·3.5/1.25²) and Lognormal(0.2, 0.5).
  {
    name: "hurdle_gamma",
    point: (r) => [logU(r, 0.05, 20), logU(r, 0.2, 20), logU(r, 0.1, 10), u(r, 0.05, 0.95)],
    rngArgs: [2.5, 1.25, 0.3],
    moments: zeroModified(0.7, 2, (2.5 * 3.5) / 1.5625),
  },
  {
    name: "hurdle_lognormal",
    point: (r) => [logU(r, 0.05, 20), u(r, -2, 2), logU(r, 0.2, 3), u(r, 0.05, 0.95)],
    rngArgs: [0.2, 0.5, 0.3],
    moments: zeroModified(0.7, Math.exp(0.2 + 0.125), Math.exp(0.4 + 0.5)),
  },
];
