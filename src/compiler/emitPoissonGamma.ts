/**
 * The fused loops of a `poissonGammaMarginal` statement: per group j, with a = shape_j, r = rate_j,
 *   log p_j = a log r + log Γ(a + Y_j) − log Γ(a) − (a + Y_j) log(r + T_j),
 *   ∂/∂a = log r − log(r + T_j) + ψ(a + Y_j) − ψ(a),   ∂/∂r = a / r − (a + Y_j) / (r + T_j).
 * The maths of src/marginal/poissonGamma.ts: a total Y ≤ 32 uses the rising factorial
 * Γ(a+Y)/Γ(a) = a(a+1)…(a+Y−1), ψ(a+Y) − ψ(a) = Σ 1/(a+m) (flops, no calls into JavaScript), larger
 * totals lgamma/digamma. With one shape for all groups the small groups' rising factorials are pooled
 * (Σ_m c_m log(a+m) with c_m = #{j : Y_j > m}) into one running product whose factors are laid out at
 * compile time from the data; the product is kept in range by exact power-of-two rescaling instead of
 * a log per fold, so a gradient calls log once for it whatever the totals. From a = 1e8 the factors
 * become (a+m)/a and the product's a^N moves into N log a, so no lgamma is needed at any shape.
 */
import type { PoissonGammaMarginal } from "../ir/types.js";
import type { Emitter } from "./emit.js";
import { add, assign, bin, call, cond, constS, div, forS, id, idx, ifS, type JsExpr, type JsStmt, letS, mathCall, mul, num, sub } from "./js.js";

/** Totals up to this use the rising factorial (as src/marginal/poissonGamma.ts). */
const SMALL_COUNT = 32;
/** Below this shape the factors a + m are multiplied as they are (< 1e8 + 32: a fold every ~10 factors at most). */
const PLAIN_SHAPE = 1e8;
/** The running product is rescaled by 2^-600 (exact) when it passes this: it never overflows. */
const FOLD = 1e200;
const FOLD_SCALE = 2 ** -600;
const FOLD_LOG = 600 * Math.LN2;

const positiveFinite = (x: JsExpr): JsExpr => bin("&&", bin(">", x, num(0)), bin("<", x, num(Infinity)));
const reject = (ok: JsExpr): JsStmt => ifS({ t: "not", a: ok }, [{ t: "return", value: num(-Infinity) }]);
const lgammaJs = (x: JsExpr): JsExpr => call(id("lgamma"), x);
const digammaJs = (x: JsExpr): JsExpr => call(id("digamma"), x);

export function emitPoissonGammaMarginal(em: Emitter, st: PoissonGammaMarginal): JsStmt[] {
  const totals = em.dataValues(st.y);
  const C = em.newLoop(st.J);
  const before = C.flat ? C.body : C.pre;
  const sh = em.forward(st.shape, C);
  (sh.inv ? before : C.body).push(reject(positiveFinite(sh.v)));
  const rt = em.forward(st.rate, C);
  (rt.inv ? before : C.body).push(reject(positiveFinite(rt.v)));
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
    const rising = em.fresh("v");
    const dRising = em.fresh("v");
    C.body.push(letS(rising, num(0)), letS(dRising, num(0)));
    const viaLgamma = [
      assign(id(rising), "=", sub(lgammaJs(aY), lgammaJs(a))),
      assign(id(dRising), "=", sub(digammaJs(aY), digammaJs(a))),
    ];
    if (totals.some((y) => y <= SMALL_COUNT)) {
      const p = em.fresh("v");
      const d = em.fresh("v");
      const m = em.fresh("i");
      const x = em.fresh("v");
      const viaProduct = [
        letS(p, num(1)),
        letS(d, num(0)),
        forS(m, num(0), Y, [constS(x, add(a, id(m))), assign(id(p), "*=", id(x)), assign(id(d), "+=", div(num(1), id(x)))]),
        assign(id(rising), "=", mathCall("log", id(p))),
        assign(id(dRising), "=", id(d)),
      ];
      // (a + 31)^32 < 1e257 below PLAIN_SHAPE: the product cannot overflow.
      C.body.push(ifS(bin("&&", bin("<=", Y, num(SMALL_COUNT)), bin("<", a, num(PLAIN_SHAPE))), viaProduct, viaLgamma));
    } else {
      C.body.push(...viaLgamma);
    }
    C.body.push(assign(id(acc), "+=", sub(add(mul(a, logR), id(rising)), mul(aY, logRT))));
    if (sh.dep) em.backprop(sh, em.bind(C, false, add(sub(logR, logRT), id(dRising)), C.back), C, "back");
  }
  if (rt.dep) em.backprop(rt, em.bind(C, false, sub(div(a, r), div(aY, rT)), C.back), C, "back");
  out.push(...em.closeLoop(C), assign(id("lp"), "+=", id(acc)));
  return out;
}

