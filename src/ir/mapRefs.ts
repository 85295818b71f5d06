/**
 * Rewriting or testing the arrays an expression reads: the one tree walk behind renumbering
 * parameters or transformed parameters after a rewrite removes some (src/marginal, src/reparam),
 * turning references of one source into another (the GLMM centring rewrite), and asking what an
 * expression may read (data only in ir/validate, earlier parameters only in reparam/detect).
 */
import type { ArrayRef, Expr, Generated, Source, Statement, TransformSpec, Truncation } from "./types.js";

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

/** A truncation's bound slots (data ids) passed through `f`: shared by the statements and the draws that carry one. */
function truncSlots(t: Truncation, f: (r: ArrayRefId) => ArrayRefId): Truncation {
  const slot = (id: number) => f({ src: "data", id }).id;
  return { ...(t.lower === undefined ? {} : { lower: slot(t.lower) }), ...(t.upper === undefined ? {} : { upper: slot(t.upper) }) };
}

/** `st` with every array reference (expressions, array operands, the LKJ statement's parameter) passed through `f`. */
export function mapStatementRefs(st: Statement, f: (r: ArrayRefId) => ArrayRefId): Statement {
  const m = (e: Expr) => mapRefs(e, f);
  const ma = <T extends ArrayRef | undefined>(a: T): T => (a === undefined ? a : ({ ...a, ...f(a) } as T));
  switch (st.kind) {
    case "distribution": {
      const slot = (id: number) => f({ src: "data", id }).id;
      const extra = {
        ...(st.weights === undefined ? {} : { weights: slot(st.weights) }),
        ...(st.cens === undefined ? {} : { cens: { code: slot(st.cens.code), ...(st.cens.upper === undefined ? {} : { upper: slot(st.cens.upper) }) } }),
        ...(st.trunc === undefined ? {} : { trunc: truncSlots(st.trunc, f) }),
      };
      return { ...st, lhs: m(st.lhs), args: st.args.map(m), ...extra };
    }
    case "target":
      return { ...st, expr: m(st.expr) };
    case "lkjCorrCholesky":
      return { ...st, param: f({ src: "param", id: st.param }).id, eta: m(st.eta) };
    case "multiNormalCholesky":
      return { ...st, y: ma(st.y), mu: ma(st.mu), L: ma(st.L), scale: ma(st.scale) };
    case "dirichlet":
      return { ...st, y: m(st.y), alpha: m(st.alpha) };
    case "normalNormalMarginal":
      return { ...st, y: m(st.y), eta: st.eta && m(st.eta), sigma: m(st.sigma), mu: m(st.mu), tau: m(st.tau) };
    case "poissonGammaMarginal":
      return { ...st, shape: m(st.shape), rate: m(st.rate) };
    case "betaBinomialMarginal":
      return { ...st, a: m(st.a), b: m(st.b) };
    case "normalLinearMarginal":
      return { ...st, mu: m(st.mu), tau: m(st.tau), sigma: m(st.sigma), beta: st.beta.map(m) };
  }
}

/** A generated quantity with every array reference passed through `f`. */
export function mapGeneratedRefs(g: Generated, f: (r: ArrayRefId) => ArrayRefId): Generated {
  const ma = <T extends ArrayRef | undefined>(a: T): T => (a === undefined ? a : ({ ...a, ...f(a) } as T));
  switch (g.kind) {
    case "rng":
      return { ...g, args: g.args.map((a) => mapRefs(a, f)), ...(g.trunc === undefined ? {} : { trunc: truncSlots(g.trunc, f) }) };
    case "logLik":
      return g;
    case "rngMultiNormalCholesky":
      return { ...g, mu: ma(g.mu), L: ma(g.L), scale: ma(g.scale) };
    case "rngDirichlet":
      return { ...g, alpha: mapRefs(g.alpha, f) };
  }
}

/**
 * A parameter's transform with the arrays it reads passed through `f`: offset/multiplier
 * expressions, the Cholesky offset/multiplier's mu, L and scale; other transforms read nothing.
 */
export function mapTransformRefs(t: TransformSpec, f: (r: ArrayRefId) => ArrayRefId): TransformSpec {
  const ma = <T extends ArrayRef | undefined>(a: T): T => (a === undefined ? a : ({ ...a, ...f(a) } as T));
  if (t.kind === "offsetMultiplier") return { ...t, offset: mapRefs(t.offset, f), multiplier: mapRefs(t.multiplier, f) };
  if (t.kind === "offsetMultiplierCholesky") return { ...t, mu: ma(t.mu), L: ma(t.L), scale: ma(t.scale) };
  return t;
}
