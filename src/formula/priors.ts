/**
 * Priors of a design: brms 2.x defaults (`get_prior`), user statements resolved against the model
 * (most specific wins: `b[x]` over `b`; `sd[g, x]` over `sd[g]` over `sd`), and the table
 * `hbayes priors` prints. `priorRe` resolves one group term's sd and cor priors.
 */
import { UserError } from "../errors.js";
import { compareLabels } from "./collate.js";
import { isCategoricalMu } from "./categorical.js";
import type { DesignGroup, FormulaDesign } from "./design.js";
import { suggestion } from "./errors.js";
import { parsePrior, priorText, type PriorClass, type PriorDist, type PriorStatement } from "./priorParse.js";
import { formatR, madR, medianR, roundR1 } from "./rformat.js";
import { resolveNonlinearPriors, type NlparPriors } from "./nonlinearPriors.js";
import { monotonicNamed, priorMonotonic, type MonotonicPriors } from "./monotonic.js";

export interface ResolvedPrior {
  readonly dist: PriorDist;
  readonly source: "default" | "user";
}

export interface GroupPriors {
  /** One per effect of the group term. */
  readonly sd: readonly ResolvedPrior[];
  /** LKJ prior on the correlations (used when the term is correlated with ≥ 2 effects). */
  readonly cor: ResolvedPrior;
}

export interface DesignPriors {
  readonly intercept: ResolvedPrior | null;
  /** cumulative: each threshold's prior (the Intercept class's unless `Intercept[k] ~ …` gives one). */
  readonly thresholds?: readonly ResolvedPrior[];
  /** One per column of X. */
  readonly b: readonly ResolvedPrior[];
  readonly groups: readonly GroupPriors[];
  /** One per s() term (design.smooths' order): the prior of its sds. */
  readonly smooths?: readonly ResolvedPrior[];
  /** One per mo() term (design.monotonic's order): its bsp and simplex priors. */
  readonly monotonic?: readonly MonotonicPriors[];
  readonly aux: Readonly<Record<string, ResolvedPrior>>;
  /** Per modelled family parameter (design.dpars' order): its intercept's and coefficients' priors. */
  readonly dpars: Readonly<Record<string, DparPriors>>;
  /** Non-linear models (nl = TRUE): per parameter, its coefficients' priors and bounds and its group terms'. */
  readonly nlpars?: Readonly<Record<string, NlparPriors>>;
  /** Everything, for display (`hbayes priors`). */
  readonly table: readonly PriorRow[];
}

export interface DparPriors {
  readonly intercept: ResolvedPrior | null;
  /** One per column of the part's X. */
  readonly b: readonly ResolvedPrior[];
  /** One per group term of the part (`sigma ~ (1 | g)`). */
  readonly groups: readonly GroupPriors[];
  /** One per s() term of the part (`sigma ~ s(x)`): the prior of its sds. */
  readonly smooths?: readonly ResolvedPrior[];
}

export interface PriorRow {
  readonly class: string;
  readonly coef: string;
  readonly group: string;
  /** brms's text: `student_t(3, 2.8, 2.5)`, `(flat)`. */
  readonly prior: string;
  readonly source: "default" | "user";
  /** Non-linear models: the parameter the row belongs to (brms's nlpar), and the coefficients' bounds. */
  readonly nlpar?: string;
  readonly lb?: number;
  readonly ub?: number;
}

/** brms's `def_scale_prior`: student_t(3, location, scale) with location/scale from the response. */
export function defaultScalePrior(design: FormulaDesign, center: boolean): PriorDist {
  let location = 0;
  let scale = 2.5;
  const onScale = design.family.priorScale;
  if (onScale) {
    const y = design.response.y;
    // brms replaces zeros by 0.1 before taking logs.
    const ylink = onScale === "log" ? y.map((v) => Math.log(v === 0 ? 0.1 : v)) : y;
    const s = roundR1(madR(ylink));
    if (Number.isFinite(s)) scale = Math.max(scale, s);
    if (!center) {
      const loc = roundR1(medianR(ylink));
      if (Number.isFinite(loc)) location = loc;
      if (design.offset) {
        let m = 0;
        for (let i = 0; i < design.offset.length; i++) m += design.offset[i];
        m /= design.offset.length;
        if (Number.isFinite(m)) location -= m;
      }
    }
  }
  return { family: "student_t", args: [3, location, scale] };
}

