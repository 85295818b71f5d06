/**
 * Templates of censored distribution statements (brms's `cens()`): each row contributes its log density
 * (code 0), log CCDF (1, right-censored at y), log CDF (−1, left-censored at y) or log(CDF(upper) −
 * CDF(y)) (2, interval-censored), chosen per row by the data code, all in the statement's one fused
 * loop. The operands are the outcome, the family's arguments, then the code and the upper bound (0 on
 * rows that are not interval-censored). The outcome is data, so no partial with respect to it. Values
 * and partials follow src/distributions/normalCdf.ts and weibullCdf.ts; the conditional expressions
 * are lazy, so a row computes only its own case. The count families (poisson_log, binomial_logit) call
 * src/distributions/poissonCdf.ts and binomialCdf.ts for their censored rows (brms: right-censored is
 * P(Y > y), interval is P(y < Y ≤ upper)): an incomplete gamma / beta has no closed form to inline. Tested against the reference evaluator
 * (test/compiler/censored.test.ts).
 */
import { HALF_LOG_2PI } from "../math/constants.js";
import { add, bin, call, cond, div, id, type JsExpr, mathCall, mul, neg, num, sub } from "./js.js";
import type { Operand, TemplateCtx } from "./families.js";

const rt = (name: string, ...args: JsExpr[]): JsExpr => call(id(name), ...args);
const log = (x: JsExpr): JsExpr => mathCall("log", x);
const exp = (x: JsExpr): JsExpr => mathCall("exp", x);
const gt0 = (x: JsExpr): JsExpr => bin(">", x, num(0));
const is = (code: Operand, k: number): JsExpr => bin("===", code.v, num(k));
/** log φ(z). */
const lphi = (z: JsExpr): JsExpr => sub(mul(num(-0.5), mul(z, z)), num(HALF_LOG_2PI));

type Template = (c: TemplateCtx) => void;

/**
 * normal and lognormal: z = (x − mu)/σ with x = y or log y. The censored log probability lc is a log Φ
 * (or a difference of two Φ); its ∂/∂z is ±φ(z)/Φ = ±exp(log φ(z) − lc), which stays finite in the far
 * tails. r1, r2 are ∂/∂z and ∂/∂z2 of the row's contribution (r1 = −z on observed rows).
 */
function normalOn(c: TemplateCtx, x: (v: JsExpr) => JsExpr, logJacobian: boolean): void {
  const [y, mu, sigma, code, up] = c.ops;
  const all = [y, mu, sigma, code, up];
  c.check([sigma], gt0(sigma.v));
  if (logJacobian) c.check([y], gt0(y.v));
  const inv = c.let([sigma], div(num(1), sigma.v));
  const ls = c.let([sigma], log(sigma.v));
  const xy = c.let([y], x(y.v));
  const z = c.let([y, mu, sigma], mul(sub(xy, mu.v), inv));
  const z2 = c.let(all, cond(is(code, 2), mul(sub(x(up.v), mu.v), inv), num(0)));
  const lc = c.let(all, cond(is(code, 0), num(0), cond(is(code, 1), rt("logPhi", neg(z)), cond(is(code, -1), rt("logPhi", z), rt("logDiffPhi", z, z2)))));
  let dens = sub(sub(mul(num(-0.5), mul(z, z)), ls), num(HALF_LOG_2PI));
  if (logJacobian) dens = sub(dens, xy);
  c.term(all, cond(is(code, 0), dens, lc));
  if (!mu.dep && !sigma.dep) return;
  const m = c.let(all, cond(is(code, 0), num(0), exp(sub(lphi(z), lc))));
  const r1 = c.let(all, cond(is(code, 0), neg(z), cond(is(code, -1), m, neg(m))));
  const r2 = c.let(all, cond(is(code, 2), exp(sub(lphi(z2), lc)), num(0)));
  if (mu.dep) c.partial(1, neg(mul(add(r1, r2), inv)));
  if (sigma.dep) c.partial(2, neg(mul(add(add(mul(r1, z), mul(r2, z2)), cond(is(code, 0), num(1), num(0))), inv)));
}

/**
 * Through the cumulative hazard t (weibull (y/σ)^α, exponential λy): log CCDF −t, log CDF
 * log(1 − e^(−t)), interval −t + log(1 − e^(−(t2 − t))). g1 = t·∂/∂t and g2 = t2·∂/∂t2 of the censored
 * contribution (finite where t underflows); each family turns them into its partials.
 */
function hazardTails(c: TemplateCtx, deps: Operand[], code: Operand, t: JsExpr, logT: JsExpr, t2: JsExpr): { lc: JsExpr; g1: JsExpr; g2: JsExpr } {
  const dt = c.let(deps, cond(is(code, 2), sub(t2, t), num(0)));
  const e = c.let(deps, cond(is(code, 2), mathCall("expm1", dt), num(0)));
  const lc = c.let(
    deps,
    cond(is(code, 1), neg(t), cond(is(code, -1), rt("log1mExpNegT", t, logT), cond(is(code, 2), sub(rt("log1mExpNegT", dt, log(dt)), t), num(0)))),
  );
  const g1 = c.let(deps, cond(is(code, 1), neg(t), cond(is(code, -1), rt("tOverExpm1", t), cond(is(code, 2), sub(neg(t), div(t, e)), num(0)))));
  const g2 = c.let(deps, cond(is(code, 2), div(t2, e), num(0)));
  return { lc, g1, g2 };
}

