/**
 * brms's `s()` smooths: mgcv's bases split into an unpenalised part `Xs` (coefficients `bs_sx_1`, a
 * flat prior by default) and a penalised part `Zs` whose coefficients are `s = sds · zs`, zs ~ N(0, 1)
 * — as brms 2.18 builds them with `mgcv::smoothCon(absorb.cons = TRUE, diagonal.penalty = TRUE)` and
 * `mgcv::smooth2random(type = 2)`. Bases: thin-plate regression splines (`bs = "tp"`, one or two
 * covariates; mgcv's `construct_tprs`) and cubic regression splines (`bs = "cr"`, one covariate).
 *
 * Eigenvectors fix the final columns only up to sign (and mgcv's order of tied unit eigenvalues), so
 * each Zs column here is oriented with its largest-|·| training value positive and the 1-D Xs column
 * increases with x: `s_sx_1[j]` and (when mgcv's orientation differs) `bs_sx_1` can have the opposite
 * sign or order of brms's, while Zs·Zsᵀ, sds, and the fitted curve agree.
 */
import { UserError } from "../errors.js";
import { lanczosLargestMagnitude } from "../math/lanczos.js";
import { symmetricEigen } from "../math/symmetricEigen.js";
import { quantile7 } from "./basis.js";
import { meanSdR } from "../posterior/rStats.js";

export type SmoothBasisKind = "tp" | "cr";

/** What a formula's `s(x, bs = "tp", k = 10)` asks for. */
export interface SmoothTermSpec {
  /** Covariate names, in order. */
  readonly vars: readonly string[];
  readonly bs: SmoothBasisKind;
  /** Basis dimension before the sum-to-zero constraint; undefined = mgcv's default. */
  readonly k?: number;
}

/** mgcv refuses above this many unique covariate values (it would subsample knots with its own RNG). */
export const MAX_SMOOTH_KNOTS = 2000;

/** The basis before the constraint, enough to evaluate it at new covariate values (mgcv's PredictMat). */
export type SmoothRaw =
  | {
      readonly kind: "tp";
      /** Covariate count d and basis dimension k (incl. the M null-space columns). */
      readonly d: number;
      readonly k: number;
      /** Subtracted from each covariate (the fitting data's means). */
      readonly shift: readonly number[];
      /** Unique centred covariate points, nu × d row-major. */
      readonly xu: readonly number[];
      /** (nu + M) × k row-major: radial + polynomial values → basis columns (mgcv's UZ, column scaling folded in). */
      readonly uz: readonly number[];
    }
  | {
      readonly kind: "cr";
      readonly k: number;
      readonly knots: readonly number[];
      /** k × k row-major: second derivatives at the knots = F · (values at the knots); rows 0 and k−1 are 0. */
      readonly F: readonly number[];
    };

/** Everything a fitted smooth needs for new data (saved in model.json). */
export interface SmoothState {
  readonly spec: SmoothTermSpec;
  readonly raw: SmoothRaw;
  /**
   * k × p row-major: raw basis → [Zs | Xs] (constraint, penalty diagonalisation, orientation); p = k − 1
   * with the sum-to-zero constraint, p = k without it (a numeric by variable).
   */
  readonly transform: readonly number[];
  /** Number of penalised columns (Zs); the remaining p − nPen are Xs. */
  readonly nPen: number;
  /** `s(x, by = …)`: the rows are multiplied by the factor level's indicator or the numeric by variable. */
  readonly by?: SmoothBy;
}

export interface SmoothColumns {
  readonly Xs: Float64Array[];
  readonly Zs: Float64Array[];
}

/** Null-space dimension M of a thin-plate penalty of order 2 in d dimensions: 1, x (d = 1); 1, x, z (d = 2). */
function nullDim(d: number): number {
  return d === 1 ? 2 : 3;
}

/** The radial function of mgcv's thin-plate basis (penalty order 2): r³/12 in 1-D, r² log r / (8π) in 2-D. */
function tpsEta(d: number, r2: number): number {
  if (r2 <= 0) return 0;
  return d === 1 ? (r2 * Math.sqrt(r2)) / 12 : (r2 * 0.5 * Math.log(r2)) / (8 * Math.PI);
}