const AUX_DEFAULTS: Readonly<Record<string, PriorDist | "scale">> = {
  sigma: "scale",
  nu: { family: "gamma", args: [2, 0.1] },
  shape: { family: "gamma", args: [0.01, 0.01] },
  phi: { family: "gamma", args: [0.01, 0.01] },
  zi: { family: "beta", args: [1, 1] },
  hu: { family: "beta", args: [1, 1] },
};

/**
 * brms's default for a distributional formula's intercept (`def_dpar_prior`): student_t(3, 0, 2.5) on
 * the log link, logistic(0, 1) on the logit link (zi, hu), normal(2.7, 0.8) for nu's logm1 link.
 */
const DPAR_INTERCEPT_DEFAULTS: Readonly<Record<string, PriorDist>> = {
  sigma: { family: "student_t", args: [3, 0, 2.5] },
  shape: { family: "student_t", args: [3, 0, 2.5] },
  phi: { family: "student_t", args: [3, 0, 2.5] },
  nu: { family: "normal", args: [2.7, 0.8] },
  zi: { family: "logistic", args: [0, 1] },
  hu: { family: "logistic", args: [0, 1] },
};

const FLAT: PriorDist = { family: "flat" };
const LKJ1: PriorDist = { family: "lkj", args: [1] };

function pick(statements: readonly PriorStatement[], match: (s: PriorStatement) => boolean, fallback: PriorDist): ResolvedPrior {
  const s = statements.find(match);
  return s ? { dist: s.dist, source: "user" } : { dist: fallback, source: "default" };
}

/** sd and cor priors of one group term. */
export function priorRe(g: DesignGroup, user: readonly PriorStatement[], sdDefault: PriorDist): GroupPriors {
  const sdClass = pick(user, (s) => s.class === "sd" && s.group === "" && s.coef === "", sdDefault);
  const sdGroup = pick(user, (s) => s.class === "sd" && s.group === g.group && s.coef === "", sdClass.dist);
  const groupSource = sdGroup.source === "user" ? sdGroup : sdClass;
  const sd = g.terms.map((t) => {
    const own = user.find((s) => s.class === "sd" && s.group === g.group && s.coef === t);
    return own ? { dist: own.dist, source: "user" as const } : groupSource;
  });
  const corClass = pick(user, (s) => s.class === "cor" && s.group === "", LKJ1);
  const corGroup = user.find((s) => s.class === "cor" && s.group === g.group);
  return { sd, cor: corGroup ? { dist: corGroup.dist, source: "user" } : corClass };
}

