/**
 * Calls of the multi_normal_cholesky kernels (multiNormal.ts) for a `multiNormalCholesky` statement,
 * its per-row log_lik and its predictive draws. The arrays and offsets come from the layout, so the
 * generated source holds only identifiers of the compiler's own and numbers.
 */
import type { ArrayRef, Program } from "../ir/types.js";
import { sourceDims } from "../ir/validate.js";
import { assign, call, id, type JsExpr, type JsStmt, num } from "./js.js";
import type { Layout } from "./layout.js";

const NULL = id("null");

interface Rows {
  arr: JsExpr;
  off: JsExpr;
  stride: JsExpr;
  /** The adjoint array, null for data. */
  grad: JsExpr;
}

function rows(program: Program, layout: Layout, ref: ArrayRef | undefined, k: number): Rows {
  if (!ref) return { arr: NULL, off: num(0), stride: num(0), grad: NULL };
  const size = sourceDims(program, ref.src, ref.id).reduce((a, b) => a * b, 1);
  const stride = num(size === k ? 0 : k);
  if (ref.src === "data") return { arr: id(`D${ref.id}`), off: num(0), stride, grad: NULL };
  if (ref.src === "param") return { arr: id("X"), off: num(layout.params[ref.id].xOff), stride, grad: id("GX") };
  return { arr: id(`T${ref.id}`), off: num(0), stride, grad: id(`GT${ref.id}`) };
}

export interface MultiNormalSpec {
  n: number;
  k: number;
  y?: ArrayRef;
  mu?: ArrayRef;
  L: ArrayRef;
  scale?: ArrayRef;
}

/** `lp += Σ_i multi_normal_cholesky(y_i | mu_i, diag(scale) L)` with the adjoints of every parameter argument. */
export function emitMultiNormal(program: Program, layout: Layout, st: MultiNormalSpec & { y: ArrayRef }, work: string): JsStmt[] {
  if (st.n === 0) return [];
  const { n, k } = st;
  const y = rows(program, layout, st.y, k);
  const m = rows(program, layout, st.mu, k);
  const L = rows(program, layout, st.L, k);
  const s = rows(program, layout, st.scale, k);
  const args = [num(n), num(k), y.arr, y.off, y.stride, y.grad, m.arr, m.off, m.stride, m.grad, L.arr, L.off, L.grad, s.arr, s.off, s.grad, id(work)];
  return [assign(id("lp"), "+=", call(id("MVN"), ...args))];
}

/** Each row's log density into out[outOff + i]. */
export function emitMultiNormalPointwise(program: Program, layout: Layout, st: MultiNormalSpec & { y: ArrayRef }, work: string, outOff: number): JsStmt[] {
  if (st.n === 0) return [];
  const { n, k } = st;
  const y = rows(program, layout, st.y, k);
  const m = rows(program, layout, st.mu, k);
  const L = rows(program, layout, st.L, k);
  const s = rows(program, layout, st.scale, k);
  const args = [num(n), num(k), y.arr, y.off, y.stride, m.arr, m.off, m.stride, L.arr, L.off, s.arr, s.off, id(work), id("out"), num(outOff)];
  return [{ t: "expr", e: call(id("MVNP"), ...args) }];
}

/** n predictive draws of a k-vector into out[outOff + i·k + j]. */
export function emitMultiNormalRng(program: Program, layout: Layout, st: MultiNormalSpec, work: string, outOff: number): JsStmt[] {
  if (st.n === 0) return [];
  const { n, k } = st;
  const m = rows(program, layout, st.mu, k);
  const L = rows(program, layout, st.L, k);
  const s = rows(program, layout, st.scale, k);
  const args = [id("rng"), num(n), num(k), m.arr, m.off, m.stride, L.arr, L.off, s.arr, s.off, id(work), id("out"), num(outOff)];
  return [{ t: "expr", e: call(id("MVNR"), ...args) }];
}
