/**
 * A multivariate model (brms's mvbind / bf(y1 ~ …) + bf(y2 ~ …)) as IR: each response's predictor in
 * brms's parametrisation (centred X with its own Intercept, non-centred group effects), `(… | ID | g)`
 * blocks whose effects are correlated across responses, and for gaussian responses with rescor the
 * multivariate normal Σ = diag(σ) Ω diag(σ), Ω = L Lᵀ ~ lkj_corr_cholesky(η).
 *
 * The multivariate normal is written as its chain of conditionals, which is the same density exactly:
 * with y − μ = diag(σ) L w (w standard normal), response m given the earlier ones is
 * normal(μ_m + σ_m Σ_{q<m} L[m,q] w_q, σ_m L[m,m]), and w_m = ((y_m − μ_m)/σ_m − Σ_{q<m} L[m,q] w_q) / L[m,m].
 * So every statement is an ordinary per-row normal over the inlined predictors: no n·k mean has to be
 * stored as a transformed parameter, and the fused gradient is the compiler's own.
 */
import { UserError } from "../errors.js";
import { familySignature } from "../ir/families.js";
import type { DataSlot, Expr, ParamBlock, Program, ProgramData, Statement, TransformedParam } from "../ir/types.js";
import type { GlmmGroup, GlmmSpec, PriorSpec } from "./types.js";

/** `(… | ID | g)` in two or more responses' formulas: response k's group term gi, in response order. */
export interface MvBlock {
  readonly members: readonly { readonly k: number; readonly gi: number }[];
  /** LKJ prior of the block's correlations; absent: the first member's corPrior (lkj(1) by default). */
  readonly corPrior?: PriorSpec;
}

export interface GlmmMultivariate {
  /** brms's response names (`y1`), in the formula's order. */
  readonly names: readonly string[];
  /** Each response's univariate model (family gaussian, poisson or bernoulli). */
  readonly specs: readonly GlmmSpec[];
  readonly blocks: readonly MvBlock[];
  /** Residual correlations across the (all gaussian) responses. */
  readonly rescor: boolean;
  readonly rescorPrior: PriorSpec;
}

export interface BuiltMultivariate {
  readonly program: Program;
  readonly data: ProgramData;
  /** Compiled output name → brms name, in brms's order. */
  readonly outputs: { readonly rename: ReadonlyArray<readonly [string, string]> };
}

const c = (value: number): Expr => ({ op: "const", value });
const ref = (src: "data" | "param" | "tparam", id: number): Expr => ({ op: "ref", src, id });
const elem = (src: "param" | "tparam", id: number, index: number): Expr => ({ op: "elem", src, id, index });
const bin = (fn: "add" | "sub" | "mul" | "div", a: Expr, b: Expr): Expr => ({ op: "binary", fn, a, b });
const sumAll = (terms: Expr[]): Expr => terms.reduce((acc, t) => bin("add", acc, t));
const same = (a: PriorSpec, b: PriorSpec): boolean => JSON.stringify(a) === JSON.stringify(b);
/** Ω[a, b] = Σ_q L[a, q] L[b, q] (q ≤ a < b) of the M × M Cholesky factor `param`: a cor_ or rescor__ output. */
const correlation = (param: number, M: number, a: number, b: number): Expr => {
  const parts: Expr[] = [];
  for (let q = 0; q <= a; q++) parts.push(bin("mul", elem("param", param, a * M + q), elem("param", param, b * M + q)));
  return sumAll(parts);
};

function isOnes(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 1) return false;
  return true;
}

/** One column of a group block: response k's effect `term` of group `group`. */
interface BlockColumn {
  readonly k: number;
  readonly term: string;
  readonly Z: Float64Array;
  readonly sdPrior: PriorSpec;
}

