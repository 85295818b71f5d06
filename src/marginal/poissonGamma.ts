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

/**
 * Group totals up to this use the rising factorial directly: Γ(a+Y)/Γ(a) = a(a+1)…(a+Y−1) and
 * ψ(a+Y) − ψ(a) = Σ 1/(a+m), a few flops and no special functions.
 */
const SMALL_COUNT = 32;
const isSmall = (Y: number) => Y <= SMALL_COUNT && Number.isInteger(Y);

/**
 * Per-group totals Y_j and T_j, computed once from the data; and, for a shared shape α, the small
 * groups' rising factorials pooled over groups: Σ_j log Γ(α+Y_j)/Γ(α) = Σ_m c_m log(α+m) with
 * c_m = #{small j : Y_j > m}, evaluated as the log of one running product (Σ_j Y_j multiplications,
 * a log per ~10²⁰⁰ of product) and its derivative Σ_m c_m/(α+m) (max Y divisions) — pumps: 75
 * multiplications and 22 divisions per gradient instead of 75 divisions and 10 logs.
 */
export interface GroupTotals {
  readonly ySum: Float64Array;
  readonly wSum: Float64Array;
  /** c_m for m = 0 … maxSmall − 1 (small groups only). */
  readonly risingCount: Float64Array;
  /** Groups whose Y_j is not a small integer: lgamma/digamma. */
  readonly large: Int32Array;
}

export function groupTotals(b: MarginalBlock): GroupTotals {
  const ySum = new Float64Array(b.groups);
  const wSum = new Float64Array(b.groups);
  for (let i = 0; i < b.observations; i++) {
    ySum[b.group[i]] += b.y[i];
    wSum[b.group[i]] += b.weight[i];
  }
  const risingCount = new Float64Array(SMALL_COUNT);
  const large: number[] = [];
  let maxSmall = 0;
  for (let j = 0; j < b.groups; j++) {
    const Y = ySum[j];
    if (!isSmall(Y)) {
      large.push(j);
      continue;
    }
    for (let m = 0; m < Y; m++) risingCount[m]++;
    if (Y > maxSmall) maxSmall = Y;
  }
  return { ySum, wSum, risingCount: risingCount.slice(0, maxSmall), large: Int32Array.from(large) };
}

/** Above this the running product is folded into its log (factors are < 1e8 + 32: no overflow). */
const FOLD = 1e200;

/** Inputs: shape α (1 or J), rate β (1 or J). Adjoints overwritten. */
export function poissonGammaLogDensity(b: MarginalBlock, v: readonly Float64Array[], adj: readonly Float64Array[], tot: GroupTotals): number {
  const [shape, rate] = v;
  if (shape.length === 1 && shape[0] < 1e8) return pooledShape(b, shape[0], rate, adj, tot);
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
    if (isSmall(Y) && a < 1e8) {
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

/** One shape α for every group: the small groups' rising factorials pooled (see GroupTotals). */
function pooledShape(b: MarginalBlock, a: number, rate: Float64Array, adj: readonly Float64Array[], tot: GroupTotals): number {
  const [aShape, aRate] = adj;
  aRate.fill(0);
  if (!(a > 0)) return -Infinity;
  const rK = rate.length === 1;
  const r0 = rate[0];
  if (rK && !(r0 > 0 && r0 < Infinity)) return -Infinity;
  const logR0 = rK ? Math.log(r0) : 0;
  const { ySum, wSum } = tot;
  let lp = b.constant;
  let dShape = 0;
  let dRate0 = 0;
  for (let j = 0; j < b.groups; j++) {
    const r = rK ? r0 : rate[j];
    if (!rK && !(r > 0 && r < Infinity)) return -Infinity;
    const logR = rK ? logR0 : Math.log(r);
    const Y = ySum[j];
    const rT = r + wSum[j];
    const logRT = Math.log(rT);
    lp += a * logR - (a + Y) * logRT;
    dShape += logR - logRT;
    const dr = a / r - (a + Y) / rT;
    if (rK) dRate0 += dr;
    else aRate[j] = dr;
  }
  if (rK) aRate[0] = dRate0;
  // Small groups: Σ_m c_m log(a + m) as the log of a running product, and Σ_m c_m / (a + m).
  // m = 0 directly (a may be tiny, and a^{c_0} would underflow); from m = 1 every factor is ≥ 1.
  const c = tot.risingCount;
  let logP = c.length > 0 ? c[0] * Math.log(a) : 0;
  let d = c.length > 0 ? c[0] / a : 0;
  let p = 1;
  for (let m = 1; m < c.length; m++) {
    const x = a + m;
    const cm = c[m];
    d += cm / x;
    for (let k = 0; k < cm; k++) {
      p *= x;
      if (p > FOLD) {
        logP += Math.log(p);
        p = 1;
      }
    }
  }
  lp += logP + Math.log(p);
  dShape += d;
  const large = tot.large;
  for (let k = 0; k < large.length; k++) {
    const Y = ySum[large[k]];
    lp += lgamma(a + Y) - lgamma(a);
    dShape += digamma(a + Y) - digamma(a);
  }
  aShape[0] = dShape;
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
