/**
 * Small structural helpers over IR expressions, shared by the reparameterisation and marginalisation
 * passes (both rewrite a `Program` into another `Program` before it is compiled).
 */
import type { Expr, Program, Source, Statement, TransformSpec } from "../ir/types.js";
import { renumberSource } from "../ir/mapRefs.js";

/** True when `e` reads array (src, id) anywhere (refs, elements, rows, gathers, dot products). */
export function refersTo(e: Expr, src: Source, id: number): boolean {
  switch (e.op) {
    case "const":
      return false;
    case "ref":
    case "elem":
    case "row":
      return e.src === src && e.id === id;
    case "gather":
      return (e.src === src && e.id === id) || (src === "data" && e.by === id);
    case "dotRow":
      return (e.src === src && e.id === id) || (src === "data" && e.matrix === id);
    case "unary":
      return refersTo(e.arg, src, id);
    case "binary":
      return refersTo(e.a, src, id) || refersTo(e.b, src, id);
    case "sum":
      return refersTo(e.arg, src, id);
  }
}

/** True when `e` reads any parameter or transformed parameter (the opposite of data-only). */
export function readsParams(e: Expr): boolean {
  switch (e.op) {
    case "const":
      return false;
    case "ref":
    case "elem":
    case "row":
    case "gather":
    case "dotRow":
      return e.src !== "data";
    case "unary":
      return readsParams(e.arg);
    case "binary":
      return readsParams(e.a) || readsParams(e.b);
    case "sum":
      return readsParams(e.arg);
  }
}

/** A copy of `e` with every parameter id passed through `f` (used after a parameter is removed). */
export function renumberParams(e: Expr, f: (id: number) => number): Expr {
  return renumberSource(e, "param", f);
}

export function transformRefersTo(t: TransformSpec, src: Source, id: number): boolean {
  if (t.kind === "offsetMultiplierCholesky") return [t.mu, t.L, t.scale].some((a) => a !== undefined && a.src === src && a.id === id);
  return t.kind === "offsetMultiplier" && (refersTo(t.offset, src, id) || refersTo(t.multiplier, src, id));
}

/** The expressions a statement reads; multi-array statements count their array operands as refs. */
export function statementExprs(st: Statement): Expr[] {
  switch (st.kind) {
    case "distribution":
      return [st.lhs, ...st.args];
    case "target":
      return [st.expr];
    case "lkjCorrCholesky":
      return [{ op: "ref", src: "param", id: st.param }, st.eta];
    case "multiNormalCholesky":
      return [st.y, st.mu, st.L, st.scale].flatMap((a) => (a ? [{ op: "ref", src: a.src, id: a.id } as Expr] : []));
    case "dirichlet":
      return [st.y, st.alpha];
    case "normalNormalMarginal":
      return [st.y, ...(st.eta ? [st.eta] : []), st.sigma, st.mu, st.tau, { op: "ref", src: "data", id: st.group }];
    case "poissonGammaMarginal":
      return [st.shape, st.rate, { op: "ref", src: "data", id: st.y }, { op: "ref", src: "data", id: st.t }];
    case "betaBinomialMarginal":
      return [st.a, st.b, { op: "ref", src: "data", id: st.y }, { op: "ref", src: "data", id: st.n }];
    case "normalLinearMarginal":
      return [st.mu, st.tau, st.sigma, ...st.beta, { op: "ref", src: "data", id: st.stats }, { op: "ref", src: "data", id: st.centre }];
  }
}

export function statementRefersTo(st: Statement, src: Source, id: number): boolean {
  return statementExprs(st).some((e) => refersTo(e, src, id));
}

/** Every place outside statement `except` and the parameter's own block that reads parameter `id`. */
export function otherUses(program: Program, id: number, except: readonly number[]): number {
  let uses = 0;
  program.params.forEach((p, k) => {
    if (k !== id && transformRefersTo(p.transform, "param", id)) uses++;
  });
  for (const tp of program.tparams) if (refersTo(tp.expr, "param", id)) uses++;
  program.statements.forEach((st, k) => {
    if (!except.includes(k) && statementRefersTo(st, "param", id)) uses++;
  });
  for (const g of program.generated ?? []) {
    if (g.kind === "rng" && g.args.some((a) => refersTo(a, "param", id))) uses++;
    if (g.kind === "rngDirichlet" && refersTo(g.alpha, "param", id)) uses++;
    if (g.kind === "rngMultiNormalCholesky" && [g.mu, g.L, g.scale].some((a) => a && a.src === "param" && a.id === id)) uses++;
  }
  return uses;
}

export const ref = (src: Source, id: number): Expr => ({ op: "ref", src, id });
export const num = (value: number): Expr => ({ op: "const", value });
export const bin = (fn: "add" | "sub" | "mul" | "div" | "pow", a: Expr, b: Expr): Expr => ({ op: "binary", fn, a, b });
