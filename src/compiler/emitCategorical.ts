/**
 * categorical_logit statements (src/distributions/categorical.ts's model, brms's categorical family):
 * one fused loop over the rows with the K − 1 predictors unrolled (K is fixed by the program), so a
 * row costs K exps and one log and allocates nothing. log P(y = k) = η_k − (m + log Σ_j e^(η_j − m))
 * with η_1 = 0 and m = max_j η_j, and ∂/∂η_j = [y = j] − P(y = j) for j = 2 … K.
 */
import type { Expr } from "../ir/types.js";
import type { Emitter } from "./emit.js";
import { add, assign, bin, call, cond, div, id, idx, type JsExpr, type JsStmt, mathCall, mul, neg, num, rejectUnless, sub } from "./js.js";

/** `lp += Σ_i categorical_logit(y_i | 0, eta_2i … eta_Ki)` with partials, or each row's log P into out[outOff + i] (`pointwise`). */
export function emitCategorical(em: Emitter, n: number, lhs: Expr, args: Expr[], pointwise?: { outOff: number }): JsStmt[] {
  if (n === 0) return [];
  const m = args.length;
  const L = em.newLoop(n);
  const y = em.forward(lhs, L);
  const etas = args.map((a) => em.forward(a, L));
  const v = (e: JsExpr): JsExpr => em.bind(L, false, e);
  const k = v(y.v);
  // Outcomes outside 1 … K have no probability (the formula layer never makes them).
  L.body.push(rejectUnless(bin("&&", bin(">=", k, num(1)), bin("<=", k, num(m + 1)))));
  let mx: JsExpr = num(0);
  for (const e of etas) mx = v(cond(bin(">", e.v, mx), e.v, mx));
  const ex = etas.map((e) => v(mathCall("exp", sub(e.v, mx))));
  let s: JsExpr = v(mathCall("exp", neg(mx)));
  for (const e of ex) s = v(add(s, e));
  const lse = v(add(mx, mathCall("log", s)));
  // A non-finite predictor (NaN, or +∞ making the sum ∞ / ∞) rejects the point.
  L.body.push(rejectUnless(bin("&&", bin(">", lse, num(-Infinity)), bin("<", lse, num(Infinity)))));
  // η of the observed category: 0 for the reference, else the matching argument.
  let etaY: JsExpr = num(0);
  for (let j = m - 1; j >= 0; j--) etaY = cond(bin("===", k, num(j + 2)), etas[j].v, etaY);
  const lp = v(sub(v(etaY), lse));
  if (pointwise) {
    L.body.push(assign(idx(id("out"), add(L.i, num(pointwise.outOff))), "=", lp));
    return em.closeLoop(L);
  }
  const acc = em.fresh("lp");
  L.pre.push({ t: "let", name: acc, init: num(0) });
  L.body.push(assign(id(acc), "+=", lp));
  const inv = etas.some((e) => e.dep) ? v(div(num(1), s)) : num(0);
  etas.forEach((e, j) => {
    if (!e.dep) return;
    const p = em.bind(L, false, mul(ex[j], inv), L.back);
    em.backprop(e, em.bind(L, false, cond(bin("===", k, num(j + 2)), sub(num(1), p), neg(p)), L.back), L, "back");
  });
  const out = em.closeLoop(L);
  out.push(assign(id("lp"), "+=", id(acc)));
  return out;
}

/** Category draws out[off + i] ~ categorical_logit(0, eta_i) through the runtime's categoricalRng, the predictors copied into a scratch row. */
export function emitCategoricalRng(em: Emitter, n: number, args: Expr[], off: number): JsStmt[] {
  if (n === 0) return [];
  const m = args.length;
  const W = id(em.scratch(m));
  const L = em.newLoop(n);
  args.forEach((a, j) => L.body.push(assign(idx(W, num(j)), "=", em.forward(a, L).v)));
  L.body.push(assign(idx(id("out"), add(L.i, num(off))), "=", call(id("categoricalRng"), id("rng"), W, num(0), num(m))));
  return em.closeLoop(L);
}

