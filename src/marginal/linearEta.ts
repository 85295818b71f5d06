/**
 * Recognises a linear predictor η_i = offset_i + Σ_k c_k x_ik whose coefficients c_k are scalar
 * expressions of the parameters and whose columns x_k are data: intercepts (x = 1), `b * floor`,
 * `X[i,:] · b` (one column per element of b), data offsets and constants. With η in this form, a
 * gaussian marginal needs only per-group sufficient statistics of (y − offset, x), computed once from
 * the data (normalLinear.ts), so a gradient costs O(J·K²) instead of O(n).
 */
import type { Expr, Program, ProgramData } from "../ir/types.js";
import { readsParams } from "../reparam/expr.js";
import { exprLength } from "./detect.js";

export interface LinearEta {
  /** Scalar coefficient expressions c_k (each reads parameters). */
  readonly coefs: readonly Expr[];
  /** Column k of x, one value per row. */
  readonly columns: readonly Float64Array[];
  /** The data-only part of η per row. */
  readonly offset: Float64Array;
}

function addTerms(e: Expr): Expr[] {
  return e.op === "binary" && e.fn === "add" ? [...addTerms(e.a), ...addTerms(e.b)] : [e];
}

/** Per-row values of a data-only expression that is a constant or a data slot (scalar or length n). */
function dataColumn(e: Expr, n: number, program: Program, data: ProgramData): Float64Array | null {
  if (e.op === "const") return new Float64Array(n).fill(e.value);
  if (e.op === "ref" && e.src === "data") {
    const v = data[e.id];
    const dims = program.data[e.id].dims;
    if (dims.length === 0) return new Float64Array(n).fill(v[0]);
    return dims.length === 1 && v.length === n ? Float64Array.from(v) : null;
  }
  return null;
}

/** A scalar (the same for every row) expression of the parameters. */
function isScalarCoef(e: Expr, program: Program): boolean {
  return readsParams(e) && exprLength(program, e, 2) === 0;
}

/** η as offset + Σ c_k x_k, or null when some term is not of that form. `eta` null means η = 0. */
export function linearEta(program: Program, data: ProgramData, eta: Expr | null, n: number): LinearEta | null {
  const coefs: Expr[] = [];
  const columns: Float64Array[] = [];
  const offset = new Float64Array(n);
  const ones = () => new Float64Array(n).fill(1);
  for (const t of eta === null ? [] : addTerms(eta)) {
    const d = dataColumn(t, n, program, data);
    if (d !== null) {
      for (let i = 0; i < n; i++) offset[i] += d[i];
      continue;
    }
    if (isScalarCoef(t, program)) {
      coefs.push(t);
      columns.push(ones());
      continue;
    }
    if (t.op === "binary" && t.fn === "mul") {
      const da = dataColumn(t.a, n, program, data);
      const db = dataColumn(t.b, n, program, data);
      if (da !== null && isScalarCoef(t.b, program)) {
        coefs.push(t.b);
        columns.push(da);
        continue;
      }
      if (db !== null && isScalarCoef(t.a, program)) {
        coefs.push(t.a);
        columns.push(db);
        continue;
      }
      return null;
    }
    if (t.op === "dotRow" && t.src === "param") {
      const shape = program.params[t.id].shape;
      const dims = program.data[t.matrix].dims;
      if (shape.kind !== "vector" || dims.length !== 2 || dims[0] !== n || dims[1] !== shape.n) return null;
      const X = data[t.matrix];
      const p = shape.n;
      for (let k = 0; k < p; k++) {
        coefs.push({ op: "elem", src: "param", id: t.id, index: k });
        columns.push(Float64Array.from({ length: n }, (_, i) => X[i * p + k]));
      }
      continue;
    }
    return null;
  }
  return { coefs, columns, offset };
}