export const CENSORED_TEMPLATES: Readonly<Record<string, Template>> = Object.freeze({
  normal(c: TemplateCtx) {
    normalOn(c, (v) => v, false);
  },
  lognormal(c: TemplateCtx) {
    normalOn(c, log, true);
  },
  weibull(c: TemplateCtx) {
    const [y, alpha, sigma, code, up] = c.ops;
    const all = [y, alpha, sigma, code, up];
    c.check([alpha], gt0(alpha.v));
    c.check([sigma], gt0(sigma.v));
    c.check([y], gt0(y.v));
    const l = c.let([y, sigma], log(div(y.v, sigma.v)));
    const al = c.let([y, alpha, sigma], mul(alpha.v, l));
    const t = c.let([y, alpha, sigma], exp(al));
    const l2 = c.let(all, cond(is(code, 2), log(div(up.v, sigma.v)), num(0)));
    const t2 = c.let(all, cond(is(code, 2), exp(mul(alpha.v, l2)), num(0)));
    const { lc, g1, g2 } = hazardTails(c, all, code, t, al, t2);
    const dens = sub(add(sub(log(alpha.v), log(sigma.v)), mul(sub(alpha.v, num(1)), l)), t);
    c.term(all, cond(is(code, 0), dens, lc));
    if (alpha.dep) c.partial(1, cond(is(code, 0), add(div(num(1), alpha.v), mul(l, sub(num(1), t))), add(mul(g1, l), mul(g2, l2))));
    if (sigma.dep) c.partial(2, div(mul(alpha.v, cond(is(code, 0), sub(t, num(1)), neg(add(g1, g2)))), sigma.v));
  },
  student_t(c: TemplateCtx) {
    // Observed rows as the student_t template (families.ts); censored ones through src/distributions/studentTCdf.ts.
    const [y, nu, mu, sigma, code, up] = c.ops;
    const all = [y, nu, mu, sigma, code, up];
    c.check([nu], gt0(nu.v));
    c.check([sigma], gt0(sigma.v));
    const lc = c.let(all, cond(is(code, 0), num(0), rt("studentTCensored", code.v, y.v, up.v, nu.v, mu.v, sigma.v)));
    const inv = c.let([sigma], div(num(1), sigma.v));
    const half = c.let([nu], mul(num(0.5), add(nu.v, num(1))));
    const z = c.let([y, mu, sigma], mul(sub(y.v, mu.v), inv));
    const r = c.let([y, mu, sigma, nu], div(mul(z, z), nu.v));
    const l1p = c.let([y, mu, sigma, nu], mathCall("log1p", r));
    const w = c.let([y, mu, sigma, nu], div(r, add(num(1), r)));
    const norm = sub(sub(sub(sub(rt("lgamma", half), rt("lgamma", mul(num(0.5), nu.v))), mul(num(0.5), log(nu.v))), log(sigma.v)), num(0.5 * Math.log(Math.PI)));
    c.term(all, cond(is(code, 0), sub(norm, mul(half, l1p)), lc));
    const cens = (name: string): JsExpr => rt(name, code.v, y.v, up.v, nu.v, mu.v, sigma.v, lc);
    if (nu.dep) {
      const dg = sub(mul(num(0.5), sub(rt("digamma", half), rt("digamma", mul(num(0.5), nu.v)))), div(num(0.5), nu.v));
      c.partial(1, cond(is(code, 0), add(sub(dg, mul(num(0.5), l1p)), div(mul(half, w), nu.v)), cens("studentTCensoredDNu")));
    }
    if (mu.dep) c.partial(2, cond(is(code, 0), div(mul(mul(num(2), half), mul(z, inv)), mul(nu.v, add(num(1), r))), cens("studentTCensoredDMu")));
    if (sigma.dep) c.partial(3, cond(is(code, 0), mul(sub(mul(mul(num(2), half), w), num(1)), inv), cens("studentTCensoredDSigma")));
  },
  gamma(c: TemplateCtx) {
    // Shape α, rate β; censored rows through src/distributions/gammaCdf.ts (∂/∂α of the incomplete gamma).
    const [y, alpha, beta, code, up] = c.ops;
    const all = [y, alpha, beta, code, up];
    c.check([alpha], gt0(alpha.v));
    c.check([beta], gt0(beta.v));
    c.check([y], gt0(y.v));
    const lc = c.let(all, cond(is(code, 0), num(0), rt("gammaCensored", code.v, y.v, up.v, alpha.v, beta.v)));
    const ly = c.let([y], log(y.v));
    const lb = c.let([beta], log(beta.v));
    const dens = sub(add(sub(mul(alpha.v, lb), rt("lgamma", alpha.v)), mul(sub(alpha.v, num(1)), ly)), mul(beta.v, y.v));
    c.term(all, cond(is(code, 0), dens, lc));
    if (alpha.dep) c.partial(1, cond(is(code, 0), add(sub(lb, rt("digamma", alpha.v)), ly), rt("gammaCensoredDAlpha", code.v, y.v, up.v, alpha.v, beta.v, lc)));
    if (beta.dep) c.partial(2, cond(is(code, 0), sub(div(alpha.v, beta.v), y.v), rt("gammaCensoredDBeta", code.v, y.v, up.v, alpha.v, beta.v, lc)));
  },
  poisson_log(c: TemplateCtx) {
    const [n, alpha, code, up] = c.ops;
    const all = [n, alpha, code, up];
    const e = c.let([alpha], exp(alpha.v));
    const lc = c.let(all, cond(is(code, 0), num(0), rt("poissonLogCensored", code.v, n.v, up.v, alpha.v)));
    c.term(all, cond(is(code, 0), sub(sub(mul(n.v, alpha.v), e), rt("lgamma", add(n.v, num(1)))), lc));
    if (alpha.dep) c.partial(1, cond(is(code, 0), sub(n.v, e), rt("poissonLogCensoredDEta", code.v, n.v, up.v, alpha.v, lc)));
  },
  neg_binomial_2_log(c: TemplateCtx) {
    // Censored rows through src/distributions/negBinomialCdf.ts (∂/∂φ of the incomplete beta).
    const [n, eta, phi, code, up] = c.ops;
    const all = [n, eta, phi, code, up];
    c.check([phi], gt0(phi.v));
    const lc = c.let(all, cond(is(code, 0), num(0), rt("negBinomial2LogCensored", code.v, n.v, up.v, eta.v, phi.v)));
    const mu = c.let([eta], exp(eta.v));
    const lmp = c.let([eta, phi], log(add(mu, phi.v)));
    const np = c.let([n, phi], add(n.v, phi.v));
    const lg = (x: JsExpr): JsExpr => rt("lgamma", x);
    // lgamma(n + φ) − lgamma(n + 1) + φ log φ − lgamma(φ) − (n + φ) log(μ + φ) + n η.
    const lphi = sub(mul(phi.v, log(phi.v)), lg(phi.v));
    const dens = add(sub(add(sub(lg(np), lg(add(n.v, num(1)))), lphi), mul(np, lmp)), mul(n.v, eta.v));
    c.term(all, cond(is(code, 0), dens, lc));
    const r = c.let(all, cond(is(code, 0), div(np, add(mu, phi.v)), num(0)));
    if (eta.dep) c.partial(1, cond(is(code, 0), sub(n.v, mul(r, mu)), rt("negBinomial2LogCensoredDEta", code.v, n.v, up.v, eta.v, phi.v, lc)));
    if (phi.dep) {
      const dDens = sub(sub(add(sub(rt("digamma", np), rt("digamma", phi.v)), add(log(phi.v), num(1))), lmp), r);
      c.partial(2, cond(is(code, 0), dDens, rt("negBinomial2LogCensoredDPhi", code.v, n.v, up.v, eta.v, phi.v, lc)));
    }
  },
  binomial_logit(c: TemplateCtx) {
    const [n, N, alpha, code, up] = c.ops;
    const all = [n, N, alpha, code, up];
    const lg = (x: JsExpr): JsExpr => rt("lgamma", x);
    const lc = c.let(all, cond(is(code, 0), num(0), rt("binomialLogitCensored", code.v, n.v, up.v, N.v, alpha.v)));
    // log inv_logit(a) = −log1pExp(−a), log1m_inv_logit(a) = −log1pExp(a).
    const lchoose = sub(sub(lg(add(N.v, num(1))), lg(add(n.v, num(1)))), lg(add(sub(N.v, n.v), num(1))));
    const dens = sub(lchoose, add(mul(n.v, rt("log1pExp", neg(alpha.v))), mul(sub(N.v, n.v), rt("log1pExp", alpha.v))));
    c.term(all, cond(is(code, 0), dens, lc));
    if (alpha.dep) {
      const p = div(num(1), add(num(1), exp(neg(alpha.v))));
      c.partial(2, cond(is(code, 0), sub(n.v, mul(N.v, p)), rt("binomialLogitCensoredDAlpha", code.v, n.v, up.v, N.v, alpha.v, lc)));
    }
  },
  exponential(c: TemplateCtx) {
    const [y, lambda, code, up] = c.ops;
    const all = [y, lambda, code, up];
    c.check([lambda], gt0(lambda.v));
    c.check([y], bin(">=", y.v, num(0)));
    const t = c.let([y, lambda], mul(lambda.v, y.v));
    const t2 = c.let(all, cond(is(code, 2), mul(lambda.v, up.v), num(0)));
    const { lc, g1, g2 } = hazardTails(c, all, code, t, log(t), t2);
    c.term(all, cond(is(code, 0), sub(log(lambda.v), t), lc));
    if (lambda.dep) c.partial(1, cond(is(code, 0), sub(div(num(1), lambda.v), y.v), div(add(g1, g2), lambda.v)));
  },
});
