/**
 * The fused loops of a `betaBinomialMarginal` statement: per group j, with F_j = N_j − Y_j failures,
 *   log p_j = lbeta(a + Y_j, b + F_j) − lbeta(a, b) = R(a, Y_j) + R(b, F_j) − R(a + b, N_j),
 *   ∂/∂a = R′(a, Y_j) − R′(a + b, N_j),   ∂/∂b = R′(b, F_j) − R′(a + b, N_j),
 * with R(x, k) = log Γ(x + k)/Γ(x) and R′ = ψ(x + k) − ψ(x) from emitRising.ts: a rising factorial
 * whose base is the same for every group (a, b or a + b) is pooled before the group loop from totals
 * known at compile time, the others are computed per group.
 */
import type { BetaBinomialMarginal } from "../ir/types.js";
import type { Emitter, Node } from "./emit.js";
import { groupRising, pooledRising } from "./emitRising.js";
import { add, assign, id, idx, type JsExpr, type JsStmt, letS, num, sub } from "./js.js";


export function emitBetaBinomialMarginal(em: Emitter, st: BetaBinomialMarginal): JsStmt[] {
  const Yv = em.dataValues(st.y);
  const Nv = em.dataValues(st.n);
  const Fv = Float64Array.from(Yv, (y, j) => Nv[j] - y);
  const C = em.newLoop(st.J);
  const before = em.hoisted(C, true);
  const an = em.forwardPositive(st.a, C);
  const bn = em.forwardPositive(st.b, C);
  const abInv = an.inv && bn.inv;
  const ab = em.bind(C, abInv, add(an.v, bn.v));
  // Per-group totals are read only when some factorial is computed per group.
  let yn: [JsExpr, JsExpr] | null = null;
  const totalsOfGroup = (): [JsExpr, JsExpr] =>
    (yn ??= [em.bind(C, false, idx(id(`D${st.y}`), C.i)), em.bind(C, false, idx(id(`D${st.n}`), C.i))]);
  const acc = em.fresh("lp");
  before.push(letS(acc, num(0)));

  // Each rising factorial: pooled (value added after the loop, derivative known before it) or per group.
  const rising = (base: JsExpr, inv: boolean, total: () => JsExpr, totals: ArrayLike<number>): { value: JsExpr; derivative: JsExpr; pooled: boolean } =>
    inv ? { ...pooledRising(em, totals, base, before), pooled: true } : { ...groupRising(em, C, base, total(), totals), pooled: false };
  const Ra = rising(an.v, an.inv, () => totalsOfGroup()[0], Yv);
  const Rb = rising(bn.v, bn.inv, () => em.bind(C, false, sub(totalsOfGroup()[1], totalsOfGroup()[0])), Fv);
  const Rab = rising(ab, abInv, () => totalsOfGroup()[1], Nv);
  for (const [R, sign] of [[Ra, 1], [Rb, 1], [Rab, -1]] as const) {
    const term = sign > 0 ? R.value : { t: "neg", a: R.value } as JsExpr;
    (R.pooled ? C.post : C.body).push(assign(id(acc), "+=", term));
  }
  // ∂/∂a and ∂/∂b: the pooled parts once, the per-group parts in the loop.
  const adjoint = (node: Node, own: typeof Ra): void => {
    if (!node.dep) return;
    const parts = [{ R: own, sign: 1 }, { R: Rab, sign: -1 }];
    const sum = (pooled: boolean): JsExpr =>
      parts.filter((p) => p.R.pooled === pooled).reduce<JsExpr>((s, p) => (p.sign > 0 ? add(s, p.R.derivative) : sub(s, p.R.derivative)), num(0));
    if (node.inv) {
      const g = em.fresh("c");
      before.push(letS(g, sum(true)));
      if (parts.some((p) => !p.R.pooled)) C.body.push(assign(id(g), "+=", sum(false)));
      em.backprop(node, id(g), C, "post");
    } else {
      // A per-group node has per-group factorials only (a + b then varies too).
      em.backprop(node, em.bind(C, false, sum(false), C.back), C, "back");
    }
  };
  adjoint(an, Ra);
  adjoint(bn, Rb);
  return [...em.closeLoop(C), assign(id("lp"), "+=", id(acc))];
}
