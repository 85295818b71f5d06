/**
 * GlmmSpec → IR program, in brms's parametrisation: predictors centred with a separate `Intercept`,
 * group effects non-centred (`r = diag(sd) · L · z`, z ~ N(0, 1), L ~ LKJ), half-distributions for
 * scales through lower bounds. Also the map from compiled output names to brms's names
 * (`b_floor`, `sd_county__Intercept`, `r_county[AITKIN,Intercept]`) and which outputs stay hidden.
 */
import { UserError } from "../errors.js";
import type { DataSlot, Expr, Generated, ParamBlock, Program, ProgramData, Statement, TransformedParam } from "../ir/types.js";
import { familySignature } from "../ir/families.js";
import { buildNonlinearEta } from "./nonlinearIr.js";
import { addMonotonic } from "./monotonicIr.js";
import { AUX_LOWER, AUX_UPPER, CENSORED_GLMM_FAMILIES, DISCRETE_FAMILIES, DPAR_LINK, FAMILY_AUX, type AuxName, type GlmmCategoricalMu, type GlmmGroup, type GlmmSmooth, type GlmmSpec, type PriorSpec } from "./types.js";

export interface OutputMap {
  /** Compiled output name (`b[1]`, `r_1_1[3]`) → brms name (`b_floor`, `r_county[c03,Intercept]`), in brms order. */
  readonly rename: ReadonlyArray<readonly [string, string]>;
}

export interface BuiltGlmm {
  readonly program: Program;
  readonly data: ProgramData;
  readonly outputs: OutputMap;
  /** IR names of the population-level parameters and the family's own parameters (for predictions). */
  readonly paramNames: {
    readonly intercept: string | null;
    readonly b: string | null;
    /** The family's constant parameters. */
    readonly aux: readonly AuxName[];
    /** Modelled family parameters (distributional formulas): IR names of their intercept and coefficients. */
    readonly dpars?: readonly { readonly dpar: AuxName; readonly intercept: string | null; readonly b: string | null }[];
  };
}

const c = (value: number): Expr => ({ op: "const", value });
const ref = (src: "data" | "param" | "tparam", id: number): Expr => ({ op: "ref", src, id });
const elem = (src: "param" | "tparam", id: number, index: number): Expr => ({ op: "elem", src, id, index });
const bin = (fn: "add" | "sub" | "mul" | "div", a: Expr, b: Expr): Expr => ({ op: "binary", fn, a, b });
const sumAll = (terms: Expr[]): Expr => terms.reduce((acc, t) => bin("add", acc, t));

function isOnes(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 1) return false;
  return true;
}