function checkStatement(s: PriorStatement, design: FormulaDesign): void {
  const where = `prior ${s.text}`;
  const has = (cls: PriorClass): boolean => {
    switch (cls) {
      case "Intercept":
        return design.intercept;
      case "b":
        return design.X.names.length > 0 || (design.monotonic ?? []).length > 0;
      case "sd":
        return design.groups.length > 0;
      case "sds":
        return (design.smooths ?? []).length > 0;
      case "bsp":
      case "simo":
        return (design.monotonic ?? []).length > 0;
      case "cor":
        return design.groups.some((g) => g.correlated);
      default:
        return design.aux.includes(cls);
    }
  };
  const modelled = design.dpars.find((d) => d.dpar === s.class);
  if (modelled) throw new UserError(`prior ${s.text}: ${s.class} is modelled by '${modelled.text}': give priors to its coefficients (b_${s.class} ~ …, b_${s.class}[x] ~ …, Intercept_${s.class} ~ …)`);
  if (!has(s.class)) {
    // brms's categorical family has no mean part: its coefficients and intercepts are per category.
    const perCategory = (cls: string) => (design.family.name === "categorical" ? `; each category's predictor has its own: ${design.dpars.map((d) => `${cls}_${d.dpar}`).join(" / ")} ~ …` : "");
    const why: Record<string, string> = {
      Intercept: `the model has no intercept${perCategory("Intercept")}`,
      b: `the model has no population-level predictors${perCategory("b")}`,
      sd: design.dpars.some((d) => d.groups.length > 0)
        ? `the mean has no group terms; the ${design.dpars.filter((d) => d.groups.length > 0).map((d) => d.dpar).join(" / ")} formula's sds are ${design.dpars.filter((d) => d.groups.length > 0).map((d) => `sd_${d.dpar}`).join(" / ")} ~ …`
        : "the model has no group terms",
      cor: "no group term has correlated effects (it needs (1 + x | g))",
      sds: "the model has no smooth terms (s(x))",
      bsp: "the model has no monotonic terms (mo(x))",
      simo: "the model has no monotonic terms (mo(x))",
    };
    throw new UserError(`${where}: ${why[s.class] ?? `the ${design.family.name} family has no ${s.class}${design.response.se && s.class === "sigma" ? " when se() is given" : ""}`}`);
  }
  if (s.class === "Intercept" && s.coef !== "") {
    const K = design.family.name === "cumulative" ? (design.response.categories?.length ?? 0) : 0;
    if (K === 0) throw new UserError(`${where}: only the cumulative family's thresholds are numbered; write 'Intercept ~ …'`);
    if (!/^[1-9]\d*$/.test(s.coef) || Number(s.coef) > K - 1) throw new UserError(`${where}: the thresholds are numbered 1 … ${K - 1}, got '${s.coef}'`);
  }
  // brms 2.18: a mo(x) term's coefficient bsp_mox is class b, coef mox.
  if (s.class === "b" && s.coef !== "" && !design.X.names.includes(s.coef) && !(design.monotonic ?? []).some((m) => monotonicNamed(m, s.coef))) {
    if (s.coef === "Intercept") throw new UserError(`${where}: the intercept has its own class: write 'Intercept ~ …'`);
    // mo() terms' coefficients (mox) are class b too: list them, or y ~ mo(x) listed none.
    const coefs = [...design.X.names, ...(design.monotonic ?? []).map((m) => m.label)];
    throw new UserError(`${where}: no coefficient '${s.coef}'${suggestion(s.coef, coefs)}; the coefficients are ${coefs.join(", ")}`);
  }
  if (s.class === "sds" && s.coef !== "" && !(design.smooths ?? []).some((sm) => smoothNamed(sm, s.coef))) {
    // A by-smooth's prior label is its term's (sxf), not the per-level names of its blocks (sxfu, sxfv).
    const labels = [...new Set((design.smooths ?? []).map((sm) => sm.termLabel))];
    throw new UserError(`${where}: no smooth '${s.coef}'${suggestion(s.coef, labels)}; the smooths are ${labels.join(", ")} (sds[sx] for s(x))`);
  }
  if ((s.class === "sd" || s.class === "cor") && s.group !== "") {
    const groups = [...new Set(design.groups.filter((g) => s.class === "sd" || g.correlated).map((g) => g.group))];
    if (s.class === "cor" && !groups.includes(s.group) && design.groups.some((g) => g.group === s.group)) {
      throw new UserError(`${where}: '${s.group}' has no correlated effects (a correlation needs a term like (1 + x | ${s.group}))`);
    }
    if (!groups.includes(s.group)) throw new UserError(`${where}: no grouping factor '${s.group}'${suggestion(s.group, groups)}; ${s.class === "cor" ? "correlated " : ""}groups are ${groups.join(", ")}`);
    if (s.coef !== "") {
      const terms = design.groups.filter((g) => g.group === s.group).flatMap((g) => g.terms);
      if (!terms.includes(s.coef)) throw new UserError(`${where}: '${s.group}' has no effect '${s.coef}'${suggestion(s.coef, terms)}; its effects are ${terms.join(", ")}`);
    }
  }
}

/**
 * Whether a prior's coef names this smooth: its label `sx`, its sds name `sx_1`, or its term `s(x)`
 * (for `s(x, by = f)` the term and its label `sxf` name every level's smooth, as brms's one sds row).
 */
function smoothNamed(sm: NonNullable<FormulaDesign["smooths"]>[number], coef: string): boolean {
  const c = coef.replace(/\s+/g, "");
  return c === sm.label || c === `${sm.label}_${sm.nb}` || c === sm.termLabel || c === sm.term.replace(/\s+/g, "");
}

/**
 * `b_sigma_x ~ …` names a distributional coefficient when sigma is modelled; otherwise it is brms's name
 * of the mean's coefficient `sigma_x` (a predictor so named), as before distributional formulas existed.
 */
