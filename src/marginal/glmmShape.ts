/**
 * brms (and so `buildGlmmIr`) writes an uncorrelated group effect non-centred: a parameter z ~ N(0, 1)
 * and a transformed parameter r = sd · z that the likelihood gathers. The conjugacy detector looks for
 * a parameter with a prior r ~ N(loc, scale), so this pass rewrites each such pair into that form
 * without changing the model: z becomes the parameter r with prior r ~ normal(0, sd) and the
 * transform offset 0, multiplier sd (the sampler still moves z; the Jacobian log sd cancels the prior's
 * normalising term, so the log density is the same function of z). The transformed parameter goes, and
 * every read of it reads the parameter instead; output names are unchanged (`r_1_1[j]`).
 */
import type { Expr, Program, Statement } from "../ir/types.js";
import { mapGeneratedRefs, mapRefs, mapStatementRefs, mapTransformRefs, type ArrayRefId } from "../ir/mapRefs.js";
import { otherUses, refersTo } from "../reparam/expr.js";

export interface Centred {
  readonly program: Program;
  /** Names of the rewritten group effects (the transformed parameters now parameters). */
  readonly rewritten: readonly string[];
  /** Per rewritten group: the original z parameter, r, and the output name of the scale (e.g. `sd_1[1]`). */
  readonly pairs: readonly { readonly z: string; readonly r: string; readonly scale: string }[];
}

function scaleName(e: Expr, program: Program): string {
  const p = program.params[(e as { id: number }).id];
  return e.op === "elem" ? `${p.name}[${e.index + 1}]` : p.name;
}

type Ref = ArrayRefId;




const isConst = (e: Expr, v: number) => e.op === "const" && e.value === v;

/** A scalar read of a parameter other than `z`, declared before it (so a transform may read it). */
function isEarlierScalar(e: Expr, program: Program, z: number): boolean {
  if (e.op === "elem") return e.src === "param" && e.id < z;
  return e.op === "ref" && e.src === "param" && e.id < z && program.params[e.id].shape.kind === "scalar";
}

/** The (z, tparam, scale) triples of the non-centred form, in parameter order. */
function findPairs(program: Program): { z: number; tp: number; scale: Expr; prior: number }[] {
  const out: { z: number; tp: number; scale: Expr; prior: number }[] = [];
  program.params.forEach((p, z) => {
    if (p.shape.kind !== "vector" || p.transform.kind !== "identity") return;
    const J = p.shape.n;
    const prior = program.statements.findIndex(
      (st) => st.kind === "distribution" && st.family === "normal" && st.n === J && st.lhs.op === "ref" && st.lhs.src === "param" && st.lhs.id === z,
    );
    if (prior < 0) return;
    const pst = program.statements[prior] as Extract<Statement, { kind: "distribution" }>;
    if (!isConst(pst.args[0], 0) || !isConst(pst.args[1], 1)) return;
    const tps = program.tparams.flatMap((tp, k) => (refersTo(tp.expr, "param", z) ? [k] : []));
    if (tps.length !== 1) return;
    const tp = program.tparams[tps[0]];
    if (tp.n !== J || tp.expr.op !== "binary" || tp.expr.fn !== "mul") return;
    const { a, b } = tp.expr;
    const [scale, zRef] = b.op === "ref" && b.src === "param" && b.id === z ? [a, b] : [b, a];
    if (zRef.op !== "ref" || zRef.src !== "param" || zRef.id !== z || !isEarlierScalar(scale, program, z)) return;
    // z must be read by its prior and the transformed parameter only.
    if (otherUses(program, z, [prior]) !== 1) return;
    out.push({ z, tp: tps[0], scale, prior });
  });
  return out;
}

/** The program with every brms-style non-centred uncorrelated group effect written as a parameter. */
export function centreGlmmGroups(program: Program): Centred {
  const pairs = findPairs(program);
  if (pairs.length === 0) return { program, rewritten: [], pairs: [] };
  const toParam = new Map(pairs.map((q) => [q.tp, q.z] as const));
  const newTp = new Int32Array(program.tparams.length);
  let next = 0;
  program.tparams.forEach((_, k) => (newTp[k] = toParam.has(k) ? -1 : next++));
  const f = (r: Ref): Ref => {
    if (r.src !== "tparam") return r;
    const z = toParam.get(r.id);
    return z !== undefined ? { src: "param", id: z } : { src: "tparam", id: newTp[r.id] };
  };
  const params = program.params.map((p, k) => {
    const q = pairs.find((x) => x.z === k);
    if (q === undefined) return { ...p, transform: mapTransformRefs(p.transform, f) };
    return { name: program.tparams[q.tp].name, shape: p.shape, transform: { kind: "offsetMultiplier" as const, offset: { op: "const" as const, value: 0 }, multiplier: q.scale } };
  });
  const statements = program.statements.map((st, k) => {
    const q = pairs.find((x) => x.prior === k);
    if (q === undefined) return mapStatementRefs(st, f);
    const d = st as Extract<Statement, { kind: "distribution" }>;
    return { ...d, args: [d.args[0], q.scale] };
  });
  const tparams = program.tparams.flatMap((tp, k) => (toParam.has(k) ? [] : [{ ...tp, expr: mapRefs(tp.expr, f) }]));
  const generated = program.generated?.map((g) => mapGeneratedRefs(g, f));
  return {
    program: { data: program.data, params, tparams, statements, ...(generated ? { generated } : {}) },
    rewritten: pairs.map((q) => program.tparams[q.tp].name),
    pairs: pairs.map((q) => ({ z: program.params[q.z].name, r: program.tparams[q.tp].name, scale: scaleName(q.scale, program) })),
  };
}
