/**
 * The exact conditionals of the integrated-out group parameters of a marginal statement, as compiled
 * code: given a draw's parameters, group j's first conditional parameter goes to `out[off + j]` and
 * its second to `out[off + J + j]`:
 *   normalNormalMarginal  mean μ_j + τ_j² S1_j / Δ_j and sd √(τ_j² / Δ_j) (S0, S1 the weighted sums
 *                         of the group's residuals y − η − μ_j, Δ_j = 1 + τ_j² S0_j);
 *   normalLinearMarginal  the same from the per-group sufficient statistics (normalLinear.ts);
 *   poissonGammaMarginal  shape_j + Y_j and rate_j + T_j;
 *   betaBinomialMarginal  a_j + Y_j and b_j + N_j − Y_j.
 * The formulas and their order of operations are those of the TypeScript conditionals in
 * src/marginal (normalNormalConditional, normalLinearConditional, …), which stay for blocks that are not
 * compiled in. This runs once per saved draw (the sampler records it), where those TypeScript kernels
 * behind closures took several thousand calls to be optimised; compiled, it is one straight function.
 */
import type { Statement } from "../ir/types.js";
import { normalLinearStatsWidth } from "../ir/validate.js";
import type { Emitter } from "./emit.js";
import { knownSigma, sumByGroup } from "./emitMarginal.js";
import { add, assign, div, id, idx, type JsExpr, type JsStmt, mathCall, mul, num, sub } from "./js.js";

export type MarginalStatement = Extract<Statement, { kind: "normalNormalMarginal" | "normalLinearMarginal" | "poissonGammaMarginal" | "betaBinomialMarginal" }>;

export function isMarginalStatement(st: Statement): st is MarginalStatement {
  return st.kind === "normalNormalMarginal" || st.kind === "normalLinearMarginal" || st.kind === "poissonGammaMarginal" || st.kind === "betaBinomialMarginal";
}

/** Values a statement's conditionals take in `out`: two per group. */
export function conditionalSize(st: MarginalStatement): number {
  return 2 * st.J;
}

export function emitMarginalConditional(em: Emitter, st: MarginalStatement, off: number): JsStmt[] {
  const put = (at: JsExpr, k: number, v: JsExpr): JsStmt => assign(idx(id("out"), add(at, num(off + k))), "=", v);
  switch (st.kind) {
    case "poissonGammaMarginal": {
      const C = em.newLoop(st.J);
      const a = em.forward(st.shape, C).v;
      const r = em.forward(st.rate, C).v;
      C.body.push(put(C.i, 0, add(a, idx(id(`D${st.y}`), C.i))), put(C.i, st.J, add(r, idx(id(`D${st.t}`), C.i))));
      return em.closeLoop(C);
    }
    case "betaBinomialMarginal": {
      const C = em.newLoop(st.J);
      const a = em.forward(st.a, C).v;
      const b = em.forward(st.b, C).v;
      const Y = em.bind(C, false, idx(id(`D${st.y}`), C.i));
      C.body.push(put(C.i, 0, add(a, Y)), put(C.i, st.J, sub(add(b, idx(id(`D${st.n}`), C.i)), Y)));
      return em.closeLoop(C);
    }
    case "normalLinearMarginal":
      return linear(em, st, put);
    case "normalNormalMarginal":
      return rows(em, st, put);
  }
}

