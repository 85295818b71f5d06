/**
 * Textbook censored log probabilities on the reference evaluator's tape (no hand-derived partials): log
 * CDF, log CCDF and log(CDF(upper) − CDF(y)) written with Φ, exp and log, as a check of the censored
 * templates (censoredFamilies.ts) away from the far tails, where these forms lose precision.
 */
import { familyLpdf } from "./referenceFamilies.js";
import { need, type Node, type Tape } from "./tape.js";
import type { ProgramData } from "../ir/types.js";
import { logGammaP } from "../math/incGamma.js";
import { studentTLcdf } from "../distributions/studentTCdf.js";
import { lgamma } from "../math/lgamma.js";

/** The CDF of `family` at y on the tape (a[] in signature order). */
function cdf(t: Tape, family: string, y: Node, a: Node[]): Node {
  switch (family) {
    case "normal":
      need(a[1].v > 0);
      return t.unary("Phi", t.div(t.sub(y, a[0]), a[1]));
    case "lognormal":
      need(a[1].v > 0 && y.v > 0);
      return t.unary("Phi", t.div(t.sub(t.unary("log", y), a[0]), a[1]));
    case "weibull":
      need(a[0].v > 0 && a[1].v > 0 && y.v > 0);
      return t.sub(t.c(1), t.unary("exp", t.unary("neg", t.pow(t.div(y, a[1]), a[0]))));
    case "exponential":
      need(a[0].v > 0 && y.v >= 0);
      return t.sub(t.c(1), t.unary("exp", t.unary("neg", t.mul(a[0], y))));
    case "student_t": {
      // F(z) as a tape node: ∂/∂μ, ∂/∂σ from the t density analytically, ∂/∂ν by a central difference of F.
      const [nu, mu, s] = a;
      need(nu.v > 0 && s.v > 0);
      const z = (y.v - mu.v) / s.v;
      const F = (n: number): number => Math.exp(studentTLcdf(y.v, n, mu.v, s.v));
      const h = 1e-5 * Math.max(1, nu.v);
      const f = Math.exp(lgamma((nu.v + 1) / 2) - lgamma(nu.v / 2) - 0.5 * Math.log(nu.v * Math.PI) - ((nu.v + 1) / 2) * Math.log1p((z * z) / nu.v));
      return t.node(F(nu.v), [nu, mu, s], [(F(nu.v + h) - F(nu.v - h)) / (2 * h), -f / s.v, (-f * z) / s.v]);
    }
    case "gamma": {
      // P(α, βy) as a tape node: ∂/∂β = y·f(βy) analytically, ∂/∂α by a central difference of P (so the
      // check does not reuse src/math/incGamma.ts's dLogGamma*), good to ~1e-10.
      const [al, be] = a;
      need(al.v > 0 && be.v > 0 && y.v > 0);
      const x = be.v * y.v;
      const P = (s: number): number => Math.exp(logGammaP(s, x));
      const h = 1e-5 * Math.max(1, al.v);
      const dA = (P(al.v + h) - P(al.v - h)) / (2 * h);
      const dB = y.v * Math.exp((al.v - 1) * Math.log(x) - x - lgamma(al.v));
      return t.node(P(al.v), [al, be], [dA, dB]);
    }
    case "poisson_log":
    case "neg_binomial_2_log":
    case "binomial_logit": {
      // A count's CDF as the sum of its pmf over 0 … y (binomial: at most N).
      const top = Math.min(Math.floor(y.v), family === "binomial_logit" ? a[0].v : Infinity);
      let s = t.c(0);
      for (let j = 0; j <= top; j++) s = t.add(s, t.unary("exp", familyLpdf(t, family, t.c(j), a)));
      return s;
    }
    default:
      throw new Error(`reference: no CDF for ${family}`);
  }
}

/** Row contribution for censoring code `code` (brms's −1, 0, 1, 2); `upper` is read for code 2. */
export function censoredLp(t: Tape, family: string, code: number, y: Node, upper: Node, a: Node[]): Node {
  switch (code) {
    case 0:
      return familyLpdf(t, family, y, a);
    case 1:
      return t.unary("log", t.sub(t.c(1), cdf(t, family, y, a)));
    case -1:
      return t.unary("log", cdf(t, family, y, a));
    case 2:
      return t.unary("log", t.sub(cdf(t, family, upper, a), cdf(t, family, y, a)));
    default:
      throw new Error(`reference: censoring code ${code}`);
  }
}

/**
 * log(F(ub) − F(lb)) of row i (brms's trunc(); the row's contribution is reduced by it), textbook: a
 * missing bound is F = 0 or 1, integer families use F(lb − 1), and a lower bound at or below the
 * support's lowest point (0 for the positive families) has F = 0.
 */
export function truncationLp(t: Tape, family: string, trunc: { lower?: number; upper?: number }, data: ProgramData, i: number, a: Node[]): Node {
  const discrete = family === "poisson_log" || family === "neg_binomial_2_log" || family === "binomial_logit";
  const positive = family === "lognormal" || family === "weibull" || family === "exponential" || family === "gamma";
  let lo: Node = t.c(0);
  if (trunc.lower !== undefined) {
    const lb = data[trunc.lower][i];
    if (discrete) lo = cdf(t, family, t.c(lb - 1), a);
    else if (!(positive && lb <= 0)) lo = cdf(t, family, t.c(lb), a);
  }
  const hi = trunc.upper === undefined ? t.c(1) : cdf(t, family, t.c(data[trunc.upper][i]), a);
  return t.unary("log", t.sub(hi, lo));
}
