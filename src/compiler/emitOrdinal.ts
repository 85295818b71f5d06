/**
 * ordered_logistic / ordered_probit statements (src/distributions/ordinal.ts's model): one fused loop
 * over the rows that reads the category's two cutpoints, adds log P(y = k) and scatter-adds ∂/∂c to
 * the two cutpoints' adjoints (emitOrdinal says how the ends are handled). The forms are the
 * kernel's: logistic log P = log σ(hi) + log σ(−lo) + log(1 − e^(−w)) with w the cutpoints' own
 * difference, probit log P = log Φ(b) + log(1 − e^(log Φ(a) − log Φ(b))) on the side where Φ is small.
 */
import type { Expr, Program } from "../ir/types.js";
import { sourceDims } from "../ir/validate.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import type { Emitter } from "./emit.js";
import { add, assign, bin, call, cond, div, forS, id, idx, type JsExpr, type JsStmt, mathCall, mul, neg, num, rejectUnless, sub } from "./js.js";
import type { Layout } from "./layout.js";

interface Cutpoints {
  /** The array the values live in, and the vector's first index in it. */
  arr: JsExpr;
  off: number;
  /** The adjoint array (null for data). */
  grad: JsExpr | null;
  m: number;
}

function cutpoints(program: Program, layout: Layout, e: Expr): Cutpoints {
  if (e.op !== "ref") throw new Error("ordinal cutpoints: validation admits only a ref");
  const m = sourceDims(program, e.src, e.id)[0];
  if (e.src === "data") return { arr: id(`D${e.id}`), off: 0, grad: null, m };
  if (e.src === "param") return { arr: id("X"), off: layout.params[e.id].xOff, grad: id("GX"), m };
  return { arr: id(`T${e.id}`), off: 0, grad: id(`GT${e.id}`), m };
}

const log1pExp = (x: JsExpr): JsExpr => call(id("log1pExp"), x);
const exp = (x: JsExpr): JsExpr => mathCall("exp", x);
/**
 * expm1(x) for |x| ≤ log 2 from exp and log alone (Kahan: (u − 1)·x / log u with u = eˣ, x where
 * u = 1; a few ulps), because Math.expm1 would be a call into JavaScript per row in the wasm form,
 * whose budget is 100 such calls per gradient. `x` must be an identifier or literal (it is repeated).
 */
function expm1Small(x: JsExpr): JsExpr {
  const u = exp(x);
  return cond(bin("===", u, num(1)), x, div(mul(sub(u, num(1)), x), mathCall("log", u)));
}
/** log(1 − eˣ) for x ≤ 0 (Mächler's switch at −log 2, as src/math/log1mExp.ts). */
const log1mExp = (x: JsExpr): JsExpr => cond(bin(">", x, num(-Math.LN2)), mathCall("log", neg(expm1Small(x))), mathCall("log1p", neg(exp(x))));

/**
 * `lp += Σ_i ordered_*(y_i | eta_i, c)` with partials, or with `pointwise` each row's log P into
 * out[outOff + i] (generated log_lik, no partials). The cutpoints are first copied into a scratch
 * vector W = (−∞, c_1 … c_m, +∞), so category k reads W[k − 1] and W[k]: indices the data's own range
 * bounds (the wasm translation checks them), no selects, and the end categories' infinite bound gives
 * their log P and zero partials by IEEE arithmetic. The cutpoint partials go to a scratch GW likewise.
 */
