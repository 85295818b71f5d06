/**
 * Inline code templates, one per distribution family: each emits the log density of one element and
 * its partials as expression trees, so a statement becomes one fused loop. Loop-invariant pieces (a
 * scalar sigma's log) are hoisted by `TemplateCtx.let`, terms of data alone (`-lgamma(y+1)`) are summed
 * once at compile time by `TemplateCtx.term`. Densities are full (constants kept); an argument outside
 * its support makes the function return -Infinity. Each template is tested against the reference
 * evaluator (test/compiler/property.test.ts) and against src/distributions (test/compiler/families.test.ts).
 */
import { add, bin, cond, div, id, type JsExpr, mathCall, mul, neg, num, sub, call } from "./js.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import { lbeta } from "../math/lbeta.js";
import { lgamma } from "../math/lgamma.js";

export interface Operand {
  /** The value at the current element (an identifier, literal or array read). */
  v: JsExpr;
  /** Independent of the loop index. */
  inv: boolean;
  /** Depends on a parameter (needs a partial). */
  dep: boolean;
  /** Depends on data only (value known at compile time). */
  dataOnly: boolean;
}

export interface TemplateCtx {
  /** Operands: the outcome, then the family's arguments in signature order. */
  ops: Operand[];
  /** Binds `e` to a fresh local, hoisted out of the loop when all `deps` are loop-invariant. */
  let(deps: Operand[], e: JsExpr): JsExpr;
  /** Returns -Infinity from the log density unless `ok` holds (hoisted when the deps are invariant). */
  check(deps: Operand[], ok: JsExpr): void;
  /** Adds a log-density term; when every dep is data-only and `value` is given, it is summed at compile time. */
  term(deps: Operand[], e: JsExpr, value?: (...vals: number[]) => number): void;
  /** Adds a numeric constant per element. */
  constant(c: number): void;
  /** The partial of the element's log density with respect to operand `k`. */
  partial(k: number, e: JsExpr): void;
}

const rt = (name: string, ...args: JsExpr[]): JsExpr => call(id(name), ...args);
const log = (x: JsExpr): JsExpr => mathCall("log", x);
const sq = (x: JsExpr): JsExpr => mul(x, x);
const gt0 = (x: JsExpr): JsExpr => bin(">", x, num(0));
const ge0 = (x: JsExpr): JsExpr => bin(">=", x, num(0));
const and = (a: JsExpr, b: JsExpr): JsExpr => bin("&&", a, b);
const abs = (x: JsExpr): JsExpr => mathCall("abs", x);
const inUnit = (x: JsExpr): JsExpr => and(bin(">=", x, num(0)), bin("<=", x, num(1)));
const lgam = (x: JsExpr): JsExpr => rt("lgamma", x);
const dig = (x: JsExpr): JsExpr => rt("digamma", x);
const lchoose = (N: number, n: number): number => lgamma(N + 1) - lgamma(n + 1) - lgamma(N - n + 1);
const exp = (x: JsExpr): JsExpr => mathCall("exp", x);
const log1p = (x: JsExpr): JsExpr => mathCall("log1p", x);
const expm1 = (x: JsExpr): JsExpr => mathCall("expm1", x);
/** log(eᵃ + eᵇ) as max + log1pExp(−|a − b|): one side may be −∞ (a probability of 0 or 1). */
const lse2 = (a: JsExpr, b: JsExpr): JsExpr => add(mathCall("max", a, b), rt("log1pExp", neg(abs(sub(a, b)))));
/** Below this x = eta − log(phi), log1pExp(x) = eˣ(1 − eˣ/2) to double precision (as src/distributions/zeroInflation.ts). */
const SMALL_X = -30;

/**
 * log(1 − e^(−u)) for u ≥ 0 given log u (finite where u underflows; there the result is log u), and
 * u/expm1(u) (1 at u = 0), the factor of ∂/∂u of −log(1 − e^(−u)) = −1/expm1(u). For the hurdles.
 */
function log1mExpNeg(u: JsExpr, logU: JsExpr): JsExpr {
  return cond(
    bin(">", u, num(Math.LN2)),
    log1p(neg(exp(neg(u)))),
    add(logU, cond(bin(">", u, num(1e-300)), log(div(neg(expm1(neg(u))), u)), num(0))),
  );
}
const uOverExpm1 = (u: JsExpr): JsExpr => cond(bin("<", u, num(1e-8)), sub(num(1), mul(num(0.5), u)), div(u, expm1(u)));

