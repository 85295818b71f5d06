/**
 * brms's monotonic terms in the IR (its Stan code: `vector[Ksp] bsp; simplex[Jmo[t]] simo_t;
 * target += dirichlet_lpdf(simo_t | con_simo_t); mu[n] += bsp[t] * mo(simo_t, Xmo_t[n])` with
 * `mo(scale, i) = rows(scale) * sum(scale[1:i])`). The partial sums are one `dotRow` with a data matrix
 * W_t[i, k] = 1 when code_i > k, so the fused gradient is the compiler's own dotRow adjoint and the
 * simplex's stick-breaking Jacobian its transform's.
 */
import { UserError } from "../errors.js";
import type { Expr, ParamBlock, Statement } from "../ir/types.js";
import type { GlmmMonotonic, PriorSpec } from "./types.js";

export interface MonotonicContext {
  readonly n: number;
  addData(name: string, type: "real" | "int", dims: number[], v: Float64Array | Int32Array): number;
  addParam(p: ParamBlock): number;
  prior(lhs: Expr, count: number, p: PriorSpec, where: string): void;
  readonly statements: Statement[];
}

/** The step indicators of one term: n × D row-major, W[i, k] = 1 when code_i > k (so W_i · ζ = Σ_{k ≤ code_i} ζ_k). */
export function monotonicSteps(codes: Int32Array, D: number): Float64Array {
  const W = new Float64Array(codes.length * D);
  for (let i = 0; i < codes.length; i++) {
    const x = codes[i];
    if (!(x >= 0 && x <= D)) throw new Error(`monotonicSteps: code ${x} at row ${i + 1} is outside 0 … ${D}`);
    for (let k = 0; k < x; k++) W[i * D + k] = 1;
  }
  return W;
}

/**
 * Adds the terms' parameters (`bsp` of length K, one simplex `simo_t_j` per mo() call) with their priors,
 * and returns their contributions to the linear predictor, bsp_t · Π_j D_j · (W_tj · simo_tj) · covariate,
 * and the renames to brms's names (`bsp_mox:z`, `simo_mox:z1[k]`).
 */
export function addMonotonic(terms: readonly GlmmMonotonic[], ctx: MonotonicContext): { eta: Expr[]; bsp: [string, string][]; simo: [string, string][] } {
  if (terms.length === 0) return { eta: [], bsp: [], simo: [] };
  const c = (value: number): Expr => ({ op: "const", value });
  const mul = (a: Expr, b: Expr): Expr => ({ op: "binary", fn: "mul", a, b });
  const bspId = ctx.addParam({ name: "bsp", shape: { kind: "vector", n: terms.length }, transform: { kind: "identity" } });
  const allSame = terms.every((m) => JSON.stringify(m.bspPrior) === JSON.stringify(terms[0].bspPrior));
  if (allSame) ctx.prior({ op: "ref", src: "param", id: bspId }, terms.length, terms[0].bspPrior, "bsp");
  else terms.forEach((m, t) => ctx.prior({ op: "elem", src: "param", id: bspId, index: t }, 1, m.bspPrior, `bsp_${m.label}`));
  const eta: Expr[] = [];
  const bsp: [string, string][] = [];
  const simo: [string, string][] = [];
  terms.forEach((m, t) => {
    if (m.parts.length === 0) throw new Error(`addMonotonic: ${m.label} has no mo() call`);
    let e: Expr = { op: "elem", src: "param", id: bspId, index: t };
    m.parts.forEach((p, j) => {
      const D = p.D;
      if (!(Number.isInteger(D) && D >= 1)) throw new UserError(`${m.label}: a monotonic term needs at least two values (D ≥ 1), got D = ${D}`);
      if (p.codes.length !== ctx.n) throw new Error(`addMonotonic: ${m.label} has ${p.codes.length} codes for ${ctx.n} rows`);
      if (p.simoAlpha.length !== D || !p.simoAlpha.every((a) => a > 0 && Number.isFinite(a))) {
        throw new UserError(`${m.label}: simplex ${j + 1}'s Dirichlet prior needs ${D} positive concentrations, got ${p.simoAlpha.length}`);
      }
      const tag = `${t + 1}_${j + 1}`;
      const simoId = ctx.addParam({ name: `simo_${tag}`, shape: { kind: "vector", n: D }, transform: { kind: "simplex" } });
      const alphaId = ctx.addData(`con_simo_${tag}`, "real", [D], Float64Array.from(p.simoAlpha));
      ctx.statements.push({ kind: "dirichlet", k: D, y: { op: "ref", src: "param", id: simoId }, alpha: { op: "ref", src: "data", id: alphaId } });
      const W = ctx.addData(`Wmo_${tag}`, "real", [ctx.n, D], monotonicSteps(p.codes, D));
      e = mul(e, mul(c(D), { op: "dotRow", matrix: W, src: "param", id: simoId }));
      for (let k = 0; k < D; k++) simo.push([`simo_${tag}[${k + 1}]`, `simo_${m.label}${j + 1}[${k + 1}]`]);
    });
    if (m.covariate) {
      if (m.covariate.length !== ctx.n) throw new Error(`addMonotonic: ${m.label} has ${m.covariate.length} covariate values for ${ctx.n} rows`);
      e = mul(e, { op: "ref", src: "data", id: ctx.addData(`Csp_${t + 1}`, "real", [ctx.n], m.covariate) });
    }
    eta.push(e);
    bsp.push([`bsp[${t + 1}]`, `bsp_${m.label}`]);
  });
  return { eta, bsp, simo };
}
