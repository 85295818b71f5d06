/**
 * Basis expansions of one numeric variable, as R builds them for a model matrix: `poly(x, d)`
 * (orthogonal or raw polynomials, stats::poly), `bs(x, df, degree)` (B-splines, splines::bs) and
 * `ns(x, df)` (natural cubic splines, splines::ns). What the fitting data decide (poly's recurrence
 * coefficients; the knots) is returned with the columns and reused for new data, as R's
 * `makepredictcall` does, so predictions see the fitted basis.
 */

/** `poly(x, degree)`: R's `attr(, "coefs")`. */
export interface PolyCoefs {
  readonly alpha: readonly number[];
  readonly norm2: readonly number[];
}

/** `bs()` / `ns()`: the interior knots and the boundary knots (the fitting data's range). */
export interface SplineKnots {
  readonly kind: "bs" | "ns";
  readonly degree: number;
  readonly knots: readonly number[];
  readonly boundary: readonly [number, number];
}

/**
 * Orthogonal polynomials: column j is the monic polynomial p_j of degree j orthogonal to the lower
 * ones over the fitting rows (p_0 = 1, p_1 = x − α_1, p_{j+1} = (x − α_{j+1}) p_j − (n_{j+1} / n_j) p_{j−1},
 * n_j = Σ p_{j−1}²), divided by its norm. The fitting data give α and n (R's `coefs`, by Stieltjes'
 * procedure: R's QR construction gives the same values up to rounding); new data reuse them.
 */
export function polyCoefs(x: Float64Array, degree: number): PolyCoefs {
  const n = x.length;
  const alpha: number[] = [];
  const norm2: number[] = [1, n];
  let prev: Float64Array = new Float64Array(n);
  let cur: Float64Array = new Float64Array(n).fill(1);
  for (let j = 1; j <= degree; j++) {
    let sx = 0;
    for (let i = 0; i < n; i++) sx += x[i] * cur[i] * cur[i];
    const a = sx / norm2[j];
    alpha.push(a);
    const next = polyStep(x, a, norm2[j] / norm2[j - 1], cur, prev, j);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += next[i] * next[i];
    norm2.push(ss);
    prev = cur;
    cur = next;
  }
  return { alpha, norm2 };
}

/** p_{j} from p_{j−1} (cur) and p_{j−2} (prev). */
function polyStep(x: Float64Array, a: number, ratio: number, cur: Float64Array, prev: Float64Array, j: number): Float64Array {
  const next = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) next[i] = (x[i] - a) * cur[i] - (j === 1 ? 0 : ratio * prev[i]);
  return next;
}

/** The orthogonal basis columns 1 … degree of `x` from the recurrence's coefficients. */
export function polyBasis(x: Float64Array, c: PolyCoefs): Float64Array[] {
  const out: Float64Array[] = [];
  let prev: Float64Array = new Float64Array(x.length);
  let cur: Float64Array = new Float64Array(x.length).fill(1);
  for (let j = 1; j <= c.alpha.length; j++) {
    const next = polyStep(x, c.alpha[j - 1], c.norm2[j] / c.norm2[j - 1], cur, prev, j);
    prev = cur;
    cur = next;
    const scale = 1 / Math.sqrt(c.norm2[j + 1]);
    out.push(next.map((v) => v * scale));
  }
  return out;
}

/** `poly(x, degree, raw = TRUE)`: x, x², …, x^degree. */
export function rawPolyBasis(x: Float64Array, degree: number): Float64Array[] {
  return Array.from({ length: degree }, (_, j) => x.map((v) => v ** (j + 1)));
}

/** R's `quantile(x, probs)` (type 7), with R's interpolation `(1 − h) x_lo + h x_hi`. */
export function quantile7(x: Float64Array, probs: readonly number[]): number[] {
  const s = Float64Array.from(x).sort();
  const n = s.length;
  return probs.map((p) => {
    const index = 1 + Math.max(n - 1, 0) * p;
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    const q = s[lo - 1];
    if (!(index > lo) || s[hi - 1] === q) return q;
    const h = index - lo;
    return (1 - h) * q + h * s[hi - 1];
  });
}

/** Interior knots at the quantiles R places them: `seq(0, 1, length.out = m + 2)` without its ends. */
function interiorKnots(x: Float64Array, count: number): number[] {
  if (count <= 0) return [];
  const by = 1 / (count + 1);
  return quantile7(x, Array.from({ length: count }, (_, i) => (i + 1) * by));
}

/** The knots of `bs(x, df, degree)` (intercept FALSE) from the fitting data: df − degree interior knots. */
export function bsKnots(x: Float64Array, df: number, degree: number): SplineKnots {
  return { kind: "bs", degree, knots: interiorKnots(x, df - degree), boundary: range(x) };
}

/** The knots of `ns(x, df)` (intercept FALSE): df − 1 interior knots. */
export function nsKnots(x: Float64Array, df: number): SplineKnots {
  return { kind: "ns", degree: 3, knots: interiorKnots(x, df - 1), boundary: range(x) };
}

