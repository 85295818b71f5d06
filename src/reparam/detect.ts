/**
 * Group-level parameters that automatic parameterisation may move between centred and non-centred:
 * a vector θ with a prior statement θ ~ normal(loc, scale) whose arguments read only data and earlier
 * parameters (an offset/multiplier may not read later ones), and at least one parameter (with a fixed
 * population every parameterisation is the same). θ is written centred (no transform of its own) or
 * non-centred (the transform offset = loc, multiplier = scale: what a formula program's z/sd pair
 * becomes after marginal/glmmShape.ts, or a DSL parameter declared that way).
 */
import { everyRef } from "../ir/mapRefs.js";
import type { Expr, Program } from "../ir/types.js";
import { readsParams, refersTo } from "./expr.js";

export interface LocationScaleCandidate {
  readonly param: number;
  readonly name: string;
  readonly n: number;
  /** Index of the prior statement θ ~ normal(loc, scale). */
  readonly statement: number;
  readonly loc: Expr;
  readonly scale: Expr;
  /** How the program samples θ now: the choice that leaves the program as it is. */
  readonly written: "centred" | "noncentred";
}

/** Structural equality of two expressions (plain data). */
function sameExpr(a: Expr, b: Expr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether `e` reads only data, constants and parameters with id < `limit` (no transformed parameters). */
function readsOnlyBefore(e: Expr, limit: number): boolean {
  return everyRef(e, (r) => r.src === "data" || (r.src === "param" && r.id < limit));
}

export function findLocationScale(program: Program): LocationScaleCandidate[] {
  const out: LocationScaleCandidate[] = [];
  program.params.forEach((p, id) => {
    if (p.shape.kind !== "vector") return;
    const t = p.transform;
    if (t.kind !== "identity" && t.kind !== "offsetMultiplier") return;
    const n = p.shape.n;
    const statement = program.statements.findIndex(
      (st) => st.kind === "distribution" && st.family === "normal" && st.n === n && st.lhs.op === "ref" && st.lhs.src === "param" && st.lhs.id === id,
    );
    if (statement < 0) return;
    const st = program.statements[statement] as Extract<Program["statements"][number], { kind: "distribution" }>;
    const [loc, scale] = st.args;
    if (refersTo(loc, "param", id) || refersTo(scale, "param", id)) return;
    if (!readsOnlyBefore(loc, id) || !readsOnlyBefore(scale, id)) return;
    // θ ~ normal(data, data) (e.g. a hand non-centred z ~ N(0, 1)): every parameterisation is the same.
    if (!readsParams(loc) && !readsParams(scale)) return;
    if (t.kind === "offsetMultiplier" && !(sameExpr(t.offset, loc) && sameExpr(t.multiplier, scale))) return;
    out.push({ param: id, name: p.name, n, statement, loc, scale, written: t.kind === "identity" ? "centred" : "noncentred" });
  });
  return out;
}
