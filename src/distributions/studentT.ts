import { bd0, stirlerr } from "../math/index.js";
import { studentTRng } from "../random/index.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { HALF_LOG_2PI } from "./constants.js";
import { digammaHalfDiff, ratioMinusLog1p } from "./digammaDiffs.js";
import type { DistributionInfo } from "./types.js";

/**
 * R's dt in Loader's form (stirlerr and bd0), shifted and scaled. The plain
 * lgamma((ν+1)/2) - lgamma(ν/2) - ½ log ν loses ~5 digits by cancellation at ν = 1e10; this keeps
 * full relative accuracy for any ν and for z far in the tail (no z² overflow).
 */
function value(y: number, nu: number, mu: number, sigma: number): number {
  const z = (y - mu) / sigma;
  const t = -bd0(nu / 2, (nu + 1) / 2) + stirlerr((nu + 1) / 2) - stirlerr(nu / 2);
  const x2n = (z * z) / nu;
  let lx2n: number;
  let u: number;
  if (x2n > 4503599627370496) {
    // x2n > 1/ε: log(1 + x2n) is log(x2n) to double precision; avoid z² overflow.
    lx2n = Math.log(Math.abs(z)) - 0.5 * Math.log(nu);
    u = nu * lx2n;
  } else if (x2n > 0.2) {
    lx2n = 0.5 * Math.log(1 + x2n);
    u = nu * lx2n;
  } else {
    lx2n = 0.5 * Math.log1p(x2n);
    u = -bd0(nu / 2, (nu + z * z) / 2) + (z * z) / 2;
  }
  return t - u - (HALF_LOG_2PI + lx2n) - Math.log(sigma);
}

/** student_t(y | nu, mu, sigma) (R's dt((y - mu) / sigma, nu, log = TRUE) - log(sigma)). */
export function studentTLpdf(y: number, nu: number, mu: number, sigma: number): number {
  checkNotNaN("studentTLpdf", "y", y);
  checkPositiveFinite("studentTLpdf", "nu", nu);
  checkFinite("studentTLpdf", "mu", mu);
  checkPositiveFinite("studentTLpdf", "sigma", sigma);
  if (!Number.isFinite(y)) return -Infinity;
  return value(y, nu, mu, sigma);
}

/** Unchecked: value and d[off..off+3] = ∂/∂(y, nu, mu, sigma). */
export function studentTLpdfGrad(
  y: number,
  nu: number,
  mu: number,
  sigma: number,
  d: Float64Array,
  off: number,
): number {
  if (!(nu > 0 && nu < Infinity && sigma > 0 && sigma < Infinity && Math.abs(mu) < Infinity && Math.abs(y) < Infinity)) {
    return reject(d, off, 4);
  }
  const lp = value(y, nu, mu, sigma);
  const z = (y - mu) / sigma;
  const z2 = z * z;
  // q = z²/(ν + z²), written so z = 0 and z² = ∞ both stay finite.
  const q = 1 / (1 + nu / z2);
  const w = ((nu + 1) * z) / (nu + z2);
  const x2n = z2 / nu;
  // ∂/∂nu = ½[ψ((nu+1)/2) - ψ(nu/2) - 1/nu] + ½[q - log1p(z²/nu)] + ½ q/nu, each bracket in a form that
  // keeps relative accuracy as nu → ∞ (both are O(1/nu²) differences of O(1) or O(1/nu) terms).
  const logTerm = x2n < Infinity ? ratioMinusLog1p(x2n) : 1 - 2 * Math.log(Math.abs(z)) + Math.log(nu);
  d[off] = -w / sigma;
  d[off + 1] = 0.5 * (digammaHalfDiff(nu / 2) + logTerm + q / nu);
  d[off + 2] = w / sigma;
  d[off + 3] = ((nu + 1) * q - 1) / sigma;
  return lp;
}

export { studentTRng };

export const studentT: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "student_t",
  args: ["nu", "mu", "sigma"],
  argSupport: ["positive", "real", "positive"],
  support: "real",
  discrete: false,
  lpdf: studentTLpdf,
  lpdfGrad: studentTLpdfGrad,
  rng: studentTRng,
});