function range(x: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The full knot sequence: each boundary knot `ord` times around the interior ones. */
function allKnots(k: SplineKnots): number[] {
  const ord = k.degree + 1;
  return [...Array<number>(ord).fill(k.boundary[0]), ...k.knots, ...Array<number>(ord).fill(k.boundary[1])];
}

/**
 * splines::splineDesign(knots, x, ord, derivs) at one point: the `derivs`-th derivative of every
 * B-spline of order `ord` (length(knots) − ord of them). x must lie within the boundary knots; on an
 * interior knot the interval to its right is used, at the right boundary the last one, as R does.
 */
function splineRow(t: readonly number[], x: number, ord: number, derivs = 0): Float64Array {
  const nb = t.length - ord;
  // The interval t[mu] ≤ x < t[mu + 1], mu in [ord − 1, nb − 1].
  let mu = ord - 1;
  while (mu < nb - 1 && x >= t[mu + 1]) mu++;
  return splineValues(t, x, ord, derivs, mu);
}

/** Order-`k` B-splines (or their `d`-th derivatives) at x, given x's interval `mu`, by Cox–de Boor. */
function splineValues(t: readonly number[], x: number, k: number, d: number, mu: number): Float64Array {
  const count = t.length - k;
  const out = new Float64Array(count);
  if (k === 1) {
    if (d === 0 && mu < count) out[mu] = 1;
    return out;
  }
  const lower = splineValues(t, x, k - 1, d > 0 ? d - 1 : 0, mu);
  for (let i = 0; i < count; i++) {
    const a = t[i + k - 1] - t[i];
    const b = t[i + k] - t[i + 1];
    const left = a > 0 ? lower[i] / a : 0;
    const right = b > 0 ? lower[i + 1] / b : 0;
    out[i] = d > 0 ? (k - 1) * (left - right) : (x - t[i]) * left + (t[i + k] - x) * right;
  }
  return out;
}

/**
 * The basis columns of `bs()` or `ns()` at `x` with the fitted knots (intercept FALSE: the first
 * B-spline dropped). Outside the boundary knots (new data only) R's extrapolation: bs() a Taylor
 * polynomial of the basis at a pivot a quarter of the way into the first / last interval, ns()
 * linear from the boundary.
 */
export function splineBasis(x: Float64Array, k: SplineKnots): Float64Array[] {
  const t = allKnots(k);
  const ord = k.degree + 1;
  const nb = t.length - ord;
  const rows = Array.from(x, (v) => splineRowExtrapolated(t, v, k, ord));
  // Columns 2 … nb (intercept FALSE).
  let cols: Float64Array[] = Array.from({ length: nb - 1 }, (_, c) => Float64Array.from(rows, (r) => r[c + 1]));
  if (k.kind === "ns") cols = naturalProjection(t, k, cols);
  return cols;
}

function splineRowExtrapolated(t: readonly number[], v: number, k: SplineKnots, ord: number): Float64Array {
  const [lo, hi] = k.boundary;
  if (v >= lo && v <= hi) return splineRow(t, v, ord);
  const left = v < lo;
  if (k.kind === "ns") {
    const pivot = left ? lo : hi;
    const value = splineRow(t, pivot, ord, 0);
    const slope = splineRow(t, pivot, ord, 1);
    return value.map((b, i) => b + (v - pivot) * slope[i]);
  }
  const e = 0.25;
  const pivot = left ? (1 - e) * lo + e * t[ord] : (1 - e) * hi + e * t[t.length - ord - 1];
  const out = new Float64Array(t.length - ord);
  let factorial = 1;
  for (let d = 0; d <= k.degree; d++) {
    if (d > 0) factorial *= d;
    const deriv = splineRow(t, pivot, ord, d);
    const w = (v - pivot) ** d / factorial;
    for (let i = 0; i < out.length; i++) out[i] += w * deriv[i];
  }
  return out;
}

/**
 * ns(): the cubic B-splines (first dropped) projected onto the space with zero second derivative at
 * both boundary knots: Qᵀ b without its first two rows, Q from the Householder QR of the constraint
 * matrix (second derivatives at the boundaries, p × 2) as R's `qr()` (LINPACK dqrdc2) makes it, so
 * the columns are R's, signs included.
 */
function naturalProjection(t: readonly number[], k: SplineKnots, cols: Float64Array[]): Float64Array[] {
  const p = cols.length;
  const c0 = splineRow(t, k.boundary[0], 4, 2).subarray(1);
  const c1 = splineRow(t, k.boundary[1], 4, 2).subarray(1);
  // X = t(const): p × 2, column-major as LINPACK sees it.
  const X = [Float64Array.from(c0), Float64Array.from(c1)];
  const qraux = new Float64Array(2);
  for (let l = 0; l < 2; l++) {
    const col = X[l];
    let nrm = 0;
    for (let i = l; i < p; i++) nrm += col[i] * col[i];
    nrm = Math.sqrt(nrm);
    if (nrm === 0) continue;
    if (col[l] !== 0) nrm = col[l] < 0 ? -nrm : nrm;
    for (let i = l; i < p; i++) col[i] /= nrm;
    col[l] += 1;
    for (let j = l + 1; j < 2; j++) {
      let dot = 0;
      for (let i = l; i < p; i++) dot += col[i] * X[j][i];
      const s = -dot / col[l];
      for (let i = l; i < p; i++) X[j][i] += s * col[i];
    }
    qraux[l] = col[l];
    col[l] = -nrm;
  }
  const n = cols[0]?.length ?? 0;
  const out = Array.from({ length: p - 2 }, () => new Float64Array(n));
  const y = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) y[i] = cols[i][r];
    // qr.qty: apply H_1 then H_2 (dqrsl), the Householder vector's first entry being qraux.
    for (let l = 0; l < 2; l++) {
      if (qraux[l] === 0) continue;
      const v = X[l];
      let dot = qraux[l] * y[l];
      for (let i = l + 1; i < p; i++) dot += v[i] * y[i];
      const s = -dot / qraux[l];
      y[l] += s * qraux[l];
      for (let i = l + 1; i < p; i++) y[i] += s * v[i];
    }
    for (let i = 2; i < p; i++) out[i - 2][r] = y[i];
  }
  return out;
}
