/**
 * Rewrites a program so a conjugate group parameter is integrated out: the parameter, its prior and
 * its likelihood go; each value the marginal density reads becomes a transformed parameter, and a
 * statement `target += adjoint · value` (the adjoint a data slot the marginal target fills before each
 * gradient) carries the marginal density's gradient back through the rest of the model, so the fused
 * compiled gradient does the chain rule for any expression of the remaining parameters.
 */
import type { ArrayRef, DataSlot, Expr, Program, ProgramData, Statement } from "../ir/types.js";
import { renumberParams } from "../reparam/expr.js";
import type { ConjugateCandidate } from "./detect.js";
import type { MarginalBlock, MarginalInput } from "./types.js";

function renumberStatement(st: Statement, f: (id: number) => number): Statement {
  const r = (e: Expr) => renumberParams(e, f);
  const ra = (a: ArrayRef | undefined): ArrayRef | undefined => (a && a.src === "param" ? { ...a, id: f(a.id) } : a);
  switch (st.kind) {
    case "distribution":
      return { ...st, lhs: r(st.lhs), args: st.args.map(r) };
    case "target":
      return { ...st, expr: r(st.expr) };
    case "lkjCorrCholesky":
      return { ...st, param: f(st.param), eta: r(st.eta) };
    case "multiNormalCholesky":
      return { ...st, y: ra(st.y) as ArrayRef, mu: ra(st.mu), L: ra(st.L) as ArrayRef, scale: ra(st.scale) };
    case "dirichlet":
      return { ...st, y: r(st.y), alpha: r(st.alpha) };
    case "normalNormalMarginal":
      return { ...st, y: r(st.y), eta: st.eta && r(st.eta), sigma: r(st.sigma), mu: r(st.mu), tau: r(st.tau) };
  }
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
    .map((p) =>
      p.transform.kind === "offsetMultiplier"
        ? { ...p, transform: { ...p.transform, offset: renumberParams(p.transform.offset, f), multiplier: renumberParams(p.transform.multiplier, f) } }
        : p,
    );
  const statements = program.statements.filter((_, k) => k !== c.prior && k !== c.likelihood).map((st) => renumberStatement(st, f));
  const tparams = program.tparams.map((tp) => ({ ...tp, expr: renumberParams(tp.expr, f) }));
  const slots: DataSlot[] = [...program.data];
  const values: (Float64Array | Int32Array)[] = [...data];
  const inputs: MarginalInput[] = c.inputs.map((inp, k) => {
    const tparam = tparams.length;
    // Roles repeat for a linear block's coefficients: number them so names stay unique.
    const role = inp.role === "coef" ? `coef${k}` : inp.role;
    tparams.push({ name: `${name}.${role}__`, n: inp.n, expr: renumberParams(inp.expr, f) });
    const adjointSlot = slots.length;
    slots.push({ name: `${name}.${role}.adjoint__`, type: "real", dims: inp.n === 0 ? [] : [inp.n] });
    values.push(new Float64Array(Math.max(inp.n, 1)));
    const lin: Expr = { op: "binary", fn: "mul", a: { op: "ref", src: "data", id: adjointSlot }, b: { op: "ref", src: "tparam", id: tparam } };
    statements.push({ kind: "target", n: Math.max(inp.n, 1), expr: lin });
    return { role: inp.role, tparam, adjointSlot, length: Math.max(inp.n, 1) };
  });
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
