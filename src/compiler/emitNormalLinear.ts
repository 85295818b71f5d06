/**
 * The fused loop of a `normalLinearMarginal` statement: src/marginal/normalLinear.ts's density and
 * adjoints from per-group sufficient statistics, operation for operation in the same order (so the
 * compiled value and adjoints round as the TypeScript kernel's do). With d = β − β₀, μ'_j = μ_j − c,
 *   A_j = Sy − Sxᵀd,  B_j = Syy + Σ_k d_k (q_k − 2 Sxy_k),  q = Sxx d,
 *   S1 = A − n_j μ',  S2 = B − 2μ'A + n_j μ'²,  w = σ⁻²,  Δ = 1 + τ² w n_j,
 *   lp = −n (log σ + log√(2π)) − ½ (Σ log Δ_j + Σ (w S2 − τ² w² S1² / Δ)).
 * Σ log Δ_j is the log of a running product (Δ ≥ 1), rescaled by an exact power of two when it grows
 * large (as emitRising.ts does): two calls into JavaScript per gradient (log σ, log of the product)
 * whatever the number of groups, where a log per group would stop radon (85 groups) translating to wasm.
 * The K coefficients are unrolled (K is small: fuse.ts fuses up to MAX_FUSED_COEFS).
 */
import type { NormalLinearMarginal } from "../ir/types.js";
import { normalLinearStatsWidth } from "../ir/validate.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import type { Emitter } from "./emit.js";
import { add, assign, bin, div, id, idx, ifS, type JsExpr, type JsStmt, letS, mathCall, mul, neg, num, positiveFinite, rejectUnless, sub } from "./js.js";

/** The running product of the Δ_j (each ≥ 1) is multiplied by FOLD_SCALE (exact) once above FOLD_AT. */
const FOLD_AT = 1e250;
const FOLD_SCALE = 2 ** -800;
const FOLD_LOG = 800 * Math.LN2;


export function emitNormalLinearMarginal(em: Emitter, st: NormalLinearMarginal): JsStmt[] {
  const { K, J, n } = st;
  const P = normalLinearStatsWidth(K);
  const S = id(`D${st.stats}`);
  const centre = id(`D${st.centre}`);
  const out: JsStmt[] = [];

  // σ and the coefficients: scalars, forward before the group loop, adjoints after it.
  const F = em.newLoop(1);
  const sN = em.forward(st.sigma, F);
  const bN = st.beta.map((e) => em.forward(e, F));
  out.push(...F.pre, ...F.body);
  F.pre.length = 0;
  F.body.length = 0;
  const s = sN.v;
  out.push(rejectUnless(positiveFinite(s)));
  const w = em.bind(F, false, div(num(1), mul(s, s)), out);
  const d = bN.map((b, k) => em.bind(F, false, sub(b.v, idx(centre, num(k))), out));
  const c = em.bind(F, false, idx(centre, num(K)), out);

  const C = em.newLoop(J);
  const before = em.hoisted(C, true);
  const [quad, sig, prod, folds] = ["lp", "c", "v", "c"].map((p) => em.fresh(p));
  const gB = d.map(() => em.fresh("c"));
  before.push(letS(quad, num(0)), letS(sig, num(0)), letS(prod, num(1)), letS(folds, num(0)), ...gB.map((g) => letS(g, num(0))));
  const tauN = em.forwardPositive(st.tau, C);
  const muN = em.forward(st.mu, C);
  const row = em.bind(C, false, mul(C.i, num(P)));
  const at = (col: number): JsExpr => idx(S, add(row, num(col)));
  const v = (e: JsExpr, inv = false): JsExpr => em.bind(C, inv, e);
  const nj = v(at(0));
  // q_k = (Sxx d)_k, summed over l in order; A and B as the kernel accumulates them.
  const q = d.map((_, k) => (K === 0 ? num(0) : v(d.slice(1).reduce<JsExpr>((x, dl, l) => add(x, mul(at(3 + 2 * K + k * K + l + 1), dl)), mul(at(3 + 2 * K + k * K), d[0])))));
  let A: JsExpr = at(1);
  let B: JsExpr = at(2);
  for (let k = 0; k < K; k++) {
    A = sub(A, mul(at(3 + k), d[k]));
    B = add(B, mul(d[k], sub(q[k], mul(num(2), at(3 + K + k)))));
  }
  const Av = v(A);
  const Bv = v(B);
  const mu = v(sub(muN.v, c), muN.inv);
  const S1 = v(sub(Av, mul(nj, mu)));
  const S2 = v(add(sub(Bv, mul(mul(num(2), mu), Av)), mul(mul(nj, mu), mu)));
  const t2 = v(mul(tauN.v, tauN.v), tauN.inv);
  const s0 = v(mul(w, nj));
  const s1 = v(mul(w, S1));
  const delta = v(add(num(1), mul(t2, s0)));
  const iD = v(div(num(1), delta));
  C.body.push(
    assign(id(prod), "*=", delta),
    ifS(bin(">", id(prod), num(FOLD_AT)), [assign(id(prod), "*=", num(FOLD_SCALE)), assign(id(folds), "+=", num(1))]),
    assign(id(quad), "+=", sub(mul(w, S2), mul(mul(mul(t2, s1), s1), iD))),
  );
  const q1 = v(mul(s1, iD));
  if (muN.dep) em.backprop(muN, q1, C, "back");
  if (tauN.dep) em.backprop(tauN, em.bind(C, false, neg(mul(sub(mul(s0, iD), mul(q1, q1)), tauN.v)), C.back), C, "back");
  const h = v(mul(t2, q1));
  if (K > 0) {
    const m = v(add(mu, h));
    gB.forEach((g, k) => C.body.push(assign(id(g), "+=", sub(sub(at(3 + K + k), q[k]), mul(m, at(3 + k))))));
  }
  if (sN.dep) C.body.push(assign(id(sig), "+=", add(sub(add(mul(mul(nj, t2), iD), S2), mul(mul(num(2), h), S1)), mul(mul(nj, h), h))));
  out.push(...em.closeLoop(C));

  const logDelta = add(mul(id(folds), num(FOLD_LOG)), mathCall("log", id(prod)));
  out.push(assign(id("lp"), "+=", sub(mul(num(-n), add(mathCall("log", s), num(HALF_LOG_2PI))), mul(num(0.5), add(logDelta, id(quad))))));
  if (sN.dep) em.backprop(sN, em.bind(F, false, add(div(num(-n), s), div(mul(id(sig), w), s)), F.post), F, "post");
  bN.forEach((b, k) => b.dep && em.backprop(b, em.bind(F, false, mul(w, id(gB[k])), F.post), F, "post"));
  out.push(...em.closeLoop(F));
  return out;
}
