/**
 * Priors of a non-linear model (brms's nl = TRUE). Each non-linear parameter's coefficients take
 * `prior(normal(10, 5), nlpar = "a")`, written here as `normal(10, 5), nlpar = a` (brms's keys:
 * class, coef, group, nlpar, lb, ub) or as `b_a ~ normal(10, 5)`, `b_a_x ~ …`, `sd_g__a_Intercept ~ …`.
 * brms has no default for them (its fit stops without one, as `toGlmmSpec` does) and allows `lb` / `ub`
 * on a part's class b. The part's sds default to brms's scale prior; `sd ~ …` and `cor ~ …` without
 * nlpar apply to every part, as brms's cor rows do.
 */
import { UserError } from "../errors.js";
import { AUX_LOWER, AUX_UPPER, type AuxName } from "../glmm/types.js";
import { compareLabels } from "./collate.js";
import type { FormulaDesign } from "./design.js";
import { caretError, suggestion } from "./errors.js";
import { topLevelCommas } from "./families.js";
import type { DesignNlpar } from "./nonlinearDesign.js";
import { keyedTilde, parsePrior, priorText, type PriorDist, type PriorStatement } from "./priorParse.js";
import { defaultScalePrior, priorRe, resolvePriors, type DesignPriors, type GroupPriors, type PriorRow, type ResolvedPrior } from "./priors.js";
import { formatR } from "./rformat.js";

/** One non-linear parameter's priors: its coefficients (X's order), their common bounds, its group terms. */
export interface NlparPriors {
  readonly b: readonly ResolvedPrior[];
  readonly lb?: number;
  readonly ub?: number;
  readonly groups: readonly GroupPriors[];
}

interface NlStatement {
  readonly text: string;
  readonly nlpar: string;
  readonly class: "b" | "sd" | "cor";
  readonly coef: string;
  readonly group: string;
  readonly dist: PriorDist;
  readonly lb?: number;
  readonly ub?: number;
}

const KEYS = ["class", "coef", "group", "nlpar", "lb", "ub"];

