/**
 * brms's `t2(x, z, bs = "tp")`: mgcv's tensor product smooth with one penalty per block
 * (smooth.construct.t2), for two one-covariate thin-plate marginals (k each, default 5). Each marginal is
 * re-parameterised by nat.param(type = 3, unit.fnorm = TRUE): penalised columns with unit penalty,
 * null-space columns rotated by the eigenvectors of their centred cross-product; then the row-wise
 * products in t2.model.matrix's order — range × range, null × range, range × null (the three penalties,
 * brms's sds_t2xz_1 … _3) and null × null (unpenalised). smoothCon absorbs the sum-to-zero
 * constraint into the null × null block only (t2's C) and scales each penalty by ‖X‖∞² (scale.penalty),
 * so smooth2random's random-effect columns are the blocks divided by ‖X‖∞, and the three
 * unpenalised columns (bs_t2xz_1 … _3) the constrained null × null block.
 *
 * New data: the fitted basis at new covariate values, as brms's (its prediction basis comes from
 * smoothCon(modCon = 3), which keeps the fitting constraint rather than t2's prediction constraint Cp).
 *
 * mgcv's default cr marginals are not supported: their penalty's null space is not axis-aligned, so
 * nat.param's null columns start from LAPACK's arbitrary eigenvectors of a (numerically) zero
 * eigenvalue, each normalised on its own, and type 3's rotation then depends on that choice: the
 * null × range and range × null blocks would span brms's columns but not equal them (a different
 * prior). tp's null space is the last two coordinates exactly, so every choice agrees.
 *
 * Eigenvectors fix columns only up to sign: each marginal column is oriented with its largest-|·|
 * training value positive, so block columns are brms's up to sign, and the unpenalised columns span
 * brms's up to a 3 × 3 transform.
 */
import { UserError } from "../errors.js";
import { symmetricEigen } from "../math/symmetricEigen.js";
import { complementBasis, marginalBasis, matMul, natParamScales, rawBasis, type SmoothBasisKind, type SmoothColumns, type SmoothRaw } from "./smooth.js";

/** One marginal: its raw basis, the k × k map raw → re-parameterised columns, and its penalty rank. */
export interface T2Margin {
  readonly raw: SmoothRaw;
  /** k × k row-major. */
  readonly P: readonly number[];
  readonly rank: number;
}

/** Everything a fitted t2() block needs for new data (saved in model.json). */
export interface T2State {
  readonly spec: { readonly vars: readonly string[]; readonly bs: SmoothBasisKind; readonly k: number };
  readonly margins: readonly [T2Margin, T2Margin];
  /** 1 / ‖X‖∞ of the unconstrained tensor design (smoothCon's penalty scaling, as smooth2random applies it). */
  readonly scale: number;
  /** (n1 · n2) × (n1 · n2 − 1) row-major: the null × null block's sum-to-zero constraint. */
  readonly nullComplement: readonly number[];
  /** Which penalty block this is: 0 range × range, 1 null × range, 2 range × null (brms's sds_t2xz_1 … _3). */
  readonly block: 0 | 1 | 2;
  /** Its number of columns (Zs); block 0 also carries the unpenalised columns as its Xs. */
  readonly nPen: number;
}

/** mgcv's nat.param(type = 3, unit.fnorm = TRUE) of one marginal, columns oriented; X and P (both with k columns). */
function naturalMargin(X: Float64Array, S: Float64Array, n: number, k: number, rank: number): { X: Float64Array; P: Float64Array } {
  const eig = symmetricEigen(S, k);
  const V = eig.vectors;
  const E = natParamScales(eig.values, matMul(X, V, n, k, k), n, k, rank, true);
  // T (k × k): raw coefficients → new columns; starts as V / E.
  const T = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let j = 0; j < k; j++) T[a * k + j] = V[a * k + j] / E[j];
  const nn = k - rank;
  if (nn > 1) {
    // type 3: rotate the null columns by the eigenvectors of their centred cross-product, in reverse order.
    const Xn = matMul(X, T, n, k, k);
    const C = new Float64Array(nn * nn);
    const mean = new Float64Array(nn);
    for (let a = 0; a < nn; a++) for (let i = 0; i < n; i++) mean[a] += Xn[i * k + rank + a] / n;
    for (let a = 0; a < nn; a++) for (let b = 0; b < nn; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (Xn[i * k + rank + a] - mean[a]) * (Xn[i * k + rank + b] - mean[b]);
      C[a * nn + b] = s;
    }
    const um = symmetricEigen(C, nn);
    const old = T.slice();
    for (let a = 0; a < k; a++) for (let j = 0; j < nn; j++) {
      let s = 0;
      for (let t = 0; t < nn; t++) s += old[a * k + rank + t] * um.vectors[t * nn + j];
      T[a * k + (k - 1 - j)] = s;
    }
  }
  // unit.fnorm: the penalised columns, then the null columns, scaled to mean square 1 (columns of T as of X).
  const Xt = matMul(X, T, n, k, k);
  for (const [lo, hi] of [[0, rank], [rank, k]]) {
    if (hi <= lo) continue;
    let ss = 0;
    for (let i = 0; i < n; i++) for (let j = lo; j < hi; j++) ss += Xt[i * k + j] * Xt[i * k + j];
    const f = 1 / Math.sqrt(ss / (n * (hi - lo)));
    for (let j = lo; j < hi; j++) {
      // Orientation: each column's largest-|·| training value positive.
      let best = 0;
      for (let i = 0; i < n; i++) if (Math.abs(Xt[i * k + j]) > Math.abs(best)) best = Xt[i * k + j];
      const g = best < 0 ? -f : f;
      for (let a = 0; a < k; a++) T[a * k + j] *= g;
      for (let i = 0; i < n; i++) Xt[i * k + j] *= g;
    }
  }
  return { X: Xt, P: T };
}

