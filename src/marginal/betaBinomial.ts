/**
 * Binomial probabilities with a Beta(a, b) population integrated out. With Y_j successes in M_j
 * trials over group j's observations, the group's marginal is Π C(N_i, y_i) · B(a + Y_j, b + M_j − Y_j)
 * / B(a, b) (a beta-binomial for one observation), and p_j | rest ~ Beta(a + Y_j, b + M_j − Y_j).
 * The binomial coefficients are data only: they are the block's `constant`.
 */
import { digamma } from "../math/digamma.js";
import { lbeta } from "../math/lbeta.js";
import type { MarginalBlock } from "./types.js";
import type { GroupTotals } from "./poissonGamma.js";

/** Inputs: a (1 or J), b (1 or J). `tot.ySum` are successes, `tot.wSum` trials. Adjoints overwritten. */
export function betaBinomialLogDensity(blk: MarginalBlock, v: readonly Float64Array[], adj: readonly Float64Array[], tot: GroupTotals): number {
  const [va, vb] = v;
  const [aa, ab] = adj;
  aa.fill(0);
  ab.fill(0);
  const aK = va.length === 1;
  const bK = vb.length === 1;
  let lp = blk.constant;
  for (let j = 0; j < blk.groups; j++) {
    const a = aK ? va[0] : va[j];
    const b = bK ? vb[0] : vb[j];
    if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) return -Infinity;
    const Y = tot.ySum[j];
    const F = tot.wSum[j] - Y;
    if (Y === 0 && F === 0) continue;
    lp += lbeta(a + Y, b + F) - lbeta(a, b);
    const dAll = digamma(a + b) - digamma(a + b + Y + F);
    aa[aK ? 0 : j] += (Y === 0 ? 0 : digamma(a + Y) - digamma(a)) + dAll;
    ab[bK ? 0 : j] += (F === 0 ? 0 : digamma(b + F) - digamma(b)) + dAll;
  }
  return lp;
}

/** Posterior Beta parameters of each p_j, into `p1`, `p2`. */
export function betaBinomialConditional(blk: MarginalBlock, v: readonly Float64Array[], tot: GroupTotals, p1: Float64Array, p2: Float64Array): void {
  const [va, vb] = v;
  for (let j = 0; j < blk.groups; j++) {
    const Y = tot.ySum[j];
    p1[j] = (va.length === 1 ? va[0] : va[j]) + Y;
    p2[j] = (vb.length === 1 ? vb[0] : vb[j]) + tot.wSum[j] - Y;
  }
}