function polyValue(d: number, j: number, x: ArrayLike<number>, off: number): number {
  // mgcv's term order: 1, x1, x2.
  return j === 0 ? 1 : x[off + j - 1];
}

/**
 * mgcv's QT: Householder reflections (applied from the right) so that A Q = [0, B], row i's leading
 * c − i entries rotated into its entry c − i − 1. A is r × c row-major (overwritten); returns the
 * reflection vectors u_i (H_i = I − u_i u_iᵀ, Q = H_0 H_1 …).
 */
function householderQt(A: Float64Array, r: number, c: number): Float64Array[] {
  const us: Float64Array[] = [];
  for (let i = 0; i < r; i++) {
    const len = c - i;
    const p = new Float64Array(c);
    let m = 0;
    for (let j = 0; j < len; j++) m = Math.max(m, Math.abs(A[i * c + j]));
    for (let j = 0; j < len; j++) p[j] = m > 0 ? A[i * c + j] / m : 0;
    let lsq = 0;
    for (let j = 0; j < len; j++) lsq += p[j] * p[j];
    lsq = Math.sqrt(lsq);
    if (p[len - 1] < 0) lsq = -lsq;
    p[len - 1] += lsq;
    const g = lsq !== 0 ? 1 / (lsq * p[len - 1]) : 0;
    for (let row = i + 1; row < r; row++) {
      let x = 0;
      for (let k = 0; k < len; k++) x += p[k] * A[row * c + k];
      x *= g;
      for (let k = 0; k < len; k++) A[row * c + k] -= x * p[k];
    }
    const sg = Math.sqrt(g);
    for (let j = 0; j < len; j++) p[j] *= sg;
    us.push(p);
  }
  return us;
}

/** C ← C Q for C (rows × c row-major), Q = H_0 H_1 … from householderQt. */
function rightMultiplyQ(C: Float64Array, rows: number, c: number, us: readonly Float64Array[]): void {
  for (const u of us) {
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < c; j++) s += C[i * c + j] * u[j];
      for (let j = 0; j < c; j++) C[i * c + j] -= s * u[j];
    }
  }
}

function transposeSquare(A: Float64Array, k: number): Float64Array {
  const T = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) T[j * k + i] = A[i * k + j];
  return T;
}

/** Unique rows of the n × d points (lexicographic order) and each row's index into them. */
function uniquePoints(x: readonly Float64Array[], n: number): { xu: Float64Array; nu: number; index: Int32Array } {
  const d = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    for (let j = 0; j < d; j++) if (x[j][a] !== x[j][b]) return x[j][a] - x[j][b];
    return 0;
  });
  const index = new Int32Array(n);
  const rows: number[] = [];
  let nu = 0;
  for (let t = 0; t < n; t++) {
    const i = order[t];
    const prev = t > 0 ? order[t - 1] : -1;
    const same = prev >= 0 && x.every((col) => col[i] === col[prev]);
    if (!same) {
      for (let j = 0; j < d; j++) rows.push(x[j][i]);
      nu++;
    }
    index[i] = nu - 1;
  }
  return { xu: Float64Array.from(rows), nu, index };
}

/**
 * mgcv's thin-plate regression spline (`construct_tprs`): the k eigenvectors of the radial matrix E of
 * the unique points with the largest |eigenvalue| (decreasing), constrained to be orthogonal to the
 * polynomials, plus the M polynomial columns; every column scaled to rms 1 over the data rows.
 * Returns the raw basis description, the n × k design and the k × k penalty.
 */
