/**
 * Textbook censored log probabilities on the reference evaluator's tape (no hand-derived partials): log
 * CDF, log CCDF and log(CDF(upper) − CDF(y)) written with Φ, exp and log, as a check of the censored
 * templates (censoredFamilies.ts) away from the far tails, where these forms lose precision.
 */
import { familyLpdf } from "./referenceFamilies.js";
import { need, type Node, type Tape } from "./tape.js";

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