export function emitOrdinal(
  em: Emitter, program: Program, layout: Layout, family: string, n: number, lhs: Expr, args: Expr[], pointwise?: { outOff: number },
): JsStmt[] {
  if (n === 0) return [];
  const c = cutpoints(program, layout, args[1]);
  const m = c.m;
  const W = id(em.scratch(m + 2));
  const fill: JsStmt[] = [assign(idx(W, num(0)), "=", num(-Infinity)), assign(idx(W, num(m + 1)), "=", num(Infinity))];
  const j = em.fresh("i");
  fill.push(forS(j, num(0), num(m), [assign(idx(W, add(id(j), num(1))), "=", idx(c.arr, add(id(j), num(c.off))))]));
  const L = em.newLoop(n);
  const y = em.forward(lhs, L);
  const eta = em.forward(args[0], L);
  const v = (e: JsExpr): JsExpr => em.bind(L, false, e);
  const k = v(y.v);
  const km1 = v(sub(k, num(1)));
  const cLo = v(idx(W, km1));
  const cHi = v(idx(W, k));
  const lo = v(sub(cLo, eta.v));
  const hi = v(sub(cHi, eta.v));
  const w = v(sub(cHi, cLo));
  // Cutpoints that are not increasing (equal by rounding) have no probability between them.
  L.body.push(rejectUnless(bin(">", w, num(0))));
  let lp: JsExpr;
  let dLo: JsExpr;
  let dHi: JsExpr;
  let dEta: JsExpr;
  if (family === "ordered_logistic") {
    lp = v(sub(sub(log1mExp(v(neg(w))), log1pExp(neg(hi))), log1pExp(lo)));
    if (pointwise) {
      dLo = dHi = dEta = num(0);
    } else {
      // ∂/∂hi = σ(−hi) + 1/expm1(w), ∂/∂lo = −σ(lo) − 1/expm1(w), ∂/∂eta = σ(lo) − σ(−hi); all vanish at ±∞.
      const r = v(div(num(1), cond(bin(">", w, num(Math.LN2)), sub(exp(w), num(1)), expm1Small(w))));
      const sLo = v(div(num(1), add(num(1), exp(neg(lo)))));
      const sNegHi = v(div(num(1), add(num(1), exp(hi))));
      dEta = sub(sLo, sNegHi);
      dLo = sub(neg(sLo), r);
      dHi = add(sNegHi, r);
    }
  } else {
    const flip = v(bin(">", add(lo, hi), num(0)));
    const lb = v(call(id("logPhi"), cond(flip, neg(lo), hi)));
    const la = v(call(id("logPhi"), cond(flip, neg(hi), lo)));
    lp = v(add(lb, log1mExp(v(sub(la, lb)))));
    if (pointwise) {
      dLo = dHi = dEta = num(0);
    } else {
      // φ(x)/P as exp(log φ(x) − log P); 0 at x = ±∞.
      const gHi = v(exp(sub(sub(mul(num(-0.5), mul(hi, hi)), num(HALF_LOG_2PI)), lp)));
      const gLo = v(neg(exp(sub(sub(mul(num(-0.5), mul(lo, lo)), num(HALF_LOG_2PI)), lp))));
      dEta = neg(add(gHi, gLo));
      dLo = gLo;
      dHi = gHi;
    }
  }
  if (pointwise) {
    L.body.push(assign(idx(id("out"), add(L.i, num(pointwise.outOff))), "=", lp));
    return [...fill, ...em.closeLoop(L)];
  }
  const acc = em.fresh("lp");
  L.pre.push({ t: "let", name: acc, init: num(0) });
  L.body.push(assign(id(acc), "+=", lp));
  if (eta.dep) em.backprop(eta, em.bind(L, false, dEta, L.back), L, "back");
  const post: JsStmt[] = [];
  if (c.grad) {
    const GW = id(em.scratch(m + 2));
    const z = em.fresh("i");
    fill.push(forS(z, num(0), num(m + 2), [assign(idx(GW, id(z)), "=", num(0))]));
    L.back.push(assign(idx(GW, km1), "+=", dLo), assign(idx(GW, k), "+=", dHi));
    const q = em.fresh("i");
    post.push(forS(q, num(0), num(m), [assign(idx(c.grad, add(id(q), num(c.off))), "+=", idx(GW, add(id(q), num(1))))]));
  }
  const out = [...fill, ...em.closeLoop(L), ...post];
  out.push(assign(id("lp"), "+=", id(acc)));
  return out;
}

/** Category draws out[off + i] ~ ordered_*(eta_i, c) through the runtime's ordinalRng. */
export function emitOrdinalRng(em: Emitter, program: Program, layout: Layout, family: string, n: number, args: Expr[], off: number): JsStmt[] {
  if (n === 0) return [];
  const c = cutpoints(program, layout, args[1]);
  const L = em.newLoop(n);
  const eta = em.forward(args[0], L);
  const link = num(family === "ordered_probit" ? 1 : 0);
  L.body.push(assign(idx(id("out"), add(L.i, num(off))), "=", call(id("ordinalRng"), id("rng"), link, eta.v, c.arr, num(c.off), num(c.m))));
  return em.closeLoop(L);
}
