/**
 * Rewriting or testing the arrays an expression reads: the one tree walk behind renumbering
 * parameters or transformed parameters after a rewrite removes some (src/marginal, src/reparam),
 * turning references of one source into another (the GLMM centring rewrite), and asking what an
 * expression may read (data only in ir/validate, earlier parameters only in reparam/detect).
 */
import type { Expr, Source } from "./types.js";

export interface ArrayRefId {
  readonly src: Source;
  readonly id: number;
}

/** A copy of `e` with every (src, id) reference passed through `f`; gather/dotRow data indices are unchanged. */
export function mapRefs(e: Expr, f: (r: ArrayRefId) => ArrayRefId): Expr {
  switch (e.op) {
    case "const":
      return e;
    case "ref":
    case "elem":
    case "row":
    case "gather":
    case "dotRow": {
      const r = f({ src: e.src, id: e.id });
      return r.src === e.src && r.id === e.id ? e : { ...e, src: r.src, id: r.id };
    }
    case "unary":
      return { ...e, arg: mapRefs(e.arg, f) };
    case "binary":
      return { ...e, a: mapRefs(e.a, f), b: mapRefs(e.b, f) };
    case "sum":
      return { ...e, arg: mapRefs(e.arg, f) };
  }
}

/** Whether every (src, id) reference in `e` satisfies `pred`, visited in mapRefs's order; gather/dotRow data indices are not references. */
export function everyRef(e: Expr, pred: (r: ArrayRefId) => boolean): boolean {
  switch (e.op) {
    case "const":
      return true;
    case "ref":
    case "elem":
    case "row":
    case "gather":
    case "dotRow":
      return pred({ src: e.src, id: e.id });
    case "unary":
    case "sum":
      return everyRef(e.arg, pred);
    case "binary":
      return everyRef(e.a, pred) && everyRef(e.b, pred);
  }
}

/** A copy of `e` with the ids of one source passed through `f`, the other sources unchanged. */
export function renumberSource(e: Expr, src: Source, f: (id: number) => number): Expr {
  return mapRefs(e, (r) => (r.src === src ? { src, id: f(r.id) } : r));
}