export function buildGlmmIr(spec: GlmmSpec): BuiltGlmm {
  const data: DataSlot[] = [];
  const values: (Float64Array | Int32Array)[] = [];
  const params: ParamBlock[] = [];
  const tparams: TransformedParam[] = [];
  const statements: Statement[] = [];
  const rename: [string, string][] = [];
  const n = spec.n;

  const addData = (name: string, type: "real" | "int", dims: number[], v: Float64Array | Int32Array): number => {
    data.push({ name, type, dims });
    values.push(v);
    return data.length - 1;
  };
  const addParam = (p: ParamBlock): number => {
    params.push(p);
    return params.length - 1;
  };
  const prior = (lhs: Expr, count: number, p: PriorSpec, where: string) => {
    if (p.family === "flat") return;
    const args = (p as { args: readonly number[] }).args;
    if (familySignature(p.family) === undefined) throw new UserError(`prior for ${where}: the ${p.family} distribution is not available as a prior yet`);
    statements.push({ kind: "distribution", family: p.family, n: count, lhs, args: args.map(c) });
  };

  // Response and its companions.
  const yId = DISCRETE_FAMILIES.has(spec.family) ? addData("y", "int", [n], Int32Array.from(spec.y)) : addData("y", "real", [n], spec.y);

  // Population level.
  const p = spec.X.names.length;
  let interceptId = -1;
  let bId = -1;
  const linear: Expr[] = [];
  const ordinal = spec.family === "cumulative" ? spec.ordinal : undefined;
  if (spec.family === "cumulative" && !(ordinal && ordinal.categories.length >= 2)) throw new UserError("family cumulative: the spec needs its categories (at least two)");
  if (ordinal && !spec.intercept) throw new UserError("family cumulative: the model needs its thresholds, which are the intercept: remove '0 +' / '- 1' from the formula");
  if (ordinal && spec.intercept) {
    // brms: `ordered[nthres] Intercept`, the thresholds for centred predictors; no intercept in eta.
    const m = ordinal.categories.length - 1;
    interceptId = addParam({ name: "Intercept", shape: { kind: "vector", n: m }, transform: { kind: "ordered" } });
    // One statement for the vector, or one per threshold when `Intercept[k] ~ …` made them differ.
    const each = spec.intercept.thresholdPriors ?? [];
    if (each.length === m && each.some((q) => JSON.stringify(q) !== JSON.stringify(spec.intercept?.prior))) {
      each.forEach((q, k) => prior(elem("param", interceptId, k), 1, q, `Intercept[${k + 1}]`));
    } else prior(ref("param", interceptId), m, spec.intercept.prior, "Intercept");
  } else if (spec.intercept) {
    interceptId = addParam({ name: "Intercept", shape: { kind: "scalar" }, transform: { kind: "identity" } });
    prior(ref("param", interceptId), 1, spec.intercept.prior, "Intercept");
    linear.push(ref("param", interceptId));
  }
  // Coefficients of X (centred when there is an intercept) as Xc · b: the mean's ("") or a distributional part's ("_sigma").
  // `shared`: parts with the very same X (the categorical family's predictors) read one centred copy of it.
  const addCoefficients = (suffix: string, X0: GlmmSpec["X"], centred: boolean, target: Expr[], shared?: Map<Float64Array, { means: Float64Array; centred: boolean; xId: number }>): number => {
    const q = X0.names.length;
    const seen = shared?.get(X0.values);
    let xId = seen && seen.centred === centred && seen.means.every((m, k) => m === X0.means[k]) ? seen.xId : -1;
    if (xId < 0) {
      const X = new Float64Array(X0.values);
      if (centred) for (let i = 0; i < n; i++) for (let k = 0; k < q; k++) X[i * q + k] -= X0.means[k];
      xId = addData(`Xc${suffix}`, "real", [n, q], X);
      shared?.set(X0.values, { means: X0.means, centred, xId });
    }
    const id = addParam({ name: `b${suffix}`, shape: { kind: "vector", n: q }, transform: { kind: "identity" } });
    const allSame = X0.priors.every((pr) => JSON.stringify(pr) === JSON.stringify(X0.priors[0]));
    if (allSame) prior(ref("param", id), q, X0.priors[0], `b${suffix}`);
    else X0.priors.forEach((pr, k) => prior(elem("param", id, k), 1, pr, `b${suffix}_${X0.names[k]}`));
    target.push({ op: "dotRow", matrix: xId, src: "param", id });
    return id;
  };
  if (p > 0) bId = addCoefficients("", spec.X, Boolean(spec.intercept), linear);

  // Group level: r_m = sd_m · Σ_k L[m,k] z_k, gathered by level and multiplied by the term's column.
  const groupRenames: [string, string][] = [];
  const fixedRenames: [string, string][] = [];
  const corRenames: [string, string][] = [];
  // A distributional part's groups (dpar set) take brms's names `sd_g__sigma_Intercept`, `r_g__sigma[a,Intercept]`
  // and add to that part's predictor; tags continue the mean's numbering, as brms's r_2_sigma_1.
  let groupCount = 0;
  const addGroup = (g: GlmmGroup, target: Expr[], dpar: string | null): void => {
    const M = g.terms.length;
    const J = g.levels.length;
    const tag = `${++groupCount}`;
    const term = (t: string): string => (dpar === null ? t : `${dpar}_${t}`);
    const gname = dpar === null ? g.name : `${g.name}__${dpar}`;
    const idxId = addData(`J_${tag}`, "int", [n], g.index);
    if (g.fixed) {
      if (dpar !== null) throw new UserError(`group ${g.name}: a fixed population is only for the mean's group terms`);
      if (M !== 1 || g.terms[0] !== "Intercept") throw new UserError(`group ${g.name}: a fixed population is only for a varying intercept`);
      if (!(g.fixed.sd > 0) || !Number.isFinite(g.fixed.mean)) throw new UserError(`group ${g.name}: the fixed population needs a finite mean and a positive sd`);
      if (g.Lcov) throw new UserError(`group ${g.name}: a fixed population cannot have a known covariance`);
      // Non-centred with constants: the sampler moves z_j, the model sees mean + sd·z_j.
      const aId = addParam({
        name: `a_${tag}`,
        shape: { kind: "vector", n: J },
        transform: { kind: "offsetMultiplier", offset: c(g.fixed.mean), multiplier: c(g.fixed.sd) },
      });
      statements.push({ kind: "distribution", family: "normal", n: J, lhs: ref("param", aId), args: [c(g.fixed.mean), c(g.fixed.sd)] });
      target.push({ op: "gather", src: "param", id: aId, by: idxId });
      for (let j = 0; j < J; j++) fixedRenames.push([`a_${tag}[${j + 1}]`, `b_${g.name}${g.levels[j]}`]);
      return;
    }
    const sdId = addParam({ name: `sd_${tag}`, shape: { kind: "vector", n: M }, transform: { kind: "lower", lb: 0 } });
    const allSame = g.sdPriors.every((q) => JSON.stringify(q) === JSON.stringify(g.sdPriors[0]));
    if (allSame) prior(ref("param", sdId), M, g.sdPriors[0], `sd_${gname}`);
    else g.sdPriors.forEach((q, m) => prior(elem("param", sdId, m), 1, q, `sd_${g.name}__${term(g.terms[m])}`));
    g.terms.forEach((t, m) => rename.push([`sd_${tag}[${m + 1}]`, `sd_${g.name}__${term(t)}`]));

    const zIds = g.terms.map((_, m) => {
      const id = addParam({ name: `z_${tag}_${m + 1}`, shape: { kind: "vector", n: J }, transform: { kind: "identity" } });
      statements.push({ kind: "distribution", family: "normal", n: J, lhs: ref("param", id), args: [c(0), c(1)] });
      return id;
    });
    // gr(g, cov = A): each z_k becomes Lcov · z_k (a dotRow over the levels), brms's scale_r_cor_cov.
    const lcovId = g.Lcov ? addData(`Lcov_${tag}`, "real", [J, J], g.Lcov) : -1;
    const zTerm = (k: number): Expr => (lcovId >= 0 ? { op: "dotRow", matrix: lcovId, src: "param", id: zIds[k] } : ref("param", zIds[k]));
    let lId = -1;
    if (g.correlated && M > 1) {
      lId = addParam({ name: `L_${tag}`, shape: { kind: "choleskyCorr", k: M }, transform: { kind: "choleskyCorr" } });
      const eta = g.corPrior.family === "flat" ? 1 : (g.corPrior as { args: readonly number[] }).args[0];
      statements.push({ kind: "lkjCorrCholesky", param: lId, eta: c(eta) });
    }
    g.terms.forEach((t, m) => {
      let combo: Expr;
      if (lId >= 0) {
        const parts: Expr[] = [];
        for (let k = 0; k <= m; k++) parts.push(bin("mul", elem("param", lId, m * M + k), zTerm(k)));
        combo = sumAll(parts);
      } else combo = zTerm(m);
      tparams.push({ name: `r_${tag}_${m + 1}`, n: J, expr: bin("mul", elem("param", sdId, m), combo) });
      const rId = tparams.length - 1;
      const gathered: Expr = { op: "gather", src: "tparam", id: rId, by: idxId };
      const column = g.Z[m];
      if (isOnes(column)) target.push(gathered);
      else target.push(bin("mul", gathered, ref("data", addData(`Z_${tag}_${m + 1}`, "real", [n], column))));
      for (let j = 0; j < J; j++) groupRenames.push([`r_${tag}_${m + 1}[${j + 1}]`, `r_${gname}[${g.levels[j]},${t}]`]);
    });
    if (lId >= 0) {
      for (let a = 0; a < M; a++) {
        for (let b = a + 1; b < M; b++) {
          const parts: Expr[] = [];
          for (let k = 0; k <= a; k++) parts.push(bin("mul", elem("param", lId, a * M + k), elem("param", lId, b * M + k)));
          const name = `cor_${tag}_${a + 1}_${b + 1}`;
          tparams.push({ name, n: 0, expr: sumAll(parts) });
          corRenames.push([name, `cor_${g.name}__${term(g.terms[a])}__${term(g.terms[b])}`]);
        }
      }
    }
  };
  for (const g of spec.groups) addGroup(g, linear, null);
  const nl = spec.nonlinear
    ? buildNonlinearEta(spec.nonlinear, {
        n, addData, addParam, prior, addGroup,
        names: { sd: rename, cor: corRenames, r: groupRenames },
        addTparam: (name, count, expr) => tparams.push({ name, n: count, expr }) - 1,
        lkj: (param, eta) => void statements.push({ kind: "lkjCorrCholesky", param, eta: c(eta) }),
      })
    : null;
  // Smooths (brms's stan_sm): s_t = sds_t · zs_t, zs_t ~ N(0, 1), eta += Zs_t · s_t; the mean's, then
  // (in the distributional loop) each part's, named by their labels (`sx`, `sigma_sx`).
  const sdsRenames: [string, string][] = [];
  const smoothRenames: [string, string][] = [];
  const addSmooth = (sm: GlmmSmooth, target: Expr[], tag: string): void => {
    const sdsId = addParam({ name: `sds_${tag}`, shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } });
    const nb = sm.nb ?? 1;
    prior(ref("param", sdsId), 1, sm.sdsPrior, `sds_${sm.label}_${nb}`);
    const zsId = addParam({ name: `zs_${tag}`, shape: { kind: "vector", n: sm.q }, transform: { kind: "identity" } });
    statements.push({ kind: "distribution", family: "normal", n: sm.q, lhs: ref("param", zsId), args: [c(0), c(1)] });
    tparams.push({ name: `s_${tag}`, n: sm.q, expr: bin("mul", ref("param", sdsId), ref("param", zsId)) });
    target.push({ op: "dotRow", matrix: addData(`Zs_${tag}`, "real", [n, sm.q], sm.Zs), src: "tparam", id: tparams.length - 1 });
    sdsRenames.push([`sds_${tag}`, `sds_${sm.label}_${nb}`]);
    for (let j = 0; j < sm.q; j++) smoothRenames.push([`s_${tag}[${j + 1}]`, `s_${sm.label}_${nb}[${j + 1}]`]);
  };
  (spec.smooths ?? []).forEach((sm, t) => addSmooth(sm, linear, `${t + 1}`));
  const smoothXs = new Set((spec.smooths ?? []).flatMap((sm) => sm.xsNames));
  // brms's mo(x) terms: eta += bsp_t · D_t · Σ_{k ≤ x} simo_t[k].
  const mo = addMonotonic(spec.monotonic ?? [], { n, addData, addParam, prior, statements });
  linear.push(...mo.eta);
  if (spec.offset) linear.push(ref("data", addData("offset", "real", [n], spec.offset)));
  const categorical = spec.family === "categorical" ? spec.categorical : undefined;
  if (spec.family === "categorical" && !(categorical && categorical.categories.length >= 3 && categorical.mus.length === categorical.categories.length - 1)) {
    throw new UserError("family categorical: the spec needs its categories (at least three) and one predictor per category after the first");
  }
  if (linear.length === 0 && !ordinal && !categorical && !nl) throw new UserError("the model has no predictors at all: add an intercept (1) or a term");

  // The family's own parameters: constants, or (distributional formulas) a linear predictor per row.
  const modelled = FAMILY_AUX[spec.family].filter((a) => spec.dpars?.[a] !== undefined);
  for (const a of Object.keys(spec.dpars ?? {})) {
    if (!modelled.includes(a as AuxName)) throw new UserError(`family ${spec.family}: it has no ${a} to model (its parameters: ${FAMILY_AUX[spec.family].join(", ") || "none besides the mean"})`);
  }
  if (spec.se && modelled.includes("sigma")) throw new UserError("with se() the residual sd is known, so sigma cannot be modelled");
  const aux = FAMILY_AUX[spec.family].filter((a) => !(a === "sigma" && spec.se) && !modelled.includes(a));
  const dparExprs: Partial<Record<AuxName, Expr>> = {};
  const dparNames: { dpar: AuxName; intercept: string | null; b: string | null }[] = [];
  const dparIntercepts: [string, string][] = [];
  const dparSlopes: [string, string][] = [];
  const dparSmoothSlopes: [string, string][] = [];
  for (const a of modelled) {
    const d = spec.dpars?.[a];
    if (!d) continue;
    const q = d.X.names.length;
    const parts: Expr[] = [];
    let iId = -1;
    let dbId = -1;
    if (d.intercept) {
      iId = addParam({ name: `Intercept_${a}`, shape: { kind: "scalar" }, transform: { kind: "identity" } });
      prior(ref("param", iId), 1, d.intercept.prior, `Intercept_${a}`);
      parts.push(ref("param", iId));
    }
    if (q > 0) {
      dbId = addCoefficients(`_${a}`, d.X, Boolean(d.intercept), parts);
      // A smooth's unpenalised columns print as brms's bs_sigma_sx_1, after the mean's bs_*.
      const xs = new Set((d.smooths ?? []).flatMap((sm) => sm.xsNames));
      for (let k = 0; k < q; k++) {
        if (xs.has(d.X.names[k])) dparSmoothSlopes.push([`b_${a}[${k + 1}]`, `bs_${a}_${d.X.names[k]}`]);
        else dparSlopes.push([`b_${a}[${k + 1}]`, `b_${a}_${d.X.names[k]}`]);
      }
    }
    for (const g of d.groups ?? []) addGroup(g, parts, a);
    (d.smooths ?? []).forEach((sm, t) => addSmooth(sm, parts, `${a}_${t + 1}`));
    if (parts.length === 0) throw new UserError(`the ${a} formula has no predictors at all: add an intercept (1) or a term`);
    const etaA = sumAll(parts);
    const link = DPAR_LINK[a];
    dparExprs[a] =
      link === "log" ? { op: "unary", fn: "exp", arg: etaA } : link === "logm1" ? bin("add", c(1), { op: "unary", fn: "exp", arg: etaA }) : { op: "unary", fn: "invLogit", arg: etaA };
    if (iId >= 0) {
      // brms's b_sigma_Intercept = Intercept_sigma − means · b_sigma (predictors centred as the mean's).
      let e: Expr = ref("param", iId);
      for (let k = 0; k < q; k++) if (d.X.means[k] !== 0) e = bin("sub", e, bin("mul", c(d.X.means[k]), elem("param", dbId, k)));
      tparams.push({ name: `b_${a}_Intercept`, n: 0, expr: e });
      dparIntercepts.push([`b_${a}_Intercept`, `b_${a}_Intercept`]);
    }
    dparNames.push({ dpar: a, intercept: iId >= 0 ? `Intercept_${a}` : null, b: dbId >= 0 ? `b_${a}` : null });
  }
  // categorical: each non-reference category's predictor, named as brms's parts (b_muB_x, sd_g__muB_Intercept).
  const sharedX = new Map<Float64Array, { means: Float64Array; centred: boolean; xId: number }>();
  const muEtas = categorical ? categorical.mus.map((mu, k) => categoricalPredictor(mu, k)) : [];
  function categoricalPredictor(mu: GlmmCategoricalMu, k: number): Expr {
    const parts: Expr[] = [];
    const tag = `_mu${k + 1}`;
    let iId = -1;
    let mbId = -1;
    if (mu.intercept) {
      iId = addParam({ name: `Intercept${tag}`, shape: { kind: "scalar" }, transform: { kind: "identity" } });
      prior(ref("param", iId), 1, mu.intercept.prior, `Intercept_${mu.name}`);
      parts.push(ref("param", iId));
    }
    const q = mu.X.names.length;
    if (q > 0) {
      mbId = addCoefficients(tag, mu.X, Boolean(mu.intercept), parts, sharedX);
      for (let j = 0; j < q; j++) dparSlopes.push([`b${tag}[${j + 1}]`, `b_${mu.name}_${mu.X.names[j]}`]);
    }
    for (const g of mu.groups ?? []) addGroup(g, parts, mu.name);
    if (spec.offset) parts.push(ref("data", addData(`offset${tag}`, "real", [n], spec.offset)));
    if (parts.length === 0) throw new UserError(`family categorical: the predictor of ${mu.name} has no terms at all: add an intercept (1) or a term`);
    if (iId >= 0) {
      let e: Expr = ref("param", iId);
      for (let j = 0; j < q; j++) if (mu.X.means[j] !== 0) e = bin("sub", e, bin("mul", c(mu.X.means[j]), elem("param", mbId, j)));
      tparams.push({ name: `b${tag}_Intercept`, n: 0, expr: e });
      dparIntercepts.push([`b${tag}_Intercept`, `b_${mu.name}_Intercept`]);
    }
    return sumAll(parts);
  }
  const auxIds: Partial<Record<AuxName, number>> = {};
  for (const a of aux) {
    const ub = AUX_UPPER[a];
    auxIds[a] = addParam({
      name: a,
      shape: { kind: "scalar" },
      transform: ub === undefined ? { kind: "lower", lb: AUX_LOWER[a] } : { kind: "interval", lb: AUX_LOWER[a], ub },
    });
    prior(ref("param", auxIds[a] as number), 1, spec.auxPriors[a] ?? { family: "flat" }, a);
  }

  // The linear predictor is inlined into the likelihood (a tparam would be stored for every draw).
  const eta = nl ? nl.eta : linear.length === 0 ? c(0) : sumAll(linear);
  const auxRef = (a: AuxName): Expr => dparExprs[a] ?? ref("param", auxIds[a] as number);
  let likelihood: { family: string; args: Expr[] };
  switch (spec.family) {
    case "gaussian":
      likelihood = { family: "normal", args: [eta, spec.se ? ref("data", addData("se", "real", [n], spec.se)) : auxRef("sigma")] };
      break;
    case "student":
      likelihood = { family: "student_t", args: [auxRef("nu"), eta, auxRef("sigma")] };
      break;
    case "binomial":
      likelihood = { family: "binomial_logit", args: [ref("data", addData("trials", "int", [n], Int32Array.from(spec.trials ?? []))), eta] };
      break;
    case "bernoulli":
      likelihood = { family: "bernoulli_logit", args: [eta] };
      break;
    case "poisson":
      likelihood = { family: "poisson_log", args: [eta] };
      break;
    case "negbinomial":
      likelihood = { family: "neg_binomial_2_log", args: [eta, auxRef("shape")] };
      break;
    case "gamma":
      // brms: y ~ Gamma(shape, rate = shape / mu), mu = exp(eta).
      likelihood = { family: "gamma", args: [auxRef("shape"), bin("mul", auxRef("shape"), { op: "unary", fn: "exp", arg: { op: "unary", fn: "neg", arg: eta } })] };
      break;
    case "lognormal":
      likelihood = { family: "lognormal", args: [eta, auxRef("sigma")] };
      break;
    case "exponential":
      // brms: exponential_lpdf(y | inv(mu)), mu = exp(eta): rate exp(−eta).
      likelihood = { family: "exponential", args: [{ op: "unary", fn: "exp", arg: { op: "unary", fn: "neg", arg: eta } }] };
      break;
    case "weibull": {
      // brms: weibull_lpdf(y | shape, mu / tgamma(1 + 1 / shape)), mu = exp(eta) the mean.
      const logGamma: Expr = { op: "unary", fn: "lgamma", arg: bin("add", c(1), bin("div", c(1), auxRef("shape"))) };
      likelihood = { family: "weibull", args: [auxRef("shape"), { op: "unary", fn: "exp", arg: bin("sub", eta, logGamma) }] };
      break;
    }
    case "zero_inflated_poisson":
      likelihood = { family: "zero_inflated_poisson_log", args: [eta, auxRef("zi")] };
      break;
    case "zero_inflated_negbinomial":
      likelihood = { family: "zero_inflated_neg_binomial_2_log", args: [eta, auxRef("shape"), auxRef("zi")] };
      break;
    case "hurdle_poisson":
      likelihood = { family: "hurdle_poisson_log", args: [eta, auxRef("hu")] };
      break;
    case "hurdle_negbinomial":
      likelihood = { family: "hurdle_neg_binomial_2_log", args: [eta, auxRef("shape"), auxRef("hu")] };
      break;
    case "hurdle_gamma":
      // brms: hurdle_gamma_lpdf(y | shape, shape / mu, hu), mu = exp(eta), as gamma above.
      likelihood = {
        family: "hurdle_gamma",
        args: [auxRef("shape"), bin("mul", auxRef("shape"), { op: "unary", fn: "exp", arg: { op: "unary", fn: "neg", arg: eta } }), auxRef("hu")],
      };
      break;
    case "hurdle_lognormal":
      likelihood = { family: "hurdle_lognormal", args: [eta, auxRef("sigma"), auxRef("hu")] };
      break;
    case "categorical":
      likelihood = { family: "categorical_logit", args: muEtas };
      break;
    case "cumulative":
      likelihood = { family: ordinal?.link === "probit" ? "ordered_probit" : "ordered_logistic", args: [eta, ref("param", interceptId)] };
      break;
    case "beta": {
      const mu: Expr = { op: "unary", fn: "invLogit", arg: eta };
      likelihood = { family: "beta", args: [bin("mul", mu, auxRef("phi")), bin("mul", bin("sub", c(1), mu), auxRef("phi"))] };
      break;
    }
  }
  if (familySignature(likelihood.family) === undefined) {
    throw new UserError(`family ${spec.family}: its likelihood (${likelihood.family}) is not available in the compiler yet`);
  }
  // brms's weights() and cens(): `target += w[n] * lpdf / lccdf / lcdf` per row, in the one likelihood statement.
  if (spec.cens && !CENSORED_GLMM_FAMILIES.includes(spec.family)) {
    throw new UserError(`cens() (censored responses) is supported for the ${CENSORED_GLMM_FAMILIES.join(", ")} families, not ${spec.family}`);
  }
  if (spec.trunc && !CENSORED_GLMM_FAMILIES.includes(spec.family)) {
    throw new UserError(`trunc() (truncated responses) is supported for the ${CENSORED_GLMM_FAMILIES.join(", ")} families, not ${spec.family}`);
  }
  if (spec.weights && spec.family === "cumulative") throw new UserError("weights() are not supported for the cumulative family yet");
  if (spec.weights && spec.family === "categorical") throw new UserError("weights() are not supported for the categorical family yet");
  const weights = spec.weights ? { weights: addData("weights", "real", [n], spec.weights) } : {};
  const cens = spec.cens
    ? { cens: { code: addData("cens", "int", [n], spec.cens.code), ...(spec.cens.upper ? { upper: addData("rcens", "real", [n], spec.cens.upper) } : {}) } }
    : {};
  const trunc = spec.trunc
    ? {
        trunc: {
          ...(spec.trunc.lower ? { lower: addData("lb", "real", [n], spec.trunc.lower) } : {}),
          ...(spec.trunc.upper ? { upper: addData("ub", "real", [n], spec.trunc.upper) } : {}),
        },
      }
    : {};
  statements.push({ kind: "distribution", family: likelihood.family, n, lhs: ref("data", yId), args: likelihood.args, ...weights, ...cens, ...trunc });

  // b_Intercept on the original (uncentred) scale; the thresholds enter as c_k − eta, so brms shifts
  // them by + means · b (its `b_Intercept = Intercept + dot_product(means_X, b)`).
  if (interceptId >= 0) {
    let e: Expr = ref("param", interceptId);
    const shift = ordinal ? "add" : "sub";
    for (let k = 0; k < p; k++) if (spec.X.means[k] !== 0) e = bin(shift, e, bin("mul", c(spec.X.means[k]), elem("param", bId, k)));
    tparams.push({ name: "b_Intercept", n: ordinal ? ordinal.categories.length - 1 : 0, expr: e });
  }

  const generated: Generated[] = [
    { kind: "rng", name: "y_rep", family: likelihood.family, n, args: likelihood.args, ...trunc },
    { kind: "logLik", name: "log_lik", statement: statements.length - 1 },
  ];

  // brms order: b_Intercept, b_*, sd_*, cor_*, aux, r_*.
  const ordered: [string, string][] = [];
  if (interceptId >= 0 && ordinal) for (let k = 1; k < ordinal.categories.length; k++) ordered.push([`b_Intercept[${k}]`, `b_Intercept[${k}]`]);
  else if (interceptId >= 0) ordered.push(["b_Intercept", "b_Intercept"]);
  ordered.push(...dparIntercepts);
  ordered.push(...fixedRenames);
  ordered.push(...(nl?.renames ?? []));
  // brms: b_x, then the distributional parts' b_sigma_x, then the smooths' bs_sx_1.
  for (let k = 0; k < p; k++) if (!smoothXs.has(spec.X.names[k])) ordered.push([`b[${k + 1}]`, `b_${spec.X.names[k]}`]);
  ordered.push(...dparSlopes);
  for (let k = 0; k < p; k++) if (smoothXs.has(spec.X.names[k])) ordered.push([`b[${k + 1}]`, `bs_${spec.X.names[k]}`]);
  ordered.push(...dparSmoothSlopes);
  ordered.push(...mo.bsp);
  ordered.push(...rename, ...corRenames, ...sdsRenames);
  for (const a of aux) ordered.push([a, a]);
  // brms 2.18: simo_mox1[k] after the family's parameters, before r_.
  ordered.push(...mo.simo);
  ordered.push(...groupRenames, ...smoothRenames);

  return {
    program: { data, params, tparams, statements, generated },
    data: values,
    outputs: { rename: ordered },
    paramNames: { intercept: interceptId >= 0 ? "Intercept" : null, b: bId >= 0 ? "b" : null, aux, ...(dparNames.length > 0 ? { dpars: dparNames } : {}) },
  };
}