/** `normal(10, 5), nlpar = a, lb = 0` (brms's prior() arguments) → a statement; null when the text has a '~'. */
function parseKeyed(text: string): { distText: string; keys: Record<string, string> } | null {
  if (text.includes("~")) return null;
  const commas = topLevelCommas(text, 0);
  const cuts = [...commas, text.length];
  const distText = text.slice(0, cuts[0]).trim();
  const keys: Record<string, string> = {};
  for (let k = 0; k < commas.length; k++) {
    const start = commas[k] + 1;
    const piece = text.slice(start, cuts[k + 1]);
    const m = /^\s*([A-Za-z_]+)\s*=\s*["'`]?([^"'`]*?)["'`]?\s*$/.exec(piece);
    const at = start + (piece.length - piece.trimStart().length);
    if (!m) throw caretError("prior", text, at, "expected 'key = value' (class, coef, group, nlpar, lb or ub)");
    if (!KEYS.includes(m[1])) throw caretError("prior", text, at, `unknown key '${m[1]}'${suggestion(m[1], KEYS)}: use ${KEYS.join(", ")}`);
    if (m[1] in keys) throw caretError("prior", text, at, `'${m[1]}' is given twice`);
    keys[m[1]] = m[2].trim();
  }
  return { distText, keys };
}

function bound(text: string, key: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x)) throw new UserError(`prior ${text}: ${key} must be a finite number, got '${v}'`);
  return x;
}

/** One user statement → a non-linear part's statement, or an ordinary one (sigma, cor, a distributional part's). */
function classify(raw: string | PriorStatement, nlpars: readonly DesignNlpar[]): NlStatement | string | PriorStatement {
  if (typeof raw !== "string") return raw;
  const text = raw.trim();
  const names = nlpars.map((p) => p.name);
  const keyed = parseKeyed(text);
  if (keyed) {
    const cls = keyed.keys.class ?? "b";
    const nlpar = keyed.keys.nlpar ?? "";
    const lb = bound(text, "lb", keyed.keys.lb);
    const ub = bound(text, "ub", keyed.keys.ub);
    if (nlpar === "") {
      if (cls === "b") throw new UserError(`prior ${text}: a non-linear model's coefficients belong to a parameter: add 'nlpar = ${names[0]}' (its parameters: ${names.join(", ")})`);
      if (lb !== undefined || ub !== undefined) throw new UserError(`prior ${text}: lb and ub are for a non-linear parameter's coefficients (class b with nlpar)`);
      return keyedTilde(text, keyed.distText, cls, keyed.keys.group ?? "", keyed.keys.coef ?? "");
    }
    if (!names.includes(nlpar)) throw new UserError(`prior ${text}: no non-linear parameter '${nlpar}'${suggestion(nlpar, names)}; the parameters are ${names.join(", ")}`);
    if (cls !== "b" && cls !== "sd") throw new UserError(`prior ${text}: a non-linear parameter has priors of class b (its coefficients) and sd (its group terms), not ${cls}${cls === "cor" ? " (write 'cor ~ lkj(2)' without nlpar, as brms)" : ""}`);
    if ((lb !== undefined || ub !== undefined) && cls !== "b") throw new UserError(`prior ${text}: lb and ub are for class b (the coefficients)`);
    if ((lb !== undefined || ub !== undefined) && (keyed.keys.coef ?? "") !== "") throw new UserError(`prior ${text}: lb and ub apply to all of ${nlpar}'s coefficients, as in brms: drop coef`);
    if (lb !== undefined && ub !== undefined && !(lb < ub)) throw new UserError(`prior ${text}: lb must be below ub, got lb = ${lb}, ub = ${ub}`);
    const dist = parsePrior(`${cls} ~ ${keyed.distText}`).dist;
    return { text, nlpar, class: cls, coef: keyed.keys.coef ?? "", group: keyed.keys.group ?? "", dist, ...(lb !== undefined ? { lb } : {}), ...(ub !== undefined ? { ub } : {}) };
  }
  const bracket = /^b_([A-Za-z_.][A-Za-z0-9_.]*)\s*\[\s*`?([^\]`]+?)`?\s*\]\s*~(.*)$/.exec(text);
  if (bracket && names.includes(bracket[1])) return { text, nlpar: bracket[1], class: "b", coef: bracket[2], group: "", dist: parsePrior(`b ~ ${bracket[3]}`).dist };
  const s = parsePrior(text);
  // The ~ spellings: b_a, b_a[x], b_a_x (parsed as class b, coef a / a_x) and sd_g__a_Intercept (sd, coef a_Intercept).
  const byPrefix = (coef: string): { nlpar: string; rest: string } | null => {
    const hit = [...names].sort((p, q) => q.length - p.length).find((n) => coef === n || coef.startsWith(`${n}_`));
    return hit === undefined ? null : { nlpar: hit, rest: coef === hit ? "" : coef.slice(hit.length + 1) };
  };
  if (s.class === "b") {
    const hit = s.coef === "" ? null : byPrefix(s.coef);
    if (!hit) throw new UserError(`prior ${text}: a non-linear model's coefficients belong to a parameter: write 'b_${names[0]} ~ …' or '…, nlpar = ${names[0]}' (its parameters: ${names.join(", ")})`);
    return { text, nlpar: hit.nlpar, class: "b", coef: hit.rest, group: "", dist: s.dist };
  }
  if (s.class === "sd" && s.coef !== "") {
    const hit = byPrefix(s.coef);
    if (hit && hit.rest !== "") return { text, nlpar: hit.nlpar, class: "sd", coef: hit.rest, group: s.group, dist: s.dist };
  }
  if (s.class === "Intercept") throw new UserError(`prior ${text}: a non-linear model has no separate Intercept class; its parameters' intercepts are coefficients: '…, nlpar = ${names[0]}, coef = Intercept' or 'b_${names[0]}_Intercept ~ …'`);
  return s;
}

