import { bernoulliRng } from "../random/index.js";
import { checkNotNaN, checkProbability, reject } from "./checks.js";
import type { DistributionInfo } from "./types.js";

/** bernoulli(n | theta), n ∈ {0, 1}; any other n is outside the support. */
export function bernoulliLpmf(n: number, theta: number): number {
  checkNotNaN("bernoulliLpmf", "n", n);
  checkProbability("bernoulliLpmf", "theta", theta);
  if (n === 1) return Math.log(theta);
  if (n === 0) return Math.log1p(-theta);
  return -Infinity;
}

/** Unchecked: value and d[off..off+1] = ∂/∂(n, theta), the first 0. */
export function bernoulliLpmfGrad(n: number, theta: number, d: Float64Array, off: number): number {
  if (!(theta >= 0 && theta <= 1)) return reject(d, off, 2);
  let lp: number;
  let g: number;
  if (n === 1) {
    lp = Math.log(theta);
    g = 1 / theta;
  } else if (n === 0) {
    lp = Math.log1p(-theta);
    g = -1 / (1 - theta);
  } else {
    return reject(d, off, 2);
  }
  if (lp === -Infinity) return reject(d, off, 2);
  d[off] = 0;
  d[off + 1] = g;
  return lp;
}

export { bernoulliRng };

export const bernoulli: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "bernoulli",
  args: ["theta"],
  argSupport: ["probability"],
  support: "binary",
  discrete: true,
  lpdf: bernoulliLpmf,
  lpdfGrad: bernoulliLpmfGrad,
  rng: bernoulliRng,
});