/**
 * Σ_j log Γ(a + Y_j) − log Γ(a) for one shape a and its derivative, as statements appended to `list`.
 * Small totals: c_0 log a + log Π_{m≥1} (a+m)^{c_m} (below PLAIN_SHAPE), or N log a + log Π ((a+m)/a)^{c_m}
 * (N = Σ small Y_j) above it, and Σ_m c_m / (a+m); large totals: lgamma/digamma, their a-terms shared.
 */
function pooledRising(em: Emitter, totals: ArrayLike<number>, a: JsExpr, list: JsStmt[]): { value: JsExpr; derivative: JsExpr } {
  let maxSmall = 0;
  let nSmall = 0;
  const large: number[] = [];
  const counts = new Float64Array(SMALL_COUNT);
  for (let j = 0; j < totals.length; j++) {
    const y = totals[j];
    if (y > SMALL_COUNT) {
      large.push(y);
      continue;
    }
    for (let m = 0; m < y; m++) counts[m]++;
    nSmall += y;
    if (y > maxSmall) maxSmall = y;
  }
  // The factors a + m, m ≥ 1, each c_m times, in order of m.
  const factors: number[] = [];
  for (let m = 1; m < maxSmall; m++) for (let k = 0; k < counts[m]; k++) factors.push(m);
  const c0 = counts[0];
  const value = em.fresh("v");
  const deriv = em.fresh("v");
  list.push(letS(value, num(0)), letS(deriv, num(0)));
  const plain = em.fresh("v");
  const needPlain = factors.length > 0 || c0 !== nSmall;
  if (needPlain) list.push(constS(plain, bin("<", a, num(PLAIN_SHAPE))));
  if (factors.length > 0) {
    const F = em.constArray(Float64Array.from(factors));
    const scale = em.fresh("v");
    const P = em.fresh("v");
    const E = em.fresh("v");
    const k = em.fresh("i");
    list.push(
      constS(scale, cond(id(plain), num(1), div(num(1), a))),
      letS(P, num(1)),
      letS(E, num(0)),
      forS(k, num(0), num(factors.length), [
        assign(id(P), "*=", mul(add(a, idx(id(F), id(k))), id(scale))),
        ifS(bin(">", id(P), num(FOLD)), [assign(id(P), "*=", num(FOLD_SCALE)), assign(id(E), "+=", num(1))]),
      ]),
      assign(id(value), "+=", add(mathCall("log", id(P)), mul(id(E), num(FOLD_LOG)))),
    );
  }
  if (maxSmall > 0) {
    const Cm = em.constArray(counts.slice(0, maxSmall));
    const m = em.fresh("i");
    const power = c0 === nSmall ? num(c0) : cond(id(plain), num(c0), num(nSmall));
    list.push(
      forS(m, num(0), num(maxSmall), [assign(id(deriv), "+=", div(idx(id(Cm), id(m)), add(a, id(m))))]),
      assign(id(value), "+=", mul(power, mathCall("log", a))),
    );
  }
  if (large.length > 0) {
    const YL = em.constArray(Float64Array.from(large));
    const k = em.fresh("i");
    const x = em.fresh("v");
    list.push(
      forS(k, num(0), num(large.length), [
        constS(x, add(a, idx(id(YL), id(k)))),
        assign(id(value), "+=", lgammaJs(id(x))),
        assign(id(deriv), "+=", digammaJs(id(x))),
      ]),
      assign(id(value), "-=", mul(num(large.length), lgammaJs(a))),
      assign(id(deriv), "-=", mul(num(large.length), digammaJs(a))),
    );
  }
  return { value: id(value), derivative: id(deriv) };
}