function readDpar(s: PriorStatement, design: FormulaDesign): PriorStatement {
  // sds_sigma ~ … / sds_sigma_sx_1 ~ … / sds[sigma_sx]: a distributional part's smooths (brms: class sds, dpar sigma),
  // unless the mean has a smooth so named.
  if (s.dpar === undefined && s.class === "sds" && s.coef !== "" && !(design.smooths ?? []).some((sm) => smoothNamed(sm, s.coef))) {
    for (const d of design.dpars) {
      if (!d.smooths) continue;
      if (s.coef === d.dpar) return { ...s, coef: "", dpar: d.dpar };
      const rest = s.coef.startsWith(`${d.dpar}_`) ? s.coef.slice(d.dpar.length + 1) : null;
      if (rest !== null && d.smooths.some((sm) => smoothNamed(sm, rest))) return { ...s, coef: rest, dpar: d.dpar };
    }
  }
  if (s.dpar === undefined) {
    // brms's output name sd_g__sigma_Intercept: the sigma formula's effect, unless the mean has one so named.
    if (s.class !== "sd" || s.coef === "" || design.groups.some((g) => g.group === s.group && g.terms.includes(s.coef))) return s;
    for (const d of design.dpars) {
      const rest = s.coef.startsWith(`${d.dpar}_`) ? s.coef.slice(d.dpar.length + 1) : null;
      if (rest !== null && d.groups.some((g) => g.group === s.group && g.terms.includes(rest))) return { ...s, coef: rest, dpar: d.dpar };
    }
    return s;
  }
  const d = design.dpars.find((q) => q.dpar === s.dpar);
  // `b_mux` is the coefficient of a predictor `mux` unless the categorical family has a category x.
  if (!d && isCategoricalMu(s.dpar) && design.family.name === "categorical") {
    throw new UserError(`prior ${s.text}: the categorical model has no predictor ${s.dpar}; its predictors are ${design.dpars.map((q) => q.dpar).join(", ")}`);
  }
  if (!d && isCategoricalMu(s.dpar) && s.class === "b") return { text: s.text, class: "b", coef: s.coef === "" ? s.dpar : `${s.dpar}_${s.coef}`, group: "", dist: s.dist };
  if ((s.class === "sd" || s.class === "cor") && !(d && d.groups.length > 0)) {
    // sd_sigma / cor_sigma name the grouping factor 'sigma' when the sigma formula has no group terms.
    if (s.group === "" && s.coef === "") return { text: s.text, class: s.class, coef: "", group: s.dpar, dist: s.dist };
    throw new UserError(`prior ${s.text}: ${d ? `the ${s.dpar} formula has no group terms` : `${s.dpar} is not modelled by a formula`}`);
  }
  if (d && (s.class === "sd" || s.class === "cor")) {
    const groups = [...new Set(d.groups.filter((g) => s.class === "sd" || g.correlated).map((g) => g.group))];
    if (s.group !== "" && !groups.includes(s.group)) {
      throw new UserError(`prior ${s.text}: the ${s.dpar} formula has no ${s.class === "cor" ? "correlated " : ""}group term for '${s.group}'${suggestion(s.group, groups)}${groups.length ? `; its ${s.class === "cor" ? "correlated " : ""}groups are ${groups.join(", ")}` : ""}`);
    }
    if (s.class === "cor" && groups.length === 0) throw new UserError(`prior ${s.text}: no group term of the ${s.dpar} formula has correlated effects (it needs (1 + x | g))`);
    if (s.coef !== "") {
      const terms = d.groups.filter((g) => g.group === s.group).flatMap((g) => g.terms);
      if (!terms.includes(s.coef)) throw new UserError(`prior ${s.text}: '${s.group}' in the ${s.dpar} formula has no effect '${s.coef}'${suggestion(s.coef, terms)}; its effects are ${terms.join(", ")}`);
    }
    return s;
  }
  if (d) {
    if (s.class === "b" && s.coef !== "" && !d.X.names.includes(s.coef)) {
      throw new UserError(`prior ${s.text}: the ${s.dpar} formula has no coefficient '${s.coef}'${suggestion(s.coef, d.X.names)}${d.X.names.length ? `; its coefficients are ${d.X.names.join(", ")}` : ""}`);
    }
    if (s.class === "b" && d.X.names.length === 0) throw new UserError(`prior ${s.text}: the ${s.dpar} formula has no predictors besides its intercept`);
    if (s.class === "Intercept" && !d.intercept) throw new UserError(`prior ${s.text}: the ${s.dpar} formula has no intercept`);
    return s;
  }
  if (s.class === "b" && s.coef !== "" && design.X.names.includes(`${s.dpar}_${s.coef}`)) return { text: s.text, class: "b", coef: `${s.dpar}_${s.coef}`, group: "", dist: s.dist };
  throw new UserError(`prior ${s.text}: ${s.dpar} is not modelled by a formula (add '${s.dpar} ~ …' to the model, or write '${s.dpar} ~ …' as a prior for the constant ${s.dpar})`);
}