export function buildMultivariateIr(mv: GlmmMultivariate): BuiltMultivariate {
  const K = mv.specs.length;
  if (K < 2 || mv.names.length !== K) throw new Error("buildMultivariateIr: needs at least two responses, one name each");
  const n = mv.specs[0].n;
  for (const s of mv.specs) {
    if (s.n !== n) throw new Error("buildMultivariateIr: the responses have different numbers of rows");
    if (s.family !== "gaussian" && s.family !== "poisson" && s.family !== "bernoulli") throw new UserError(`multivariate models: family ${s.family} is not supported for a response (gaussian, poisson, bernoulli)`);
  }
  if (mv.rescor && mv.specs.some((s) => s.family !== "gaussian")) throw new UserError("multivariate models: residual correlations need every response to be gaussian");
  const data: DataSlot[] = [];
  const values: (Float64Array | Int32Array)[] = [];
  const params: ParamBlock[] = [];
  const tparams: TransformedParam[] = [];
  const statements: Statement[] = [];
  const addData = (name: string, type: "real" | "int", dims: number[], v: Float64Array | Int32Array): number => {
    data.push({ name, type, dims });
    values.push(v);
    return data.length - 1;
  };
  const addParam = (p: ParamBlock): number => params.push(p) - 1;
  const addTparam = (name: string, count: number, expr: Expr): number => tparams.push({ name, n: count, expr }) - 1;
  const prior = (lhs: Expr, count: number, p: PriorSpec, where: string): void => {
    if (p.family === "flat") return;
    if (familySignature(p.family) === undefined) throw new UserError(`prior for ${where}: the ${p.family} distribution is not available as a prior yet`);
    statements.push({ kind: "distribution", family: p.family, n: count, lhs, args: (p as { args: readonly number[] }).args.map(c) });
  };
  const lkjEta = (p: PriorSpec): number => (p.family === "flat" ? 1 : (p as { args: readonly number[] }).args[0]);

  const etaParts: Expr[][] = mv.specs.map(() => []);
  const intercepts: [string, string][] = [];
  const slopes: [string, string][] = [];
  const sds: [string, string][] = [];
  const cors: [string, string][] = [];
  const rs: [string, string][] = [];
  const yIds: number[] = [];
  const centredIntercepts: { k: number; iId: number; bId: number }[] = [];

  // Population level, per response: Intercept_k + Xc_k · b_k (brms's centring).
  mv.specs.forEach((s, k) => {
    const r = mv.names[k];
    yIds.push(s.family === "gaussian" ? addData(`Y_${k + 1}`, "real", [n], s.y) : addData(`Y_${k + 1}`, "int", [n], Int32Array.from(s.y)));
    let iId = -1;
    let bId = -1;
    if (s.intercept) {
      iId = addParam({ name: `Intercept_${k + 1}`, shape: { kind: "scalar" }, transform: { kind: "identity" } });
      prior(ref("param", iId), 1, s.intercept.prior, `Intercept_${r}`);
      etaParts[k].push(ref("param", iId));
    }
    const q = s.X.names.length;
    if (q > 0) {
      const X = new Float64Array(s.X.values);
      if (s.intercept) for (let i = 0; i < n; i++) for (let j = 0; j < q; j++) X[i * q + j] -= s.X.means[j];
      const xId = addData(`Xc_${k + 1}`, "real", [n, q], X);
      bId = addParam({ name: `b_${k + 1}`, shape: { kind: "vector", n: q }, transform: { kind: "identity" } });
      if (s.X.priors.every((p) => same(p, s.X.priors[0]))) prior(ref("param", bId), q, s.X.priors[0], `b_${r}`);
      else s.X.priors.forEach((p, j) => prior(elem("param", bId, j), 1, p, `b_${r}_${s.X.names[j]}`));
      etaParts[k].push({ op: "dotRow", matrix: xId, src: "param", id: bId });
      s.X.names.forEach((x, j) => slopes.push([`b_${k + 1}[${j + 1}]`, `b_${r}_${x}`]));
    }
    if (iId >= 0) centredIntercepts.push({ k, iId, bId });
  });

  // Group level: blocks across responses first (brms numbers them in formula order; names carry the response).
  let tagCount = 0;
  const inBlock = new Set(mv.blocks.flatMap((b) => b.members.map((m) => `${m.k}:${m.gi}`)));
  const addBlock = (group: GlmmGroup, cols: readonly BlockColumn[], correlated: boolean, corPrior: PriorSpec): void => {
    const tag = `${++tagCount}`;
    const M = cols.length;
    const J = group.levels.length;
    const idx = addData(`J_${tag}`, "int", [n], group.index);
    const sdId = addParam({ name: `sd_${tag}`, shape: { kind: "vector", n: M }, transform: { kind: "lower", lb: 0 } });
    if (cols.every((col) => same(col.sdPrior, cols[0].sdPrior))) prior(ref("param", sdId), M, cols[0].sdPrior, `sd_${group.name}`);
    else cols.forEach((col, m) => prior(elem("param", sdId, m), 1, col.sdPrior, `sd_${group.name}__${mv.names[col.k]}_${col.term}`));
    cols.forEach((col, m) => sds.push([`sd_${tag}[${m + 1}]`, `sd_${group.name}__${mv.names[col.k]}_${col.term}`]));
    const zIds = cols.map((_, m) => {
      const id = addParam({ name: `z_${tag}_${m + 1}`, shape: { kind: "vector", n: J }, transform: { kind: "identity" } });
      statements.push({ kind: "distribution", family: "normal", n: J, lhs: ref("param", id), args: [c(0), c(1)] });
      return id;
    });
    let lId = -1;
    if (correlated && M > 1) {
      lId = addParam({ name: `L_${tag}`, shape: { kind: "choleskyCorr", k: M }, transform: { kind: "choleskyCorr" } });
      statements.push({ kind: "lkjCorrCholesky", param: lId, eta: c(lkjEta(corPrior)) });
    }
    cols.forEach((col, m) => {
      let combo: Expr = ref("param", zIds[m]);
      if (lId >= 0) {
        const parts: Expr[] = [];
        for (let q = 0; q <= m; q++) parts.push(bin("mul", elem("param", lId, m * M + q), ref("param", zIds[q])));
        combo = sumAll(parts);
      }
      const rId = addTparam(`r_${tag}_${m + 1}`, J, bin("mul", elem("param", sdId, m), combo));
      const gathered: Expr = { op: "gather", src: "tparam", id: rId, by: idx };
      etaParts[col.k].push(isOnes(col.Z) ? gathered : bin("mul", gathered, ref("data", addData(`Z_${tag}_${m + 1}`, "real", [n], col.Z))));
      group.levels.forEach((lv, j) => rs.push([`r_${tag}_${m + 1}[${j + 1}]`, `r_${group.name}__${mv.names[col.k]}[${lv},${col.term}]`]));
    });
    if (lId >= 0) {
      for (let a = 0; a < M; a++) {
        for (let b = a + 1; b < M; b++) {
          const name = `cor_${tag}_${a + 1}_${b + 1}`;
          addTparam(name, 0, correlation(lId, M, a, b));
          cors.push([name, `cor_${group.name}__${mv.names[cols[a].k]}_${cols[a].term}__${mv.names[cols[b].k]}_${cols[b].term}`]);
        }
      }
    }
  };
  const columnsOf = (k: number, g: GlmmGroup): BlockColumn[] => g.terms.map((t, m) => ({ k, term: t, Z: g.Z[m], sdPrior: g.sdPriors[m] }));
  for (const b of mv.blocks) {
    const first = mv.specs[b.members[0].k].groups[b.members[0].gi];
    addBlock(first, b.members.flatMap(({ k, gi }) => columnsOf(k, mv.specs[k].groups[gi])), true, b.corPrior ?? first.corPrior);
  }
  mv.specs.forEach((s, k) =>
    s.groups.forEach((g, gi) => {
      if (g.fixed || g.Lcov) throw new UserError(`multivariate models: group ${g.name} with a fixed population or a known covariance is not supported`);
      if (!inBlock.has(`${k}:${gi}`)) addBlock(g, columnsOf(k, g), g.correlated, g.corPrior);
    }),
  );

  // Family parameters: sigma_y1, … (brms's order: after sd and cor).
  const sigmaIds = mv.specs.map((s, k) => {
    if (s.family !== "gaussian") return -1;
    const id = addParam({ name: `sigma_${k + 1}`, shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } });
    prior(ref("param", id), 1, s.auxPriors.sigma ?? { family: "flat" }, `sigma_${mv.names[k]}`);
    return id;
  });
  const eta = etaParts.map((parts, k) => {
    if (parts.length === 0) throw new UserError(`formula of response ${mv.names[k]}: it has no predictors at all: add an intercept (1) or a term`);
    return sumAll(parts);
  });
  const auxRenames: [string, string][] = [];
  mv.specs.forEach((s, k) => {
    if (sigmaIds[k] >= 0) auxRenames.push([`sigma_${k + 1}`, `sigma_${mv.names[k]}`]);
  });

  // Likelihood.
  if (mv.rescor) {
    const lId = addParam({ name: "Lrescor", shape: { kind: "choleskyCorr", k: K }, transform: { kind: "choleskyCorr" } });
    statements.push({ kind: "lkjCorrCholesky", param: lId, eta: c(lkjEta(mv.rescorPrior)) });
    const L = (a: number, b: number): Expr => elem("param", lId, a * K + b);
    const sigma = (k: number): Expr => ref("param", sigmaIds[k]);
    const w: Expr[] = [];
    for (let m = 0; m < K; m++) {
      const y = ref("data", yIds[m]);
      const shift: Expr[] = [];
      for (let q = 0; q < m; q++) shift.push(bin("mul", L(m, q), w[q]));
      const mean = shift.length === 0 ? eta[m] : bin("add", eta[m], bin("mul", sigma(m), sumAll(shift)));
      const scale = m === 0 ? sigma(m) : bin("mul", sigma(m), L(m, m));
      statements.push({ kind: "distribution", family: "normal", n, lhs: y, args: [mean, scale] });
      if (m < K - 1) {
        const e = bin("div", bin("sub", y, eta[m]), sigma(m));
        w.push(m === 0 ? e : bin("div", bin("sub", e, sumAll(shift)), L(m, m)));
      }
    }
    for (let a = 0; a < K; a++) {
      for (let b = a + 1; b < K; b++) {
        const name = `rescor_${a + 1}_${b + 1}`;
        addTparam(name, 0, correlation(lId, K, a, b));
        auxRenames.push([name, `rescor__${mv.names[a]}__${mv.names[b]}`]);
      }
    }
  } else {
    mv.specs.forEach((s, k) => {
      const y = ref("data", yIds[k]);
      if (s.family === "gaussian") statements.push({ kind: "distribution", family: "normal", n, lhs: y, args: [eta[k], ref("param", sigmaIds[k])] });
      else statements.push({ kind: "distribution", family: s.family === "poisson" ? "poisson_log" : "bernoulli_logit", n, lhs: y, args: [eta[k]] });
    });
  }

  // b_y1_Intercept on the uncentred scale: Intercept − means · b.
  for (const { k, iId, bId } of centredIntercepts) {
    const s = mv.specs[k];
    let e: Expr = ref("param", iId);
    for (let j = 0; j < s.X.names.length; j++) if (s.X.means[j] !== 0) e = bin("sub", e, bin("mul", c(s.X.means[j]), elem("param", bId, j)));
    const name = `b_${k + 1}_Intercept`;
    addTparam(name, 0, e);
    intercepts.push([name, `b_${mv.names[k]}_Intercept`]);
  }
  // brms's order: b_y1_Intercept, b_y2_Intercept, b_y1_x, b_y2_x, sd_*, cor_*, sigma_*, rescor__*, r_*.
  const slopesByResponse = mv.names.flatMap((_, k) => slopes.filter(([from]) => from.startsWith(`b_${k + 1}[`)));
  return {
    program: { data, params, tparams, statements },
    data: values,
    outputs: { rename: [...intercepts, ...slopesByResponse, ...sds, ...cors, ...auxRenames, ...rs] },
  };
}
