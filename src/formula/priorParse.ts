/**
 * Prior statements as users write them on the command line: `b ~ normal(0, 5)`, `b_x ~ normal(0, 1)`
 * (= `b[x] ~ …`, brms's `coef = x`), `sd[county] ~ exponential(1)`, `sd[county, Intercept] ~ …`,
 * `sd_county__Intercept ~ …`, `cor ~ lkj(2)`, `sigma ~ exponential(1)`, `b ~ flat`.
 * Syntax errors show the statement with a caret; allowed classes and distributions are checked here,
 * names against the model in `resolvePriors`.
 */
import { UserError } from "../errors.js";
import { caretError } from "./errors.js";

export const PRIOR_CLASSES = ["Intercept", "b", "sd", "sds", "cor", "sigma", "nu", "shape", "phi", "zi", "hu", "bsp", "simo"] as const;
export type PriorClass = (typeof PRIOR_CLASSES)[number];

/** A distribution in Stan's parametrisation (brms uses the same), or flat (no statement). */
export type PriorDist = { readonly family: "flat" } | { readonly family: string; readonly args: readonly number[] };

export interface PriorStatement {
  readonly text: string;
  readonly class: PriorClass;
  readonly coef: string;
  readonly group: string;
  readonly dist: PriorDist;
  /**
   * A distributional formula's parameter (brms's `dpar = sigma`), for classes b, Intercept, sd and cor:
   * `b_sigma ~ …`, `b_sigma[x] ~ …`, `Intercept_sigma ~ …`, `sd_sigma[g, Intercept] ~ …`, `cor_sigma[g] ~ …`.
   * Absent for the mean's coefficients.
   */
  readonly dpar?: string;
}

/** The family parameters a distributional formula may model (prior spellings `b_sigma`, `Intercept_sigma`). */
const DPARS = ["sigma", "shape", "nu", "phi", "zi", "hu"];

/** Argument names, and which must be positive. */
const DISTRIBUTIONS: Readonly<Record<string, { args: readonly string[]; positive: readonly number[] }>> = {
  normal: { args: ["mu", "sigma"], positive: [1] },
  student_t: { args: ["nu", "mu", "sigma"], positive: [0, 2] },
  cauchy: { args: ["mu", "sigma"], positive: [1] },
  exponential: { args: ["lambda"], positive: [0] },
  gamma: { args: ["alpha", "beta"], positive: [0, 1] },
  lognormal: { args: ["mu", "sigma"], positive: [1] },
  lkj: { args: ["eta"], positive: [0] },
  beta: { args: ["alpha", "beta"], positive: [0, 1] },
  // brms's default for a logit-link distributional intercept (zi, hu): logistic(0, 1).
  logistic: { args: ["mu", "sigma"], positive: [1] },
  // A monotonic term's simplex (class simo): one concentration per step, or one for all (brms's dirichlet(1)).
  dirichlet: { args: ["alpha"], positive: [0] },
};

const LOCATION_SCALE = ["normal", "student_t", "cauchy", "logistic", "flat"];
const POSITIVE = ["normal", "student_t", "cauchy", "exponential", "gamma", "lognormal", "flat"];
/** Which distributions each class may take (scales get half-distributions through their bound). */
export const ALLOWED: Readonly<Record<PriorClass, readonly string[]>> = {
  Intercept: LOCATION_SCALE,
  b: LOCATION_SCALE,
  sd: POSITIVE,
  sds: POSITIVE,
  sigma: POSITIVE,
  shape: POSITIVE,
  phi: POSITIVE,
  nu: POSITIVE,
  cor: ["lkj"],
  // Probabilities (zero-inflation, hurdle): brms's default is beta(1, 1); flat is the same uniform.
  zi: ["beta", "flat"],
  hu: ["beta", "flat"],
  // Monotonic effects (mo(x)): the coefficient, and the simplex of its steps.
  bsp: LOCATION_SCALE,
  simo: ["dirichlet"],
};

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function classOf(name: string, text: string, pos: number): PriorClass {
  if ((PRIOR_CLASSES as readonly string[]).includes(name)) return name as PriorClass;
  if (name === "disc") throw caretError("prior", text, pos, "disc (the cumulative family's discrimination) is fixed at 1, as in brms's default ordinal model; it takes no prior");
  throw caretError("prior", text, pos, `unknown parameter class '${name}': use one of ${PRIOR_CLASSES.join(", ")} (b[x] or b_x for one coefficient)`);
}

