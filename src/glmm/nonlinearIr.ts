/**
 * A non-linear model's predictor as IR (brms's nl = TRUE): each parameter's linear predictor
 * (`X_a · b_a` plus its group effects, uncentred as brms) substituted into the expression tree, which
 * then goes through the family's link as an ordinary predictor does. The IR is built node by node from
 * `NlExpr`, so the fused gradient comes from the compiler and nothing from the formula text reaches
 * generated code.
 */
import type { Expr, ParamBlock, TransformSpec } from "../ir/types.js";
import type { GlmmNonlinear, NlExpr } from "./nonlinearTypes.js";
import type { GlmmGroup, PriorSpec } from "./types.js";

/** What `buildGlmmIr` lends: its slots, its prior statements and its group-term builder (brms's names). */
export interface NonlinearIrContext {
  readonly n: number;
  addData(name: string, type: "real" | "int", dims: number[], v: Float64Array | Int32Array): number;
  addParam(p: ParamBlock): number;
  prior(lhs: Expr, count: number, p: PriorSpec, where: string): void;
  addGroup(g: GlmmGroup, target: Expr[], dpar: string | null): void;
}

export interface NonlinearIr {
  /** The predictor on the link scale, to be inlined into the likelihood. */
  readonly eta: Expr;
  /** Compiled names of the coefficients → brms's (`b_nl1[1]` → `b_a_Intercept`), parameters' order. */
  readonly renames: readonly [string, string][];
}

const c = (value: number): Expr => ({ op: "const", value });
const bin = (fn: "add" | "sub" | "mul" | "div" | "pow", a: Expr, b: Expr): Expr => ({ op: "binary", fn, a, b });
const un = (fn: "neg" | "exp" | "log" | "log1p" | "expm1" | "sqrt" | "square" | "invLogit" | "lgamma" | "Phi", arg: Expr): Expr => ({ op: "unary", fn, arg });

function transformOf(lb: number | undefined, ub: number | undefined): TransformSpec {
  if (lb !== undefined && ub !== undefined) return { kind: "interval", lb, ub };
  if (lb !== undefined) return { kind: "lower", lb };
  if (ub !== undefined) return { kind: "upper", ub };
  return { kind: "identity" };
}

function isOnes(X: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (X[i] !== 1) return false;
  return true;
}

export function buildNonlinearEta(nl: GlmmNonlinear, ctx: NonlinearIrContext): NonlinearIr {
  const n = ctx.n;
  const renames: [string, string][] = [];
  const parts: Expr[] = nl.nlpars.map((p, k) => {
    const q = p.X.names.length;
    const terms: Expr[] = [];
    if (q > 0) {
      const name = `b_nl${k + 1}`;
      const id = ctx.addParam({ name, shape: { kind: "vector", n: q }, transform: transformOf(p.lb, p.ub) });
      const pr = p.X.priors;
      if (pr.every((x) => JSON.stringify(x) === JSON.stringify(pr[0]))) ctx.prior({ op: "ref", src: "param", id }, q, pr[0], `b_${p.name}`);
      else pr.forEach((x, j) => ctx.prior({ op: "elem", src: "param", id, index: j }, 1, x, `b_${p.name}_${p.X.names[j]}`));
      // An intercept-only part is one scalar for every row: no data matrix to multiply.
      if (q === 1 && isOnes(p.X.values, n)) terms.push({ op: "elem", src: "param", id, index: 0 });
      else terms.push({ op: "dotRow", matrix: ctx.addData(`X_nl${k + 1}`, "real", [n, q], p.X.values), src: "param", id });
      p.X.names.forEach((x, j) => renames.push([`${name}[${j + 1}]`, `b_${p.name}_${x}`]));
    }
    for (const g of p.groups) ctx.addGroup(g, terms, p.name);
    if (terms.length === 0) throw new Error(`buildNonlinearEta: the parameter ${p.name} has no terms`);
    return terms.reduce((acc, t) => bin("add", acc, t));
  });
  const covariates = nl.covariates.map((v, k) => ctx.addData(`C_nl${k + 1}`, "real", [n], v));
  const walk = (e: NlExpr): Expr => {
    switch (e.op) {
      case "num":
        return c(e.value);
      case "nlpar":
        return parts[e.k];
      case "cov":
        return { op: "ref", src: "data", id: covariates[e.k] };
      case "binary":
        return bin(e.fn, walk(e.a), walk(e.b));
      case "unary": {
        const a = walk(e.arg);
        switch (e.fn) {
          case "inv_logit":
            return un("invLogit", a);
          case "inv":
            return bin("div", c(1), a);
          case "logit":
            return bin("sub", un("log", a), un("log1p", un("neg", a)));
          default:
            return un(e.fn, a);
        }
      }
    }
  };
  return { eta: walk(nl.expr), renames };
}
