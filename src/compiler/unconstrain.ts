/** Constrained parameter values (e.g. user inits) → the unconstrained point theta. */
import { UserError } from "../errors.js";
import type { ArrayRef, Program, ProgramData, TransformSpec } from "../ir/types.js";
import { evalExpr, type Env } from "./evaluate.js";
import type { Layout } from "./layout.js";
import { choleskyFactorCorr } from "../transforms/choleskyFactorCorr.js";
import { ordered, positiveOrdered } from "../transforms/ordered.js";
import { simplex } from "../transforms/simplex.js";

const VECTOR = { ordered, positiveOrdered, simplex } as const;

export function unconstrainValues(
  program: Program,
  data: ProgramData,
  layout: Layout,
  values: ReadonlyArray<ArrayLike<number>>,
): Float64Array {
  const theta = new Float64Array(layout.dim);
  const env: Env = { program, data, params: values, tparams: [] };
  program.params.forEach((p, k) => {
    const l = layout.params[k];
    const x = values[k];
    if (x.length !== l.xSize) throw new UserError(`unconstrain: ${p.name} needs ${l.xSize} values, got ${x.length}`);
    const t = p.transform;
    if (t.kind === "choleskyCorr") {
      // Throws a DomainError naming the problem when x is not a Cholesky factor of a correlation matrix.
      choleskyFactorCorr.unconstrain(Float64Array.from(x), 0, theta, l.uOff, (p.shape as { k: number }).k);
      return;
    }
    if (t.kind === "offsetMultiplierCholesky") {
      unconstrainCholeskyRows(program, data, values, k, t, theta, l.uOff);
      return;
    }
    if (t.kind === "ordered" || t.kind === "positiveOrdered" || t.kind === "simplex") {
      // Throws a DomainError naming the element that breaks the constraint.
      VECTOR[t.kind].unconstrain(Float64Array.from(x), 0, theta, l.uOff, l.xSize);
      return;
    }
    const bound = (b: number | number[], j: number): number => (Array.isArray(b) ? b[j] : b);
    for (let j = 0; j < l.xSize; j++) {
      const v = x[j];
      let u: number;
      switch (t.kind) {
        case "identity":
          u = v;
          break;
        case "lower":
          u = Math.log(v - bound(t.lb, j));
          break;
        case "upper":
          u = Math.log(bound(t.ub, j) - v);
          break;
        case "interval": {
          const lb = bound(t.lb, j);
          const q = (v - lb) / (bound(t.ub, j) - lb);
          u = Math.log(q) - Math.log1p(-q);
          break;
        }
        case "offsetMultiplier":
          u = (v - evalExpr(t.offset, j, env)) / evalExpr(t.multiplier, j, env);
          break;
      }
      if (!Number.isFinite(u)) throw new UserError(`unconstrain: ${p.name} value ${j + 1} is ${v}, outside its support`);
      theta[l.uOff + j] = u;
    }
  });
  return theta;
}

/**
 * The multivariate offset/multiplier's inverse, z_i = L⁻¹ diag(s)⁻¹ (x_i − mu_i) per row by forward
 * substitution, with mu, L and s read from the data or from the earlier parameters' given values.
 */
function unconstrainCholeskyRows(
  program: Program,
  data: ProgramData,
  values: ReadonlyArray<ArrayLike<number>>,
  pid: number,
  t: Extract<TransformSpec, { kind: "offsetMultiplierCholesky" }>,
  theta: Float64Array,
  uOff: number,
): void {
  const p = program.params[pid];
  const { rows: n, cols: k } = p.shape as { rows: number; cols: number };
  const read = (ref: ArrayRef): ArrayLike<number> => (ref.src === "data" ? data[ref.id] : values[ref.id]);
  const x = values[pid];
  const L = read(t.L);
  const mu = t.mu === undefined ? null : read(t.mu);
  const s = t.scale === undefined ? null : read(t.scale);
  const muStride = mu === null || mu.length === k ? 0 : k;
  for (let m = 0; m < k; m++) {
    const sm = s === null ? 1 : s[m];
    if (!(sm > 0 && L[m * k + m] > 0)) throw new UserError(`unconstrain: ${p.name} needs positive scales and a Cholesky factor with a positive diagonal, got scale ${sm}, L[${m + 1},${m + 1}] ${L[m * k + m]}`);
  }
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < k; m++) {
      let v = (x[i * k + m] - (mu === null ? 0 : mu[i * muStride + m])) / (s === null ? 1 : s[m]);
      for (let c = 0; c < m; c++) v -= L[m * k + c] * theta[uOff + i * k + c];
      const z = v / L[m * k + m];
      if (!Number.isFinite(z)) throw new UserError(`unconstrain: ${p.name} value ${i * k + m + 1} is ${x[i * k + m]}, outside its support`);
      theta[uOff + i * k + m] = z;
    }
  }
}
