import { cotPi } from "./sinPi.js";

/** The positive root of ψ as a double-double, so x − root is formed without rounding error. */
const ROOT_HI = 1.4616321449683622;
const ROOT_LO = 9.549995429965697e-17;

/**
 * ψ(root + h) = Σ d_k h^k, d_k = ψ^(k)(root)/k! (test/math/fixtures/make-coefficients.py). |d_k| shrinks
 * by ~0.68 per term, so for |h| ≤ 0.2 the 22 terms leave < 1e-19: relative accuracy holds through the root.
 */
const ROOT_SERIES = [
  0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652, 0.10782405069126237,
  -0.07219956125645471, 0.04880428816414311, -0.03316112647484736, 0.022597648232218104, -0.01542476590494896,
  0.010538791616612175, -0.007204534386356869, 0.004926781395729853, -0.003369801655439328, 0.002305126326734928,
  -0.0015769367714301972, 0.0010788252019162967, -0.0007380709389960052, 0.000504953265834602,
  -0.0003454680251063077, 0.00023635601564027053, -0.00016170622091974803,
];
const ROOT_RADIUS = 0.2;

/** Where the asymptotic series (terms to x^−14) is accurate to double precision. */
const ASYMPTOTIC_FROM = 10;

/**
 * ψ(x) = d/dx log Γ(x), the digamma function. NaN at the poles 0, −1, −2, … (as R and Stan).
 * Relative error ~1e-15 for x > 0 (including the root near 1.4616); for x < 0 the reflection
 * formula loses relative accuracy only close to the negative roots.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    // Reflection: ψ(x) = ψ(1 − x) − π cot(πx).
    return digamma(1 - x) - Math.PI * cotPi(x);
  }
  const h = x - ROOT_HI - ROOT_LO; // x − ROOT_HI is exact near the root (Sterbenz)
  if (Math.abs(h) <= ROOT_RADIUS) {
    let s = 0;
    for (let k = ROOT_SERIES.length - 1; k >= 0; k--) s = (s + ROOT_SERIES[k]) * h;
    return s;
  }
  // Recurrence ψ(x) = ψ(x + 1) − 1/x until the asymptotic series applies.
  let acc = 0;
  while (x < ASYMPTOTIC_FROM) {
    acc -= 1 / x;
    x += 1;
  }
  const r2 = 1 / (x * x);
  // ψ(x) ~ log x − 1/(2x) − Σ B_2k / (2k x^2k)
  const series =
    r2 *
    (1 / 12 -
      r2 * (1 / 120 - r2 * (1 / 252 - r2 * (1 / 240 - r2 * (1 / 132 - r2 * (691 / 32760 - r2 * (1 / 12)))))));
  return acc + Math.log(x) - 0.5 / x - series;
}