/** Row sums per group (one pass, runs of equal codes summed in locals), then the group pass. */
function rows(em: Emitter, st: Extract<MarginalStatement, { kind: "normalNormalMarginal" }>, put: (at: JsExpr, k: number, v: JsExpr) => JsStmt): JsStmt[] {
  const { n, J } = st;
  const [M, S0, S1] = Array.from({ length: 3 }, () => id(em.scratch(J)));
  const codes = id(`D${st.group}`);
  const out: JsStmt[] = [];
  const A = em.newLoop(J);
  A.body.push(assign(idx(M, A.i), "=", em.forward(st.mu, A).v), assign(idx(S0, A.i), "=", num(0)), assign(idx(S1, A.i), "=", num(0)));
  out.push(...em.closeLoop(A));
  let w: JsExpr | null = null;
  if (n > 0) {
    const B = em.newLoop(n);
    const g = em.bind(B, false, sub(idx(codes, B.i), num(1)));
    const y = em.forward(st.y, B).v;
    const eta = st.eta ? em.forward(st.eta, B).v : null;
    const s = em.forward(st.sigma, B);
    const e = em.bind(B, false, sub(eta ? sub(y, eta) : y, idx(M, g)));
    let terms: [JsExpr, JsExpr];
    if (s.inv) {
      // One σ: unweighted sums, scaled by w = σ⁻² per group (as groupSums does). w is bound before
      // the row loop, at the function's top level, so the group pass below reads it too.
      w = em.bind(B, true, div(num(1), mul(s.v, s.v)), em.hoisted(B, true));
      terms = [num(1), e];
    } else {
      const known = knownSigma(em, st);
      const wi = known !== null ? em.bind(B, false, idx(id(known.w), B.i)) : em.bind(B, false, div(num(1), mul(s.v, s.v)));
      terms = [wi, mul(wi, e)];
    }
    sumByGroup(em, B, codes, g, [S0, S1], terms);
    out.push(...em.closeLoop(B));
  }
  const C = em.newLoop(J);
  const tau = em.forward(st.tau, C).v;
  const s0 = em.bind(C, false, w !== null ? mul(idx(S0, C.i), w) : idx(S0, C.i));
  const s1 = em.bind(C, false, w !== null ? mul(idx(S1, C.i), w) : idx(S1, C.i));
  const t2 = em.bind(C, false, mul(tau, tau));
  const iD = em.bind(C, false, div(num(1), add(num(1), mul(t2, s0))));
  C.body.push(put(C.i, 0, add(idx(M, C.i), mul(mul(t2, s1), iD))), put(C.i, J, mathCall("sqrt", mul(t2, iD))));
  out.push(...em.closeLoop(C));
  return out;
}

/**
 * From the statistics row of group j (n_j, Sy, Syy, Sx_1..K, …) about the reference fit (β₀, c):
 * A = Sy − Σ_k Sx_k (β_k − β₀_k), mean μ + τ² w (A − n_j (μ − c)) / Δ, sd √(τ²/Δ), Δ = 1 + τ² w n_j.
 */
function linear(em: Emitter, st: Extract<MarginalStatement, { kind: "normalLinearMarginal" }>, put: (at: JsExpr, k: number, v: JsExpr) => JsStmt): JsStmt[] {
  const { J, K } = st;
  const P = normalLinearStatsWidth(K);
  const stats = id(`D${st.stats}`);
  const centre = id(`D${st.centre}`);
  const C = em.newLoop(J);
  const before = em.hoisted(C, true);
  const s = em.forward(st.sigma, C).v;
  const w = em.bind(C, true, div(num(1), mul(s, s)), before);
  const dBeta = st.beta.map((b, k) => em.bind(C, true, sub(em.forward(b, C).v, idx(centre, num(k))), before));
  const mu = em.forward(st.mu, C).v;
  const tau = em.forward(st.tau, C).v;
  const row = em.bind(C, false, mul(C.i, num(P)));
  let A: JsExpr = idx(stats, add(row, num(1)));
  for (let k = 0; k < K; k++) A = sub(A, mul(idx(stats, add(row, num(3 + k))), dBeta[k]));
  const a = em.bind(C, false, A);
  const count = em.bind(C, false, idx(stats, row));
  const t2 = em.bind(C, false, mul(tau, tau));
  const iD = em.bind(C, false, div(num(1), add(num(1), mul(mul(t2, w), count))));
  const mean = add(mu, mul(mul(mul(t2, w), sub(a, mul(count, sub(mu, idx(centre, num(K)))))), iD));
  C.body.push(put(C.i, 0, mean), put(C.i, J, mathCall("sqrt", mul(t2, iD))));
  return em.closeLoop(C);
}
