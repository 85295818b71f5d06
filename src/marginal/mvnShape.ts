/**
 * The DSL writes correlated group effects as a matrix parameter b (J groups × K effects) with prior
 * b ~ multi_normal_cholesky(mu, diag(scale) L), read by the likelihood through `b.col(m).at(g)`: a
 * gather of the flat array b by a hidden int slot holding (g_i − 1)·K + m + 1. detectCorrelated.ts
 * looks for brms's non-centred form instead, so this pass rewrites the first into the second without
 * changing the marginal: K vector parameters ζ_k ~ normal(0, 1), K transformed parameters
 * r_m = Σ_{k ≤ m} scale_m L_mk ζ_k, and each gather b.col(m).at(g) becomes mu_m + r_m[g]. As b given
 * (mu, scale, L) is mu + C ζ row by row with C = diag(scale) L, integrating b or ζ out gives the same
 * density of the rest. Products of sums with a data column (`(beta + b.col(1).at(g)) * days`) are
 * multiplied out so the likelihood's mean is the sum of terms the detector reads.
 *
 * Only the exact case is rewritten: b has the identity transform, that one prior with zero mean or a
 * parameter vector of K means (not data, not one mean per row) and no other reader than one statement
 * whose every read of b is such a gather by one factor. The caller keeps the rewrite only when findCorrelated then takes exactly these
 * effects (a gaussian family, one σ, no other group effect in that likelihood).
 */
import type { ArrayRef, DataSlot, Expr, Program, ProgramData, Statement } from "../ir/types.js";
import { mapRefs, mapStatementRefs, mapTransformRefs, type ArrayRefId } from "../ir/mapRefs.js";
import { shapeSize } from "../ir/validate.js";
import { readsParams, refersTo, statementExprs, transformRefersTo } from "../reparam/expr.js";

export interface MvnRewrite {
  readonly program: Program;
  readonly data: ProgramData;
  /** The matrix parameter's name, groups J (rows) and effects K (columns). */
  readonly name: string;
  readonly groups: number;
  readonly dims: number;
  /** Parameter ids of ζ_1..ζ_K and transformed parameter ids of r_1..r_K in the rewritten program. */
  readonly coords: readonly number[];
  readonly effects: readonly number[];
  /** Per column m, the output name of b's mean mu_m, an element of a parameter vector (absent: zero mean). */
  readonly means?: readonly string[];
}

type Mvn = Extract<Statement, { kind: "multiNormalCholesky" }>;

/** Names of matrix parameters that look like DSL group effects (a single multi_normal_cholesky prior), in program order. */
export function mvnGroupNames(program: Program): string[] {
  return program.params.flatMap((p, id) => (p.shape.kind === "matrix" && p.transform.kind === "identity" && priorOf(program, id) >= 0 ? [p.name] : []));
}

function priorOf(program: Program, id: number): number {
  const found = program.statements.flatMap((st, k) => (st.kind === "multiNormalCholesky" && st.y.src === "param" && st.y.id === id ? [k] : []));
  return found.length === 1 ? found[0] : -1;
}

/** Values of an array operand as K scalar expressions (elements of a parameter, constants for data), or null. */
function elements(a: ArrayRef, count: number, program: Program, data: ProgramData, self: number): Expr[] | null {
  if (a.src === "tparam" || (a.src === "param" && a.id === self)) return null;
  if (a.src === "data") {
    const v = data[a.id];
    if (v.length !== count) return null;
    return Array.from(v, (value) => ({ op: "const", value }) as Expr);
  }
  if (shapeSize(program.params[a.id].shape) !== count) return null;
  return Array.from({ length: count }, (_, index) => ({ op: "elem", src: "param", id: a.id, index }) as Expr);
}

