/**
 * A non-linear model's predictor as IR (brms's nl = TRUE): each parameter's linear predictor
 * (`X_a · b_a` plus its group effects, uncentred as brms) substituted into the expression tree, which
 * then goes through the family's link as an ordinary predictor does. The IR is built node by node from
 * `NlExpr`, so the fused gradient comes from the compiler and nothing from the formula text reaches
 * generated code.
 */
import type { Expr, ParamBlock, TransformSpec } from "../ir/types.js";
import type { GlmmNonlinear, NlExpr } from "./nonlinearTypes.js";
import type { GlmmGroup, PriorSpec } from "./types.js";

/** What `buildGlmmIr` lends: its slots, its prior statements and its group-term builder (brms's names). */
export interface NonlinearIrContext {
  readonly n: number;
  addData(name: string, type: "real" | "int", dims: number[], v: Float64Array | Int32Array): number;
  addParam(p: ParamBlock): number;
  prior(lhs: Expr, count: number, p: PriorSpec, where: string): void;
  addGroup(g: GlmmGroup, target: Expr[], dpar: string | null): void;
  /** Where a block's output names go (compiled → brms), beside addGroup's: sds, correlations, effects. */
  readonly names: { readonly sd: [string, string][]; readonly cor: [string, string][]; readonly r: [string, string][] };
  /** A transformed parameter (`n` 0 for a scalar); returns its id. */
  addTparam(name: string, n: number, expr: Expr): number;
  /** `L ~ lkj_corr_cholesky(eta)`. */
  lkj(param: number, eta: number): void;
}

export interface NonlinearIr {
  /** The predictor on the link scale, to be inlined into the likelihood. */
  readonly eta: Expr;
  /** Compiled names of the coefficients → brms's (`b_nl1[1]` → `b_a_Intercept`), parameters' order. */
  readonly renames: readonly [string, string][];
}

const c = (value: number): Expr => ({ op: "const", value });
const ref = (src: "data" | "param" | "tparam", id: number): Expr => ({ op: "ref", src, id });
const elem = (src: "param" | "tparam", id: number, index: number): Expr => ({ op: "elem", src, id, index });
const bin = (fn: "add" | "sub" | "mul" | "div" | "pow", a: Expr, b: Expr): Expr => ({ op: "binary", fn, a, b });
const un = (fn: "neg" | "exp" | "log" | "log1p" | "expm1" | "sqrt" | "square" | "invLogit" | "lgamma" | "Phi", arg: Expr): Expr => ({ op: "unary", fn, arg });

function transformOf(lb: number | undefined, ub: number | undefined): TransformSpec {
  if (lb !== undefined && ub !== undefined) return { kind: "interval", lb, ub };
  if (lb !== undefined) return { kind: "lower", lb };
  if (ub !== undefined) return { kind: "upper", ub };
  return { kind: "identity" };
}

function isOnes(X: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (X[i] !== 1) return false;
  return true;
}

export function buildNonlinearEta(nl: GlmmNonlinear, ctx: NonlinearIrContext): NonlinearIr {
  const n = ctx.n;
  const renames: [string, string][] = [];
  const blocks = nl.blocks ?? [];
  const inBlock = new Set(blocks.flatMap((b) => b.members.map((m) => `${m.k}:${m.gi}`)));
  const terms: Expr[][] = nl.nlpars.map((p, k) => {
    const q = p.X.names.length;
    const t: Expr[] = [];
    if (q > 0) {
      const name = `b_nl${k + 1}`;
      const id = ctx.addParam({ name, shape: { kind: "vector", n: q }, transform: transformOf(p.lb, p.ub) });
      const pr = p.X.priors;
      if (pr.every((x) => JSON.stringify(x) === JSON.stringify(pr[0]))) ctx.prior(ref("param", id), q, pr[0], `b_${p.name}`);
      else pr.forEach((x, j) => ctx.prior(elem("param", id, j), 1, x, `b_${p.name}_${p.X.names[j]}`));
      // An intercept-only part is one scalar for every row: no data matrix to multiply.
      if (q === 1 && isOnes(p.X.values, n)) t.push(elem("param", id, 0));
      else t.push({ op: "dotRow", matrix: ctx.addData(`X_nl${k + 1}`, "real", [n, q], p.X.values), src: "param", id });
      p.X.names.forEach((x, j) => renames.push([`${name}[${j + 1}]`, `b_${p.name}_${x}`]));
    }
    p.groups.forEach((g, gi) => {
      if (!inBlock.has(`${k}:${gi}`)) ctx.addGroup(g, t, p.name);
    });
    return t;
  });
  blocks.forEach((b, j) => addBlock(nl, b.members, `nl${j + 1}`, terms, ctx));
  const parts: Expr[] = terms.map((t, k) => {
    if (t.length === 0) throw new Error(`buildNonlinearEta: the parameter ${nl.nlpars[k].name} has no terms`);
    return t.reduce((acc, e) => bin("add", acc, e));
  });
  const covariates = nl.covariates.map((v, k) => ctx.addData(`C_nl${k + 1}`, "real", [n], v));
  const walk = (e: NlExpr): Expr => {
    switch (e.op) {
      case "num":
        return c(e.value);
      case "nlpar":
        return parts[e.k];
      case "cov":
        return { op: "ref", src: "data", id: covariates[e.k] };
      case "binary":
        return bin(e.fn, walk(e.a), walk(e.b));
      case "unary": {
        const a = walk(e.arg);
        switch (e.fn) {
          case "inv_logit":
            return un("invLogit", a);
          case "inv":
            return bin("div", c(1), a);
          case "logit":
            return bin("sub", un("log", a), un("log1p", un("neg", a)));
          default:
            return un(e.fn, a);
        }
      }
    }
  };
  return { eta: walk(nl.expr), renames };
}

