/**
 * Rewrites a program so a conjugate group parameter is integrated out: the parameter, its prior and
 * its likelihood go; each value the marginal density reads becomes a transformed parameter, and a
 * statement `target += adjoint · value` (the adjoint a data slot the marginal target fills before each
 * gradient) carries the marginal density's gradient back through the rest of the model, so the fused
 * compiled gradient does the chain rule for any expression of the remaining parameters.
 */
import type { DataSlot, Expr, Program, ProgramData, Statement, TransformedParam } from "../ir/types.js";
import { mapStatementRefs, mapTransformRefs } from "../ir/mapRefs.js";
import { renumberParams } from "../reparam/expr.js";
import type { ConjugateCandidate, InputSpec } from "./detect.js";
import type { MarginalBlock, MarginalInput } from "./types.js";


/** The reduced program's growing parts, which `appendInputs` extends in place. */
export interface Growing {
  readonly slots: DataSlot[];
  readonly values: (Float64Array | Int32Array)[];
  readonly tparams: TransformedParam[];
  readonly statements: Statement[];
}

/**
 * Each input (already in the reduced program's numbering) becomes a transformed parameter, an adjoint
 * data slot and a `target += adjoint · value` statement; roles "coef" are numbered to keep names unique.
 */
export function appendInputs(name: string, specs: readonly InputSpec[], g: Growing): MarginalInput[] {
  return specs.map((inp, k) => {
    const tparam = g.tparams.length;
    const role = inp.role === "coef" ? `coef${k}` : inp.role;
    g.tparams.push({ name: `${name}.${role}__`, n: inp.n, expr: inp.expr });
    const adjointSlot = g.slots.length;
    g.slots.push({ name: `${name}.${role}.adjoint__`, type: "real", dims: inp.n === 0 ? [] : [inp.n] });
    g.values.push(new Float64Array(Math.max(inp.n, 1)));
    const lin: Expr = { op: "binary", fn: "mul", a: { op: "ref", src: "data", id: adjointSlot }, b: { op: "ref", src: "tparam", id: tparam } };
    g.statements.push({ kind: "target", n: Math.max(inp.n, 1), expr: lin });
    return { role: inp.role, tparam, adjointSlot, length: Math.max(inp.n, 1) };
  });
}

export interface Reduced {
  readonly program: Program;
  readonly data: ProgramData;
  readonly block: MarginalBlock;
}

/** The program without `c.param`, plus the block that integrates it out. Generated quantities are dropped. */
export function reduceProgram(program: Program, data: ProgramData, c: ConjugateCandidate): Reduced {
  const name = program.params[c.param].name;
  const f = (id: number) => (id > c.param ? id - 1 : id);
  const params = program.params
    .filter((_, k) => k !== c.param)
    .map((p) => ({ ...p, transform: mapTransformRefs(p.transform, (r) => (r.src === "param" ? { src: "param", id: f(r.id) } : r)) }));
  const statements = program.statements.filter((_, k) => k !== c.prior && k !== c.likelihood).map((st) => mapStatementRefs(st, (r) => (r.src === "param" ? { src: "param", id: f(r.id) } : r)));
  const tparams = program.tparams.map((tp) => ({ ...tp, expr: renumberParams(tp.expr, f) }));
  const slots: DataSlot[] = [...program.data];
  const values: (Float64Array | Int32Array)[] = [...data];
  const inputs = appendInputs(name, c.inputs.map((inp) => ({ ...inp, expr: renumberParams(inp.expr, f) })), { slots, values, tparams, statements });
  const block: MarginalBlock = {
    kind: c.kind,
    name,
    groups: c.groups,
    observations: c.y.length,
    group: c.group,
    y: c.y,
    weight: c.weight,
    constant: c.constant,
    inputs,
    ...(c.linear !== undefined ? { linear: c.linear } : {}),
  };
  return { program: { data: slots, params, tparams, statements, generated: [] }, data: values, block };
}
