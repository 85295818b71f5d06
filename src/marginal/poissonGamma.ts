/**
 * Poisson rates with a Gamma(α, β) population integrated out. With Y_j = Σ y_i and T_j = Σ t_i over
 * group j's observations (y_i ~ Poisson(λ_j t_i)), the group's marginal is
 *   β^α / Γ(α) · Γ(α + Y_j) / (β + T_j)^(α+Y_j) · Π t_i^y_i / y_i!
 * (a negative binomial for one observation), and λ_j | rest ~ Gamma(α + Y_j, β + T_j).
 * The per-observation product is data only: it is the block's `constant`.
 */
import { digamma } from "../math/digamma.js";
import { lgamma } from "../math/lgamma.js";
import type { MarginalBlock } from "./types.js";

/** Per-group totals Y_j (in `y`-sum) and T_j, computed once from the data. */
export interface GroupTotals {
  readonly ySum: Float64Array;
  readonly wSum: Float64Array;
}

export function groupTotals(b: MarginalBlock): GroupTotals {
  const ySum = new Float64Array(b.groups);
  const wSum = new Float64Array(b.groups);
  for (let i = 0; i < b.observations; i++) {
    ySum[b.group[i]] += b.y[i];
    wSum[b.group[i]] += b.weight[i];
  }
  return { ySum, wSum };
}

/**
 * Group totals up to this use the rising factorial directly: a product of at most 32 factors a + m
 * (checked: a < 1e8) stays inside the double range (1e8^32 = 1e256).
 */
const SMALL_COUNT = 32;

/** Inputs: shape α (1 or J), rate β (1 or J). Adjoints overwritten. */
export function poissonGammaLogDensity(b: MarginalBlock, v: readonly Float64Array[], adj: readonly Float64Array[], tot: GroupTotals): number {
  const [shape, rate] = v;
  const [aShape, aRate] = adj;
  aShape.fill(0);
  aRate.fill(0);
  const shK = shape.length === 1;
  const rK = rate.length === 1;
  let lp = b.constant;
  for (let j = 0; j < b.groups; j++) {
    const a = shK ? shape[0] : shape[j];
    const r = rK ? rate[0] : rate[j];
    if (!(a > 0) || !(r > 0) || !Number.isFinite(a) || !Number.isFinite(r)) return -Infinity;
    const Y = tot.ySum[j];
    const rT = r + tot.wSum[j];
    const logR = Math.log(r);
    const logRT = Math.log(rT);
    let rising: number;
    let dRising: number;
    if (Y <= SMALL_COUNT && Number.isInteger(Y) && a < 1e8) {
      // Γ(a+Y)/Γ(a) = a(a+1)…(a+Y−1) and ψ(a+Y) − ψ(a) = Σ 1/(a+m): a few flops, no special functions.
      let p = 1;
      let d = 0;
      for (let m = 0; m < Y; m++) {
        p *= a + m;
        d += 1 / (a + m);
      }
      rising = Math.log(p);
      dRising = d;
    } else {
      rising = lgamma(a + Y) - lgamma(a);
      dRising = digamma(a + Y) - digamma(a);
    }
    lp += a * logR + rising - (a + Y) * logRT;
    aShape[shK ? 0 : j] += logR - logRT + dRising;
    aRate[rK ? 0 : j] += a / r - (a + Y) / rT;
  }
  return lp;
}

/** Posterior shape and rate of each λ_j, into `p1`, `p2`. */
export function poissonGammaConditional(b: MarginalBlock, v: readonly Float64Array[], tot: GroupTotals, p1: Float64Array, p2: Float64Array): void {
  const [shape, rate] = v;
  for (let j = 0; j < b.groups; j++) {
    p1[j] = (shape.length === 1 ? shape[0] : shape[j]) + tot.ySum[j];
    p2[j] = (rate.length === 1 ? rate[0] : rate[j]) + tot.wSum[j];
  }
}
