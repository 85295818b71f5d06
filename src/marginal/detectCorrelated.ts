/**
 * Finds correlated gaussian group effects that can be integrated out (normalCorrelated.ts): a gaussian
 * likelihood with one σ whose mean is
 *   (terms linear in data, linearEta.ts) + Σ_m r_m[g[i]] · Z_m[i],
 * where each r_m is a transformed parameter Σ_k C_mk ζ_k of standard-normal vectors ζ_k ~ normal(0, 1)
 * with scalar coefficients C_mk (brms's r = diag(sd) L z: C_mk = sd[m] · L[m,k]). The ζ_k must be read
 * only by their priors and the r_m, the r_m only by this likelihood, and σ and the linear terms by
 * neither; anything else (crossed groups, a second gathered effect, a non-gaussian family, a per-row
 * σ) is left as written.
 */
import type { Expr, Program, ProgramData, Statement } from "../ir/types.js";
import { otherUses, refersTo, transformRefersTo } from "../reparam/expr.js";
import { exprLength, hasWeightedOrCensored } from "./detect.js";
import { linearEta } from "./linearEta.js";

export interface CorrelatedCandidate {
  readonly likelihood: number;
  /** Transformed parameter ids of the effects r_m (M) and parameter ids of the coordinates ζ_k (K). */
  readonly effects: readonly number[];
  readonly coords: readonly number[];
  /** Statement index of each coordinate's prior. */
  readonly priors: readonly number[];
  /** M × K coefficient expressions (null: the coordinate does not enter that effect). */
  readonly C: readonly (Expr | null)[];
  readonly groups: number;
  readonly group: Int32Array;
  /** y − offset (n), X (n × p), Z (n × M). */
  readonly y: Float64Array;
  readonly x: Float64Array;
  readonly z: Float64Array;
  readonly coefs: readonly Expr[];
  readonly sigma: Expr;
}

type Dist = Extract<Statement, { kind: "distribution" }>;

function addTerms(e: Expr): Expr[] {
  return e.op === "binary" && e.fn === "add" ? [...addTerms(e.a), ...addTerms(e.b)] : [e];
}

const isConst = (e: Expr, v: number) => e.op === "const" && e.value === v;

/** Vector parameters of length J with an identity transform and a normal(0, 1) prior: id → prior statement. */
function standardNormals(program: Program): Map<number, number> {
  const out = new Map<number, number>();
  program.statements.forEach((st, k) => {
    if (st.kind !== "distribution" || st.family !== "normal" || st.lhs.op !== "ref" || st.lhs.src !== "param") return;
    const p = program.params[st.lhs.id];
    if (p.shape.kind !== "vector" || p.shape.n !== st.n || p.transform.kind !== "identity") return;
    if (isConst(st.args[0], 0) && isConst(st.args[1], 1) && !out.has(st.lhs.id)) out.set(st.lhs.id, k);
  });
  return out;
}

/** `e` as Σ_k c_k ζ_k (ζ_k from `coords`, c_k scalar expressions reading no coordinate), or null. */
function combo(e: Expr, coords: ReadonlyMap<number, number>, program: Program): Map<number, Expr> | null {
  if (e.op === "ref" && e.src === "param" && coords.has(e.id)) return new Map([[e.id, { op: "const", value: 1 }]]);
  if (e.op === "binary" && e.fn === "add") {
    const a = combo(e.a, coords, program);
    const b = combo(e.b, coords, program);
    if (a === null || b === null) return null;
    for (const [k, c] of b) {
      const prev = a.get(k);
      a.set(k, prev === undefined ? c : { op: "binary", fn: "add", a: prev, b: c });
    }
    return a;
  }
  if (e.op === "binary" && e.fn === "mul") {
    for (const [s, rest] of [[e.a, e.b], [e.b, e.a]] as const) {
      if (exprLength(program, s, 2) !== 0 || [...coords.keys()].some((k) => refersTo(s, "param", k))) continue;
      const inner = combo(rest, coords, program);
      if (inner === null) continue;
      for (const [k, c] of inner) inner.set(k, isConst(c, 1) ? s : { op: "binary", fn: "mul", a: s, b: c });
      return inner;
    }
  }
  return null;
}

/** Values of a data column (a constant or a real data vector of length n), or null. */
function dataColumn(e: Expr, n: number, program: Program, data: ProgramData): Float64Array | null {
  if (e.op === "const") return new Float64Array(n).fill(e.value);
  if (e.op === "ref" && e.src === "data" && program.data[e.id].dims.length === 1 && data[e.id].length === n) return Float64Array.from(data[e.id]);
  return null;
}

/** A mean term `r[g[i]]` or `r[g[i]] · Z[i]` (either order): the tparam id, group slot and column. */
function effectTerm(t: Expr, n: number, program: Program, data: ProgramData): { id: number; by: number; col: Float64Array } | null {
  if (t.op === "gather" && t.src === "tparam") return { id: t.id, by: t.by, col: new Float64Array(n).fill(1) };
  if (t.op !== "binary" || t.fn !== "mul") return null;
  for (const [g, d] of [[t.a, t.b], [t.b, t.a]] as const) {
    if (g.op !== "gather" || g.src !== "tparam") continue;
    const col = dataColumn(d, n, program, data);
    if (col !== null) return { id: g.id, by: g.by, col };
  }
  return null;
}

