/**
 * Finds a group-level parameter that is conjugate to its likelihood and can be integrated out:
 *   normal_normal:  α ~ normal(loc, scale) (vector J), y ~ normal(α[g] + η, σ) with y real data;
 *   poisson_gamma:  λ ~ gamma(shape, rate) (vector J, lower 0), y ~ poisson(λ[g] · t), t data;
 *   binomial_beta:  p ~ beta(a, b) (vector J, on (0, 1)), y ~ binomial(N, p[g]), N int data.
 * The parameter must appear nowhere else (no derived quantity, no other statement, no other
 * parameter's transform), and the population's arguments must not depend on it.
 */
import { lchoose } from "../math/lchoose.js";
import { lgamma } from "../math/lgamma.js";
import type { Expr, Program, ProgramData, Statement } from "../ir/types.js";
import { otherUses, refersTo } from "../reparam/expr.js";
import { linearEta } from "./linearEta.js";
import type { ConjugateKind } from "./types.js";

export interface InputSpec {
  readonly role: string;
  readonly expr: Expr;
  /** 0 for a scalar, else the context length (groups for population arguments, observations otherwise). */
  readonly n: number;
}

export interface ConjugateCandidate {
  readonly kind: ConjugateKind;
  readonly param: number;
  readonly prior: number;
  readonly likelihood: number;
  readonly groups: number;
  readonly group: Int32Array;
  readonly y: Float64Array;
  readonly weight: Float64Array;
  readonly constant: number;
  readonly inputs: readonly InputSpec[];
  /** See MarginalBlock.linear. */
  readonly linear?: number;
}

type Dist = Extract<Statement, { kind: "distribution" }>;

/** 0 when `e` is a scalar; otherwise `context` (it varies over the context's elements). */
export function exprLength(program: Program, e: Expr, context: number): number {
  switch (e.op) {
    case "const":
    case "elem":
    case "sum":
      return 0;
    case "ref": {
      const dims = e.src === "data" ? program.data[e.id].dims : e.src === "tparam" ? (program.tparams[e.id].n === 0 ? [] : [1]) : program.params[e.id].shape.kind === "scalar" ? [] : [1];
      return dims.length === 0 ? 0 : context;
    }
    case "row":
    case "gather":
    case "dotRow":
      return context;
    case "unary":
      return exprLength(program, e.arg, context);
    case "binary":
      return Math.max(exprLength(program, e.a, context), exprLength(program, e.b, context));
  }
}

/** The terms of a left-nested chain of additions. */
function addTerms(e: Expr): Expr[] {
  return e.op === "binary" && e.fn === "add" ? [...addTerms(e.a), ...addTerms(e.b)] : [e];
}

function sumOf(terms: Expr[]): Expr | null {
  if (terms.length === 0) return null;
  return terms.reduce((a, b) => ({ op: "binary", fn: "add", a, b }));
}

/** 0-based codes of an int data slot of length n with values in 1..J, or null. */
export function groupCodes(data: ProgramData, slot: number, n: number, J: number): Int32Array | null {
  const by = data[slot];
  if (!(by instanceof Int32Array) || by.length !== n) return null;
  const g = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (by[i] < 1 || by[i] > J) return null;
    g[i] = by[i] - 1;
  }
  return g;
}

/** `α[g[i]]` or (one observation per group) `α[i]`: the observation → group map, 0-based. */
function groupOf(e: Expr, param: number, n: number, J: number, data: ProgramData): Int32Array | null {
  if (e.op === "gather" && e.src === "param" && e.id === param) return groupCodes(data, e.by, n, J);
  if (e.op === "ref" && e.src === "param" && e.id === param && n === J) return Int32Array.from({ length: n }, (_, i) => i);
  return null;
}

/** Values of a data-only operand that is a constant or a data slot (scalar or length n). */
function dataValues(e: Expr, n: number, program: Program, data: ProgramData): Float64Array | null {
  if (e.op === "const") return new Float64Array(n).fill(e.value);
  if (e.op === "ref" && e.src === "data") {
    const v = data[e.id];
    if (program.data[e.id].dims.length === 0) return new Float64Array(n).fill(v[0]);
    return v.length === n ? Float64Array.from(v) : null;
  }
  return null;
}

function outcome(st: Dist, program: Program, data: ProgramData): Float64Array | null {
  const e = st.lhs;
  if (e.op !== "ref" || e.src !== "data" || program.data[e.id].dims.length !== 1) return null;
  const v = data[e.id];
  return v.length === st.n ? Float64Array.from(v) : null;
}

function priorOf(program: Program, p: number, family: string): number {
  const J = program.params[p].shape.kind === "vector" ? (program.params[p].shape as { n: number }).n : -1;
  return program.statements.findIndex(
    (st) => st.kind === "distribution" && st.family === family && st.n === J && st.lhs.op === "ref" && st.lhs.src === "param" && st.lhs.id === p,
  );
}

function likelihoodsOf(program: Program, p: number, prior: number): number[] {
  return program.statements.flatMap((st, k) => (k !== prior && st.kind === "distribution" && [st.lhs, ...st.args].some((e) => refersTo(e, "param", p)) ? [k] : []));
}

