/**
 * Textbook log densities written with the tape's primitive operations, for the reference evaluator:
 * no hand-derived partials, so they check the compiler's templates independently.
 */
import { HALF_LOG_2PI } from "../math/constants.js";
import { need, type Node, type Tape } from "./tape.js";

/** Textbook log densities on the tape. `a` holds the arguments in signature order. */
export function familyLpdf(t: Tape, family: string, y: Node, a: Node[]): Node {
  const c = (v: number) => t.c(v);
  const log = (x: Node) => t.unary("log", x);
  const lg = (x: Node) => t.unary("lgamma", x);
  const sq = (x: Node) => t.unary("square", x);
  switch (family) {
    case "normal": {
      need(a[1].v > 0);
      const z = t.div(t.sub(y, a[0]), a[1]);
      return t.sub(t.sub(t.mul(c(-0.5), sq(z)), log(a[1])), c(HALF_LOG_2PI));
    }
    case "student_t": {
      const [nu, mu, sigma] = a;
      need(nu.v > 0 && sigma.v > 0);
      const z = t.div(t.sub(y, mu), sigma);
      const half = t.div(t.add(nu, c(1)), c(2));
      const norm = t.sub(t.sub(lg(half), lg(t.div(nu, c(2)))), t.mul(c(0.5), log(t.mul(nu, c(Math.PI)))));
      return t.sub(t.sub(norm, log(sigma)), t.mul(half, log(t.add(c(1), t.div(sq(z), nu)))));
    }
    case "cauchy": {
      need(a[1].v > 0);
      const z = t.div(t.sub(y, a[0]), a[1]);
      return t.sub(t.sub(c(-Math.log(Math.PI)), log(a[1])), log(t.add(c(1), sq(z))));
    }
    case "lognormal": {
      need(y.v > 0 && a[1].v > 0);
      const z = t.div(t.sub(log(y), a[0]), a[1]);
      return t.sub(t.sub(t.sub(t.mul(c(-0.5), sq(z)), log(a[1])), c(HALF_LOG_2PI)), log(y));
    }
    case "exponential":
      need(a[0].v > 0 && y.v >= 0);
      return t.sub(log(a[0]), t.mul(a[0], y));
    case "gamma": {
      const [al, be] = a;
      need(al.v > 0 && be.v > 0 && y.v >= 0);
      return t.sub(t.add(t.sub(t.mul(al, log(be)), lg(al)), t.mul(t.sub(al, c(1)), log(y))), t.mul(be, y));
    }
    case "poisson":
      need(a[0].v > 0);
      return t.sub(t.sub(t.mul(y, log(a[0])), a[0]), lg(t.add(y, c(1))));
    case "poisson_log":
      return t.sub(t.sub(t.mul(y, a[0]), t.unary("exp", a[0])), lg(t.add(y, c(1))));
    case "bernoulli_logit":
      return t.add(t.mul(y, t.unary("logInvLogit", a[0])), t.mul(t.sub(c(1), y), t.unary("log1mInvLogit", a[0])));
    case "binomial_logit": {
      const [N, al] = a;
      const lchoose = t.sub(t.sub(lg(t.add(N, c(1))), lg(t.add(y, c(1)))), lg(t.add(t.sub(N, y), c(1))));
      return t.add(t.add(lchoose, t.mul(y, t.unary("logInvLogit", al))), t.mul(t.sub(N, y), t.unary("log1mInvLogit", al)));
    }
    case "neg_binomial_2_log": {
      const [eta, phi] = a;
      need(phi.v > 0);
      const lmp = log(t.add(t.unary("exp", eta), phi));
      const norm = t.sub(t.sub(lg(t.add(y, phi)), lg(t.add(y, c(1)))), lg(phi));
      return t.add(t.add(norm, t.mul(y, t.sub(eta, lmp))), t.mul(phi, t.sub(log(phi), lmp)));
    }
    case "double_exponential": {
      need(a[1].v > 0);
      return t.sub(t.sub(c(-Math.LN2), log(a[1])), t.div(t.unary("abs", t.sub(y, a[0])), a[1]));
    }
    case "logistic": {
      need(a[1].v > 0);
      const z = t.div(t.sub(y, a[0]), a[1]);
      return t.sub(t.sub(t.unary("neg", z), log(a[1])), t.mul(c(2), t.unary("log1p", t.unary("exp", t.unary("neg", z)))));
    }
    case "inv_gamma": {
      const [al, be] = a;
      need(al.v > 0 && be.v > 0 && y.v > 0);
      return t.sub(t.sub(t.sub(t.mul(al, log(be)), lg(al)), t.mul(t.add(al, c(1)), log(y))), t.div(be, y));
    }
    case "weibull": {
      const [al, si] = a;
      need(al.v > 0 && si.v > 0 && y.v > 0);
      const r = t.div(y, si);
      return t.sub(t.add(t.sub(log(al), log(si)), t.mul(t.sub(al, c(1)), log(r))), t.pow(r, al));
    }
    case "beta": {
      const [al, be] = a;
      need(al.v > 0 && be.v > 0 && y.v > 0 && y.v < 1);
      const lbeta = t.sub(t.add(lg(al), lg(be)), lg(t.add(al, be)));
      return t.sub(t.add(t.mul(t.sub(al, c(1)), log(y)), t.mul(t.sub(be, c(1)), log(t.sub(c(1), y)))), lbeta);
    }
    case "uniform": {
      const [lo, hi] = a;
      need(hi.v > lo.v && y.v >= lo.v && y.v <= hi.v);
      return t.unary("neg", log(t.sub(hi, lo)));
    }
    case "bernoulli": {
      need(a[0].v >= 0 && a[0].v <= 1);
      return y.v === 1 ? log(a[0]) : log(t.sub(c(1), a[0]));
    }
    case "binomial": {
      const [N, th] = a;
      need(th.v >= 0 && th.v <= 1);
      const lchoose = t.sub(t.sub(lg(t.add(N, c(1))), lg(t.add(y, c(1)))), lg(t.add(t.sub(N, y), c(1))));
      // 0 · log 0 = 0: a term whose count is 0 is left out.
      let lp = lchoose;
      if (y.v > 0) lp = t.add(lp, t.mul(y, log(th)));
      if (N.v - y.v > 0) lp = t.add(lp, t.mul(t.sub(N, y), log(t.sub(c(1), th))));
      return lp;
    }
    case "neg_binomial_2": {
      const [mu, phi] = a;
      need(mu.v > 0 && phi.v > 0);
      const lmp = log(t.add(mu, phi));
      const norm = t.sub(t.sub(lg(t.add(y, phi)), lg(t.add(y, c(1)))), lg(phi));
      return t.add(t.add(norm, t.mul(y, t.sub(log(mu), lmp))), t.mul(phi, t.sub(log(phi), lmp)));
    }
    case "beta_binomial": {
      const [N, al, be] = a;
      need(al.v > 0 && be.v > 0);
      const lbeta = (p: Node, q: Node) => t.sub(t.add(lg(p), lg(q)), lg(t.add(p, q)));
      const lchoose = t.sub(t.sub(lg(t.add(N, c(1))), lg(t.add(y, c(1)))), lg(t.add(t.sub(N, y), c(1))));
      return t.sub(t.add(lchoose, lbeta(t.add(y, al), t.add(t.sub(N, y), be))), lbeta(al, be));
    }
    case "zero_inflated_poisson_log":
    case "hurdle_poisson_log": {
      const [eta, p] = a;
      need(p.v >= 0 && p.v <= 1);
      const pois = t.sub(t.sub(t.mul(y, eta), t.unary("exp", eta)), lg(t.add(y, c(1))));
      const p0 = t.unary("exp", t.unary("neg", t.unary("exp", eta)));
      return zeroOrCount(t, family.startsWith("hurdle"), y.v === 0, p, pois, p0);
    }
    case "zero_inflated_neg_binomial_2_log":
    case "hurdle_neg_binomial_2_log": {
      const [eta, phi, p] = a;
      need(phi.v > 0 && p.v >= 0 && p.v <= 1);
      const lmp = log(t.add(t.unary("exp", eta), phi));
      const norm = t.sub(t.sub(lg(t.add(y, phi)), lg(t.add(y, c(1)))), lg(phi));
      const nb = t.add(t.add(norm, t.mul(y, t.sub(eta, lmp))), t.mul(phi, t.sub(log(phi), lmp)));
      const p0 = t.unary("exp", t.mul(phi, t.sub(log(phi), lmp)));
      return zeroOrCount(t, family.startsWith("hurdle"), y.v === 0, p, nb, p0);
    }
    case "hurdle_gamma": {
      const [al, be, hu] = a;
      need(al.v > 0 && be.v > 0 && y.v >= 0 && hu.v >= 0 && hu.v <= 1);
      if (y.v === 0) return log(hu);
      const g = t.sub(t.add(t.sub(t.mul(al, log(be)), lg(al)), t.mul(t.sub(al, c(1)), log(y))), t.mul(be, y));
      return t.add(log(t.sub(c(1), hu)), g);
    }
    case "hurdle_lognormal": {
      const [mu, sigma, hu] = a;
      need(sigma.v > 0 && y.v >= 0 && hu.v >= 0 && hu.v <= 1);
      if (y.v === 0) return log(hu);
      const z = t.div(t.sub(log(y), mu), sigma);
      const ln = t.sub(t.sub(t.sub(t.mul(c(-0.5), sq(z)), log(sigma)), log(y)), c(HALF_LOG_2PI));
      return t.add(log(t.sub(c(1), hu)), ln);
    }
  }
  throw new Error(`reference: unknown family ${family}`);
}

