import { binomialRng } from "../random/index.js";
import { checkNonnegativeInt, checkNotNaN, checkProbability, isCount, reject } from "./checks.js";
import { logDbinomRaw } from "./loader.js";
import type { DistributionInfo } from "./types.js";

/** binomial(n | N, theta) (R's dbinom, Loader's form: accurate for N up to 1e15 and n near N θ). */
export function binomialLpmf(n: number, N: number, theta: number): number {
  checkNotNaN("binomialLpmf", "n", n);
  checkNonnegativeInt("binomialLpmf", "N", N);
  checkProbability("binomialLpmf", "theta", theta);
  if (!(isCount(n) && n <= N)) return -Infinity;
  return logDbinomRaw(n, N, theta, 1 - theta);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(n, N, theta), the first two 0 (integers). */
export function binomialLpmfGrad(n: number, N: number, theta: number, d: Float64Array, off: number): number {
  if (!(isCount(N) && theta >= 0 && theta <= 1 && isCount(n) && n <= N)) return reject(d, off, 3);
  const lp = logDbinomRaw(n, N, theta, 1 - theta);
  if (lp === -Infinity) return reject(d, off, 3);
  d[off] = 0;
  d[off + 1] = 0;
  // Written per term so θ = 0 with n = 0 (and θ = 1 with n = N) gives a finite one-sided slope.
  d[off + 2] = (n === 0 ? 0 : n / theta) - (n === N ? 0 : (N - n) / (1 - theta));
  return lp;
}

export { binomialRng };

export const binomial: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "binomial",
  args: ["N", "theta"],
  argSupport: ["nonnegative_int", "probability"],
  support: "int_range",
  discrete: true,
  lpdf: binomialLpmf,
  lpdfGrad: binomialLpmfGrad,
  rng: binomialRng,
});