/** The four blocks of t2.model.matrix (full = FALSE) from the two re-parameterised marginals: columns of each, first marginal outer. */
function tensorBlocks(A: Float64Array, rA: number, kA: number, B: Float64Array, rB: number, kB: number, n: number): Float64Array[][] {
  const product = (aLo: number, aHi: number, bLo: number, bHi: number): Float64Array[] => {
    const cols: Float64Array[] = [];
    for (let j = aLo; j < aHi; j++) for (let l = bLo; l < bHi; l++) cols.push(Float64Array.from({ length: n }, (_, i) => A[i * kA + j] * B[i * kB + l]));
    return cols;
  };
  return [product(0, rA, 0, rB), product(rA, kA, 0, rB), product(0, rA, rB, kB), product(rA, kA, rB, kB)];
}

function marginColumns(m: T2Margin, x: Float64Array): Float64Array {
  const k = m.raw.k;
  return matMul(rawBasis(m.raw, [x], x.length), Float64Array.from(m.P), x.length, k, k);
}

/** Builds t2(x, z) on the fitting rows: one state and columns per penalty block (block 0 with the unpenalised columns as its Xs). */
export function constructT2(spec: { vars: readonly string[]; bs: SmoothBasisKind; k?: number }, x: readonly Float64Array[], what: string): (T2State & SmoothColumns)[] {
  if (x.length !== 2 || spec.vars.length !== 2) throw new UserError(`${what}: t2() takes two covariates here, got ${x.length}`);
  if (spec.bs !== "tp") throw new UserError(`${what}: t2() is supported with thin-plate marginals (bs = "tp"), got bs = "${spec.bs}"`);
  const n = x[0].length;
  const k = spec.k ?? 5;
  const margins = x.map((col) => {
    const b = marginalBasis(spec.bs, col, k, what);
    const kk = b.raw.k;
    const rank = kk - 2;
    const nat = naturalMargin(b.X, b.S, n, kk, rank);
    return { margin: { raw: b.raw, P: Array.from(nat.P), rank } as T2Margin, X: nat.X, k: kk };
  });
  const [m1, m2] = margins;
  const blocks = tensorBlocks(m1.X, m1.margin.rank, m1.k, m2.X, m2.margin.rank, m2.k, n);
  // ‖X‖∞ of the whole unconstrained design (smoothCon's scale.penalty; smooth2random divides by it).
  const all = blocks.flat();
  let maxRow = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const c of all) s += Math.abs(c[i]);
    maxRow = Math.max(maxRow, s);
  }
  const scale = 1 / maxRow;
  const nn = blocks[3];
  const sums = Float64Array.from(nn, (c) => c.reduce((a, v) => a + v, 0));
  const Q = complementBasis(sums);
  const state0 = { spec: { vars: [...spec.vars], bs: spec.bs, k }, margins: [m1.margin, m2.margin] as const, scale, nullComplement: Array.from(Q) };
  return ([0, 1, 2] as const).map((block) => {
    const state: T2State = { ...state0, block, nPen: blocks[block].length };
    return { ...state, ...t2Columns(state, blocks) };
  });
}

/** A block's Zs (scaled) and, for block 0, the constrained null × null columns as Xs. */
function t2Columns(state: T2State, blocks: readonly Float64Array[][]): SmoothColumns {
  const Zs = blocks[state.block].map((c) => c.map((v) => v * state.scale));
  if (state.block !== 0) return { Zs, Xs: [] };
  const nn = blocks[3];
  const p = nn.length - 1;
  const Xs = Array.from({ length: p }, (_, j) => {
    const out = new Float64Array(nn[0].length);
    nn.forEach((c, t) => {
      const q = state.nullComplement[t * p + j];
      for (let i = 0; i < out.length; i++) out[i] += c[i] * q;
    });
    return out;
  });
  return { Zs, Xs };
}

/** A fitted t2() block's columns at new covariate values (the fitted basis; see the file comment). */
export function t2ColumnsAt(state: T2State, x: readonly Float64Array[]): SmoothColumns {
  const n = x[0]?.length ?? 0;
  const [a, b] = state.margins;
  const blocks = tensorBlocks(marginColumns(a, x[0]), a.rank, a.raw.k, marginColumns(b, x[1]), b.rank, b.raw.k, n);
  return t2Columns(state, blocks);
}

/** A t2() block's state as read back from model.json: the right shapes, finite numbers, thin-plate margins. */
export function isSavedT2State(value: unknown): value is T2State {
  const st = value as Partial<T2State> | null;
  const numbers = (a: unknown, len: number): boolean => Array.isArray(a) && a.length === len && a.every((v) => typeof v === "number" && Number.isFinite(v));
  if (!st || !Array.isArray(st.margins) || st.margins.length !== 2) return false;
  const marginsOk = st.margins.every((m) => {
    const raw = m?.raw as { kind?: unknown; k?: unknown } | undefined;
    const k = raw?.k;
    return raw?.kind === "tp" && Number.isInteger(k) && numbers(m.P, (k as number) * (k as number)) && m.rank === (k as number) - 2;
  });
  return marginsOk && numbers(st.nullComplement, 12) && typeof st.scale === "number" && st.scale > 0 && (st.block === 0 || st.block === 1 || st.block === 2) && Number.isInteger(st.nPen);
}