/** Every read of parameter `b` in `e`; null when one is not a gather. */
function gathersOf(e: Expr, b: number, out: Extract<Expr, { op: "gather" }>[]): boolean {
  switch (e.op) {
    case "const":
      return true;
    case "gather":
      if (e.src === "param" && e.id === b) out.push(e);
      return true;
    case "ref":
    case "elem":
    case "row":
    case "dotRow":
      return !(e.src === "param" && e.id === b);
    case "unary":
    case "sum":
      return gathersOf(e.arg, b, out);
    case "binary":
      return gathersOf(e.a, b, out) && gathersOf(e.b, b, out);
  }
}

const add = (a: Expr, b: Expr): Expr => ({ op: "binary", fn: "add", a, b });
const mul = (a: Expr, b: Expr): Expr => ({ op: "binary", fn: "mul", a, b });

/** `e` with products of a sum and a data-only factor multiplied out (exact up to rounding). */
function distribute(e: Expr): Expr {
  if (e.op !== "binary") return e;
  if (e.fn === "add") return add(distribute(e.a), distribute(e.b));
  if (e.fn !== "mul") return e;
  for (const [s, d, sFirst] of [[e.a, e.b, true], [e.b, e.a, false]] as const) {
    if (readsParams(d)) continue;
    const ds = distribute(s);
    if (ds.op === "binary" && ds.fn === "add") {
      const part = (t: Expr) => distribute(sFirst ? mul(t, d) : mul(d, t));
      return add(part(ds.a), part(ds.b));
    }
  }
  return e;
}

/**
 * The program with matrix parameter `name` written brms's way, or null when it is not exactly the
 * supported shape (see the file comment).
 */
