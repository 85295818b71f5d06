/**
 * The gradient program of a marginal plan: every normal–normal block becomes one compiled
 * `normalNormalMarginal` statement (row by row) or, when η is linear in data columns, a
 * `normalLinearMarginal` statement (per-group sufficient statistics); every Poisson–Gamma block a
 * `poissonGammaMarginal` and every binomial–Beta block a `betaBinomialMarginal` statement, so their
 * densities and adjoints run inside the fused compiled gradient instead of a TypeScript pass between a
 * constrain pass and the gradient.
 * A fused block's input transformed parameters and their `target += adjoint · value` statements go
 * (the input expressions are inlined into the statement); a normal–normal block's outcomes and group
 * codes, a linear block's sufficient statistics and reference fit, a count block's per-group totals,
 * become data slots (a block whose totals do not fit an int32 stays on the JavaScript route, as do
 * correlated and crossed blocks and linear ones with more than MAX_FUSED_COEFS columns). Other blocks
 * keep the adjoint-slot route; their transformed parameters are renumbered by `tparamMap`.
 */
import { normalLinearStatsWidth } from "../ir/validate.js";
import type { DataSlot, Expr, Program, ProgramData, Statement } from "../ir/types.js";
import { mapStatementRefs, renumberSource } from "../ir/mapRefs.js";
import { linearStats, packLinearStats } from "./normalLinear.js";
import { groupTotals } from "./poissonGamma.js";
import type { MarginalBlock, MarginalPlan } from "./types.js";

export interface FusedProgram {
  readonly program: Program;
  /** The plan's data slots (the same arrays, so adjoint slots written by other blocks are read) plus y and group codes. */
  readonly data: ProgramData;
  /** Transformed parameter id in the plan's program → id in the fused program (−1: removed). */
  readonly tparamMap: Int32Array;
  /** Per plan block: compiled into the program (true) or left to the adjoint-slot route. */
  readonly fused: readonly boolean[];
}

function renumberTparams(e: Expr, f: (id: number) => number): Expr {
  return renumberSource(e, "tparam", f);
}

/** `target += adjoint · value` statements reading one of these adjoint slots. */
function isAdjointTerm(st: Statement, slots: ReadonlySet<number>): boolean {
  return st.kind === "target" && st.expr.op === "binary" && st.expr.fn === "mul" && st.expr.a.op === "ref" && st.expr.a.src === "data" && slots.has(st.expr.a.id);
}

/** Int32 totals, or null when one does not fit (that block stays on the JavaScript route). */
function intTotals(ySum: Float64Array): Int32Array | null {
  for (let j = 0; j < ySum.length; j++) if (!(Number.isInteger(ySum[j]) && ySum[j] >= 0 && ySum[j] <= 0x7fffffff)) return null;
  return Int32Array.from(ySum);
}

/**
 * Columns of a linear block compiled in: its statement unrolls the K² terms of Sxx d per group, so a
 * wide design (rare for a varying-intercept model) stays on the TypeScript kernel, whose loops are K².
 */
export const MAX_FUSED_COEFS = 8;

/** A count block's per-group totals as its statement's data: y, and exposure (Poisson) or trials (binomial). */
interface CountTotals {
  readonly y: Int32Array;
  readonly w: Float64Array | Int32Array;
}

/** A count block's totals, or null when one does not fit an int32 (that block stays on the JavaScript route). */
function countTotals(b: MarginalBlock): CountTotals | null {
  const tot = groupTotals(b);
  const y = intTotals(tot.ySum);
  if (y === null) return null;
  if (b.kind === "poisson_gamma") return { y, w: tot.wSum };
  const w = intTotals(tot.wSum);
  return w === null ? null : { y, w };
}

function fusableNormal(b: MarginalBlock): boolean {
  return b.correlated === undefined && b.crossed === undefined && (b.linear === undefined || b.linear <= MAX_FUSED_COEFS);
}