function tryParam(program: Program, data: ProgramData, p: number, options: DetectOptions): ConjugateCandidate | null {
  const block = program.params[p];
  if (block.shape.kind !== "vector") return null;
  const J = block.shape.n;
  const t = block.transform;
  for (const [kind, family, ok] of [
    ["normal_normal", "normal", t.kind === "identity" || t.kind === "offsetMultiplier"],
    ["poisson_gamma", "gamma", t.kind === "lower" && t.lb === 0],
    ["binomial_beta", "beta", t.kind === "interval" && t.lb === 0 && t.ub === 1],
  ] as const) {
    if (!ok) continue;
    const prior = priorOf(program, p, family);
    if (prior < 0) continue;
    const pst = program.statements[prior] as Dist;
    if (pst.args.some((a) => refersTo(a, "param", p))) continue;
    const liks = likelihoodsOf(program, p, prior);
    if (liks.length !== 1 || otherUses(program, p, [prior, liks[0]]) !== 0) continue;
    const lst = program.statements[liks[0]] as Dist;
    const y = outcome(lst, program, data);
    if (y === null || refersTo(lst.lhs, "param", p)) continue;
    const n = lst.n;
    const popInputs = (roles: [string, string]): InputSpec[] =>
      roles.map((role, k) => ({ role, expr: pst.args[k], n: exprLength(program, pst.args[k], J) }));
    const base = { kind, param: p, prior, likelihood: liks[0], groups: J };

    if (kind === "normal_normal" && lst.family === "normal") {
      const sigma = lst.args[1];
      if (refersTo(sigma, "param", p)) continue;
      const terms = addTerms(lst.args[0]);
      const hits = terms.filter((e) => refersTo(e, "param", p));
      if (hits.length !== 1) continue;
      const group = groupOf(hits[0], p, n, J, data);
      if (group === null) continue;
      const eta = sumOf(terms.filter((e) => e !== hits[0]));
      const sigmaLength = exprLength(program, sigma, n);
      const lin = sigmaLength === 0 && options.sufficientStatistics !== false ? linearEta(program, data, eta, n) : null;
      const K = lin?.coefs.length ?? 0;
      // Sufficient statistics pay when the per-group work J·(K+1)² is below the two row passes' 2n.
      if (lin !== null && J * (K + 1) * (K + 1) <= 2 * n) {
        const x = new Float64Array(n * K);
        lin.columns.forEach((col, k) => col.forEach((v, i) => (x[i * K + k] = v)));
        const yc = Float64Array.from(y, (v, i) => v - lin.offset[i]);
        const inputs: InputSpec[] = [...popInputs(["loc", "scale"]), { role: "sigma", expr: sigma, n: 0 }, ...lin.coefs.map((expr) => ({ role: "coef", expr, n: 0 }))];
        return { ...base, group, y: yc, weight: x, constant: 0, inputs, linear: K };
      }
      const inputs: InputSpec[] = [...popInputs(["loc", "scale"]), { role: "sigma", expr: sigma, n: sigmaLength }];
      // η must have one value per observation: a scalar offset is broadcast by wrapping it in a vector context.
      if (eta !== null) inputs.push({ role: "eta", expr: eta, n });
      return { ...base, group, y, weight: new Float64Array(0), constant: 0, inputs };
    }
    if (kind === "poisson_gamma" && lst.family === "poisson") {
      const rate = lst.args[0];
      let lam: Expr = rate;
      let w: Float64Array | null = new Float64Array(n).fill(1);
      if (rate.op === "binary" && rate.fn === "mul") {
        const [a, b] = refersTo(rate.a, "param", p) ? [rate.a, rate.b] : [rate.b, rate.a];
        lam = a;
        w = dataValues(b, n, program, data);
      }
      const group = groupOf(lam, p, n, J, data);
      if (group === null || w === null || w.some((x) => !(x >= 0))) continue;
      let constant = 0;
      for (let i = 0; i < n; i++) constant += (y[i] === 0 ? 0 : y[i] * Math.log(w[i])) - lgamma(y[i] + 1);
      return { ...base, group, y, weight: w, constant, inputs: popInputs(["shape", "rate"]) };
    }
    if (kind === "binomial_beta" && lst.family === "binomial") {
      const trials = dataValues(lst.args[0], n, program, data);
      const group = groupOf(lst.args[1], p, n, J, data);
      if (group === null || trials === null) continue;
      let constant = 0;
      for (let i = 0; i < n; i++) constant += lchoose(trials[i], y[i]);
      return { ...base, group, y, weight: trials, constant, inputs: popInputs(["a", "b"]) };
    }
  }
  return null;
}

export interface DetectOptions {
  /**
   * Gaussian blocks with a linear η and one σ run on per-group sufficient statistics (default true);
   * false keeps the row-by-row fused statement (tests and benchmarks compare the two).
   */
  readonly sufficientStatistics?: boolean;
  /** Largest min(J_a, J_b) of two crossed intercepts integrated out together (default CROSSED_MAX_SMALL). */
  readonly crossedMaxSmall?: number;
}

/**
 * Weighted (weights()), censored (cens()) or truncated (trunc()) likelihood rows: the conjugate algebra
 * (normal–normal, Poisson–Gamma, binomial–Beta sums) assumes every row enters once with its untruncated
 * density, so such programs are sampled as written.
 */
export function hasWeightedOrCensored(program: Program): boolean {
  return program.statements.some((st) => st.kind === "distribution" && (st.weights !== undefined || st.cens !== undefined || st.trunc !== undefined));
}

/** The first parameter (in program order) that can be integrated out, or null. */
export function findConjugate(program: Program, data: ProgramData, options: DetectOptions = {}): ConjugateCandidate | null {
  if (hasWeightedOrCensored(program)) return null;
  for (let p = 0; p < program.params.length; p++) {
    const c = tryParam(program, data, p, options);
    if (c !== null) return c;
  }
  return null;
}
