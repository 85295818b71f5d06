/**
 * The variationally inferred parameterisation family (Gorinova, Moore & Hoffman 2020, eq. 3) for a
 * group-level θ_j ~ N(μ, σ): the sampler moves θ̃_j ~ N(λ_j μ, σ^λ_j) and the model sees
 *   θ_j = μ + σ^(1−λ_j) (θ̃_j − λ_j μ),   i.e.   θ̃_j = λ_j μ + (θ_j − μ) σ^(λ_j − 1).
 * λ = 1 is the centred parameterisation, λ = 0 the non-centred one. In the IR this is an
 * offset/multiplier transform: offset = μ − λ μ σ^(1−λ), multiplier = σ^(1−λ), whose log-Jacobian
 * (1−λ) log σ turns N(θ | μ, σ) into N(θ̃ | λμ, σ^λ), so the prior statement stays as the user wrote it.
 */
import type { Expr, Program, ProgramData } from "../ir/types.js";
import { bin, num, ref } from "./expr.js";
import type { LocationScaleCandidate } from "./detect.js";

export interface Parameterised {
  readonly program: Program;
  readonly data: ProgramData;
}

/** θ's transform for per-group weights λ (a new data slot); all-0 and all-1 use the plain forms. */
export function applyVip(program: Program, data: ProgramData, c: LocationScaleCandidate, lambda: Float64Array): Parameterised {
  if (lambda.length !== c.n) throw new RangeError(`applyVip: lambda must have ${c.n} values (one per element of ${c.name}), got ${lambda.length}`);
  for (const l of lambda) if (!(l >= 0 && l <= 1)) throw new RangeError(`applyVip: every lambda must be in [0, 1], got ${l}`);
  const params = [...program.params];
  if (lambda.every((l) => l === 1)) {
    // Centred: θ is sampled as it is (a θ written non-centred loses its offset/multiplier).
    if (params[c.param].transform.kind === "identity") return { program, data };
    params[c.param] = { ...params[c.param], transform: { kind: "identity" } };
    return { program: { ...program, params }, data };
  }
  if (lambda.every((l) => l === 0)) {
    params[c.param] = { ...params[c.param], transform: { kind: "offsetMultiplier", offset: c.loc, multiplier: c.scale } };
    return { program: { ...program, params }, data };
  }
  const slot = program.data.length;
  const lam: Expr = ref("data", slot);
  // σ^(1−λ) as exp((1−λ)·log σ): log σ is loop-invariant for a scalar σ, so the compiler hoists it.
  const multiplier: Expr = { op: "unary", fn: "exp", arg: bin("mul", bin("sub", num(1), lam), { op: "unary", fn: "log", arg: c.scale }) };
  const offset = bin("sub", c.loc, bin("mul", bin("mul", lam, c.loc), multiplier));
  params[c.param] = { ...params[c.param], transform: { kind: "offsetMultiplier", offset, multiplier } };
  return {
    program: { ...program, params, data: [...program.data, { name: `${c.name}.lambda__`, type: "real", dims: [c.n] }] },
    data: [...data, Float64Array.from(lambda)],
  };
}
