/**
 * The fused loops of a `normalNormalMarginal` statement. Group j's residuals e_i = y_i − η_i − μ_j are
 * N(0, D + τ_j² 11ᵀ) with D = diag(σ_i²); Sherman–Morrison with w_i = σ_i⁻², S0 = Σw, S1 = Σwe,
 * S2 = Σwe², Δ = 1 + τ²S0 gives
 *   log p_j = −Σ log σ_i − n_j log√(2π) − ½ (log Δ + S2 − τ² S1² / Δ),
 *   ∂/∂μ_j = S1/Δ,   ∂/∂τ_j = −τ (S0/Δ − S1²/Δ²),
 *   ∂/∂η_i = w_i f_i = −∂/∂y_i,   ∂/∂σ_i = −1/σ_i + (τ²/Δ + f_i²) w_i/σ_i,   f_i = e_i − τ² S1/Δ.
 * Four loops, no allocation: μ per group into scratch (so the row pass reads it by gather), the row pass
 * accumulating S0..S2 per group (in locals over runs of equal group codes), the group pass (value, μ and τ adjoints, shift and variance per group),
 * and — only when y, η or σ depend on parameters — a row pass scattering their adjoints.
 */
import type { Expr, NormalNormalMarginal } from "../ir/types.js";
import { isDataOnly } from "../ir/validate.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import type { Emitter, Loop } from "./emit.js";
import { add, assign, bin, div, id, idx, ifS, type JsExpr, type JsStmt, letS, mathCall, mul, neg, num, rejectUnless, sub } from "./js.js";

export function emitNormalNormalMarginal(em: Emitter, st: NormalNormalMarginal): JsStmt[] {
  const { n, J } = st;
  // No rows: the marginal density of no observations is 1, whatever μ and τ.
  if (n === 0) return [];
  const [M, S0, S1, S2, SH, V] = Array.from({ length: 6 }, () => id(em.scratch(J)));
  const codes = id(`D${st.group}`);
  const out: JsStmt[] = [];

  // μ per group, and zeroed sums.
  const A = em.newLoop(J);
  const muA = em.forward(st.mu, A);
  A.body.push(assign(idx(M, A.i), "=", muA.v), assign(idx(S0, A.i), "=", num(0)), assign(idx(S1, A.i), "=", num(0)), assign(idx(S2, A.i), "=", num(0)));
  out.push(...em.closeLoop(A));

  // Row pass: per-group sums. With one σ for all rows the sums are unweighted and w is applied per group.
  const B = em.newLoop(n);
  const gB = em.bind(B, false, sub(idx(codes, B.i), num(1)));
  const yB = em.forward(st.y, B);
  const etaB = st.eta ? em.forward(st.eta, B) : null;
  const sB = em.forward(st.sigma, B);
  const oneSigma = sB.inv;
  const known = oneSigma ? null : knownSigma(em, st);
  if (known === null) em.hoisted(B, oneSigma).push(rejectUnless(bin(">", sB.v, num(0))));
  const wB = known !== null ? em.bind(B, false, idx(id(known.w), B.i)) : em.bind(B, oneSigma, div(num(1), mul(sB.v, sB.v)));
  const eB = em.bind(B, false, sub(etaB ? sub(yB.v, etaB.v) : yB.v, idx(M, gB)));
  const terms: [JsExpr, JsExpr, JsExpr] = oneSigma ? [num(1), eB, mul(eB, eB)] : (() => {
    const we = em.bind(B, false, mul(wB, eB));
    return [wB, we, mul(we, eB)] as [JsExpr, JsExpr, JsExpr];
  })();
  sumByGroup(em, B, codes, gB, [S0, S1, S2], terms);
  const lsum = em.fresh("lp");
  out.push(letS(lsum, num(known !== null ? known.logSum : 0)));
  if (oneSigma) B.post.push(assign(id(lsum), "=", mul(num(n), mathCall("log", sB.v))));
  else if (known === null) B.body.push(assign(id(lsum), "+=", mathCall("log", sB.v)));
  out.push(...em.closeLoop(B));

  // Group pass: value, adjoints of μ and τ, and the per-group shift τ²S1/Δ and variance τ²/Δ.
  const C = em.newLoop(J);
  const tauC = em.forward(st.tau, C);
  const muC = em.forward(st.mu, C);
  em.hoisted(C, tauC.inv).push(rejectUnless(bin(">", tauC.v, num(0))));
  const scaled = (S: JsExpr): JsExpr => em.bind(C, false, oneSigma ? mul(idx(S, C.i), wB) : idx(S, C.i));
  const s0 = scaled(S0);
  const s1 = scaled(S1);
  const s2 = scaled(S2);
  const t2 = em.bind(C, tauC.inv, mul(tauC.v, tauC.v));
  const iD = em.bind(C, false, div(num(1), add(num(1), mul(t2, s0))));
  const q = em.bind(C, false, mul(s1, iD));
  const sh = em.bind(C, false, mul(t2, q));
  const acc = em.fresh("lp");
  out.push(letS(acc, num(0)));
  C.body.push(assign(id(acc), "+=", add(sub(mathCall("log", iD), s2), mul(sh, s1))));
  const rowsNeedAdjoints = yB.dep || (etaB?.dep ?? false) || sB.dep;
  if (rowsNeedAdjoints) C.body.push(assign(idx(SH, C.i), "=", sh), assign(idx(V, C.i), "=", mul(t2, iD)));
  if (muC.dep) em.backprop(muC, q, C, "back");
  if (tauC.dep) em.backprop(tauC, em.bind(C, false, neg(mul(sub(mul(s0, iD), mul(q, q)), tauC.v)), C.back), C, "back");
  out.push(...em.closeLoop(C));
  out.push(assign(id("lp"), "+=", sub(sub(mul(num(0.5), id(acc)), id(lsum)), num(n * HALF_LOG_2PI))));
  if (!rowsNeedAdjoints) return out;

  // Row pass: adjoints of y, η and σ.
  const R = em.newLoop(n);
  const g = em.bind(R, false, sub(idx(codes, R.i), num(1)));
  const y = em.forward(st.y, R);
  const eta = st.eta ? em.forward(st.eta, R) : null;
  const s = em.forward(st.sigma, R);
  const w = known !== null ? em.bind(R, false, idx(id(known.w), R.i)) : em.bind(R, s.inv, div(num(1), mul(s.v, s.v)));
  const f = em.bind(R, false, sub(sub(eta ? sub(y.v, eta.v) : y.v, idx(M, g)), idx(SH, g)));
  const wf = em.bind(R, false, mul(w, f));
  if (eta?.dep) em.backprop(eta, wf, R, "back");
  if (y.dep) em.backprop(y, em.bind(R, false, neg(wf), R.back), R, "back");
  if (s.dep) {
    const ws = em.bind(R, s.inv, div(w, s.v));
    const is = em.bind(R, s.inv, div(num(1), s.v));
    em.backprop(s, em.bind(R, false, sub(mul(add(idx(V, g), mul(f, f)), ws), is), R.back), R, "back");
  }
  out.push(...em.closeLoop(R));
  return out;
}