function thinPlate(x: readonly Float64Array[], n: number, kIn: number | undefined, what: string): { raw: SmoothRaw; X: Float64Array; S: Float64Array } {
  const d = x.length;
  const M = nullDim(d);
  let k = kIn ?? M + (d === 1 ? 8 : 27);
  if (k < M + 1) k = M + 1; // mgcv raises k to the minimum with a warning
  const shift = x.map((col) => meanSdR(col)[0]); // R's mean, as mgcv centres
  const xc = x.map((col, j) => col.map((v) => v - shift[j]));
  const { xu, nu } = uniquePoints(xc, n);
  if (nu < k) throw new UserError(`${what}: ${nu} unique covariate value${nu === 1 ? "" : "s"} cannot support k = ${k}: reduce k`);
  if (nu > MAX_SMOOTH_KNOTS) {
    throw new UserError(`${what}: ${nu} unique covariate values; above ${MAX_SMOOTH_KNOTS} mgcv subsamples the knots with its own random numbers, which hbayes does not reproduce: use bs = "cr" or round the covariate`);
  }
  const E = new Float64Array(nu * nu);
  for (let i = 0; i < nu; i++) {
    for (let j = 0; j < i; j++) {
      let r2 = 0;
      for (let t = 0; t < d; t++) {
        const z = xu[i * d + t] - xu[j * d + t];
        r2 += z * z;
      }
      E[i * nu + j] = E[j * nu + i] = tpsEta(d, r2);
    }
  }
  // B: nu × k basis of the truncated radial part (eigenvectors, or all points when nu = k); Pen its penalty.
  let B: Float64Array;
  let Pen: Float64Array;
  if (nu === k) {
    B = new Float64Array(nu * nu);
    for (let i = 0; i < nu; i++) B[i * nu + i] = 1;
    Pen = Float64Array.from(E);
  } else {
    // The k largest-magnitude eigenpairs in decreasing order of value, as mgcv's Lanczos returns them;
    // converged further than mgcv's ε^0.7 (residual bounds ≤ 1e-14 · max|θ|, ~45 ε, still reachable
    // with full reorthogonalisation) so the basis is the exact one to ~1e-13, and mgcv's to its own accuracy.
    const eig = lanczosLargestMagnitude(E, nu, k, 1e-14);
    B = eig.vectors;
    Pen = new Float64Array(k * k);
    for (let j = 0; j < k; j++) Pen[j * k + j] = eig.values[j];
  }
  // TU = Tᵀ B (M × k); its null space through mgcv's Householder QT.
  const TU = new Float64Array(M * k);
  for (let a = 0; a < M; a++) for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < nu; i++) s += polyValue(d, a, xu, i * d) * B[i * k + j];
    TU[a * k + j] = s;
  }
  const us = householderQt(TU, M, k);
  const UZpen = Float64Array.from(B);
  rightMultiplyQ(UZpen, nu, k, us);
  const uz = new Float64Array((nu + M) * k);
  for (let i = 0; i < nu; i++) for (let j = 0; j < k - M; j++) uz[i * k + j] = UZpen[i * k + j];
  for (let a = 0; a < M; a++) uz[(nu + a) * k + (k - M + a)] = 1;
  // S = Qᵀ Pen Q, null-space rows and columns zero.
  const SQ = Float64Array.from(Pen);
  rightMultiplyQ(SQ, k, k, us);
  const S = transposeSquare(SQ, k);
  rightMultiplyQ(S, k, k, us);
  for (let i = 0; i < k; i++) for (let j = k - M; j < k; j++) S[i * k + j] = S[j * k + i] = 0;
  const raw0: SmoothRaw = { kind: "tp", d, k, shift, xu: Array.from(xu), uz: Array.from(uz) };
  const X = rawBasis(raw0, x, n);
  // mgcv rescales each column to rms 1 over the data rows (X → XW, S → WSW, UZ → UZW).
  for (let j = 0; j < k; j++) {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += X[i * k + j] * X[i * k + j];
    const w = Math.sqrt(ss / n);
    for (let i = 0; i < n; i++) X[i * k + j] /= w;
    for (let i = 0; i < nu + M; i++) uz[i * k + j] /= w;
    for (let i = 0; i < k; i++) {
      S[i * k + j] /= w;
      S[j * k + i] /= w;
    }
  }
  return { raw: { ...raw0, uz: Array.from(uz) }, X, S };
}

/**
 * mgcv's cubic regression spline (`crspl`): k knots at the quantiles of the unique values, the
 * natural cubic spline through given values at the knots (linear beyond them), penalty ∫ f''².
 */