/** The neg_binomial_2_log terms and partials, shared by the zero-inflated and hurdle variants. */
function negBinomial2LogParts(c: TemplateCtx, n: Operand, eta: Operand, phi: Operand): { dEta: () => JsExpr; dPhi: () => JsExpr } {
  const mu = c.let([eta], exp(eta.v));
  const lmp = c.let([eta, phi], log(add(mu, phi.v)));
  const np = c.let([n, phi], add(n.v, phi.v));
  c.term([n], neg(rt("lgamma", add(n.v, num(1)))), (nv) => -lgamma(nv + 1));
  c.term([n, phi], rt("lgamma", np), (nv, p) => lgamma(nv + p));
  c.term([phi], sub(mul(phi.v, log(phi.v)), rt("lgamma", phi.v)), (p) => p * Math.log(p) - lgamma(p));
  c.term([n, eta, phi], sub(mul(n.v, eta.v), mul(np, lmp)));
  const r = c.let([n, eta, phi], div(np, add(mu, phi.v)));
  return {
    dEta: () => sub(n.v, mul(r, mu)),
    dPhi: () => sub(sub(add(dig(np), c.let([phi], add(sub(log(phi.v), dig(phi.v)), num(1)))), lmp), r),
  };
}

/**
 * NegBinomial2 at zero: x = eta − log phi, L = log1pExp(x), s = invLogit(x); log P(0) = −phi·L. With
 * `only` (a condition on the outcome) they are computed where it holds and 0 elsewhere.
 */
function negBinomial2Zero(c: TemplateCtx, n: Operand, eta: Operand, phi: Operand, only: JsExpr | null): { x: JsExpr; L: JsExpr; s: JsExpr; u: JsExpr } {
  const deps = only ? [n, eta, phi] : [eta, phi];
  const when = (e: JsExpr): JsExpr => (only ? cond(only, e, num(0)) : e);
  const x = c.let(deps, when(sub(eta.v, log(phi.v))));
  const L = c.let(deps, when(rt("log1pExp", x)));
  const s = c.let(deps, when(div(num(1), add(num(1), exp(neg(x))))));
  const u = c.let(deps, mul(phi.v, L));
  return { x, L, s, u };
}

/** The zero/hurdle probability's check, log p and log(1 − p), and the test n === 0, shared by the four families. */
function zeroOr(c: TemplateCtx, n: Operand, p: Operand): { zero: JsExpr; lp: JsExpr; l1p: JsExpr } {
  c.check([p], inUnit(p.v));
  return { zero: c.let([n], bin("===", n.v, num(0))), lp: c.let([p], log(p.v)), l1p: c.let([p], log1p(neg(p.v))) };
}

type Template = (c: TemplateCtx) => void;