export function rewriteMvnGroups(program: Program, data: ProgramData, name: string): MvnRewrite | null {
  const b = program.params.findIndex((p) => p.name === name);
  if (b < 0) return null;
  const shape = program.params[b].shape;
  if (shape.kind !== "matrix" || program.params[b].transform.kind !== "identity") return null;
  const { rows: J, cols: K } = shape;
  const prior = priorOf(program, b);
  if (prior < 0) return null;
  const st = program.statements[prior] as Mvn;
  if (st.n !== J || st.k !== K) return null;
  const L = elements(st.L, K * K, program, data, b);
  const scale = st.scale === undefined ? null : elements(st.scale, K, program, data, b);
  const mu = st.mu === undefined ? null : elements(st.mu, K, program, data, b);
  if (L === null || (st.scale !== undefined && scale === null) || (st.mu !== undefined && mu === null)) return null;
  // The completion adds mu_m to b[j,m] = (C ζ_j)_m, read from the draws by its output name `mu[m]`.
  let means: string[] | undefined;
  if (st.mu !== undefined) {
    const src = st.mu;
    // A data mean would leave data × constant terms (days · 10.5) that linearEta does not read: refused.
    if (src.src !== "param" || program.params[src.id].shape.kind !== "vector") return null;
    means = Array.from({ length: K }, (_, k) => `${program.params[src.id].name}[${k + 1}]`);
  }
  // No reader of b but its prior and one statement, and there only gathers.
  if (program.params.some((p) => transformRefersTo(p.transform, "param", b))) return null;
  if (program.tparams.some((tp) => refersTo(tp.expr, "param", b))) return null;
  const readers = program.statements.flatMap((s, k) => (k !== prior && statementExprs(s).some((e) => refersTo(e, "param", b)) ? [k] : []));
  if (readers.length !== 1) return null;
  const li = readers[0];
  const lik = program.statements[li];
  if (lik.kind !== "distribution") return null;
  const gathers: Extract<Expr, { op: "gather" }>[] = [];
  if (![lik.lhs, ...lik.args].every((e) => gathersOf(e, b, gathers))) return null;
  if (gathers.length === 0 || [lik.lhs, ...lik.args.slice(1)].some((e) => refersTo(e, "param", b))) return null;
  // Each gather's codes (g_i − 1)·K + m + 1: one column m per gather, one factor g for all.
  const n = lik.n;
  let g: Int32Array | null = null;
  const columnOf = new Map<number, number>();
  for (const ga of gathers) {
    const codes = data[ga.by];
    if (!(codes instanceof Int32Array) || codes.length !== n || program.data[ga.by].dims.length !== 1) return null;
    const m = (codes[0] - 1) % K;
    const gi = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i] - 1;
      if (!(c >= 0 && c < J * K) || c % K !== m) return null;
      gi[i] = (c - m) / K + 1;
    }
    if (g !== null && g.some((v, i) => v !== gi[i])) return null;
    g = gi;
    columnOf.set(ga.by, m);
  }
  // Every column must be read: an unread column's ζ would be read by an effect the likelihood lacks.
  if (new Set(columnOf.values()).size !== K || g === null) return null;
  const slots: DataSlot[] = [...program.data];
  const values: (Float64Array | Int32Array)[] = [...data];
  const codes = g;
  let gSlot = program.data.findIndex((s, k) => s.type === "int" && s.dims.length === 1 && values[k].length === n && values[k].every((v, i) => v === codes[i]));
  if (gSlot < 0) {
    gSlot = slots.length;
    slots.push({ name: `${name}.group__`, type: "int", dims: [n] });
    values.push(codes);
  }
  // b goes; ζ_1..ζ_K are appended to the parameters, r_1..r_K to the transformed parameters.
  const P = program.params.length - 1;
  const T = program.tparams.length;
  const f = (r: ArrayRefId): ArrayRefId => (r.src === "param" && r.id > b ? { src: "param", id: r.id - 1 } : r);
  const m = (e: Expr) => mapRefs(e, f);
  const coords = Array.from({ length: K }, (_, k) => P + k);
  const effects = Array.from({ length: K }, (_, k) => T + k);
  const params = program.params.flatMap((p, k) => (k === b ? [] : [{ ...p, transform: mapTransformRefs(p.transform, f) }]));
  for (let k = 0; k < K; k++) params.push({ name: `${name}.z${k + 1}__`, shape: { kind: "vector", n: J }, transform: { kind: "identity" } });
  const tparams = program.tparams.map((tp) => ({ ...tp, expr: m(tp.expr) }));
  for (let r = 0; r < K; r++) {
    let expr: Expr | null = null;
    for (let k = 0; k <= r; k++) {
      const c = scale === null ? m(L[r * K + k]) : mul(m(scale[r]), m(L[r * K + k]));
      const term = mul(c, { op: "ref", src: "param", id: coords[k] });
      expr = expr === null ? term : add(expr, term);
    }
    tparams.push({ name: `${name}.r${r + 1}__`, n: J, expr: expr as Expr });
  }
  // The gathers of b become mu_m + r_m[g]; other references are renumbered.
  const swap = (e: Expr): Expr => {
    switch (e.op) {
      case "gather": {
        if (e.src !== "param" || e.id !== b) return m(e);
        const col = columnOf.get(e.by) as number;
        const r: Expr = { op: "gather", src: "tparam", id: effects[col], by: gSlot };
        return mu === null ? r : add(m(mu[col]), r);
      }
      case "unary":
      case "sum":
        return { ...e, arg: swap(e.arg) };
      case "binary":
        return { ...e, a: swap(e.a), b: swap(e.b) };
      default:
        return m(e);
    }
  };
  const statements: Statement[] = program.statements.flatMap((s, k): Statement[] => {
    if (k === prior) {
      return coords.map((id) => ({ kind: "distribution", family: "normal", n: J, lhs: { op: "ref", src: "param", id }, args: [{ op: "const", value: 0 }, { op: "const", value: 1 }] }));
    }
    if (k === li) return [{ ...lik, lhs: m(lik.lhs), args: [distribute(swap(lik.args[0])), ...lik.args.slice(1).map(m)] }];
    return [mapStatementRefs(s, f)];
  });
  return { program: { data: slots, params, tparams, statements, generated: [] }, data: values, name, groups: J, dims: K, coords, effects, ...(means ? { means } : {}) };
}