/** Resolve user prior statements (text or parsed) against the design; unknown names are `UserError`s. */
export function resolvePriors(design: FormulaDesign, statements: readonly (string | PriorStatement)[] = []): DesignPriors {
  if (design.nonlinear) return resolveNonlinearPriors(design, statements);
  const all = statements.map((s) => readDpar(typeof s === "string" ? parsePrior(s) : s, design));
  const user = all.filter((s) => s.dpar === undefined);
  const keys = new Set<string>();
  for (const s of all) {
    if (s.dpar === undefined) checkStatement(s, design);
    const key = `${s.dpar ?? ""}:${s.class}[${s.group},${s.coef}]`;
    if (keys.has(key)) throw new UserError(`prior ${s.text}: a prior for this parameter is given twice`);
    keys.add(key);
  }
  const scaleDefault = defaultScalePrior(design, true);
  const intercept = design.intercept ? pick(user, (s) => s.class === "Intercept" && s.coef === "", defaultScalePrior(design, false)) : null;
  const categories = design.family.name === "cumulative" ? design.response.categories : undefined;
  const thresholds =
    intercept && categories
      ? categories.slice(1).map((_, k) => {
          const own = user.find((s) => s.class === "Intercept" && s.coef === String(k + 1));
          return own ? { dist: own.dist, source: "user" as const } : intercept;
        })
      : undefined;
  const bClass = pick(user, (s) => s.class === "b" && s.coef === "", FLAT);
  const b = design.X.names.map((x) => {
    const own = user.find((s) => s.class === "b" && s.coef === x);
    return own ? { dist: own.dist, source: "user" as const } : bClass;
  });
  const groups = design.groups.map((g) => priorRe(g, user, scaleDefault));
  // brms: class sds, default as sd's (def_scale_prior); coef = the smooth's term.
  const sdsClass = pick(user, (s) => s.class === "sds" && s.coef === "", scaleDefault);
  const smooths = (design.smooths ?? []).map((sm) => {
    const own = user.find((s) => s.class === "sds" && s.coef !== "" && smoothNamed(sm, s.coef));
    return own ? { dist: own.dist, source: "user" as const } : sdsClass;
  });
  const aux: Record<string, ResolvedPrior> = {};
  for (const a of design.aux) {
    const d = AUX_DEFAULTS[a];
    aux[a] = pick(user, (s) => s.class === a, d === "scale" ? scaleDefault : d);
  }

  // The table, with brms's rows: class-level rows and one per coefficient / group / group effect.
  const rows: PriorRow[] = [];
  const row = (cls: string, coef: string, group: string, r: ResolvedPrior) => rows.push({ class: cls, coef, group, prior: priorText(r.dist, formatR), source: r.source });
  if (design.X.names.length > 0) {
    row("b", "", "", bClass);
    design.X.names.forEach((x, k) => row("b", x, "", b[k]));
  }
  if (intercept) row("Intercept", "", "", intercept);
  // cumulative: brms lists each threshold as a coef of class Intercept (the class prior applies to all).
  if (thresholds) thresholds.forEach((t, k) => row("Intercept", String(k + 1), "", t));
  if (design.groups.length > 0) {
    row("sd", "", "", pick(user, (s) => s.class === "sd" && s.group === "" && s.coef === "", scaleDefault));
    const seen = new Set<string>();
    design.groups.forEach((g, gi) => {
      if (!seen.has(g.group)) {
        seen.add(g.group);
        const cls = pick(user, (s) => s.class === "sd" && s.group === "" && s.coef === "", scaleDefault);
        row("sd", "", g.group, pick(user, (s) => s.class === "sd" && s.group === g.group && s.coef === "", cls.dist));
      }
      g.terms.forEach((t, m) => row("sd", t, g.group, groups[gi].sd[m]));
    });
    if (design.groups.some((g) => g.correlated)) {
      row("cor", "", "", pick(user, (s) => s.class === "cor" && s.group === "", LKJ1));
      design.groups.forEach((g, gi) => {
        if (g.correlated) row("cor", "", g.group, groups[gi].cor);
      });
    }
  }
  if (smooths.length > 0) {
    row("sds", "", "", sdsClass);
    // One row per term, as brms's get_prior (a factor by's levels share it).
    (design.smooths ?? []).forEach((sm, k) => {
      if (design.smooths?.findIndex((o) => o.term === sm.term) === k) row("sds", sm.term, "", smooths[k]);
    });
  }
  const monotonic = priorMonotonic(design.monotonic ?? [], user, bClass, design.X.names.length > 0, (cls, coef, r) => row(cls, coef, "", r));
  for (const a of design.aux) row(a, "", "", aux[a]);
  const dpars: Record<string, DparPriors> = {};
  for (const d of design.dpars) {
    const own = all.filter((s) => s.dpar === d.dpar);
    // brms's categorical predictors (muB) take student_t(3, 0, 2.5) intercepts, as the mean's on the logit scale.
    const dDefault = isCategoricalMu(d.dpar) ? scaleDefault : DPAR_INTERCEPT_DEFAULTS[d.dpar];
    const dIntercept = d.intercept ? pick(own, (s) => s.class === "Intercept", dDefault) : null;
    const dClass = pick(own, (s) => s.class === "b" && s.coef === "", FLAT);
    const db = d.X.names.map((x) => {
      const q = own.find((s) => s.class === "b" && s.coef === x);
      return q ? { dist: q.dist, source: "user" as const } : dClass;
    });
    // brms 2.18 gives the part's sds the mean's default (get_prior: student_t(3, 0, 59.3) on sleepstudy's sigma ~ (1 | Subject)).
    const dGroups = d.groups.map((g) => priorRe(g, own, scaleDefault));
    // Its smooths' sds: the same default as the mean's (brms 2.18's get_prior for sigma ~ s(x)).
    const dSdsClass = pick(own, (s) => s.class === "sds" && s.coef === "", scaleDefault);
    const dSmooths = (d.smooths ?? []).map((sm) => {
      const q = own.find((s) => s.class === "sds" && s.coef !== "" && smoothNamed(sm, s.coef));
      return q ? { dist: q.dist, source: "user" as const } : dSdsClass;
    });
    dpars[d.dpar] = { intercept: dIntercept, b: db, groups: dGroups, ...(d.smooths ? { smooths: dSmooths } : {}) };
    // The classes as the prior statements spell them (brms: class b / Intercept with dpar = sigma).
    if (d.X.names.length > 0) {
      row(`b_${d.dpar}`, "", "", dClass);
      d.X.names.forEach((x, k) => row(`b_${d.dpar}`, x, "", db[k]));
    }
    if (dIntercept) row(`Intercept_${d.dpar}`, "", "", dIntercept);
    if (d.groups.length > 0) {
      const sdClass = pick(own, (s) => s.class === "sd" && s.group === "" && s.coef === "", scaleDefault);
      row(`sd_${d.dpar}`, "", "", sdClass);
      const seen = new Set<string>();
      d.groups.forEach((g, gi) => {
        if (!seen.has(g.group)) {
          seen.add(g.group);
          row(`sd_${d.dpar}`, "", g.group, pick(own, (s) => s.class === "sd" && s.group === g.group && s.coef === "", sdClass.dist));
        }
        g.terms.forEach((t, m) => row(`sd_${d.dpar}`, t, g.group, dGroups[gi].sd[m]));
      });
      if (d.groups.some((g) => g.correlated)) {
        row(`cor_${d.dpar}`, "", "", pick(own, (s) => s.class === "cor" && s.group === "", LKJ1));
        d.groups.forEach((g, gi) => {
          if (g.correlated) row(`cor_${d.dpar}`, "", g.group, dGroups[gi].cor);
        });
      }
    }
    if (d.smooths) {
      row(`sds_${d.dpar}`, "", "", dSdsClass);
      d.smooths.forEach((sm, k) => {
        if (d.smooths?.findIndex((o) => o.term === sm.term) === k) row(`sds_${d.dpar}`, sm.term, "", dSmooths[k]);
      });
    }
  }
  rows.sort((p, q) => compareLabels(p.class, q.class) || compareLabels(p.group, q.group) || compareLabels(p.coef, q.coef));
  return { intercept, ...(thresholds ? { thresholds } : {}), b, groups, ...(smooths.length > 0 ? { smooths } : {}), ...(monotonic.length > 0 ? { monotonic } : {}), aux, dpars, table: rows };
}

/** The resolved priors as rows (class, coef, group, prior, source), for `hbayes priors`. */
export function priorTable(design: FormulaDesign, statements: readonly (string | PriorStatement)[] = []): readonly PriorRow[] {
  return resolvePriors(design, statements).table;
}
