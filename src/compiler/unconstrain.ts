/** Constrained parameter values (e.g. user inits) → the unconstrained point theta. */
import { UserError } from "../errors.js";
import type { Program, ProgramData } from "../ir/types.js";
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