/**
 * One `(… | ID | g)` block across parameters, as brms's correlated group term and as buildGlmmIr's own:
 * r_m = sd_m · Σ_{k ≤ m} L[m,k] z_k (z ~ N(0, 1), L ~ LKJ), term m gathered by level into its parameter's
 * predictor. Names as brms's: `sd_g__a_Intercept`, `cor_g__a_Intercept__b_Intercept`, `r_g__a[lvl,Intercept]`.
 */
function addBlock(nl: GlmmNonlinear, members: readonly { readonly k: number; readonly gi: number }[], tag: string, terms: Expr[][], ctx: NonlinearIrContext): void {
  const cols = members.flatMap(({ k, gi }) => {
    const p = nl.nlpars[k];
    const g = p.groups[gi];
    return g.terms.map((t, m) => ({ k, Z: g.Z[m], sdPrior: g.sdPriors[m], label: `${p.name}_${t}`, group: g.name, rNames: g.levels.map((l) => `r_${g.name}__${p.name}[${l},${t}]`) }));
  });
  const first = nl.nlpars[members[0].k].groups[members[0].gi];
  const M = cols.length;
  const J = first.levels.length;
  const idx = ctx.addData(`J_${tag}`, "int", [ctx.n], first.index);
  const sdId = ctx.addParam({ name: `sd_${tag}`, shape: { kind: "vector", n: M }, transform: { kind: "lower", lb: 0 } });
  if (cols.every((col) => JSON.stringify(col.sdPrior) === JSON.stringify(cols[0].sdPrior))) ctx.prior(ref("param", sdId), M, cols[0].sdPrior, `sd_${first.name}`);
  else cols.forEach((col, m) => ctx.prior(elem("param", sdId, m), 1, col.sdPrior, `sd_${col.group}__${col.label}`));
  cols.forEach((col, m) => ctx.names.sd.push([`sd_${tag}[${m + 1}]`, `sd_${col.group}__${col.label}`]));
  const zIds = cols.map((_, m) => {
    const id = ctx.addParam({ name: `z_${tag}_${m + 1}`, shape: { kind: "vector", n: J }, transform: { kind: "identity" } });
    ctx.prior(ref("param", id), J, { family: "normal", args: [0, 1] }, `z_${tag}`);
    return id;
  });
  const lId = ctx.addParam({ name: `L_${tag}`, shape: { kind: "choleskyCorr", k: M }, transform: { kind: "choleskyCorr" } });
  ctx.lkj(lId, first.corPrior.family === "flat" ? 1 : (first.corPrior as { args: readonly number[] }).args[0]);
  cols.forEach((col, m) => {
    const parts: Expr[] = [];
    for (let q = 0; q <= m; q++) parts.push(bin("mul", elem("param", lId, m * M + q), ref("param", zIds[q])));
    const rId = ctx.addTparam(`r_${tag}_${m + 1}`, J, bin("mul", elem("param", sdId, m), parts.reduce((a, e) => bin("add", a, e))));
    const gathered: Expr = { op: "gather", src: "tparam", id: rId, by: idx };
    terms[col.k].push(isOnes(col.Z, ctx.n) ? gathered : bin("mul", gathered, ref("data", ctx.addData(`Z_${tag}_${m + 1}`, "real", [ctx.n], col.Z))));
    col.rNames.forEach((name, j) => ctx.names.r.push([`r_${tag}_${m + 1}[${j + 1}]`, name]));
  });
  for (let a = 0; a < M; a++) {
    for (let b = a + 1; b < M; b++) {
      const parts: Expr[] = [];
      for (let q = 0; q <= a; q++) parts.push(bin("mul", elem("param", lId, a * M + q), elem("param", lId, b * M + q)));
      const name = `cor_${tag}_${a + 1}_${b + 1}`;
      ctx.addTparam(name, 0, parts.reduce((x, e) => bin("add", x, e)));
      ctx.names.cor.push([name, `cor_${first.name}__${cols[a].label}__${cols[b].label}`]);
    }
  }
}
