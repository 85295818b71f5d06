import { HALF_LOG_2PI } from "./constants.js";
import { lgamma } from "./lgamma.js";
import { lgammaStirlingDiff, STIRLING_DIFF_USEFUL } from "./lgammaStirlingDiff.js";

/**
 * bd0(x, np) = x log(x / np) + np − x ≥ 0, the deviance term of Loader's (2000) saddle-point
 * binomial/Poisson densities, computed without the cancellation of its three large terms when x ≈ np
 * (series in v = (x − np)/(x + np)). Lets log pmfs at counts ~1e9 keep absolute accuracy ~1e-15.
 */
export function bd0(x: number, np: number): number {
  if (x === 0) return np;
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/**
 * stirlerr(x) = log Γ(x + 1) − [(x + ½) log x − x + ½ log 2π], the error of Stirling's formula for x!
 * (equal to lgammaStirlingDiff(x)). For x < 10 it is computed from lgamma directly (absolute error
 * ~1e-15 there); 0 at x = 0 by convention of the callers, which never use it there.
 */
export function stirlerr(x: number): number {
  if (x >= STIRLING_DIFF_USEFUL) return lgammaStirlingDiff(x);
  if (x === 0) return 0;
  return lgamma(x + 1) - (x + 0.5) * Math.log(x) + x - HALF_LOG_2PI;
}
