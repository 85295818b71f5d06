/**
 * A program holding one `normalLinearMarginal` statement whose inputs are parameters with identity
 * transforms (θ = values, gradient = the statement's adjoints), from a linear MarginalBlock's
 * statistics: the compiled statement and the TypeScript kernel (src/marginal/normalLinear.ts) can then
 * be compared input for input.
 */
import type { Expr, ParamBlock, Program, ProgramData } from "../../src/ir/types.js";
import { linearStats, packLinearStats, type LinearStats } from "../../src/marginal/normalLinear.js";
import type { MarginalBlock } from "../../src/marginal/types.js";

export interface LinearProgram {
  program: Program;
  data: ProgramData;
  st: LinearStats;
  /** θ from the kernel's input values (loc, scale, sigma, then K coefficients). */
  theta(values: readonly Float64Array[]): Float64Array;
}

export function linearProgram(b: MarginalBlock, locLen: number, scaleLen: number): LinearProgram {
  const K = b.linear as number;
  const J = b.groups;
  const st = linearStats(b, K);
  const { stats, centre } = packLinearStats(st);
  const P = 3 + 2 * K + K * K;
  const param = (name: string, len: number): ParamBlock => ({
    name,
    shape: len === 1 ? { kind: "scalar" } : { kind: "vector", n: len },
    transform: { kind: "identity" },
  });
  const params = [param("loc", locLen), param("scale", scaleLen), param("sigma", 1), ...Array.from({ length: K }, (_, k) => param(`b${k}`, 1))];
  const ref = (id: number): Expr => ({ op: "ref", src: "param", id });
  const program: Program = {
    data: [
      { name: "stats", type: "real", dims: [J, P] },
      { name: "centre", type: "real", dims: [K + 1] },
    ],
    params,
    tparams: [],
    statements: [{ kind: "normalLinearMarginal", n: b.observations, J, K, stats: 0, centre: 1, mu: ref(0), tau: ref(1), sigma: ref(2), beta: Array.from({ length: K }, (_, k) => ref(3 + k)) }],
  };
  return {
    program,
    data: [stats, centre],
    st,
    theta: (values) => Float64Array.from(values.flatMap((v) => Array.from(v))),
  };
}