/** Places other than statement `except` that read transformed parameter `id`. */
function tparamUses(program: Program, id: number, except: number): number {
  let uses = 0;
  for (const p of program.params) if (transformRefersTo(p.transform, "tparam", id)) uses++;
  for (const tp of program.tparams) if (refersTo(tp.expr, "tparam", id)) uses++;
  program.statements.forEach((st, k) => {
    if (k === except) return;
    const exprs = st.kind === "distribution" ? [st.lhs, ...st.args] : st.kind === "target" ? [st.expr] : st.kind === "lkjCorrCholesky" ? [st.eta] : st.kind === "dirichlet" ? [st.y, st.alpha] : [];
    if (exprs.some((e) => refersTo(e, "tparam", id))) uses++;
    if (st.kind === "multiNormalCholesky" && [st.y, st.mu, st.L, st.scale].some((a) => a?.src === "tparam" && a.id === id)) uses++;
  });
  return uses;
}

function tryLikelihood(program: Program, data: ProgramData, li: number, normals: Map<number, number>): CorrelatedCandidate | null {
  const st = program.statements[li] as Dist;
  const n = st.n;
  if (st.lhs.op !== "ref" || st.lhs.src !== "data" || program.data[st.lhs.id].dims.length !== 1 || data[st.lhs.id].length !== n) return null;
  const sigma = st.args[1];
  if (exprLength(program, sigma, n) !== 0) return null;
  const effects: { id: number; col: Float64Array }[] = [];
  const rest: Expr[] = [];
  let by = -1;
  for (const t of addTerms(st.args[0])) {
    const e = effectTerm(t, n, program, data);
    if (e === null) {
      rest.push(t);
      continue;
    }
    if ((by >= 0 && e.by !== by) || effects.some((x) => x.id === e.id)) return null;
    by = e.by;
    effects.push(e);
  }
  if (effects.length === 0) return null;
  const J = program.tparams[effects[0].id].n;
  const combos = effects.map((e) => (program.tparams[e.id].n === J ? combo(program.tparams[e.id].expr, normals, program) : null));
  if (combos.some((c) => c === null)) return null;
  const coords = [...new Set(combos.flatMap((c) => [...(c as Map<number, Expr>).keys()]))].sort((a, b) => a - b);
  if (coords.some((k) => (program.params[k].shape as { n: number }).n !== J)) return null;
  const M = effects.length;
  const K = coords.length;
  // One intercept of one coordinate is the plain varying intercept: glmmShape + normalLinear handle it.
  if (M === 1 && K === 1 && effects[0].col.every((v) => v === 1)) return null;
  for (const e of effects) if (tparamUses(program, e.id, li) !== 0) return null;
  for (const k of coords) {
    const readers = effects.filter((e) => refersTo(program.tparams[e.id].expr, "param", k)).length;
    if (otherUses(program, k, [normals.get(k) as number]) !== readers) return null;
  }
  const codes = data[by];
  if (!(codes instanceof Int32Array) || codes.length !== n) return null;
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (codes[i] < 1 || codes[i] > J) return null;
    group[i] = codes[i] - 1;
  }
  const eta = rest.length === 0 ? null : rest.reduce((a, b) => ({ op: "binary", fn: "add", a, b }));
  if (eta !== null && effects.some((e) => refersTo(eta, "tparam", e.id))) return null;
  const lin = linearEta(program, data, eta, n);
  if (lin === null || effects.some((e) => refersTo(sigma, "tparam", e.id))) return null;
  const p = lin.coefs.length;
  const x = new Float64Array(n * p);
  lin.columns.forEach((col, q) => col.forEach((v, i) => (x[i * p + q] = v)));
  const z = new Float64Array(n * M);
  effects.forEach((e, m) => e.col.forEach((v, i) => (z[i * M + m] = v)));
  const C = combos.flatMap((c) => coords.map((k) => (c as Map<number, Expr>).get(k) ?? null));
  return {
    likelihood: li,
    effects: effects.map((e) => e.id),
    coords,
    priors: coords.map((k) => normals.get(k) as number),
    C,
    groups: J,
    group,
    y: Float64Array.from(data[st.lhs.id], (v, i) => v - lin.offset[i]),
    x,
    z,
    coefs: lin.coefs,
    sigma,
  };
}

/** The first gaussian likelihood (in program order) with correlated effects to integrate out, or null. */
export function findCorrelated(program: Program, data: ProgramData): CorrelatedCandidate | null {
  if (hasWeightedOrCensored(program)) return null;
  const normals = standardNormals(program);
  if (normals.size === 0) return null;
  for (let li = 0; li < program.statements.length; li++) {
    const st = program.statements[li];
    if (st.kind !== "distribution" || st.family !== "normal") continue;
    const c = tryLikelihood(program, data, li, normals);
    if (c !== null) return c;
  }
  return null;
}
