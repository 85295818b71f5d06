/**
 * The gradient program of a marginal plan: every normal–normal block becomes one compiled
 * `normalNormalMarginal` statement, so its density and adjoints run inside the fused compiled gradient
 * instead of a TypeScript pass between a constrain pass and the gradient. The block's input
 * transformed parameters and their `target += adjoint · value` statements go (the input expressions
 * are inlined into the statement), and the outcomes and group codes become two data slots. Other
 * blocks keep the adjoint-slot route; their transformed parameters are renumbered by `tparamMap`.
 */
import type { DataSlot, Expr, Program, ProgramData, Statement } from "../ir/types.js";
import { renumberSource } from "../ir/mapRefs.js";
import type { MarginalPlan } from "./types.js";

export interface FusedProgram {
  readonly program: Program;
  /** The plan's data slots (the same arrays, so adjoint slots written by other blocks are read) plus y and group codes. */
  readonly data: ProgramData;
  /** Transformed parameter id in the plan's program → id in the fused program (−1: removed). */
  readonly tparamMap: Int32Array;
}

function renumberTparams(e: Expr, f: (id: number) => number): Expr {
  return renumberSource(e, "tparam", f);
}

/** `target += adjoint · value` statements reading one of these adjoint slots. */
function isAdjointTerm(st: Statement, slots: ReadonlySet<number>): boolean {
  return st.kind === "target" && st.expr.op === "binary" && st.expr.fn === "mul" && st.expr.a.op === "ref" && st.expr.a.src === "data" && slots.has(st.expr.a.id);
}

export function fuseNormalNormal(plan: MarginalPlan): FusedProgram {
  const { program } = plan;
  // Linear blocks run on sufficient statistics in TypeScript (normalLinear.ts), not fused.
  const nn = plan.blocks.filter((b) => b.kind === "normal_normal" && b.linear === undefined);
  const removed = new Set(nn.flatMap((b) => b.inputs.map((inp) => inp.tparam)));
  const slots = new Set(nn.flatMap((b) => b.inputs.map((inp) => inp.adjointSlot)));
  const tparamMap = new Int32Array(program.tparams.length);
  let next = 0;
  program.tparams.forEach((_, k) => (tparamMap[k] = removed.has(k) ? -1 : next++));
  const f = (id: number): number => {
    if (tparamMap[id] < 0) throw new Error(`fuseNormalNormal: transformed parameter ${id} is an input of a normal-normal block`);
    return tparamMap[id];
  };
  const tparams = program.tparams.flatMap((tp, k) => (removed.has(k) ? [] : [{ ...tp, expr: renumberTparams(tp.expr, f) }]));
  const statements: Statement[] = [];
  for (const st of program.statements) {
    if (isAdjointTerm(st, slots)) continue;
    if (st.kind === "distribution") statements.push({ ...st, lhs: renumberTparams(st.lhs, f), args: st.args.map((a) => renumberTparams(a, f)) });
    else if (st.kind === "target") statements.push({ ...st, expr: renumberTparams(st.expr, f) });
    else if (st.kind === "lkjCorrCholesky") statements.push({ ...st, eta: renumberTparams(st.eta, f) });
    else if (st.kind === "dirichlet") statements.push({ ...st, y: renumberTparams(st.y, f), alpha: renumberTparams(st.alpha, f) });
    else if (st.kind === "multiNormalCholesky") {
      const ra = <T extends { src: string; id: number } | undefined>(a: T): T => (a && a.src === "tparam" ? { ...a, id: f(a.id) } : a);
      statements.push({ ...st, y: ra(st.y), mu: ra(st.mu), L: ra(st.L), scale: ra(st.scale) });
    } else {
      const r = (e: Expr) => renumberTparams(e, f);
      statements.push({ ...st, y: r(st.y), eta: st.eta && r(st.eta), sigma: r(st.sigma), mu: r(st.mu), tau: r(st.tau) });
    }
  }
  const data: DataSlot[] = [...program.data];
  const values: (Float64Array | Int32Array)[] = [...plan.data];
  for (const b of nn) {
    // Inputs reference only parameters and the user's transformed parameters, which keep lower ids.
    const input = (role: string): Expr | undefined => {
      const inp = b.inputs.find((x) => x.role === role);
      return inp && renumberTparams(program.tparams[inp.tparam].expr, f);
    };
    const yId = data.length;
    data.push({ name: `${b.name}.y__`, type: "real", dims: [b.observations] }, { name: `${b.name}.group__`, type: "int", dims: [b.observations] });
    values.push(b.y, Int32Array.from(b.group, (j) => j + 1));
    const st: Statement = {
      kind: "normalNormalMarginal",
      n: b.observations,
      J: b.groups,
      group: yId + 1,
      y: { op: "ref", src: "data", id: yId },
      sigma: input("sigma") as Expr,
      mu: input("loc") as Expr,
      tau: input("scale") as Expr,
    };
    const eta = input("eta");
    if (eta) st.eta = eta;
    statements.push(st);
  }
  return { program: { ...program, data, tparams, statements, generated: [] }, data: values, tparamMap };
}
