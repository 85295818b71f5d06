/**
 * Correlated group-level parameters that automatic parameterisation may move between centred and
 * non-centred: a matrix b (n groups × k effects) with exactly one statement
 * b ~ multi_normal_cholesky(mu, diag(scale) L) whose mu, L and scale read only data and earlier
 * parameters (the offsetMultiplierCholesky transform runs with the parameters, so it may not read b,
 * later parameters or transformed parameters), at least one of them a parameter (with a fixed
 * population every parameterisation is the same). b is written centred (no transform of its own) or
 * non-centred (offsetMultiplierCholesky with the statement's own mu, L and scale).
 */
import type { ArrayRef, Program, Statement, TransformSpec } from "../ir/types.js";

export interface MultiNormalCandidate {
  readonly param: number;
  readonly name: string;
  /** Groups (rows) and effects per group (row length). */
  readonly n: number;
  readonly k: number;
  /** Index of the prior statement. */
  readonly statement: number;
  /** The transform that samples b non-centred: the statement's own mu, L and scale. */
  readonly noncentred: Extract<TransformSpec, { kind: "offsetMultiplierCholesky" }>;
  /** How the program samples b now: the choice that leaves the program as it is. */
  readonly written: "centred" | "noncentred";
}

type MultiNormalStatement = Extract<Statement, { kind: "multiNormalCholesky" }>;

const sameRef = (a: ArrayRef | undefined, b: ArrayRef | undefined): boolean => (a === undefined ? b === undefined : b !== undefined && a.src === b.src && a.id === b.id);

export function findMultiNormal(program: Program): MultiNormalCandidate[] {
  const out: MultiNormalCandidate[] = [];
  program.params.forEach((p, id) => {
    if (p.shape.kind !== "matrix") return;
    const t = p.transform;
    if (t.kind !== "identity" && t.kind !== "offsetMultiplierCholesky") return;
    const { rows: n, cols: k } = p.shape;
    const isY = (st: Statement): st is MultiNormalStatement => st.kind === "multiNormalCholesky" && st.y.src === "param" && st.y.id === id;
    const found = program.statements.flatMap((st, s) => (isY(st) ? [s] : []));
    if (found.length !== 1) return;
    const statement = found[0];
    const st = program.statements[statement] as MultiNormalStatement;
    if (st.n !== n || st.k !== k) return;
    const refs = [st.mu, st.L, st.scale].filter((r): r is ArrayRef => r !== undefined);
    if (!refs.every((r) => r.src === "data" || (r.src === "param" && r.id < id))) return;
    if (!refs.some((r) => r.src === "param")) return;
    const noncentred = { kind: "offsetMultiplierCholesky" as const, L: st.L, ...(st.mu ? { mu: st.mu } : {}), ...(st.scale ? { scale: st.scale } : {}) };
    if (t.kind === "offsetMultiplierCholesky" && !(sameRef(t.mu, st.mu) && sameRef(t.L, st.L) && sameRef(t.scale, st.scale))) return;
    out.push({ param: id, name: p.name, n, k, statement, noncentred, written: t.kind === "identity" ? "centred" : "noncentred" });
  });
  return out;
}

/** b sampled non-centred (the candidate's transform) or centred (as it is). */
export function applyMultiNormal(program: Program, c: MultiNormalCandidate, choice: "centred" | "noncentred"): Program {
  const params = [...program.params];
  const transform: TransformSpec = choice === "centred" ? { kind: "identity" } : c.noncentred;
  if (params[c.param].transform.kind === transform.kind) return program;
  params[c.param] = { ...params[c.param], transform };
  return { ...program, params };
}