function cubicRegression(x: Float64Array, n: number, kIn: number | undefined, what: string): { raw: SmoothRaw; X: Float64Array; S: Float64Array } {
  let k = kIn ?? 10;
  if (k < 3) k = 3;
  const xu = Float64Array.from(new Set(x));
  if (xu.length < k) throw new UserError(`${what}: ${xu.length} unique covariate value${xu.length === 1 ? "" : "s"} cannot support k = ${k} knots: reduce k`);
  const knots = quantile7(xu, Array.from({ length: k }, (_, i) => i / (k - 1)));
  const h = Array.from({ length: k - 1 }, (_, i) => knots[i + 1] - knots[i]);
  // D: (k − 2) × k second differences; B: tridiagonal (k − 2) × (k − 2); F = B⁻¹ D.
  const m = k - 2;
  const D = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    D[i * k + i] = 1 / h[i];
    D[i * k + i + 2] = 1 / h[i + 1];
    D[i * k + i + 1] = -1 / h[i] - 1 / h[i + 1];
  }
  const diag = Array.from({ length: m }, (_, i) => (h[i] + h[i + 1]) / 3);
  const off = Array.from({ length: Math.max(m - 1, 0) }, (_, i) => h[i + 1] / 6);
  const BinvD = solveTridiagonal(diag, off, D, k);
  const F = new Float64Array(k * k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) F[(i + 1) * k + j] = BinvD[i * k + j];
  const S = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += D[i * k + a] * BinvD[i * k + b];
    S[a * k + b] = s;
  }
  const raw: SmoothRaw = { kind: "cr", k, knots, F: Array.from(F) };
  return { raw, X: rawBasis(raw, [x], n), S };
}

/** B⁻¹ R for symmetric positive definite tridiagonal B (diag, off) and R (m × cols row-major). */
function solveTridiagonal(diag: number[], off: number[], R: Float64Array, cols: number): Float64Array {
  const m = diag.length;
  const X = Float64Array.from(R);
  const dd = diag.slice();
  for (let i = 1; i < m; i++) {
    const f = off[i - 1] / dd[i - 1];
    dd[i] -= f * off[i - 1];
    for (let j = 0; j < cols; j++) X[i * cols + j] -= f * X[(i - 1) * cols + j];
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let j = 0; j < cols; j++) {
      const next = i < m - 1 ? off[i] * X[(i + 1) * cols + j] : 0;
      X[i * cols + j] = (X[i * cols + j] - next) / dd[i];
    }
  }
  return X;
}

/**
 * One covariate's basis before any constraint (mgcv's smooth.construct for tp / cr): the raw basis
 * description, its n × k design and k × k penalty; t2()'s marginals (smoothT2.ts).
 */
export function marginalBasis(bs: SmoothBasisKind, x: Float64Array, k: number | undefined, what: string): { raw: SmoothRaw; X: Float64Array; S: Float64Array } {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new UserError(`${what}: the covariate must be numeric and finite, got ${x[i]} in row ${i + 1}`);
  return bs === "tp" ? thinPlate([x], x.length, k, what) : cubicRegression(x, x.length, k, what);
}