function checkStatement(s: NlStatement, p: DesignNlpar): void {
  if (s.class === "b" && s.coef !== "" && !p.X.names.includes(s.coef)) {
    throw new UserError(`prior ${s.text}: the ${p.name} formula has no coefficient '${s.coef}'${suggestion(s.coef, p.X.names)}; its coefficients are ${p.X.names.join(", ") || "none"}`);
  }
  if (s.class === "b" && p.X.names.length === 0) throw new UserError(`prior ${s.text}: the ${p.name} formula has no coefficients (only group terms)`);
  if (s.class === "sd") {
    const groups = [...new Set(p.groups.map((g) => g.group))];
    if (groups.length === 0) throw new UserError(`prior ${s.text}: the ${p.name} formula has no group terms`);
    if (s.group !== "" && !groups.includes(s.group)) throw new UserError(`prior ${s.text}: the ${p.name} formula has no group term for '${s.group}'${suggestion(s.group, groups)}; its groups are ${groups.join(", ")}`);
    if (s.coef !== "") {
      const terms = p.groups.filter((g) => g.group === s.group).flatMap((g) => g.terms);
      if (!terms.includes(s.coef)) throw new UserError(`prior ${s.text}: '${s.group}' in the ${p.name} formula has no effect '${s.coef}'${suggestion(s.coef, terms)}; its effects are ${terms.join(", ")}`);
    }
  }
}

const FLAT: PriorDist = { family: "flat" };