/**
 * brms's mixtures at zero, textbook: zero-inflated log(p + (1 − p)·P0) at 0 and log(1 − p) + count
 * elsewhere; hurdle log p at 0 and log(1 − p) + count − log(1 − P0) elsewhere.
 */
function zeroOrCount(t: Tape, hurdle: boolean, isZero: boolean, p: Node, count: Node, p0: Node): Node {
  const log = (x: Node) => t.unary("log", x);
  const q = t.sub(t.c(1), p);
  if (hurdle) return isZero ? log(p) : t.sub(t.add(log(q), count), log(t.sub(t.c(1), p0)));
  return isZero ? log(t.add(p, t.mul(q, p0))) : t.add(log(q), count);
}

/**
 * One row of multi_normal_cholesky(y | mu, diag(s) L) by forward substitution on the tape:
 * z_j = (u_j − Σ_{c<j} L_jc z_c) / L_jj with u = (y − mu)/s; −k/2 log 2π − Σ log(s_j L_jj) − ½|z|².
 */
export function multiNormalRowOnTape(t: Tape, y: Node[], mu: Node[], L: Node[], s: Node[]): Node {
  const k = y.length;
  const z: Node[] = [];
  let lp = t.c(-k * HALF_LOG_2PI);
  for (let j = 0; j < k; j++) {
    need(L[j * k + j].v > 0 && s[j].v > 0);
    let v = t.div(t.sub(y[j], mu[j]), s[j]);
    for (let c = 0; c < j; c++) v = t.sub(v, t.mul(L[j * k + c], z[c]));
    z.push(t.div(v, L[j * k + j]));
    lp = t.sub(lp, t.add(t.unary("log", s[j]), t.unary("log", L[j * k + j])));
    lp = t.sub(lp, t.mul(t.c(0.5), t.unary("square", z[j])));
  }
  return lp;
}