/** The left of `~`: class, optional coef and group. */
function parseTarget(text: string, lhs: string, offset: number): { class: PriorClass; coef: string; group: string; dpar?: string } {
  const trimmedStart = offset + (lhs.length - lhs.trimStart().length);
  const t = lhs.trim();
  // Distributional formulas' coefficients: b_sigma, b_sigma[x], Intercept_sigma, and brms's output
  // names b_sigma_Intercept, b_sigma_x (resolvePriors reads b_sigma_x as the mean's b_x named sigma_x
  // when sigma is not modelled).
  // The categorical family's predictors are brms's mu<label> (letters and digits): b_muB, b_muB[x], b_muB_x, Intercept_muB.
  const dp = /^(?:b_(sigma|shape|nu|phi|zi|hu|mu[\p{L}\p{N}]+)(?:\[\s*`?([^\]`]+?)`?\s*\]|_(.+))?|Intercept_(sigma|shape|nu|phi|zi|hu|mu[\p{L}\p{N}]+))$/u.exec(t);
  if (dp && (DPARS.includes(dp[1] ?? dp[4]) || /^mu./u.test(dp[1] ?? dp[4]))) {
    if (dp[4]) return { class: "Intercept", coef: "", group: "", dpar: dp[4] };
    const coef = dp[2] ?? dp[3] ?? "";
    if (coef === "Intercept") return { class: "Intercept", coef: "", group: "", dpar: dp[1] };
    return { class: "b", coef, group: "", dpar: dp[1] };
  }
  // A distributional formula's group terms: sd_sigma, sd_sigma[g], sd_sigma[g, Intercept], cor_sigma, cor_sigma[g]
  // (brms's class sd / cor with dpar = sigma). resolvePriors reads a bare sd_sigma as the group 'sigma'
  // when the sigma formula has no group terms, as before.
  const gp = /^(sd|cor)_(sigma|shape|nu|phi|zi|hu|mu[\p{L}\p{N}]+)(?:\[\s*`?([^\],`]+?)`?\s*(?:,\s*`?([^\]`]+?)`?\s*)?\])?$/u.exec(t);
  if (gp) {
    if (gp[1] === "cor" && gp[4] !== undefined) throw caretError("prior", text, trimmedStart, `cor_${gp[2]} takes one grouping factor: cor_${gp[2]}[g]`);
    return { class: gp[1] as PriorClass, group: gp[3] ?? "", coef: gp[4] ?? "", dpar: gp[2] };
  }
  if (t === "") throw caretError("prior", text, trimmedStart, "expected a parameter class before '~' (e.g. b ~ normal(0, 5))");
  const open = t.indexOf("[");
  if (open >= 0) {
    if (!t.endsWith("]")) throw caretError("prior", text, trimmedStart + t.length, "expected ']' to close '['");
    const cls = classOf(t.slice(0, open).trim(), text, trimmedStart);
    // A smooth's label is one name that may hold commas, sds[s(x, by = f)] / sds[t2(x, z, bs = "tp")]:
    // split on them and it read as two names (the README's own spelling was refused).
    if (cls === "sds") {
      const label = t.slice(open + 1, -1).trim().replace(/^`(.*)`$/, "$1");
      if (label === "") throw caretError("prior", text, trimmedStart + open + 1, "sds takes one smooth's label: sds[sx] for s(x)");
      return { class: cls, coef: label, group: "" };
    }
    const inside = t.slice(open + 1, -1).split(",").map((s) => s.trim().replace(/^`(.*)`$/, "$1"));
    if (inside.some((s) => s === "") || inside.length > 2) {
      throw caretError("prior", text, trimmedStart + open + 1, "expected one or two names inside [ ]: b[x], sd[county] or sd[county, Intercept]");
    }
    if (cls === "b") {
      if (inside.length !== 1) throw caretError("prior", text, trimmedStart + open + 1, "b takes one coefficient name: b[x]");
      return { class: cls, coef: inside[0], group: "" };
    }
    if (cls === "sd") return { class: cls, group: inside[0], coef: inside[1] ?? "" };
    if (cls === "bsp" || cls === "simo") {
      if (inside.length !== 1) throw caretError("prior", text, trimmedStart + open + 1, cls === "bsp" ? "bsp takes one monotonic term: bsp[mox] for mo(x)" : "simo takes one simplex: simo[mox1] for mo(x)");
      return { class: cls, coef: inside[0], group: "" };
    }
    // The cumulative family's thresholds: brms's prior(…, class = Intercept, coef = k).
    if (cls === "Intercept" && inside.length === 1) return { class: cls, coef: inside[0], group: "" };
    if (cls === "cor") {
      if (inside.length !== 1) throw caretError("prior", text, trimmedStart + open + 1, "cor takes one grouping factor: cor[county]");
      return { class: cls, group: inside[0], coef: "" };
    }
    throw caretError("prior", text, trimmedStart + open, `${cls} has no coefficients or groups; write '${cls} ~ …'`);
  }
  if ((PRIOR_CLASSES as readonly string[]).includes(t)) return { class: t as PriorClass, coef: "", group: "" };
  // brms's parameter names: b_x, sd_county, sd_county__Intercept, cor_county.
  // A smooth's sds: brms's output name sds_sx_1, or sds_sx / sds(sx) (brms: class = sds, coef = s(x)).
  let m = /^sds(?:_(.+?)(?:_1)?|\((.+)\))$/.exec(t);
  if (m) return { class: "sds", coef: m[1] ?? m[2], group: "" };
  // A monotonic term's coefficient and simplex by brms's names: bsp_mox, simo_mox1.
  m = /^(bsp|simo)_(.+)$/.exec(t);
  if (m) return { class: m[1] as PriorClass, coef: m[2], group: "" };
  m = /^b_(.+)$/.exec(t);
  if (m) return { class: "b", coef: m[1], group: "" };
  m = /^sd_(.+?)(?:__(.+))?$/.exec(t);
  if (m) return { class: "sd", group: m[1], coef: m[2] ?? "" };
  m = /^cor_(.+)$/.exec(t);
  if (m) return { class: "cor", group: m[1], coef: "" };
  return { class: classOf(t, text, trimmedStart), coef: "", group: "" };
}

function parseDist(text: string, rhs: string, offset: number, cls: PriorClass): PriorDist {
  const start = offset + (rhs.length - rhs.trimStart().length);
  const t = rhs.trim();
  if (t === "") throw caretError("prior", text, start, "expected a distribution after '~' (e.g. normal(0, 5))");
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(\(([^()]*)\))?$/.exec(t);
  if (!m) {
    const bad = t.search(/[^A-Za-z0-9_]/);
    const open = t.indexOf("(");
    if (open >= 0 && t.indexOf(")") < 0) throw caretError("prior", text, start + t.length, `expected ')' to close '(' opened at column ${start + open + 1}`);
    throw caretError("prior", text, start + Math.max(0, bad), "expected a distribution such as normal(0, 5)");
  }
  const name = m[1];
  if (name === "flat") {
    if (m[3] !== undefined && m[3].trim() !== "") throw caretError("prior", text, start, "flat takes no arguments");
    if (!ALLOWED[cls].includes("flat")) throw caretError("prior", text, start, `${cls} cannot have a flat prior; use ${ALLOWED[cls].join(", ")}`);
    return { family: "flat" };
  }
  const d = Object.prototype.hasOwnProperty.call(DISTRIBUTIONS, name) ? DISTRIBUTIONS[name] : undefined;
  if (!d) throw caretError("prior", text, start, `unknown distribution '${name}': supported are ${[...Object.keys(DISTRIBUTIONS), "flat"].join(", ")}`);
  if (!ALLOWED[cls].includes(name)) throw caretError("prior", text, start, `${name} is not allowed for ${cls}: use ${ALLOWED[cls].join(", ")}`);
  if (m[3] === undefined) throw caretError("prior", text, start + name.length, `expected '(' and the ${d.args.length} arguments of ${name}(${d.args.join(", ")})`);
  const argsText = m[3].trim() === "" ? [] : m[3].split(",");
  const argStart = start + t.indexOf("(") + 1;
  const args: number[] = [];
  let at = argStart;
  for (const a of argsText) {
    const pos = at + (a.length - a.trimStart().length);
    if (!NUMBER.test(a.trim())) throw caretError("prior", text, pos, `expected a number, found '${a.trim()}'`);
    args.push(Number(a.trim()));
    at += a.length + 1;
  }
  if (name === "dirichlet" ? args.length === 0 : args.length !== d.args.length) {
    throw caretError("prior", text, argStart, `${name} takes ${d.args.length} argument${d.args.length === 1 ? "" : "s"} (${d.args.join(", ")}), got ${args.length}`);
  }
  for (const k of name === "dirichlet" ? args.map((_, j) => j) : d.positive) {
    if (!(args[k] > 0) || !Number.isFinite(args[k])) throw new UserError(`prior ${text.trim()}: ${name}'s ${d.args[k] ?? `${d.args[0]} ${k + 1}`} must be positive, got ${args[k]}`);
  }
  for (const v of args) if (!Number.isFinite(v)) throw new UserError(`prior ${text.trim()}: arguments must be finite, got ${v}`);
  return { family: name, args };
}

