/**
 * Poisson–Gamma with exposure (the BUGS "pumps" shape): y_i ~ Poisson(λ_i t_i), λ_i ~ Gamma(α, β),
 * α ~ Gamma(4, 2), β ~ Gamma(4, 4) (proper priors, so SBC can draw from them). Unconstrained
 * θ = (log α, log β, log λ_1..n) with the log-Jacobians; constants dropped.
 */
import type { LogDensity } from "../../../src/logDensity.js";
import { digamma, lgamma } from "./sbcSupport.js";

export const PRIOR = Object.freeze({ alphaShape: 4, alphaRate: 2, betaShape: 4, betaRate: 4 });
/** Operating times of the ten pumps (thousands of hours), Gaver & O'Muircheartaigh 1987. */
export const EXPOSURE = Object.freeze([94.3, 15.7, 62.9, 126, 5.24, 31.4, 1.05, 1.05, 2.1, 10.5]);

export function poissonGamma(y: readonly number[], t: readonly number[] = EXPOSURE): LogDensity {
  const n = y.length;
  const names = ["alpha", "beta"];
  for (let i = 1; i <= n; i++) names.push(`lambda[${i}]`);
  const { alphaShape: aa, alphaRate: ba, betaShape: ab, betaRate: bb } = PRIOR;
  return {
    dim: n + 2,
    outputNames: names,
    logDensityGradient(q, g) {
      const la = q[0];
      const lb = q[1];
      const alpha = Math.exp(la);
      const beta = Math.exp(lb);
      let lp = aa * la - ba * alpha + ab * lb - bb * beta + n * (alpha * lb - lgamma(alpha));
      let sumLogLambda = 0;
      let sumLambda = 0;
      for (let i = 0; i < n; i++) {
        const ll = q[2 + i];
        const lam = Math.exp(ll);
        lp += alpha * ll - beta * lam + y[i] * ll - lam * t[i];
        g[2 + i] = alpha + y[i] - lam * (beta + t[i]);
        sumLogLambda += ll;
        sumLambda += lam;
      }
      g[0] = aa - ba * alpha + alpha * (n * lb - n * digamma(alpha) + sumLogLambda);
      g[1] = ab - bb * beta + n * alpha - beta * sumLambda;
      return lp;
    },
    constrain(q, out) {
      for (let i = 0; i < n + 2; i++) out[i] = Math.exp(q[i]);
    },
  };
}
