/**
 * The fused loops of a `poissonGammaMarginal` statement: per group j, with a = shape_j, r = rate_j,
 *   log p_j = a log r + log Γ(a + Y_j) − log Γ(a) − (a + Y_j) log(r + T_j),
 *   ∂/∂a = log r − log(r + T_j) + ψ(a + Y_j) − ψ(a),   ∂/∂r = a / r − (a + Y_j) / (r + T_j).
 * The rising factorials Γ(a + Y_j)/Γ(a) come from emitRising.ts: pooled over groups before the group
 * loop for one shared shape, per group otherwise.
 */
import type { PoissonGammaMarginal } from "../ir/types.js";
import type { Emitter } from "./emit.js";
import { groupRising, pooledRising } from "./emitRising.js";
import { add, assign, div, id, idx, type JsStmt, letS, mathCall, mul, num, sub } from "./js.js";


export function emitPoissonGammaMarginal(em: Emitter, st: PoissonGammaMarginal): JsStmt[] {
  const totals = em.dataValues(st.y);
  const C = em.newLoop(st.J);
  const before = em.hoisted(C, true);
  const sh = em.forwardPositive(st.shape, C);
  const rt = em.forwardPositive(st.rate, C);
  const a = sh.v;
  const r = rt.v;
  const Y = em.bind(C, false, idx(id(`D${st.y}`), C.i));
  const rT = em.bind(C, false, add(r, idx(id(`D${st.t}`), C.i)));
  const logR = em.bind(C, rt.inv, mathCall("log", r));
  const logRT = em.bind(C, false, mathCall("log", rT));
  const aY = em.bind(C, false, add(a, Y));
  const acc = em.fresh("lp");
  before.push(letS(acc, num(0)));
  const out: JsStmt[] = [];
  if (sh.inv) {
    // One shape: the pooled rising factorials and their derivative before the group loop, the shape's
    // adjoint summed over groups in a local and pushed back once after it.
    const { value, derivative } = pooledRising(em, totals, a, before);
    const gA = em.fresh("c");
    before.push(letS(gA, derivative));
    C.body.push(assign(id(acc), "+=", sub(mul(a, logR), mul(aY, logRT))));
    if (sh.dep) {
      C.body.push(assign(id(gA), "+=", sub(logR, logRT)));
      em.backprop(sh, id(gA), C, "post");
    }
    C.post.push(assign(id(acc), "+=", value));
  } else {
    const { value: rising, derivative: dRising } = groupRising(em, C, a, Y, totals);
    C.body.push(assign(id(acc), "+=", sub(add(mul(a, logR), rising), mul(aY, logRT))));
    if (sh.dep) em.backprop(sh, em.bind(C, false, add(sub(logR, logRT), dRising), C.back), C, "back");
  }
  if (rt.dep) em.backprop(rt, em.bind(C, false, sub(div(a, r), div(aY, rT)), C.back), C, "back");
  out.push(...em.closeLoop(C), assign(id("lp"), "+=", id(acc)));
  return out;
}