/** The raw basis (n × k row-major) at covariate values: mgcv's Predict.matrix for tp / cr. */
export function rawBasis(raw: SmoothRaw, x: readonly Float64Array[], n: number): Float64Array {
  const k = raw.k;
  const X = new Float64Array(n * k);
  if (raw.kind === "tp") {
    const d = raw.d;
    const M = nullDim(d);
    const nu = raw.xu.length / d;
    const b = new Float64Array(nu + M);
    const pt = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < d; t++) pt[t] = x[t][i] - raw.shift[t];
      for (let u = 0; u < nu; u++) {
        let r2 = 0;
        for (let t = 0; t < d; t++) {
          const z = raw.xu[u * d + t] - pt[t];
          r2 += z * z;
        }
        b[u] = tpsEta(d, r2);
      }
      for (let a = 0; a < M; a++) b[nu + a] = polyValue(d, a, pt, 0);
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let u = 0; u < nu + M; u++) s += b[u] * raw.uz[u * k + j];
        X[i * k + j] = s;
      }
    }
    return X;
  }
  const { knots, F } = raw;
  const lo = knots[0];
  const hi = knots[k - 1];
  const xs = x[0];
  for (let i = 0; i < n; i++) {
    const xi = xs[i];
    const row = i * k;
    if (xi < lo) {
      // Linear extrapolation with the slope at the first knot.
      const hh = knots[1] - lo;
      const xik = xi - lo;
      const cjm = (-xik * hh) / 3;
      const cjp = (-xik * hh) / 6;
      for (let c = 0; c < k; c++) X[row + c] = cjm * F[c] + cjp * F[k + c];
      X[row] += 1 - xik / hh;
      X[row + 1] += xik / hh;
    } else if (xi > hi) {
      const hh = hi - knots[k - 2];
      const xik = xi - hi;
      const cjm = (xik * hh) / 6;
      const cjp = (xik * hh) / 3;
      for (let c = 0; c < k; c++) X[row + c] = cjm * F[(k - 2) * k + c] + cjp * F[(k - 1) * k + c];
      X[row + k - 2] += -xik / hh;
      X[row + k - 1] += 1 + xik / hh;
    } else {
      // The interval knots[j] < x ≤ knots[j + 1] (j = 0 at the first knot), as mgcv's bisection.
      let j = 0;
      let up = k - 1;
      while (up - j > 1) {
        const mid = (up + j) >> 1;
        if (xi > knots[mid]) j = mid;
        else up = mid;
      }
      const hh = knots[j + 1] - knots[j];
      const am = knots[j + 1] - xi;
      const ap = xi - knots[j];
      const cjm = (am * ((am * am) / hh - hh)) / 6;
      const cjp = (ap * ((ap * ap) / hh - hh)) / 6;
      for (let c = 0; c < k; c++) X[row + c] = cjm * F[j * k + c] + cjp * F[(j + 1) * k + c];
      X[row + j] += am / hh;
      X[row + j + 1] += ap / hh;
    }
  }
  return X;
}

/**
 * A smooth's `by` variable (mgcv): a factor gives one smooth per level, each basis row times the
 * level's indicator; a numeric column multiplies every basis row (a varying coefficient).
 */
export type SmoothBy =
  | { readonly kind: "factor"; readonly variable: string; readonly levels: readonly string[]; readonly level: string }
  | { readonly kind: "numeric"; readonly variable: string };

/** The by variable at the fitting rows: a factor's level codes into `levels`, or numeric values. */
export type SmoothByInput =
  | { readonly kind: "factor"; readonly variable: string; readonly levels: readonly string[]; readonly codes: Int32Array }
  | { readonly kind: "numeric"; readonly variable: string; readonly values: Float64Array };

/**
 * Builds a smooth from its covariate columns (fitting rows): mgcv's basis, the penalty scaled as
 * smoothCon's scale.penalty, the sum-to-zero constraint absorbed by a Householder reflection, the
 * penalty diagonalised (nat.param type 2), and split into Zs (penalised, unit penalty) and Xs.
 */
export function constructSmooth(spec: SmoothTermSpec, x: readonly Float64Array[], what: string): SmoothState & SmoothColumns {
  return constructSmooths(spec, x, what)[0];
}

/**
 * constructSmooth with mgcv's `by` (smoothCon): the basis, its penalty scaling and its sum-to-zero
 * constraint come from the unmultiplied rows; a numeric `by` that varies drops the constraint (the
 * smooth times z is identifiable without it); a factor gives one smooth per level of `by.levels`,
 * all sharing the first level's nat.param transform, as smoothCon does for its list.
 */
