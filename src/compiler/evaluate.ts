/**
 * Plain forward evaluation of an IR expression at one index, in doubles. Used at compile time (for
 * data-only constants and `unconstrain`), never in the hot path.
 */
import type { Expr, Program, ProgramData, Source } from "../ir/types.js";
import { lgamma } from "../math/lgamma.js";
import { Phi } from "../math/Phi.js";

/** Values of every array an expression may reference (parameters constrained). */
export interface Env {
  program: Program;
  data: ProgramData;
  params: ReadonlyArray<ArrayLike<number>>;
  tparams: ReadonlyArray<ArrayLike<number>>;
}

function array(env: Env, src: Source, id: number): ArrayLike<number> {
  return src === "data" ? env.data[id] : src === "param" ? env.params[id] : env.tparams[id];
}

export function unaryValue(fn: string, x: number): number {
  switch (fn) {
    case "neg":
      return -x;
    case "exp":
      return Math.exp(x);
    case "log":
      return Math.log(x);
    case "log1p":
      return Math.log1p(x);
    case "expm1":
      return Math.expm1(x);
    case "sqrt":
      return Math.sqrt(x);
    case "square":
      return x * x;
    case "invLogit":
      return 1 / (1 + Math.exp(-x));
    case "logInvLogit":
      return -(x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x)));
    case "log1mInvLogit":
      return -(x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
    case "lgamma":
      return lgamma(x);
    case "Phi":
      return Phi(x);
  }
  throw new Error(`unaryValue: unknown function ${fn}`);
}

export function binaryValue(fn: string, a: number, b: number): number {
  switch (fn) {
    case "add":
      return a + b;
    case "sub":
      return a - b;
    case "mul":
      return a * b;
    case "div":
      return a / b;
    case "pow":
      return Math.pow(a, b);
  }
  throw new Error(`binaryValue: unknown operator ${fn}`);
}

/** The value of `e` at index `i` of its context. */
export function evalExpr(e: Expr, i: number, env: Env): number {
  switch (e.op) {
    case "const":
      return e.value;
    case "ref": {
      const a = array(env, e.src, e.id);
      return a.length === 1 ? a[0] : a[i];
    }
    case "elem":
      return array(env, e.src, e.id)[e.index];
    case "row": {
      const a = array(env, e.src, e.id);
      const cols = e.src === "data" ? env.program.data[e.id].dims[1] : (env.program.params[e.id].shape as { cols: number }).cols;
      return a[e.row * cols + i];
    }
    case "gather":
      return array(env, e.src, e.id)[env.data[e.by][i] - 1];
    case "unary":
      return unaryValue(e.fn, evalExpr(e.arg, i, env));
    case "binary":
      return binaryValue(e.fn, evalExpr(e.a, i, env), evalExpr(e.b, i, env));
    case "dotRow": {
      const X = env.data[e.matrix];
      const v = array(env, e.src, e.id);
      const K = env.program.data[e.matrix].dims[1];
      let s = 0;
      for (let k = 0; k < K; k++) s += X[i * K + k] * v[k];
      return s;
    }
    case "sum": {
      let s = 0;
      for (let j = 0; j < e.n; j++) s += evalExpr(e.arg, j, env);
      return s;
    }
  }
}