/** dirichlet(y | alpha) = lgamma(Σα) − Σ lgamma(α_j) + Σ (α_j − 1) log y_j. */
export function dirichletOnTape(t: Tape, y: Node[], alpha: Node[]): Node {
  let sum = t.c(0);
  let lp = t.c(0);
  for (let j = 0; j < y.length; j++) {
    need(alpha[j].v > 0 && y[j].v > 0);
    sum = t.add(sum, alpha[j]);
    lp = t.add(lp, t.sub(t.mul(t.sub(alpha[j], t.c(1)), t.unary("log", y[j])), t.unary("lgamma", alpha[j])));
  }
  return t.add(lp, t.unary("lgamma", sum));
}

/**
 * ordered_logistic / ordered_probit textbook form: log(F(c_k − eta) − F(c_{k−1} − eta)), with F(−∞) = 0
 * and F(+∞) = 1 at the end categories; F is inv_logit or Φ. Cutpoints must increase.
 */
export function ordinalOnTape(t: Tape, family: string, k: number, eta: Node, c: Node[]): Node {
  const m = c.length;
  need(Number.isInteger(k) && k >= 1 && k <= m + 1);
  for (let j = 1; j < m; j++) need(c[j].v > c[j - 1].v);
  const F = (x: Node): Node => t.unary(family === "ordered_logistic" ? "invLogit" : "Phi", x);
  // F is symmetric, F(hi) − F(lo) = F(−lo) − F(−hi): the side where both F are below 1/2 keeps the digits.
  const lo = k > 1 ? c[k - 2].v - eta.v : -Infinity;
  const hi = k <= m ? c[k - 1].v - eta.v : Infinity;
  if (lo + hi > 0) {
    const upper = k > 1 ? F(t.sub(eta, c[k - 2])) : t.c(1);
    const lower = k <= m ? F(t.sub(eta, c[k - 1])) : t.c(0);
    return t.unary("log", t.sub(upper, lower));
  }
  const upper = k <= m ? F(t.sub(c[k - 1], eta)) : t.c(1);
  const lower = k > 1 ? F(t.sub(c[k - 2], eta)) : t.c(0);
  return t.unary("log", t.sub(upper, lower));
}