export function constructSmooths(spec: SmoothTermSpec, x: readonly Float64Array[], what: string, by?: SmoothByInput): (SmoothState & SmoothColumns)[] {
  const n = x[0]?.length ?? 0;
  if (x.length !== spec.vars.length || x.length < 1 || x.length > 2) throw new UserError(`${what}: one or two covariates are supported, got ${x.length}`);
  if (spec.bs === "cr" && x.length !== 1) throw new UserError(`${what}: bs = "cr" takes one covariate; use bs = "tp" (the default) for s(x, z)`);
  for (const col of x) for (let i = 0; i < n; i++) if (!Number.isFinite(col[i])) throw new UserError(`${what}: the covariate must be numeric and finite, got ${col[i]} in row ${i + 1}`);
  const built = spec.bs === "tp" ? thinPlate(x, n, spec.k, what) : cubicRegression(x[0], n, spec.k, what);
  const { raw, X, S } = built;
  const k = raw.k;
  const M = raw.kind === "tp" ? nullDim(raw.d) : 2;
  // The smooths of the list: their by states and row multipliers (null = 1).
  const list: { by?: SmoothBy; mult: Float64Array | null }[] = [];
  let constrained = true;
  if (!by) list.push({ mult: null });
  else if (by.kind === "numeric") {
    const v = by.values;
    if (v.length !== n) throw new UserError(`${what}: the by variable has ${v.length} values for ${n} rows`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(v[i])) throw new UserError(`${what}: the by variable '${by.variable}' must be finite, got ${v[i]} in row ${i + 1}`);
    const [mean, sd] = meanSdR(v);
    // smoothCon: a by variable that varies needs no centring constraint.
    constrained = !(sd > mean * Number.EPSILON * 1000);
    list.push({ by: { kind: "numeric", variable: by.variable }, mult: v });
  } else {
    by.levels.forEach((level, l) => {
      const mult = new Float64Array(n);
      for (let i = 0; i < n; i++) mult[i] = by.codes[i] === l ? 1 : 0;
      list.push({ by: { kind: "factor", variable: by.variable, levels: [...by.levels], level }, mult });
    });
    if (list.length === 0) throw new UserError(`${what}: the by factor '${by.variable}' has no levels`);
  }
  const rank = k - M; // the penalty's; the constraint (when kept) removes one null direction
  // smoothCon's scale.penalty: S / (‖S‖₁ / ‖X‖∞²), on the rows before the by variable.
  let maxRow = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.abs(X[i * k + j]);
    maxRow = Math.max(maxRow, s);
  }
  let maxCol = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += Math.abs(S[i * k + j]);
    maxCol = Math.max(maxCol, s);
  }
  const scale = (maxRow * maxRow) / maxCol;
  // Sum-to-zero constraint (of the unmultiplied rows): Q2 (k × (k − 1)) spans the complement of the column means.
  let Q2: Float64Array;
  let p: number;
  if (constrained) {
    const cm = new Float64Array(k);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) cm[j] += X[i * k + j] / n;
    Q2 = complementBasis(cm);
    p = k - 1;
  } else {
    Q2 = new Float64Array(k * k);
    for (let i = 0; i < k; i++) Q2[i * k + i] = 1;
    p = k;
  }
  const Sc = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
    let s = 0;
    for (let i = 0; i < k; i++) {
      if (Q2[i * p + a] === 0) continue;
      for (let j = 0; j < k; j++) s += Q2[i * p + a] * S[i * k + j] * Q2[j * p + b];
    }
    Sc[a * p + b] = s * scale;
  }
  // nat.param(type = 2): penalised columns X v_j / √λ_j; null columns scaled to the penalised ones' average norm.
  // smoothCon skips it when the constrained penalty is already diag(S11, …, S11, 0, …) (tp with k = 3):
  // smooth2random then leaves the null columns unscaled. The norms are the first smooth's of the list.
  const s11 = Sc[0];
  let offDiag = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) offDiag = Math.max(offDiag, Math.abs(Sc[a * p + b] - (a === b && a < rank ? s11 : 0)));
  const natParam = offDiag > Math.abs(s11) * Number.EPSILON ** 0.8;
  const eig = symmetricEigen(Sc, p);
  const XQV = matMul(matMul(X, Q2, n, k, p), eig.vectors, n, p, p);
  const xvOf = (mult: Float64Array | null): Float64Array => {
    if (!mult) return XQV;
    const out = new Float64Array(n * p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[i * p + j] = XQV[i * p + j] * mult[i];
    return out;
  };
  const E = natParamScales(eig.values, xvOf(list[0].mult), n, p, rank, natParam);
  const mx = x.length === 1 ? meanSdR(x[0])[0] : 0; // R's mean
  return list.map(({ by: b, mult }) => {
    const XV = xvOf(mult);
    // Orientation: Zs columns with their largest-|·| training value positive; a single 1-D Xs increasing in x.
    const sign = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      if (j >= rank && x.length === 1 && p - rank === 1) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (x[0][i] - mx) * XV[i * p + j];
        sign[j] = s < 0 ? -1 : 1;
      } else {
        let best = 0;
        for (let i = 0; i < n; i++) if (Math.abs(XV[i * p + j]) > Math.abs(best)) best = XV[i * p + j];
        sign[j] = best < 0 ? -1 : 1;
      }
    }
    const transform = new Float64Array(k * p);
    for (let i = 0; i < k; i++) for (let j = 0; j < p; j++) {
      let s = 0;
      for (let t = 0; t < p; t++) s += Q2[i * p + t] * eig.vectors[t * p + j];
      transform[i * p + j] = (s * sign[j]) / E[j];
    }
    const state: SmoothState = { spec: { vars: [...spec.vars], bs: spec.bs, k }, raw, transform: Array.from(transform), nPen: rank, ...(b ? { by: b } : {}) };
    return { ...state, ...splitColumns(state, X, n, mult) };
  });
}