/** Parse one prior statement. */
export function parsePrior(text: string): PriorStatement {
  if (typeof text !== "string") throw new TypeError(`parsePrior: text must be a string, got ${typeof text}`);
  // brms's keyed form: `normal(0, 1), class = b, coef = x`, `dirichlet(2, 2), class = simo, coef = mox1`.
  const keyed = keyedPrior(text);
  if (keyed !== null) return { ...parsePrior(keyed), text: text.trim() };
  const tilde = text.indexOf("~");
  if (tilde < 0) throw caretError("prior", text, text.length, "expected '~' between the parameter and its distribution (e.g. b ~ normal(0, 5))");
  if (text.indexOf("~", tilde + 1) >= 0) throw caretError("prior", text, text.indexOf("~", tilde + 1), "only one '~' is allowed");
  const target = parseTarget(text, text.slice(0, tilde), 0);
  const dist = parseDist(text, text.slice(tilde + 1), tilde + 1, target.class);
  if (target.coef !== "" && !["b", "sd", "sds", "Intercept", "bsp", "simo"].includes(target.class)) throw new UserError(`prior ${text.trim()}: ${target.class} has no coefficients`);
  return { text: text.trim(), ...target, dist };
}

/**
 * brms's keyed spelling `normal(0, 1), class = b, coef = x` (keys class, coef and group, in any order)
 * as the `~` form the rest of the parser reads: `b[x] ~ normal(0, 1)`, `sd[g, Intercept] ~ …`,
 * `simo[moincome1] ~ dirichlet(2, 2, 2)`; null for text with a `~`, without `class`, or with other keys
 * (nlpar, resp and dpar are read by the non-linear and multivariate layers before this).
 * This was the mo() classes' parser alone (bsp, simo), so `prior(normal(0, 1), class = b)` copied from
 * brms was refused for the ordinary classes while the non-linear and multivariate paths took it.
 */