export const TEMPLATES: Readonly<Record<string, Template>> = Object.freeze({
  normal(c: TemplateCtx) {
    const [y, mu, sigma] = c.ops;
    c.check([sigma], gt0(sigma.v));
    const inv = c.let([sigma], div(num(1), sigma.v));
    c.term([sigma], neg(log(sigma.v)), (s) => -Math.log(s));
    const z = c.let([y, mu, sigma], mul(sub(y.v, mu.v), inv));
    c.term([y, mu, sigma], mul(num(-0.5), sq(z)));
    c.constant(-HALF_LOG_2PI);
    if (y.dep) c.partial(0, neg(mul(z, inv)));
    if (mu.dep) c.partial(1, mul(z, inv));
    if (sigma.dep) c.partial(2, mul(sub(sq(z), num(1)), inv));
  },
  cauchy(c: TemplateCtx) {
    const [y, mu, sigma] = c.ops;
    c.check([sigma], gt0(sigma.v));
    const inv = c.let([sigma], div(num(1), sigma.v));
    c.term([sigma], neg(log(sigma.v)), (s) => -Math.log(s));
    const z = c.let([y, mu, sigma], mul(sub(y.v, mu.v), inv));
    const q = c.let([y, mu, sigma], add(num(1), sq(z)));
    c.term([y, mu, sigma], neg(log(q)));
    c.constant(-Math.log(Math.PI));
    const dz = c.let([y, mu, sigma], div(mul(num(2), mul(z, inv)), q));
    if (y.dep) c.partial(0, neg(dz));
    if (mu.dep) c.partial(1, dz);
    if (sigma.dep) c.partial(2, div(mul(sub(sq(z), num(1)), inv), q));
  },
  student_t(c: TemplateCtx) {
    const [y, nu, mu, sigma] = c.ops;
    c.check([nu], gt0(nu.v));
    c.check([sigma], gt0(sigma.v));
    const inv = c.let([sigma], div(num(1), sigma.v));
    const half = c.let([nu], mul(num(0.5), add(nu.v, num(1))));
    c.term(
      [nu, sigma],
      sub(sub(sub(rt("lgamma", half), rt("lgamma", mul(num(0.5), nu.v))), mul(num(0.5), log(nu.v))), log(sigma.v)),
      (n, s) => lgamma(0.5 * (n + 1)) - lgamma(0.5 * n) - 0.5 * Math.log(n) - Math.log(s),
    );
    c.constant(-0.5 * Math.log(Math.PI));
    const z = c.let([y, mu, sigma], mul(sub(y.v, mu.v), inv));
    const r = c.let([y, mu, sigma, nu], div(sq(z), nu.v));
    const l1p = c.let([y, mu, sigma, nu], mathCall("log1p", r));
    c.term([y, mu, sigma, nu], neg(mul(half, l1p)));
    const w = c.let([y, mu, sigma, nu], div(r, add(num(1), r)));
    if (y.dep || mu.dep) {
      const dz = c.let([y, mu, sigma, nu], div(mul(mul(num(2), half), mul(z, inv)), mul(nu.v, add(num(1), r))));
      if (y.dep) c.partial(0, neg(dz));
      if (mu.dep) c.partial(2, dz);
    }
    if (nu.dep) {
      const dg = c.let([nu], sub(mul(num(0.5), sub(rt("digamma", half), rt("digamma", mul(num(0.5), nu.v)))), div(num(0.5), nu.v)));
      c.partial(1, add(sub(dg, mul(num(0.5), l1p)), div(mul(half, w), nu.v)));
    }
    if (sigma.dep) c.partial(3, mul(sub(mul(mul(num(2), half), w), num(1)), inv));
  },
  lognormal(c: TemplateCtx) {
    const [y, mu, sigma] = c.ops;
    c.check([y], gt0(y.v));
    c.check([sigma], gt0(sigma.v));
    const inv = c.let([sigma], div(num(1), sigma.v));
    const ly = c.let([y], log(y.v));
    c.term([sigma], neg(log(sigma.v)), (s) => -Math.log(s));
    c.term([y], neg(ly), (yv) => -Math.log(yv));
    const z = c.let([y, mu, sigma], mul(sub(ly, mu.v), inv));
    c.term([y, mu, sigma], mul(num(-0.5), sq(z)));
    c.constant(-HALF_LOG_2PI);
    if (y.dep) c.partial(0, neg(div(add(mul(z, inv), num(1)), y.v)));
    if (mu.dep) c.partial(1, mul(z, inv));
    if (sigma.dep) c.partial(2, mul(sub(sq(z), num(1)), inv));
  },
  exponential(c: TemplateCtx) {
    const [y, lambda] = c.ops;
    c.check([lambda], gt0(lambda.v));
    c.check([y], ge0(y.v));
    c.term([lambda], log(lambda.v), (l) => Math.log(l));
    c.term([y, lambda], neg(mul(lambda.v, y.v)), (yv, l) => -l * yv);
    if (y.dep) c.partial(0, neg(lambda.v));
    if (lambda.dep) c.partial(1, sub(div(num(1), lambda.v), y.v));
  },
  gamma(c: TemplateCtx) {
    const [y, alpha, beta] = c.ops;
    c.check([alpha], gt0(alpha.v));
    c.check([beta], gt0(beta.v));
    c.check([y], ge0(y.v));
    const lb = c.let([beta], log(beta.v));
    const ly = c.let([y], log(y.v));
    c.term([alpha, beta], sub(mul(alpha.v, lb), rt("lgamma", alpha.v)), (a, b) => a * Math.log(b) - lgamma(a));
    c.term([y, alpha], mul(sub(alpha.v, num(1)), ly), (yv, a) => (a - 1) * Math.log(yv));
    c.term([y, beta], neg(mul(beta.v, y.v)), (yv, b) => -b * yv);
    if (y.dep) c.partial(0, sub(div(sub(alpha.v, num(1)), y.v), beta.v));
    if (alpha.dep) {
      // digamma(alpha) is loop-invariant for a scalar shape: bound once, not per observation.
      const dga = c.let([alpha], rt("digamma", alpha.v));
      c.partial(1, add(sub(lb, dga), ly));
    }
    if (beta.dep) c.partial(2, sub(div(alpha.v, beta.v), y.v));
  },
  poisson(c: TemplateCtx) {
    const [n, lambda] = c.ops;
    c.check([lambda], gt0(lambda.v));
    c.term([n], neg(rt("lgamma", add(n.v, num(1)))), (nv) => -lgamma(nv + 1));
    c.term([n, lambda], sub(mul(n.v, log(lambda.v)), lambda.v));
    if (lambda.dep) c.partial(1, sub(div(n.v, lambda.v), num(1)));
  },
  poisson_log(c: TemplateCtx) {
    const [n, alpha] = c.ops;
    c.term([n], neg(rt("lgamma", add(n.v, num(1)))), (nv) => -lgamma(nv + 1));
    const e = c.let([alpha], mathCall("exp", alpha.v));
    c.term([n, alpha], sub(mul(n.v, alpha.v), e));
    if (alpha.dep) c.partial(1, sub(n.v, e));
  },
  bernoulli_logit(c: TemplateCtx) {
    const [n, alpha] = c.ops;
    // With s = ±alpha (sign from the outcome): log p = -log1p(exp(-s)), written with e = exp(-|s|).
    const sg = c.let([n], sub(mul(num(2), n.v), num(1)));
    const s = c.let([n, alpha], mul(sg, alpha.v));
    const e = c.let([n, alpha], mathCall("exp", neg(mathCall("abs", s))));
    c.term([n, alpha], sub(mathCall("min", s, num(0)), mathCall("log1p", e)));
    if (alpha.dep) c.partial(1, div(mul(sg, cond(bin(">", s, num(0)), e, num(1))), add(num(1), e)));
  },
  binomial_logit(c: TemplateCtx) {
    const [n, N, alpha] = c.ops;
    c.term([n, N], num(0), (nv, Nv) => lchoose(Nv, nv));
    const e = c.let([alpha], mathCall("exp", neg(mathCall("abs", alpha.v))));
    const l = c.let([alpha], mathCall("log1p", e));
    // log inv_logit(a) = -(max(-a, 0) + l), log1m_inv_logit(a) = -(max(a, 0) + l).
    c.term(
      [n, N, alpha],
      neg(add(mul(n.v, add(mathCall("max", neg(alpha.v), num(0)), l)), mul(sub(N.v, n.v), add(mathCall("max", alpha.v, num(0)), l)))),
    );
    if (alpha.dep) {
      const p = c.let([alpha], div(cond(bin(">", alpha.v, num(0)), num(1), e), add(num(1), e)));
      c.partial(2, sub(n.v, mul(N.v, p)));
    }
  },
  neg_binomial_2_log(c: TemplateCtx) {
    const [n, eta, phi] = c.ops;
    c.check([phi], gt0(phi.v));
    const mu = c.let([eta], mathCall("exp", eta.v));
    const lmp = c.let([eta, phi], log(add(mu, phi.v)));
    const np = c.let([n, phi], add(n.v, phi.v));
    c.term([n], neg(rt("lgamma", add(n.v, num(1)))), (nv) => -lgamma(nv + 1));
    // Terms in phi alone are split off so a scalar phi's lgamma/log are computed once, not per row.
    c.term([n, phi], rt("lgamma", np), (nv, p) => lgamma(nv + p));
    c.term([phi], sub(mul(phi.v, log(phi.v)), rt("lgamma", phi.v)), (p) => p * Math.log(p) - lgamma(p));
    c.term([n, eta, phi], sub(mul(n.v, eta.v), mul(np, lmp)));
    const r = c.let([n, eta, phi], div(np, add(mu, phi.v)));
    if (eta.dep) c.partial(1, sub(n.v, mul(r, mu)));
    if (phi.dep) {
      const phiPart = c.let([phi], add(sub(log(phi.v), rt("digamma", phi.v)), num(1)));
      c.partial(2, sub(sub(add(rt("digamma", np), phiPart), lmp), r));
    }
  },
  double_exponential(c: TemplateCtx) {
    const [y, mu, sigma] = c.ops;
    c.check([sigma], gt0(sigma.v));
    const inv = c.let([sigma], div(num(1), sigma.v));
    c.term([sigma], neg(log(sigma.v)), (s) => -Math.log(s));
    const d = c.let([y, mu], sub(y.v, mu.v));
    const a = c.let([y, mu], abs(d));
    c.term([y, mu, sigma], neg(mul(a, inv)), (yv, m, s) => -Math.abs(yv - m) / s);
    c.constant(-Math.LN2);
    if (y.dep || mu.dep) {
      // The subgradient 0 at y = mu, as Stan's sign().
      const sg = c.let([y, mu, sigma], cond(bin(">", d, num(0)), inv, cond(bin("<", d, num(0)), neg(inv), num(0))));
      if (y.dep) c.partial(0, neg(sg));
      if (mu.dep) c.partial(1, sg);
    }
    if (sigma.dep) c.partial(2, mul(sub(mul(a, inv), num(1)), inv));
  },
  logistic(c: TemplateCtx) {
    const [y, mu, sigma] = c.ops;
    c.check([sigma], gt0(sigma.v));
    const inv = c.let([sigma], div(num(1), sigma.v));
    c.term([sigma], neg(log(sigma.v)), (s) => -Math.log(s));
    // The density is symmetric in z: -|z| - 2 log1p(exp(-|z|)) never overflows.
    const z = c.let([y, mu, sigma], mul(sub(y.v, mu.v), inv));
    const az = c.let([y, mu, sigma], abs(z));
    const e = c.let([y, mu, sigma], mathCall("exp", neg(az)));
    c.term([y, mu, sigma], sub(neg(az), mul(num(2), mathCall("log1p", e))));
    if (y.dep || mu.dep || sigma.dep) {
      // d/dz = -tanh(z/2), with tanh(|z|/2) = (1 - e)/(1 + e).
      const th = c.let([y, mu, sigma], div(sub(num(1), e), add(num(1), e)));
      const dz = c.let([y, mu, sigma], cond(bin(">", z, num(0)), neg(th), th));
      if (y.dep) c.partial(0, mul(dz, inv));
      if (mu.dep) c.partial(1, neg(mul(dz, inv)));
      if (sigma.dep) c.partial(2, mul(sub(neg(mul(z, dz)), num(1)), inv));
    }
  },
  inv_gamma(c: TemplateCtx) {
    const [y, alpha, beta] = c.ops;
    c.check([alpha], gt0(alpha.v));
    c.check([beta], gt0(beta.v));
    c.check([y], gt0(y.v));
    const lb = c.let([beta], log(beta.v));
    const ly = c.let([y], log(y.v));
    const iy = c.let([y], div(num(1), y.v));
    c.term([alpha, beta], sub(mul(alpha.v, lb), lgam(alpha.v)), (a, b) => a * Math.log(b) - lgamma(a));
    c.term([y, alpha], neg(mul(add(alpha.v, num(1)), ly)), (yv, a) => -(a + 1) * Math.log(yv));
    c.term([y, beta], neg(mul(beta.v, iy)), (yv, b) => -b / yv);
    if (y.dep) c.partial(0, mul(sub(mul(beta.v, iy), add(alpha.v, num(1))), iy));
    // digamma(alpha) and alpha/beta bound with their own dependencies: computed once for scalar
    // hyperparameters, not per observation.
    if (alpha.dep) c.partial(1, sub(c.let([alpha, beta], sub(lb, dig(alpha.v))), ly));
    if (beta.dep) c.partial(2, sub(c.let([alpha, beta], div(alpha.v, beta.v)), iy));
  },
  weibull(c: TemplateCtx) {
    const [y, alpha, sigma] = c.ops;
    c.check([alpha], gt0(alpha.v));
    c.check([sigma], gt0(sigma.v));
    c.check([y], gt0(y.v));
    const l = c.let([y, sigma], log(div(y.v, sigma.v)));
    const t = c.let([y, alpha, sigma], mathCall("exp", mul(alpha.v, l)));
    c.term([alpha], log(alpha.v), (a) => Math.log(a));
    c.term([sigma], neg(log(sigma.v)), (s) => -Math.log(s));
    c.term([y, alpha, sigma], sub(mul(sub(alpha.v, num(1)), l), t), (yv, a, s) => (a - 1) * Math.log(yv / s) - Math.pow(yv / s, a));
    if (y.dep) c.partial(0, div(sub(sub(alpha.v, num(1)), mul(alpha.v, t)), y.v));
    if (alpha.dep) c.partial(1, add(div(num(1), alpha.v), mul(l, sub(num(1), t))));
    if (sigma.dep) c.partial(2, div(mul(alpha.v, sub(t, num(1))), sigma.v));
  },
  beta(c: TemplateCtx) {
    const [y, a, b] = c.ops;
    c.check([a], gt0(a.v));
    c.check([b], gt0(b.v));
    c.check([y], and(gt0(y.v), bin("<", y.v, num(1))));
    const ly = c.let([y], log(y.v));
    const l1y = c.let([y], mathCall("log1p", neg(y.v)));
    c.term([a, b], neg(rt("lbeta", a.v, b.v)), (av, bv) => -lbeta(av, bv));
    c.term([y, a], mul(sub(a.v, num(1)), ly), (yv, av) => (av - 1) * Math.log(yv));
    c.term([y, b], mul(sub(b.v, num(1)), l1y), (yv, bv) => (bv - 1) * Math.log1p(-yv));
    if (y.dep) c.partial(0, sub(div(sub(a.v, num(1)), y.v), div(sub(b.v, num(1)), sub(num(1), y.v))));
    if (a.dep || b.dep) {
      const pab = c.let([a, b], dig(add(a.v, b.v)));
      if (a.dep) c.partial(1, add(ly, c.let([a, b], sub(pab, dig(a.v)))));
      if (b.dep) c.partial(2, add(l1y, c.let([a, b], sub(pab, dig(b.v)))));
    }
  },
  uniform(c: TemplateCtx) {
    const [y, a, b] = c.ops;
    c.check([a, b], bin(">", b.v, a.v));
    c.check([y, a, b], and(bin(">=", y.v, a.v), bin("<=", y.v, b.v)));
    const w = c.let([a, b], sub(b.v, a.v));
    c.term([a, b], neg(log(w)), (av, bv) => -Math.log(bv - av));
    // ∂/∂y is 0 inside the support (Stan's convention).
    if (a.dep || b.dep) {
      const iw = c.let([a, b], div(num(1), w));
      if (a.dep) c.partial(1, iw);
      if (b.dep) c.partial(2, neg(iw));
    }
  },
  bernoulli(c: TemplateCtx) {
    const [n, theta] = c.ops;
    c.check([theta], inUnit(theta.v));
    const one = bin("===", n.v, num(1));
    c.term([n, theta], cond(one, log(theta.v), mathCall("log1p", neg(theta.v))), (nv, t) => (nv === 1 ? Math.log(t) : Math.log1p(-t)));
    if (theta.dep) c.partial(1, cond(one, div(num(1), theta.v), div(num(-1), sub(num(1), theta.v))));
  },
  binomial(c: TemplateCtx) {
    const [n, N, theta] = c.ops;
    c.check([theta], inUnit(theta.v));
    c.term([n, N], num(0), (nv, Nv) => lchoose(Nv, nv));
    // 0 · log 0 = 0 at theta ∈ {0, 1}: the terms are written only where their count is positive.
    const m = c.let([n, N], sub(N.v, n.v));
    const pos = (x: JsExpr): JsExpr => bin(">", x, num(0));
    c.term(
      [n, N, theta],
      add(cond(pos(n.v), mul(n.v, log(theta.v)), num(0)), cond(pos(m), mul(m, mathCall("log1p", neg(theta.v))), num(0))),
      (nv, Nv, t) => (nv > 0 ? nv * Math.log(t) : 0) + (Nv - nv > 0 ? (Nv - nv) * Math.log1p(-t) : 0),
    );
    if (theta.dep) c.partial(2, sub(cond(pos(n.v), div(n.v, theta.v), num(0)), cond(pos(m), div(m, sub(num(1), theta.v)), num(0))));
  },
  neg_binomial_2(c: TemplateCtx) {
    const [n, mu, phi] = c.ops;
    c.check([mu], gt0(mu.v));
    c.check([phi], gt0(phi.v));
    const lmp = c.let([mu, phi], log(add(mu.v, phi.v)));
    const np = c.let([n, phi], add(n.v, phi.v));
    c.term([n], neg(lgam(add(n.v, num(1)))), (nv) => -lgamma(nv + 1));
    c.term([n, phi], lgam(np), (nv, p) => lgamma(nv + p));
    c.term([phi], sub(mul(phi.v, log(phi.v)), lgam(phi.v)), (p) => p * Math.log(p) - lgamma(p));
    c.term([n, mu], mul(n.v, log(mu.v)), (nv, m) => (nv === 0 ? 0 : nv * Math.log(m)));
    c.term([n, mu, phi], neg(mul(np, lmp)), (nv, m, p) => -(nv + p) * Math.log(m + p));
    const r = c.let([n, mu, phi], div(np, add(mu.v, phi.v)));
    if (mu.dep) c.partial(1, sub(div(n.v, mu.v), r));
    if (phi.dep) {
      const phiPart = c.let([phi], add(sub(log(phi.v), dig(phi.v)), num(1)));
      c.partial(2, sub(sub(add(dig(np), phiPart), lmp), r));
    }
  },
  beta_binomial(c: TemplateCtx) {
    const [n, N, a, b] = c.ops;
    c.check([a], gt0(a.v));
    c.check([b], gt0(b.v));
    c.term([n, N], num(0), (nv, Nv) => lchoose(Nv, nv));
    const na = c.let([n, a], add(n.v, a.v));
    const mb = c.let([n, N, b], add(sub(N.v, n.v), b.v));
    c.term([n, N, a, b], rt("lbeta", na, mb), (nv, Nv, av, bv) => lbeta(nv + av, Nv - nv + bv));
    c.term([a, b], neg(rt("lbeta", a.v, b.v)), (av, bv) => -lbeta(av, bv));
    if (a.dep || b.dep) {
      const dab = c.let([a, b], dig(add(a.v, b.v)));
      const common = c.let([n, N, a, b], sub(dab, dig(add(N.v, add(a.v, b.v)))));
      if (a.dep) c.partial(2, add(sub(dig(na), c.let([a], dig(a.v))), common));
      if (b.dep) c.partial(3, add(sub(dig(mb), c.let([b], dig(b.v))), common));
    }
  },
  zero_inflated_poisson_log(c: TemplateCtx) {
    const [n, eta, zi] = c.ops;
    const { zero, lp: lz, l1p: l1z } = zeroOr(c, n, zi);
    const lam = c.let([eta], exp(eta.v));
    c.term([n], neg(lgam(add(n.v, num(1)))), (nv) => -lgamma(nv + 1));
    // At zero: log(zi + (1 − zi)·e^(−λ)); a is the log of the count part's share. Both are computed
    // at zeros only (0 elsewhere), which saves an exp and a log1p on every positive count.
    const a = c.let([eta, zi], sub(l1z, lam));
    const lp0 = c.let([n, eta, zi], cond(zero, lse2(lz, a), num(0)));
    c.term([n, eta, zi], cond(zero, lp0, add(l1z, sub(mul(n.v, eta.v), lam))));
    if (eta.dep) c.partial(1, cond(zero, neg(mul(lam, exp(sub(a, lp0)))), sub(n.v, lam)));
    if (zi.dep) c.partial(2, cond(zero, mul(neg(expm1(neg(lam))), exp(neg(lp0))), div(num(-1), sub(num(1), zi.v))));
  },
  zero_inflated_neg_binomial_2_log(c: TemplateCtx) {
    const [n, eta, phi, zi] = c.ops;
    c.check([phi], gt0(phi.v));
    const { zero, lp: lz, l1p: l1z } = zeroOr(c, n, zi);
    // The NB terms everywhere; at zero they are log P(0) = −phi·L, and the mixture adds
    // log(zi/P(0) + 1 − zi) = lse(lz − log P(0), l1z); elsewhere log(1 − zi).
    const nb = negBinomial2LogParts(c, n, eta, phi);
    // P(0)'s pieces are needed at zeros only.
    const z = negBinomial2Zero(c, n, eta, phi, zero);
    const extra0 = c.let([n, eta, phi, zi], cond(zero, lse2(add(lz, z.u), l1z), num(0)));
    c.term([n, eta, phi, zi], cond(zero, extra0, l1z));
    // w = (1 − zi)·P(0)/(mixture at 0): the count part's share of the zero.
    const w = eta.dep || phi.dep ? c.let([n, eta, phi, zi], cond(zero, exp(sub(l1z, extra0)), num(0))) : num(0);
    if (eta.dep) c.partial(1, cond(zero, neg(mul(w, mul(phi.v, z.s))), nb.dEta()));
    if (phi.dep) c.partial(2, cond(zero, mul(w, sub(z.s, z.L)), nb.dPhi()));
    if (zi.dep) c.partial(3, cond(zero, mul(neg(expm1(neg(z.u))), exp(sub(z.u, extra0))), div(num(-1), sub(num(1), zi.v))));
  },
  hurdle_poisson_log(c: TemplateCtx) {
    const [n, eta, hu] = c.ops;
    const { zero, lp: lh, l1p: l1h } = zeroOr(c, n, hu);
    const lam = c.let([eta], exp(eta.v));
    c.term([n], neg(lgam(add(n.v, num(1)))), (nv) => -lgamma(nv + 1));
    c.term([n, eta, hu], cond(zero, lh, sub(add(l1h, sub(mul(n.v, eta.v), lam)), log1mExpNeg(lam, eta.v))));
    if (eta.dep) c.partial(1, cond(zero, num(0), sub(sub(n.v, lam), uOverExpm1(lam))));
    if (hu.dep) c.partial(2, cond(zero, div(num(1), hu.v), div(num(-1), sub(num(1), hu.v))));
  },
  hurdle_neg_binomial_2_log(c: TemplateCtx) {
    const [n, eta, phi, hu] = c.ops;
    c.check([phi], gt0(phi.v));
    const { zero, lp: lh, l1p: l1h } = zeroOr(c, n, hu);
    // The NB terms everywhere; at zero they are log P(0) = −u, replaced by log hu; elsewhere the
    // truncation adds −log(1 − P(0)).
    const nb = negBinomial2LogParts(c, n, eta, phi);
    const z = negBinomial2Zero(c, n, eta, phi, null);
    const small = c.let([eta, phi], bin("<", z.x, num(SMALL_X)));
    const ex = c.let([eta, phi], exp(z.x));
    // log(1 − P(0)) and its partials' pieces at positive counts only.
    const logU = cond(small, add(eta.v, log1p(mul(num(-0.5), ex))), add(log(phi.v), log(z.L)));
    c.term([n, eta, phi, hu], cond(zero, add(lh, z.u), sub(l1h, log1mExpNeg(z.u, logU))));
    if (eta.dep || phi.dep) {
      const q = c.let([n, eta, phi], cond(zero, num(0), uOverExpm1(z.u)));
      const sl = c.let([n, eta, phi], cond(zero, num(0), div(z.s, z.L)));
      // (∂u/∂eta)/u = s/L and (∂u/∂phi)/u = (1 − s/L)/phi, expanded where s and L underflow.
      if (eta.dep) c.partial(1, cond(zero, num(0), sub(nb.dEta(), mul(cond(small, sub(num(1), mul(num(0.5), ex)), sl), q))));
      if (phi.dep) c.partial(2, cond(zero, num(0), sub(nb.dPhi(), div(mul(cond(small, mul(num(0.5), ex), sub(num(1), sl)), q), phi.v))));
    }
    if (hu.dep) c.partial(3, cond(zero, div(num(1), hu.v), div(num(-1), sub(num(1), hu.v))));
  },
  // brms's semicontinuous hurdles: log hu at y = 0, log(1 − hu) + the positive part's density elsewhere.
  // The positive part's terms sit inside the condition, so log 0 at the zeros is never selected.
  hurdle_gamma(c: TemplateCtx) {
    const [y, alpha, beta, hu] = c.ops;
    c.check([alpha], gt0(alpha.v));
    c.check([beta], gt0(beta.v));
    c.check([y], ge0(y.v));
    const { zero, lp: lh, l1p: l1h } = zeroOr(c, y, hu);
    const lb = c.let([beta], log(beta.v));
    const ly = c.let([y], log(y.v));
    const norm = c.let([alpha, beta], sub(mul(alpha.v, lb), lgam(alpha.v)));
    c.term([y, alpha, beta, hu], cond(zero, lh, add(add(l1h, norm), sub(mul(sub(alpha.v, num(1)), ly), mul(beta.v, y.v)))));
    if (y.dep) c.partial(0, cond(zero, num(0), sub(div(sub(alpha.v, num(1)), y.v), beta.v)));
    if (alpha.dep) c.partial(1, cond(zero, num(0), add(sub(lb, c.let([alpha], dig(alpha.v))), ly)));
    if (beta.dep) c.partial(2, cond(zero, num(0), sub(div(alpha.v, beta.v), y.v)));
    if (hu.dep) c.partial(3, cond(zero, div(num(1), hu.v), div(num(-1), sub(num(1), hu.v))));
  },
  hurdle_lognormal(c: TemplateCtx) {
    const [y, mu, sigma, hu] = c.ops;
    c.check([sigma], gt0(sigma.v));
    c.check([y], ge0(y.v));
    const { zero, lp: lh, l1p: l1h } = zeroOr(c, y, hu);
    const inv = c.let([sigma], div(num(1), sigma.v));
    const norm = c.let([sigma], sub(neg(log(sigma.v)), num(HALF_LOG_2PI)));
    const ly = c.let([y], log(y.v));
    const z = c.let([y, mu, sigma], cond(zero, num(0), mul(sub(ly, mu.v), inv)));
    c.term([y, mu, sigma, hu], cond(zero, lh, sub(add(l1h, norm), add(ly, mul(num(0.5), sq(z))))));
    if (y.dep) c.partial(0, cond(zero, num(0), neg(div(add(mul(z, inv), num(1)), y.v))));
    if (mu.dep) c.partial(1, mul(z, inv));
    if (sigma.dep) c.partial(2, cond(zero, num(0), mul(sub(sq(z), num(1)), inv)));
    if (hu.dep) c.partial(3, cond(zero, div(num(1), hu.v), div(num(-1), sub(num(1), hu.v))));
  },
});

/** Runtime functions generated code may call, by the identifier it uses. */
export const RUNTIME_NAMES = ["lgamma", "digamma", "log1pExp", "Phi", "lbeta", "logPhi", "logDiffPhi", "log1mExpNegT", "tOverExpm1"] as const;
