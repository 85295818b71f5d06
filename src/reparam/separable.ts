/**
 * Whether a vector parameter's elements enter the log density one at a time: every statement that
 * reads θ reads, in each of its elements, at most one element of θ (θ[by[i]] through one gather
 * slot, or θ[i] elementwise), and nothing else reads θ (no transformed parameter, no other
 * parameter's transform, no sum, fixed element, row or dot product, no marginal block). Then the log
 * density is a sum of terms each holding one θ_j, its Hessian in θ is diagonal, and the gradient in
 * θ_j at θ + h·1 equals the gradient at θ + h·e_j: the pilot measures every element's curvature
 * with one pair of gradients instead of one pair per element (auto.ts).
 *
 * `rowsSeparable` is the same question for a correlated group matrix b (n groups × k effects) sampled
 * through its whitened rows (b_j = mu + diag(s) L z_j: row j of b reads row j of z only): whether each
 * statement element reads at most one row of b. Then the Hessian in z is block-diagonal by rows and
 * moving column m of z in every row at once gives each z_jm's own difference: k pairs, not n·k.
 */
import { familySignature } from "../ir/families.js";
import type { Expr, Program, ProgramData } from "../ir/types.js";
import { refersTo, statementRefersTo, transformRefersTo } from "./expr.js";

/** How one expression reads θ: not at all, through gather slot `by` (−1: elementwise), or otherwise. */
type Access = { readonly kind: "none" } | { readonly kind: "one"; readonly by: number } | { readonly kind: "other" };

const NONE: Access = { kind: "none" };
const OTHER: Access = { kind: "other" };

function merge(a: Access, b: Access): Access {
  if (a.kind === "none") return b;
  if (b.kind === "none") return a;
  if (a.kind === "one" && b.kind === "one" && a.by === b.by) return a;
  return OTHER;
}

function access(e: Expr, id: number, n: number, context: number): Access {
  switch (e.op) {
    case "const":
      return NONE;
    case "ref":
      if (e.src !== "param" || e.id !== id) return NONE;
      // Outside a `vector` argument (checked by the caller) an operand is a per-row value, so θ read
      // whole in a context of its own length is θ[i]; in any other context it is not one element.
      return context === n ? { kind: "one", by: -1 } : OTHER;
    case "gather":
      return e.src === "param" && e.id === id ? { kind: "one", by: e.by } : NONE;
    case "elem":
    case "row":
    case "dotRow":
      return e.src === "param" && e.id === id ? OTHER : NONE;
    case "sum":
      return refersTo(e.arg, "param", id) ? OTHER : NONE;
    case "unary":
      return access(e.arg, id, n, context);
    case "binary":
      return merge(access(e.a, id, n, context), access(e.b, id, n, context));
  }
}

export function elementsSeparable(program: Program, id: number): boolean {
  const shape = program.params[id].shape;
  if (shape.kind !== "vector") return false;
  const n = shape.n;
  if (program.params.some((p, k) => k !== id && transformRefersTo(p.transform, "param", id))) return false;
  if (program.tparams.some((t) => refersTo(t.expr, "param", id))) return false;
  const own = program.params[id].transform;
  if (own.kind === "offsetMultiplier" && (refersTo(own.offset, "param", id) || refersTo(own.multiplier, "param", id))) return false;
  if (own.kind !== "identity" && own.kind !== "offsetMultiplier") return false;
  for (const st of program.statements) {
    if (st.kind === "distribution") {
      // Arguments are per-row values except a signature's `vector` ones (ordinal cutpoints), read whole.
      const types = familySignature(st.family)?.argTypes;
      const whole = st.args.some((e, k) => (types === undefined || types[k] === "vector") && refersTo(e, "param", id));
      if (whole || [st.lhs, ...st.args].reduce<Access>((a, e) => merge(a, access(e, id, n, st.n)), NONE).kind === "other") return false;
    } else if (st.kind === "target") {
      if (access(st.expr, id, n, st.n).kind === "other") return false;
    } else if (statementRefersTo(st, "param", id)) {
      // Multivariate and marginal statements read arrays whole.
      return false;
    }
  }
  return true;
}

/** Rows of matrix `id` (k columns) read by `e` in element i: fixed rows (elem, row) and gather slots. */
function matrixReads(e: Expr, id: number, fixed: Set<number>, slots: Set<number>, k: number): boolean {
  switch (e.op) {
    case "const":
      return true;
    case "ref":
    case "dotRow":
      return !(e.src === "param" && e.id === id);
    case "elem":
      if (e.src === "param" && e.id === id) fixed.add(Math.floor(e.index / k));
      return true;
    case "row":
      if (e.src === "param" && e.id === id) fixed.add(e.row);
      return true;
    case "gather":
      if (e.src === "param" && e.id === id) slots.add(e.by);
      return true;
    case "sum":
      return !refersTo(e.arg, "param", id);
    case "unary":
      return matrixReads(e.arg, id, fixed, slots, k);
    case "binary":
      return matrixReads(e.a, id, fixed, slots, k) && matrixReads(e.b, id, fixed, slots, k);
  }
}

export function rowsSeparable(program: Program, data: ProgramData, id: number): boolean {
  const shape = program.params[id].shape;
  if (shape.kind !== "matrix") return false;
  const { rows: n, cols: k } = shape;
  if (program.params.some((p, j) => j !== id && transformRefersTo(p.transform, "param", id))) return false;
  if (program.tparams.some((t) => refersTo(t.expr, "param", id))) return false;
  const own = program.params[id].transform;
  if (own.kind !== "identity" && own.kind !== "offsetMultiplierCholesky") return false;
  if (own.kind === "offsetMultiplierCholesky" && [own.mu, own.L, own.scale].some((r) => r !== undefined && r.src === "param" && r.id === id)) return false;
  for (const st of program.statements) {
    if (st.kind === "multiNormalCholesky" && st.y.src === "param" && st.y.id === id) {
      // Its density is a sum over rows; its mean, factor and scale may not be b.
      if ([st.mu, st.L, st.scale].some((r) => r !== undefined && r.src === "param" && r.id === id)) return false;
      continue;
    }
    let exprs: Expr[];
    if (st.kind === "distribution") {
      const types = familySignature(st.family)?.argTypes;
      if (st.args.some((e, j) => (types === undefined || types[j] === "vector") && refersTo(e, "param", id))) return false;
      exprs = [st.lhs, ...st.args];
    } else if (st.kind === "target") exprs = [st.expr];
    else if (statementRefersTo(st, "param", id)) return false;
    else continue;
    const fixed = new Set<number>();
    const slots = new Set<number>();
    if (!exprs.every((e) => matrixReads(e, id, fixed, slots, k))) return false;
    if (fixed.size > 1) return false;
    // Every element's gathers (1-based flat codes, row-major) and fixed reads must name one row.
    const rowAt = fixed.size === 1 ? [...fixed][0] : -1;
    const codes = [...slots].map((by) => data[by]);
    if (codes.some((c) => c.length !== st.n)) return false;
    for (let i = 0; i < st.n; i++) {
      let row = rowAt;
      for (const c of codes) {
        const r = Math.floor((c[i] - 1) / k);
        if (!(r >= 0 && r < n)) return false;
        if (row < 0) row = r;
        else if (r !== row) return false;
      }
    }
  }
  return true;
}