export function fuseMarginals(plan: MarginalPlan): FusedProgram {
  const { program } = plan;
  // Count blocks' totals, computed once: whether they fit an int32 decides fusing, and they are its data.
  const counts = plan.blocks.map((b) => (b.kind === "normal_normal" ? null : countTotals(b)));
  const fused = plan.blocks.map((b, k) => (b.kind === "normal_normal" ? fusableNormal(b) : counts[k] !== null));
  const blocks = plan.blocks.filter((_, k) => fused[k]);
  const removed = new Set(blocks.flatMap((b) => b.inputs.map((inp) => inp.tparam)));
  const slots = new Set(blocks.flatMap((b) => b.inputs.map((inp) => inp.adjointSlot)));
  const tparamMap = new Int32Array(program.tparams.length);
  let next = 0;
  program.tparams.forEach((_, k) => (tparamMap[k] = removed.has(k) ? -1 : next++));
  const f = (id: number): number => {
    if (tparamMap[id] < 0) throw new Error(`fuseMarginals: transformed parameter ${id} is an input of a fused block`);
    return tparamMap[id];
  };
  const tparams = program.tparams.flatMap((tp, k) => (removed.has(k) ? [] : [{ ...tp, expr: renumberTparams(tp.expr, f) }]));
  const statements: Statement[] = [];
  for (const st of program.statements) {
    if (isAdjointTerm(st, slots)) continue;
    statements.push(mapStatementRefs(st, (r) => (r.src === "tparam" ? { src: "tparam", id: f(r.id) } : r)));
  }
  const data: DataSlot[] = [...program.data];
  const values: (Float64Array | Int32Array)[] = [...plan.data];
  for (const [k, b] of plan.blocks.entries()) {
    if (!fused[k]) continue;
    // Inputs reference only parameters and the user's transformed parameters, which keep lower ids.
    const input = (role: string): Expr | undefined => {
      const inp = b.inputs.find((x) => x.role === role);
      return inp && renumberTparams(program.tparams[inp.tparam].expr, f);
    };
    const at = data.length;
    if (b.kind === "poisson_gamma") {
      const tot = counts[k] as CountTotals;
      data.push({ name: `${b.name}.Y__`, type: "int", dims: [b.groups] }, { name: `${b.name}.T__`, type: "real", dims: [b.groups] });
      values.push(tot.y, tot.w);
      statements.push({ kind: "poissonGammaMarginal", J: b.groups, y: at, t: at + 1, shape: input("shape") as Expr, rate: input("rate") as Expr });
      // The data-only part Σ_i y_i log t_i − log y_i!, which the statement leaves to its caller.
      if (b.constant !== 0) statements.push({ kind: "target", n: 1, expr: { op: "const", value: b.constant } });
      continue;
    }
    if (b.kind === "binomial_beta") {
      const tot = counts[k] as CountTotals;
      data.push({ name: `${b.name}.Y__`, type: "int", dims: [b.groups] }, { name: `${b.name}.N__`, type: "int", dims: [b.groups] });
      values.push(tot.y, tot.w);
      statements.push({ kind: "betaBinomialMarginal", J: b.groups, y: at, n: at + 1, a: input("a") as Expr, b: input("b") as Expr });
      // The data-only part Σ_i log C(n_i, y_i).
      if (b.constant !== 0) statements.push({ kind: "target", n: 1, expr: { op: "const", value: b.constant } });
      continue;
    }
    if (b.linear !== undefined) {
      // The statistics of normalLinear.ts (about its reference fit), packed one row per group.
      const K = b.linear;
      const P = normalLinearStatsWidth(K);
      const { stats, centre } = packLinearStats(linearStats(b, K));
      data.push({ name: `${b.name}.stats__`, type: "real", dims: [b.groups, P] }, { name: `${b.name}.centre__`, type: "real", dims: [K + 1] });
      values.push(stats, centre);
      const coefs = b.inputs.filter((inp) => inp.role === "coef").map((inp) => renumberTparams(program.tparams[inp.tparam].expr, f));
      statements.push({
        kind: "normalLinearMarginal",
        n: b.observations,
        J: b.groups,
        K,
        stats: at,
        centre: at + 1,
        mu: input("loc") as Expr,
        tau: input("scale") as Expr,
        sigma: input("sigma") as Expr,
        beta: coefs,
      });
      continue;
    }
    data.push({ name: `${b.name}.y__`, type: "real", dims: [b.observations] }, { name: `${b.name}.group__`, type: "int", dims: [b.observations] });
    values.push(b.y, Int32Array.from(b.group, (j) => j + 1));
    const st: Statement = {
      kind: "normalNormalMarginal",
      n: b.observations,
      J: b.groups,
      group: at + 1,
      y: { op: "ref", src: "data", id: at },
      sigma: input("sigma") as Expr,
      mu: input("loc") as Expr,
      tau: input("scale") as Expr,
    };
    const eta = input("eta");
    if (eta) st.eta = eta;
    statements.push(st);
  }
  return { program: { ...program, data, tparams, statements, generated: [] }, data: values, tparamMap, fused };
}
