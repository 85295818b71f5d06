/**
 * The reference evaluator's normal–normal marginal, written the textbook way: for each group, the dense
 * covariance Σ = diag(σ²) + τ² 11ᵀ of its rows, its Cholesky factor on the tape, and
 * log N(r | μ1, Σ) = −½ k log 2π − Σ log L_ii − ½ ‖L⁻¹(r − μ1)‖². O(k³) per group: small cases only,
 * and independent of the compiler's Sherman–Morrison algebra.
 */
import { normalLinearStatsWidth } from "../ir/validate.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import { need, type Node, type Tape } from "./tape.js";

/**
 * `r[i]` = y_i − η_i, `sigma[i]`, and the 0-based `group` of each row; `mu[j]`, `tau[j]` per group.
 */
export function normalNormalMarginalOnTape(t: Tape, r: Node[], sigma: Node[], group: ArrayLike<number>, mu: Node[], tau: Node[]): Node {
  let lp = t.c(0);
  for (let j = 0; j < mu.length; j++) {
    const rows: number[] = [];
    for (let i = 0; i < r.length; i++) if (group[i] === j) rows.push(i);
    const k = rows.length;
    if (k === 0) continue;
    need(tau[j].v > 0);
    for (const i of rows) need(sigma[i].v > 0);
    const t2 = t.unary("square", tau[j]);
    // Σ (lower triangle) and its Cholesky factor, row by row.
    const L: Node[][] = [];
    for (let a = 0; a < k; a++) {
      L.push([]);
      for (let b = 0; b <= a; b++) {
        let v = a === b ? t.add(t2, t.unary("square", sigma[rows[a]])) : t2;
        for (let c = 0; c < b; c++) v = t.sub(v, t.mul(L[a][c], L[b][c]));
        L[a].push(a === b ? t.unary("sqrt", v) : t.div(v, L[b][b]));
      }
    }
    lp = t.sub(lp, t.c(k * HALF_LOG_2PI));
    const z: Node[] = [];
    for (let a = 0; a < k; a++) {
      let v = t.sub(r[rows[a]], mu[j]);
      for (let c = 0; c < a; c++) v = t.sub(v, t.mul(L[a][c], z[c]));
      z.push(t.div(v, L[a][a]));
      lp = t.sub(lp, t.add(t.unary("log", L[a][a]), t.mul(t.c(0.5), t.unary("square", z[a]))));
    }
  }
  return lp;
}

/**
 * The Poisson–Gamma marginal of per-group totals, term by term on the tape:
 * Σ_j a_j log r_j + lgamma(a_j + Y_j) − lgamma(a_j) − (a_j + Y_j) log(r_j + T_j) (lgamma whatever Y_j:
 * independent of the compiler's rising-factorial route).
 */
export function poissonGammaMarginalOnTape(t: Tape, Y: ArrayLike<number>, T: ArrayLike<number>, shape: Node[], rate: Node[]): Node {
  let lp = t.c(0);
  for (let j = 0; j < shape.length; j++) {
    const a = shape[j];
    const r = rate[j];
    need(a.v > 0 && a.v < Infinity && r.v > 0 && r.v < Infinity);
    const aY = t.add(a, t.c(Y[j]));
    const term = t.sub(t.add(t.mul(a, t.unary("log", r)), t.sub(t.unary("lgamma", aY), t.unary("lgamma", a))), t.mul(aY, t.unary("log", t.add(r, t.c(T[j])))));
    lp = t.add(lp, term);
  }
  return lp;
}

/**
 * The beta-binomial marginal of per-group totals, on the tape as Σ_j lgamma(a+Y) + lgamma(b+F) −
 * lgamma(a+b+N) − lgamma(a) − lgamma(b) + lgamma(a+b) with F = N − Y (lgamma whatever the totals).
 */
export function betaBinomialMarginalOnTape(t: Tape, Y: ArrayLike<number>, N: ArrayLike<number>, a: Node[], b: Node[]): Node {
  let lp = t.c(0);
  const lg = (x: Node, k: number): Node => t.unary("lgamma", t.add(x, t.c(k)));
  for (let j = 0; j < a.length; j++) {
    need(a[j].v > 0 && a[j].v < Infinity && b[j].v > 0 && b[j].v < Infinity);
    const ab = t.add(a[j], b[j]);
    const up = t.sub(t.add(lg(a[j], Y[j]), lg(b[j], N[j] - Y[j])), lg(ab, N[j]));
    const down = t.sub(t.add(lg(a[j], 0), lg(b[j], 0)), lg(ab, 0));
    lp = t.add(lp, t.sub(up, down));
  }
  return lp;
}

/**
 * The linear normal–normal marginal from per-group sufficient statistics (layout of
 * NormalLinearMarginal: row j = n_j, Sy, Syy, Sx, Sxy, Sxx about the reference fit β₀, c), term by term
 * on the tape: a log per group (not the compiler's running product), and the textbook
 * Σ_j [−½ log Δ_j − ½ w (S2 − w τ² S1² / Δ_j)] − n log σ − n log√(2π).
 */
export function normalLinearMarginalOnTape(t: Tape, n: number, stats: ArrayLike<number>, centre: ArrayLike<number>, sigma: Node, beta: Node[], mu: Node[], tau: Node[]): Node {
  const K = beta.length;
  const P = normalLinearStatsWidth(K);
  need(sigma.v > 0 && sigma.v < Infinity);
  const w = t.div(t.c(1), t.unary("square", sigma));
  const d = beta.map((b, k) => t.sub(b, t.c(centre[k])));
  let lp = t.sub(t.c(-n * HALF_LOG_2PI), t.mul(t.c(n), t.unary("log", sigma)));
  for (let j = 0; j < mu.length; j++) {
    need(tau[j].v > 0 && tau[j].v < Infinity);
    const row = j * P;
    const nj = stats[row];
    // Residual sums about μ_j: S1 = Σ r, S2 = Σ r² with r = y' − x d − (μ_j − c).
    let A = t.c(stats[row + 1]);
    let B = t.c(stats[row + 2]);
    for (let k = 0; k < K; k++) {
      A = t.sub(A, t.mul(t.c(stats[row + 3 + k]), d[k]));
      B = t.sub(B, t.mul(t.c(2 * stats[row + 3 + K + k]), d[k]));
      for (let l = 0; l < K; l++) B = t.add(B, t.mul(t.c(stats[row + 3 + 2 * K + k * K + l]), t.mul(d[k], d[l])));
    }
    const m = t.sub(mu[j], t.c(centre[K]));
    const S1 = t.sub(A, t.mul(t.c(nj), m));
    const S2 = t.add(t.sub(B, t.mul(t.mul(t.c(2), m), A)), t.mul(t.c(nj), t.unary("square", m)));
    const t2 = t.unary("square", tau[j]);
    const delta = t.add(t.c(1), t.mul(t.mul(t2, w), t.c(nj)));
    const inner = t.sub(S2, t.div(t.mul(t.mul(w, t2), t.unary("square", S1)), delta));
    lp = t.sub(lp, t.mul(t.c(0.5), t.add(t.unary("log", delta), t.mul(w, inner))));
  }
  return lp;
}
