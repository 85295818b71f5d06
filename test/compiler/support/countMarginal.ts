/**
 * Shared by the two count-marginal statement tests (poissonGammaMarginal, betaBinomialMarginal):
 * a program with two positive parameters a, b feeding one statement either shared or scaled per group
 * (a·u_j, b·v_j with fixed data u, v), and the TypeScript kernel's value and gradient chained to the
 * unconstrained θ = (log a, log b) by hand.
 */
import type { Expr, Program, ProgramData, Statement } from "../../../src/ir/types.js";

const ref = (src: "data" | "param", id: number): Expr => ({ op: "ref", src, id });
const mulE = (a: Expr, b: Expr): Expr => ({ op: "binary", fn: "mul", a, b });

export interface TwoScaleCase {
  readonly program: Program;
  readonly data: ProgramData;
  /** The per-group multipliers (u for a, v for b). */
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly perA: boolean;
  readonly perB: boolean;
}

/**
 * data: 0 Y (int totals), 1 the second totals (`second`), 2 u, 3 v; params: 0 a, 1 b (both lower 0).
 * `statement(aExpr, bExpr)` builds the statement under test from a (or a·u_j) and b (or b·v_j).
 */
export function twoScaleProgram(
  Y: Int32Array,
  second: { readonly name: string; readonly values: Int32Array | Float64Array },
  perA: boolean,
  perB: boolean,
  statement: (a: Expr, b: Expr) => Statement,
): TwoScaleCase {
  const J = Y.length;
  const u = Float64Array.from({ length: J }, (_, j) => 0.5 + (j % 3) * 0.4);
  const v = Float64Array.from({ length: J }, (_, j) => 1.5 - (j % 4) * 0.3);
  const program: Program = {
    data: [
      { name: "Y", type: "int", dims: [J] },
      { name: second.name, type: second.values instanceof Int32Array ? "int" : "real", dims: [J] },
      { name: "u", type: "real", dims: [J] },
      { name: "v", type: "real", dims: [J] },
    ],
    params: [
      { name: "a", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
      { name: "b", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
    ],
    tparams: [],
    statements: [statement(perA ? mulE(ref("param", 0), ref("data", 2)) : ref("param", 0), perB ? mulE(ref("param", 1), ref("data", 3)) : ref("param", 1))],
  };
  return { program, data: [Y, second.values, u, v], u, v, perA, perB };
}

/**
 * A kernel `(a values, b values, adjoints) → lp` evaluated at θ and chained to θ: d a_j/dθ0 = a_j,
 * d b_j/dθ1 = b_j, and the lower-0 transforms add θ0 + θ1 to the value and 1 to each coordinate.
 */
export function kernelAtTheta(
  c: TwoScaleCase,
  theta: Float64Array,
  kernel: (a: Float64Array, b: Float64Array, adj: Float64Array[]) => number,
): { value: number; grad: Float64Array } {
  const ea = Math.exp(theta[0]);
  const eb = Math.exp(theta[1]);
  const va = c.perA ? Float64Array.from(c.u, (x) => ea * x) : Float64Array.of(ea);
  const vb = c.perB ? Float64Array.from(c.v, (x) => eb * x) : Float64Array.of(eb);
  const adj = [new Float64Array(va.length), new Float64Array(vb.length)];
  const lp = kernel(va, vb, adj);
  let g0 = 1;
  let g1 = 1;
  va.forEach((x, j) => (g0 += adj[0][j] * x));
  vb.forEach((x, j) => (g1 += adj[1][j] * x));
  return { value: lp + theta[0] + theta[1], grad: Float64Array.of(g0, g1) };
}
