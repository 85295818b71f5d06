/**
 * Rising factorials log Γ(a + Y)/Γ(a) and their derivatives ψ(a + Y) − ψ(a) for the conjugate marginal
 * statements, with the maths of src/marginal/poissonGamma.ts: a total Y ≤ 32 uses the product
 * a(a+1)…(a+Y−1) and Σ 1/(a+m) (flops, no calls into JavaScript), larger totals lgamma/digamma.
 * With one base a for all groups the small totals' factorials are pooled (Σ_m c_m log(a+m) with
 * c_m = #{j : Y_j > m}) into running products (four, interleaved) whose factors are laid out at
 * compile time from the data; they are kept in range by exact power-of-two rescaling instead of a log
 * per fold, so the pooled factorials cost one log whatever the totals. From a = 1e8 the factors become
 * (a+m)/a and the product's a^N moves into N log a, so no lgamma is needed at any a.
 */
import type { Emitter, Loop } from "./emit.js";
import { add, assign, bin, call, cond, constS, div, forS, id, idx, ifS, type JsExpr, type JsStmt, letS, mathCall, mul, num, sub } from "./js.js";

/** Totals up to this use the rising factorial (as src/marginal/poissonGamma.ts). */
const SMALL_COUNT = 32;
/** Below this shape the factors a + m are multiplied as they are (< 1e8 + 32: a fold every ~10 factors at most). */
const PLAIN_SHAPE = 1e8;
/** Independent running products of the pooled factors, and each one's rescaling by 2^-200 (exact) above 1e60. */
const LANES = 4;
const LANE_FOLD = 1e60;
const LANE_SCALE = 2 ** -200;
const LANE_LOG = 200 * Math.LN2;

const lgammaJs = (x: JsExpr): JsExpr => call(id("lgamma"), x);
const digammaJs = (x: JsExpr): JsExpr => call(id("digamma"), x);

/**
 * Per group of loop C: the base `a` (a value of C) and the int total `Y` (an int expression of C);
 * `totals` are all the totals, to leave out a route no group takes.
 */
export function groupRising(em: Emitter, C: Loop, a: JsExpr, Y: JsExpr, totals: ArrayLike<number>): { value: JsExpr; derivative: JsExpr } {
  const rising = em.fresh("v");
  const dRising = em.fresh("v");
  C.body.push(letS(rising, num(0)), letS(dRising, num(0)));
  const viaLgamma = [
    assign(id(rising), "=", sub(lgammaJs(add(a, Y)), lgammaJs(a))),
    assign(id(dRising), "=", sub(digammaJs(add(a, Y)), digammaJs(a))),
  ];
  let anySmall = false;
  for (let j = 0; j < totals.length; j++) anySmall ||= totals[j] <= SMALL_COUNT;
  if (anySmall) {
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
  return { value: id(rising), derivative: id(dRising) };
}

/**
 * Σ_j log Γ(a + Y_j) − log Γ(a) for one base a and its derivative, as statements appended to `list`.
 * Small totals: c_0 log a + log Π_{m≥1} (a+m)^{c_m} (below PLAIN_SHAPE), or N log a + log Π ((a+m)/a)^{c_m}
 * (N = Σ small Y_j) above it, and Σ_m c_m / (a+m); large totals: lgamma/digamma, their a-terms shared.
 */
export function pooledRising(em: Emitter, totals: ArrayLike<number>, a: JsExpr, list: JsStmt[]): { value: JsExpr; derivative: JsExpr } {
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
    // LANES independent running products: a multiplication's latency, not its throughput, bounds one
    // product (pumps: 65 factors, ~30 % of the gradient with one product). Each lane folds above
    // LANE_FOLD, so every lane stays below 1e69 and their product below 1e276 (all lanes are ≥ 1).
    const F = em.constArray(Float64Array.from(factors));
    const scale = em.fresh("v");
    const E = em.fresh("v");
    const lanes = Array.from({ length: LANES }, () => em.fresh("v"));
    const factor = (at: JsExpr): JsExpr => mul(add(a, idx(id(F), at)), id(scale));
    const fold = (P: string): JsStmt => ifS(bin(">", id(P), num(LANE_FOLD)), [assign(id(P), "*=", num(LANE_SCALE)), assign(id(E), "+=", num(1))]);
    const rounds = Math.floor(factors.length / LANES);
    const k = em.fresh("i");
    const body: JsStmt[] = [];
    lanes.forEach((P, l) => body.push(assign(id(P), "*=", factor(add(mul(num(LANES), id(k)), num(l))))));
    lanes.forEach((P) => body.push(fold(P)));
    const tail: JsStmt[] = [];
    for (let t = rounds * LANES; t < factors.length; t++) tail.push(assign(id(lanes[0]), "*=", factor(num(t))), fold(lanes[0]));
    list.push(
      constS(scale, cond(id(plain), num(1), div(num(1), a))),
      ...lanes.map((P) => letS(P, num(1))),
      letS(E, num(0)),
      ...(rounds > 0 ? [forS(k, num(0), num(rounds), body)] : []),
      ...tail,
      assign(id(value), "+=", add(mathCall("log", lanes.slice(1).reduce<JsExpr>((x, P) => mul(x, id(P)), id(lanes[0]))), mul(id(E), num(LANE_LOG)))),
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
