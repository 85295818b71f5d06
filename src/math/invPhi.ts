import { argError } from "../errors.js";
import { millsRatio, PHI_SERIES_LIMIT, phiSeries, stdNormalPdf } from "./normalTail.js";

/**
 * Φ(x) − p for x ≤ 0, formed so the difference keeps relative accuracy: in the series region
 * Φ(x) − p = (½ − p) + φ(x)S(x) with ½ − p exact for p in [¼, ½].
 */
function lowerResidual(x: number, p: number): number {
  if (x < -PHI_SERIES_LIMIT) return stdNormalPdf(x) * millsRatio(-x) - p;
  return 0.5 - p + stdNormalPdf(x) * phiSeries(x);
}

/** Wichura's AS241 (PPND16) for p ≤ ½, relative accuracy ~1e-16 before refinement. */
function as241Lower(p: number): number {
  const q = p - 0.5;
  if (q >= -0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return -val;
}

/**
 * Φ⁻¹(p), the standard normal quantile: AS241, then one Halley step against the accurate Phi, which
 * brings the relative error to ~1e-16 from p = 1e-300 up to 1 − 1e-16. Upper-half p are mapped to
 * −Φ⁻¹(1 − p) (1 − p is exact there), so the tail near 1 is as accurate as the tail near 0.
 */
export function invPhi(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (!(p >= 0 && p <= 1)) throw argError("invPhi", "p must be in [0, 1]", p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -invPhiLower(1 - p);
  return invPhiLower(p);
}

function invPhiLower(p: number): number {
  const x = as241Lower(p);
  // Halley: x − u / (1 + x u / 2) with u = (Φ(x) − p)/φ(x); cubically convergent.
  const u = lowerResidual(x, p) / stdNormalPdf(x);
  return x - u / (1 + 0.5 * x * u);
}
