import { argError } from "../errors.js";
import { uniformRng } from "../random/index.js";
import { checkFinite, checkNotNaN, reject } from "./checks.js";
import type { DistributionInfo } from "./types.js";

/** uniform(y | a, b) on the closed interval [a, b] (R's dunif); outside it -Infinity. */
export function uniformLpdf(y: number, a: number, b: number): number {
  checkNotNaN("uniformLpdf", "y", y);
  checkFinite("uniformLpdf", "a", a);
  checkFinite("uniformLpdf", "b", b);
  if (!(b > a)) throw argError("uniformLpdf", `b must be greater than a = ${a}`, b);
  if (!(y >= a && y <= b)) return -Infinity;
  return -Math.log(b - a);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, a, b) (∂/∂y = 0 inside the interval). */
export function uniformLpdfGrad(y: number, a: number, b: number, d: Float64Array, off: number): number {
  if (!(b > a && Math.abs(a) < Infinity && Math.abs(b) < Infinity && y >= a && y <= b)) return reject(d, off, 3);
  const w = b - a;
  d[off] = 0;
  d[off + 1] = 1 / w;
  d[off + 2] = -1 / w;
  return -Math.log(w);
}

export { uniformRng };

export const uniform: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "uniform",
  args: ["a", "b"],
  argSupport: ["real", "real"],
  support: "interval",
  discrete: false,
  lpdf: uniformLpdf,
  lpdfGrad: uniformLpdfGrad,
  rng: uniformRng,
});
