/** Test helpers: finite-difference Jacobians and log|det| by LU with partial pivoting. */
import type { Case } from "./cases.js";
import { centralJacobian } from "../support/finiteDifferences.js";

/** log|det A| of a row-major m×m matrix (destroys a copy, not A). */
export function logAbsDet(a: Float64Array, m: number): number {
  const lu = Float64Array.from(a);
  let logDet = 0;
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(lu[r * m + c]) > Math.abs(lu[p * m + c])) p = r;
    if (p !== c) for (let j = 0; j < m; j++) [lu[c * m + j], lu[p * m + j]] = [lu[p * m + j], lu[c * m + j]];
    const piv = lu[c * m + c];
    logDet += Math.log(Math.abs(piv));
    for (let r = c + 1; r < m; r++) {
      const f = lu[r * m + c] / piv;
      for (let j = c; j < m; j++) lu[r * m + j] -= f * lu[c * m + j];
    }
  }
  return logDet;
}

/** Central-difference Jacobian (row-major, free × dim) of u ↦ x[free] at u. */
export function fdJacobian(c: Case, u: Float64Array, h: number): Float64Array {
  const dim = c.t.unconstrainedSize(c.n);
  const xSize = c.t.constrainedSize(c.n);
  const x = new Float64Array(xSize);
  const free = new Float64Array(c.free.length);
  const freeOf = (v: Float64Array): Float64Array => {
    c.t.constrain(v, 0, x, 0, c.n);
    for (let r = 0; r < free.length; r++) free[r] = x[c.free[r]];
    return free;
  };
  return centralJacobian(freeOf, Float64Array.from(u), Int32Array.from({ length: dim }, (_, d) => d), h);
}