/** Resolve the statements against a non-linear design (`resolvePriors` hands such designs here). */
export function resolveNonlinearPriors(design: FormulaDesign, statements: readonly (string | PriorStatement)[]): DesignPriors {
  const nl = design.nonlinear;
  if (!nl) throw new Error("resolveNonlinearPriors: the design is not non-linear");
  const classified = statements.map((s) => classify(s, nl.nlpars));
  const own = classified.filter((s): s is NlStatement => typeof s !== "string" && "nlpar" in s);
  const rest = classified.filter((s): s is string | PriorStatement => typeof s === "string" || !("nlpar" in s));
  const parsedRest = rest.map((s) => (typeof s === "string" ? parsePrior(s) : s));
  // sd and cor without nlpar apply to every part's group terms; the ordinary design (no groups) must not see them.
  const shared = parsedRest.filter((s) => (s.class === "sd" || s.class === "cor") && s.dpar === undefined);
  const base = resolvePriors({ ...design, nonlinear: undefined }, parsedRest.filter((s) => !shared.includes(s)));
  const keys = new Set<string>();
  for (const s of own) {
    const key = `${s.nlpar}:${s.class}[${s.group},${s.coef}]`;
    if (keys.has(key)) throw new UserError(`prior ${s.text}: a prior for this parameter is given twice`);
    keys.add(key);
    checkStatement(s, nl.nlpars.find((p) => p.name === s.nlpar) as DesignNlpar);
  }
  // A block of (… | ID | g) terms across parameters has correlations too.
  const correlatedIn = (group: string | null): boolean => nl.nlpars.some((p) => p.groups.some((g) => g.correlated && (group === null || g.group === group))) || nl.blocks.some((b) => group === null || b.group === group);
  for (const s of shared) {
    if (s.group !== "" && !(s.class === "sd" ? nl.nlpars.some((p) => p.groups.some((g) => g.group === s.group)) : correlatedIn(s.group))) {
      throw new UserError(`prior ${s.text}: no non-linear parameter has ${s.class === "cor" ? "correlated effects of" : "a group term for"} '${s.group}'`);
    }
    if (s.group === "" && !(s.class === "sd" ? nl.nlpars.some((p) => p.groups.length > 0) : correlatedIn(null))) {
      throw new UserError(`prior ${s.text}: ${s.class === "cor" ? "no group term has correlated effects (it needs (1 + x | g))" : "the model has no group terms"}`);
    }
  }
  const scaleDefault = defaultScalePrior(design, true);
  // The family's own parameters with their bounds, as brms's get_prior() prints them beside the nlpar rows.
  const rows: PriorRow[] = base.table.map((r) => {
    const a = r.class as AuxName;
    if (!Object.prototype.hasOwnProperty.call(AUX_LOWER, a)) return r;
    const ub = AUX_UPPER[a];
    return { ...r, lb: AUX_LOWER[a], ...(ub !== undefined ? { ub } : {}) };
  });
  const row = (cls: string, coef: string, group: string, nlpar: string, r: ResolvedPrior, lb?: number, ub?: number): void => {
    rows.push({ class: cls, coef, group, prior: priorText(r.dist, formatR), source: r.source, ...(nlpar !== "" ? { nlpar } : {}), ...(lb !== undefined ? { lb } : {}), ...(ub !== undefined ? { ub } : {}) });
  };
  const nlpars: Record<string, NlparPriors> = {};
  for (const p of nl.nlpars) {
    const mine = own.filter((s) => s.nlpar === p.name);
    const cls = mine.find((s) => s.class === "b" && s.coef === "");
    const bClass: ResolvedPrior = cls ? { dist: cls.dist, source: "user" } : { dist: FLAT, source: "default" };
    const b = p.X.names.map((x) => {
      const q = mine.find((s) => s.class === "b" && s.coef === x);
      return q ? { dist: q.dist, source: "user" as const } : bClass;
    });
    // priorRe reads the part's sd statements as plain ones, the shared sd / cor statements after them.
    const asPlain: PriorStatement[] = [...mine.filter((s) => s.class === "sd").map((s) => ({ text: s.text, class: "sd" as const, coef: s.coef, group: s.group, dist: s.dist })), ...shared];
    const groups = p.groups.map((g) => priorRe(g, asPlain, scaleDefault));
    nlpars[p.name] = { b, ...(cls?.lb !== undefined ? { lb: cls.lb } : {}), ...(cls?.ub !== undefined ? { ub: cls.ub } : {}), groups };
    if (p.X.names.length > 0) {
      row("b", "", "", p.name, bClass, cls?.lb, cls?.ub);
      p.X.names.forEach((x, k) => row("b", x, "", p.name, b[k], cls?.lb, cls?.ub));
    }
    if (p.groups.length > 0) {
      const sdOwn = mine.find((s) => s.class === "sd" && s.group === "" && s.coef === "");
      const sdShared = shared.find((s) => s.class === "sd" && s.group === "" && s.coef === "");
      const sdClass: ResolvedPrior = sdOwn ? { dist: sdOwn.dist, source: "user" } : sdShared ? { dist: sdShared.dist, source: "user" } : { dist: scaleDefault, source: "default" };
      row("sd", "", "", p.name, sdClass, 0);
      const seen = new Set<string>();
      p.groups.forEach((g, gi) => {
        if (!seen.has(g.group)) {
          seen.add(g.group);
          const q = mine.find((s) => s.class === "sd" && s.group === g.group && s.coef === "") ?? shared.find((s) => s.class === "sd" && s.group === g.group && s.coef === "");
          row("sd", "", g.group, p.name, q ? { dist: q.dist, source: "user" } : sdClass, 0);
        }
        g.terms.forEach((t, m) => row("sd", t, g.group, p.name, groups[gi].sd[m], 0));
      });
    }
  }
  const correlated = [
    ...nl.nlpars.flatMap((p) => p.groups.map((g, gi) => ({ g, pr: nlpars[p.name].groups[gi] }))).filter((x) => x.g.correlated),
    // A block's correlation prior is its group's (cor[g] ~ …, else cor ~ …), read from its first member.
    ...nl.blocks.map((b) => ({ g: nl.nlpars[b.members[0].k].groups[b.members[0].gi], pr: nlpars[nl.nlpars[b.members[0].k].name].groups[b.members[0].gi] })),
  ];
  if (correlated.length > 0) {
    const corClass = shared.find((s) => s.class === "cor" && s.group === "");
    row("cor", "", "", "", corClass ? { dist: corClass.dist, source: "user" } : { dist: { family: "lkj", args: [1] }, source: "default" });
    const seen = new Set<string>();
    for (const { g, pr } of correlated) if (!seen.has(g.group)) seen.add(g.group), row("cor", "", g.group, "", pr.cor);
  }
  rows.sort((p, q) => compareLabels(p.nlpar ?? "", q.nlpar ?? "") || compareLabels(p.class, q.class) || compareLabels(p.group, q.group) || compareLabels(p.coef, q.coef));
  return { ...base, nlpars, table: rows };
}