/**
 * `sums[k][g] += terms[k]` for each row of B, g its 0-based group (codes[i] − 1). Rows usually come
 * sorted by group: a run of equal codes is summed in locals and stored when the code changes (a
 * scatter-add per row would chain every row through a store → load of the same slot).
 */
export function sumByGroup(em: Emitter, B: Loop, codes: JsExpr, g: JsExpr, sums: readonly JsExpr[], terms: readonly JsExpr[]): void {
  if (B.flat) {
    sums.forEach((S, k) => B.body.push(assign(idx(S, g), "+=", terms[k])));
    return;
  }
  const runName = em.fresh("v");
  const accNames = sums.map(() => em.fresh("c"));
  const run = id(runName);
  const acc = accNames.map(id);
  B.pre.push(letS(runName, sub(idx(codes, num(0)), num(1))), ...accNames.map((a) => letS(a, num(0))));
  const flush = (at: JsExpr): JsStmt[] => sums.flatMap((S, k) => [assign(idx(S, at), "+=", acc[k]), assign(acc[k], "=", num(0))]);
  B.body.push(ifS(bin("!==", g, run), [...flush(run), assign(run, "=", g)]));
  acc.forEach((a, k) => B.body.push(assign(a, "+=", terms[k])));
  B.post.push(...sums.map((S, k) => assign(idx(S, run), "+=", acc[k])));
}

/**
 * Per-row σ given as data (eight schools' standard errors, se() models): the weights 1/σ_i² and
 * Σ log σ_i are the same every evaluation, so they are computed here once, with the operations and
 * order the row pass would use (the same bits), instead of n divisions and n calls of Math.log per
 * gradient. Null when σ reads a parameter, or a σ_i is not positive (the row pass then rejects as usual).
 */
export function knownSigma(em: Emitter, st: { n: number; sigma: Expr }): { w: string; logSum: number } | null {
  if (!isDataOnly(st.sigma)) return null;
  const sigma = em.dataExprValues(st.sigma, st.n);
  const w = new Float64Array(st.n);
  let logSum = 0;
  for (let i = 0; i < st.n; i++) {
    const s = sigma[i];
    if (!(s > 0)) return null;
    w[i] = 1 / (s * s);
    logSum += Math.log(s);
  }
  return { w: em.constArray(w), logSum };
}
