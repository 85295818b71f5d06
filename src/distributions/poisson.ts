import { poissonRng } from "../random/index.js";
import { checkNonnegativeFinite, checkNotNaN, isCount, reject } from "./checks.js";
import { logDpoisRaw } from "./loader.js";
import type { DistributionInfo } from "./types.js";

/** poisson(n | lambda) (R's dpois, Loader's form: full accuracy at n ≈ lambda = 1e8). lambda = 0 is a point mass at 0. */
export function poissonLpmf(n: number, lambda: number): number {
  checkNotNaN("poissonLpmf", "n", n);
  checkNonnegativeFinite("poissonLpmf", "lambda", lambda);
  if (!isCount(n)) return -Infinity;
  return logDpoisRaw(n, lambda);
}

/** Unchecked: value and d[off..off+1] = ∂/∂(n, lambda), the first 0. */
export function poissonLpmfGrad(n: number, lambda: number, d: Float64Array, off: number): number {
  if (!(lambda >= 0 && lambda < Infinity && isCount(n))) return reject(d, off, 2);
  const lp = logDpoisRaw(n, lambda);
  if (lp === -Infinity) return reject(d, off, 2);
  d[off] = 0;
  d[off + 1] = n === 0 ? -1 : n / lambda - 1;
  return lp;
}

export { poissonRng };

export const poisson: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "poisson",
  args: ["lambda"],
  argSupport: ["nonnegative"],
  support: "nonnegative_int",
  discrete: true,
  lpdf: poissonLpmf,
  lpdfGrad: poissonLpmfGrad,
  rng: poissonRng,
});