/**
 * The smooth's Xs and Zs columns at new covariate values (brms's s2rPred through mgcv's PredictMat);
 * `by`: the by variable's row multipliers (a factor level's indicator or the numeric values).
 */
export function smoothColumns(state: SmoothState, x: readonly Float64Array[], by?: Float64Array): SmoothColumns {
  const n = x[0]?.length ?? 0;
  if ((state.by !== undefined) !== (by !== undefined)) throw new UserError(`smoothColumns: ${state.by ? `the by variable '${state.by.variable}' is needed` : "this smooth has no by variable"}`);
  return splitColumns(state, rawBasis(state.raw, x, n), n, by ?? null);
}

function splitColumns(state: SmoothState, X: Float64Array, n: number, mult: Float64Array | null): SmoothColumns {
  const k = state.raw.k;
  const p = state.transform.length / k;
  const out = matMul(X, Float64Array.from(state.transform), n, k, p);
  const col = (j: number) => {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = mult ? out[i * p + j] * mult[i] : out[i * p + j];
    return c;
  };
  return {
    Zs: Array.from({ length: state.nPen }, (_, j) => col(j)),
    Xs: Array.from({ length: p - state.nPen }, (_, j) => col(state.nPen + j)),
  };
}

/** An orthonormal basis (k × (k − 1), row-major) of the vectors orthogonal to c: a Householder reflection's last columns. */
export function complementBasis(c: Float64Array): Float64Array {
  const k = c.length;
  let norm = 0;
  for (let i = 0; i < k; i++) norm += c[i] * c[i];
  norm = Math.sqrt(norm);
  const u = Float64Array.from(c);
  u[0] += c[0] < 0 ? -norm : norm;
  let uu = 0;
  for (let i = 0; i < k; i++) uu += u[i] * u[i];
  const Q = new Float64Array(k * (k - 1));
  for (let i = 0; i < k; i++) for (let j = 1; j < k; j++) Q[i * (k - 1) + j - 1] = (i === j ? 1 : 0) - (uu > 0 ? (2 * u[i] * u[j]) / uu : 0);
  return Q;
}

/** A (n × k) · B (k × p), row-major. */
export function matMul(A: Float64Array, B: Float64Array, n: number, k: number, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) {
    const a = A[i * k + t];
    if (a === 0) continue;
    for (let j = 0; j < p; j++) out[i * p + j] += a * B[t * p + j];
  }
  return out;
}

/**
 * mgcv's nat.param column scales E (divide the eigen-rotated columns X·v_j by E_j): √λ_j for the `rank`
 * penalised columns; with `scaleNull` the null columns' scale brings them to the penalised columns'
 * average squared norm (unit.fnorm), else 1. XV is n × k row-major. Shared by s() (type 2) and t2()'s
 * marginals (type 3), whose bases tests pin to R bit for bit: keep the arithmetic order.
 */
export function natParamScales(values: Float64Array, XV: Float64Array, n: number, k: number, rank: number, scaleNull: boolean): Float64Array {
  const E = new Float64Array(k);
  const colNorm = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    E[j] = j < rank ? Math.sqrt(values[j]) : 1;
    let s = 0;
    for (let i = 0; i < n; i++) s += XV[i * k + j] * XV[i * k + j];
    colNorm[j] = s / (E[j] * E[j]);
  }
  let av = 0;
  for (let j = 0; j < rank; j++) av += colNorm[j] / rank;
  if (scaleNull) for (let j = rank; j < k; j++) E[j] = Math.sqrt(colNorm[j] / av);
  return E;
}
