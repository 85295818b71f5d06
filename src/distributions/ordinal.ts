/**
 * The cumulative ordinal model shared by ordered_logistic and ordered_probit (Stan's parametrisation,
 * brms's `cumulative` family with disc = 1): P(y ≤ k | η) = F(c_k − η) for k = 1 … K − 1, so
 * P(y = k) = F(hi) − F(lo) with lo = c_{k−1} − η (−∞ for k = 1) and hi = c_k − η (+∞ for k = K).
 * Both forms keep relative accuracy in either tail and for nearly equal cutpoints.
 */
import { HALF_LOG_2PI } from "../math/constants.js";
import { log1mExp } from "../math/log1mExp.js";
import { log1pExp } from "../math/log1pExp.js";
import { logPhi } from "../math/logPhi.js";
import { Phi } from "../math/Phi.js";
import type { Rng } from "../random/rng.js";
import { argError } from "../errors.js";

export type OrdinalLink = "logit" | "probit";

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * log(σ(hi) − σ(lo)) = log σ(hi) + log σ(−lo) + log(1 − e^(−w)), w = hi − lo: the identity
 * σ(b) − σ(a) = σ(b) σ(−a) (1 − e^(a−b)) has no cancellation anywhere. w is passed as the cutpoints'
 * own difference, which keeps its digits when |eta| is large.
 */
function logisticLogP(lo: number, hi: number, w: number): number {
  return -log1pExp(-hi) - log1pExp(lo) + log1mExp(-w);
}

/** log(Φ(hi) − Φ(lo)), in the tail where both Φ are small (Φ(b) − Φ(a) = Φ(−a) − Φ(−b) otherwise). */
function probitLogP(lo: number, hi: number): number {
  const flip = lo + hi > 0;
  const lb = logPhi(flip ? -lo : hi);
  return lb + log1mExp(logPhi(flip ? -hi : lo) - lb);
}

/**
 * Unchecked kernel: log P(y = k) and, when `d` is given, d[dOff] = ∂/∂η and d[dOff + 1 + j] = ∂/∂c_j
 * (j < m; only the category's two cutpoints are non-zero). k outside 1 … m + 1, unordered cutpoints
 * or a non-finite η give −Infinity (and zero partials).
 */
export function ordinalLpmfGrad(link: OrdinalLink, k: number, eta: number, c: ArrayLike<number>, off: number, m: number, d?: Float64Array, dOff = 0): number {
  if (d) d.fill(0, dOff, dOff + 1 + m);
  if (!(Number.isInteger(k) && k >= 1 && k <= m + 1 && Number.isFinite(eta))) return -Infinity;
  // lo, hi and hi − lo for category k of K = m + 1; scalars, not a tuple: predict's log_lik calls this per draw and row.
  const lo = k > 1 ? c[off + k - 2] - eta : -Infinity;
  const hi = k <= m ? c[off + k - 1] - eta : Infinity;
  const w = k > 1 && k <= m ? c[off + k - 1] - c[off + k - 2] : Infinity;
  if (!(w > 0)) return -Infinity;
  if (link === "logit") {
    const lp = logisticLogP(lo, hi, w);
    if (d) {
      // ∂/∂hi = σ(−hi) + 1/expm1(w), ∂/∂lo = −σ(lo) − 1/expm1(w); both ends vanish at ±∞.
      const r = 1 / Math.expm1(w);
      const sLo = sigmoid(lo);
      const sNegHi = sigmoid(-hi);
      d[dOff] = sLo - sNegHi;
      if (k > 1) d[dOff + k - 1] = -sLo - r;
      if (k <= m) d[dOff + k] = sNegHi + r;
    }
    return lp;
  }
  const lp = probitLogP(lo, hi);
  if (d) {
    // φ(x)/P as exp(log φ(x) − log P): finite where φ and P both underflow.
    const gHi = k <= m ? Math.exp(-0.5 * hi * hi - HALF_LOG_2PI - lp) : 0;
    const gLo = k > 1 ? -Math.exp(-0.5 * lo * lo - HALF_LOG_2PI - lp) : 0;
    d[dOff] = -(gHi + gLo);
    if (k > 1) d[dOff + k - 1] = gLo;
    if (k <= m) d[dOff + k] = gHi;
  }
  return lp;
}

/** Argument checks shared by the two families' checked functions. */
export function checkOrdinalArgs(fn: string, eta: number, c: ArrayLike<number>): void {
  if (!Number.isFinite(eta)) throw argError(fn, "eta must be finite", eta);
  if (c.length < 1) throw argError(fn, "cutpoints must have at least one element", c.length);
  for (let j = 0; j < c.length; j++) {
    if (!Number.isFinite(c[j])) throw argError(fn, `cutpoints[${j + 1}] must be finite`, c[j]);
    if (j > 0 && !(c[j] > c[j - 1])) throw argError(fn, `cutpoints must be strictly increasing, cutpoints[${j + 1}] is`, c[j]);
  }
}

/** The category probabilities P(y = 1 … K) into out[off … off + m]; for predictions. */
export function ordinalProbabilities(link: OrdinalLink, eta: number, c: ArrayLike<number>, cOff: number, m: number, out: Float64Array, off: number): void {
  const F = link === "logit" ? sigmoid : Phi;
  // Probabilities, not logs: absolute accuracy is what a prediction needs; max(0, ·) clips rounding.
  let prev = 0;
  for (let k = 0; k < m; k++) {
    const x = c[cOff + k] - eta;
    const cdf = F(x);
    out[off + k] = Math.max(0, cdf - prev);
    prev = cdf;
  }
  out[off + m] = Math.max(0, 1 - prev);
}

/**
 * A draw of the category (1 … m + 1): the latent y* = η + ε with ε logistic or standard normal, and
 * y = 1 + #{k : c_k < y*}. One uniform per draw (inverse CDF of ε).
 */
export function ordinalRng(rng: Rng, link: OrdinalLink, eta: number, c: ArrayLike<number>, off: number, m: number): number {
  const u = rng.uniform();
  // P(y ≤ k) = F(c_k − η) ⇔ y ≤ k when u ≤ F(c_k − η).
  const F = link === "logit" ? sigmoid : Phi;
  for (let k = 0; k < m; k++) if (u <= F(c[off + k] - eta)) return k + 1;
  return m + 1;
}