export function keyedPrior(text: string): string | null {
  if (text.includes("~")) return null;
  const close = text.lastIndexOf(")");
  if (close < 0) return null;
  const tail = text.slice(close + 1);
  if (!/^\s*,/.test(tail)) return null;
  const keys: Record<string, string> = {};
  for (const piece of tail.split(",").slice(1)) {
    const m = /^\s*([A-Za-z_]+)\s*=\s*["'`]?([^"'`]*?)["'`]?\s*$/.exec(piece);
    if (!m || m[1] in keys) return null;
    keys[m[1]] = m[2].trim();
  }
  const cls = keys.class;
  if (cls === undefined || cls === "" || Object.keys(keys).some((k) => k !== "class" && k !== "coef" && k !== "group")) return null;
  return keyedTilde(text, text.slice(0, close + 1).trim(), cls, keys.group ?? "", keys.coef ?? "");
}

/**
 * The `~` statement for brms's keys class, group and coef ("" when absent) over `distText`; shared with
 * the non-linear layer, which reads its own keys (nlpar, lb, ub) first and must build the same target.
 */
export function keyedTilde(text: string, distText: string, cls: string, group: string, coef: string): string {
  if (cls === "sd" && coef !== "" && group === "") throw new UserError(`prior ${text.trim()}: class = sd with coef = ${coef} needs the group too (group = g), as sd[g, ${coef}] ~ …`);
  const inside = [group, coef].filter((v) => v !== "");
  return `${cls}${inside.length > 0 ? `[${inside.join(", ")}]` : ""} ~ ${distText}`;
}

/** brms's text for a distribution: `student_t(3, 2.8, 2.5)`, `(flat)`. */
export function priorText(d: PriorDist, format: (x: number) => string): string {
  if (d.family === "flat") return "(flat)";
  return `${d.family}(${(d as { args: readonly number[] }).args.map(format).join(", ")})`;
}
