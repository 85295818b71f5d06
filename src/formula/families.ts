/**
 * Response families as brms names them: link, distributional parameters, the core (Stan) distribution
 * each maps to, and the checks that the response fits the family (with the column and first bad row).
 */
import { UserError } from "../errors.js";
import { GLMM_FAMILIES } from "../glmm/types.js";
import { formatR } from "./rformat.js";
import { CATEGORICAL, categoricalResponse } from "./categorical.js";

/** The formula families are the GLMM builder's (src/glmm/types.ts keeps the one list). */
export const FAMILY_NAMES = GLMM_FAMILIES;
export type FamilyName = (typeof FAMILY_NAMES)[number];

export type Link = "identity" | "logit" | "log" | "probit";
/** The family parameters besides the mean; each may be constant or modelled (`sigma ~ x`, brms's dpars). */
export type AuxParameter = "sigma" | "nu" | "shape" | "phi" | "zi" | "hu";

export interface FamilyInfo {
  readonly name: FamilyName;
  readonly link: Link;
  /** brms's distributional parameters besides the mean, in brms's order. */
  readonly aux: readonly AuxParameter[];
  /** The core distribution (Stan's name) of the likelihood. */
  readonly stan: string;
  /**
   * The scale on which brms computes default prior locations and scales (`def_scale_prior`): the link,
   * except lognormal (log scale); null where brms uses no data (logit links).
   */
  readonly priorScale: "identity" | "log" | null;
}

const info = (name: FamilyName, link: Link, aux: AuxParameter[], stan: string, priorScale: "identity" | "log" | null): FamilyInfo =>
  Object.freeze({ name, link, aux: Object.freeze(aux), stan, priorScale });

export const FAMILIES: Readonly<Record<FamilyName, FamilyInfo>> = Object.freeze({
  gaussian: info("gaussian", "identity", ["sigma"], "normal", "identity"),
  student: info("student", "identity", ["sigma", "nu"], "student_t", "identity"),
  binomial: info("binomial", "logit", [], "binomial_logit", null),
  bernoulli: info("bernoulli", "logit", [], "bernoulli_logit", null),
  poisson: info("poisson", "log", [], "poisson_log", "log"),
  negbinomial: info("negbinomial", "log", ["shape"], "neg_binomial_2_log", "log"),
  gamma: info("gamma", "log", ["shape"], "gamma", "log"),
  lognormal: info("lognormal", "identity", ["sigma"], "lognormal", "log"),
  // brms: weibull_lpdf(y | shape, mu / tgamma(1 + 1 / shape)), mu = exp(eta): mu is the mean.
  weibull: info("weibull", "log", ["shape"], "weibull", "log"),
  // brms: exponential_lpdf(y | inv(mu)), mu = exp(eta) the mean.
  exponential: info("exponential", "log", [], "exponential", "log"),
  beta: info("beta", "logit", ["phi"], "beta", null),
  zero_inflated_poisson: info("zero_inflated_poisson", "log", ["zi"], "zero_inflated_poisson_log", "log"),
  zero_inflated_negbinomial: info("zero_inflated_negbinomial", "log", ["shape", "zi"], "zero_inflated_neg_binomial_2_log", "log"),
  hurdle_poisson: info("hurdle_poisson", "log", ["hu"], "hurdle_poisson_log", "log"),
  hurdle_negbinomial: info("hurdle_negbinomial", "log", ["shape", "hu"], "hurdle_neg_binomial_2_log", "log"),
  // brms's semicontinuous hurdles: hurdle_gamma_lpdf(y | shape, shape / mu, hu), hurdle_lognormal_lpdf(y | mu, sigma, hu).
  hurdle_gamma: info("hurdle_gamma", "log", ["shape", "hu"], "hurdle_gamma", "log"),
  hurdle_lognormal: info("hurdle_lognormal", "identity", ["sigma", "hu"], "hurdle_lognormal", "log"),
  // Ordinal: `cumulative` is the logit link; `cumulative(probit)` the probit one (familyInfo).
  cumulative: info("cumulative", "logit", [], "ordered_logistic", null),
  // Unordered categories (src/formula/categorical.ts): one logit predictor per non-reference category.
  categorical: info("categorical", "logit", [], "categorical_logit", null),
});

/** `cumulative`, `cumulative(logit)`, `cumulative("probit")`, `cumulative(link = probit)`: brms's spellings. */
const CUMULATIVE = /^cumulative\s*(?:\(\s*(?:link\s*=\s*)?["']?([A-Za-z]*)["']?\s*\))?$/;

/** One distributional formula (`sigma ~ x`): the parameter, its right-hand side, and where it starts in the text. */
export interface DistributionalPart {
  readonly dpar: AuxParameter;
  readonly rhs: string;
  /** Offset of the right-hand side in the formula as given, for caret messages. */
  readonly pos: number;
  /** The part as written, `sigma ~ Days`. */
  readonly text: string;
}

export interface SplitFormula {
  /** The mean's formula (`y ~ x + (1 | g)`). */
  readonly main: string;
  readonly dpars: readonly DistributionalPart[];
}

const DPAR_NAMES: readonly string[] = ["sigma", "shape", "nu", "phi", "zi", "hu"];

/** Split at the commas outside parentheses, brackets, `quoted names` and "strings". */
export function topLevelCommas(text: string, from: number): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "`" || ch === '"' || ch === "'") {
      // A quoted name or string may hold anything (commas, parentheses): jump to its closing quote.
      const close = text.indexOf(ch, i + 1);
      if (close < 0) break;
      i = close;
    } else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) out.push(i);
  }
  return out;
}

/** Index of the ')' closing the '(' at `at`, skipping quoted names and strings; −1 if unclosed. */
export function matchingParen(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const ch = text[i];
    if (ch === "`" || ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/**
 * brms's distributional formulas: `bf(y ~ x + (1 | g), sigma ~ z)` or the bare `y ~ x, sigma ~ z`.
 * Returns the mean's formula and one part per modelled family parameter (sigma, shape, nu, phi, zi, hu).
 * `disc ~ …` is refused (cumulative's discrimination is fixed at 1), as are unknown names and repeats.
 */
export function splitDistributionalFormula(formula: string): SplitFormula {
  let body = formula;
  let offset = 0;
  const open = /^\s*(?:brms::)?bf\s*\(/.exec(formula);
  // bf( … ) wraps the whole formula only when its ')' is the last character (not `bf(y) ~ x`).
  const bf = open && matchingParen(formula, open[0].length - 1) === formula.trimEnd().length - 1 ? open : null;
  if (bf) {
    body = formula.slice(bf[0].length, formula.trimEnd().length - 1);
    offset = bf[0].length;
  }
  const commas = topLevelCommas(body, 0);
  if (commas.length === 0) return { main: bf ? body.trim() : formula, dpars: [] };
  const pieces: { text: string; start: number }[] = [];
  let prev = 0;
  for (const c of [...commas, body.length]) {
    pieces.push({ text: body.slice(prev, c), start: prev });
    prev = c + 1;
  }
  const dpars: DistributionalPart[] = [];
  for (const piece of pieces.slice(1)) {
    const text = piece.text.trim();
    const m = /^([A-Za-z_.][A-Za-z0-9_.]*)\s*~/.exec(text);
    if (!m) throw new UserError(`formula: after the mean's formula, each part must be a family parameter's formula such as 'sigma ~ x', got '${text}'`);
    if (m[1] === "disc") {
      throw new UserError("formula: 'disc ~ …' is not supported: the cumulative family's discrimination is fixed at 1 (brms's default); write the formula of the mean alone (e.g. 'resp ~ x + (1 | g)')");
    }
    if (!DPAR_NAMES.includes(m[1])) {
      throw new UserError(`formula: '${m[1]} ~ …' is not a family parameter: distributional formulas model one of ${DPAR_NAMES.join(", ")} (the family's own)`);
    }
    const dpar = m[1] as AuxParameter;
    if (dpars.some((d) => d.dpar === dpar)) throw new UserError(`formula: '${dpar} ~ …' is given twice`);
    const lead = piece.text.length - piece.text.trimStart().length;
    dpars.push({ dpar, rhs: text.slice(m[0].length), pos: offset + piece.start + lead + m[0].length, text });
  }
  return { main: pieces[0].text.trim(), dpars };
}

/** A distributional formula must name one of the family's own parameters; the error lists them. */
export function checkDistributionalParts(family: FamilyInfo, parts: readonly DistributionalPart[], hasSe: boolean): void {
  for (const d of parts) {
    if (!family.aux.includes(d.dpar)) {
      const own = family.aux.length === 0 ? "has no parameters besides the mean" : `has ${family.aux.join(", ")}`;
      throw new UserError(`formula: '${d.text}': the ${familyLabel(family)} family has no ${d.dpar} (it ${own})`);
    }
    if (d.dpar === "sigma" && hasSe) throw new UserError(`formula: '${d.text}': with se() the residual sd is known, so sigma cannot be modelled`);
  }
}

/** The family as a user writes it back: `cumulative(probit)` keeps its link, the rest are their names. */
export function familyLabel(f: FamilyInfo): string {
  return f.name === "cumulative" && f.link === "probit" ? "cumulative(probit)" : f.name;
}

/** `family` checked against the closed set, with the valid choices in the error. */
export function familyInfo(family: string): FamilyInfo {
  const ord = CUMULATIVE.exec(family.trim());
  if (ord) {
    const link = ord[1] || "logit";
    if (link === "logit") return FAMILIES.cumulative;
    if (link === "probit") return Object.freeze({ ...FAMILIES.cumulative, link: "probit", stan: "ordered_probit" });
    throw new UserError(`family: the cumulative family's link must be logit or probit, got '${link}' (write cumulative or cumulative(probit))`);
  }
  const cat = CATEGORICAL.exec(family.trim());
  if (cat) {
    if (cat[1] && cat[1] !== "logit") throw new UserError(`family: the categorical family's link is logit, got '${cat[1]}'`);
    return FAMILIES.categorical;
  }
  if (!(FAMILY_NAMES as readonly string[]).includes(family)) {
    throw new UserError(`family: unknown family '${family}': choose one of ${FAMILY_NAMES.join(", ")}`);
  }
  return FAMILIES[family as FamilyName];
}

/** The response the likelihood sees: y as numbers, plus trials for binomial. */
export interface FamilyResponse {
  /** For cumulative: the category codes 1 … K. */
  readonly y: Float64Array;
  /** cumulative: the K category labels in order (the user's levels, or "1" … "K" for integer responses). */
  readonly categories?: readonly string[];
  readonly trials: Float64Array | null;
  readonly messages: readonly string[];
}

export interface ResponseInput {
  readonly label: string;
  /** Numbers, or a factor's codes and levels (bernoulli accepts a two-level factor). */
  readonly values: Float64Array | null;
  readonly factor: { readonly codes: Int32Array; readonly levels: readonly string[] } | null;
  readonly trials: Float64Array | null;
  /** Original row number (0-based) of each value, for messages. */
  readonly rows: Int32Array;
  /** cumulative: the categories' order, lowest first (required for a text response). */
  readonly levels?: readonly string[];
}

/** The largest count a 32-bit integer holds (2³¹ − 1). */
export const MAX_COUNT = 2147483647;

function firstBad(values: Float64Array, ok: (v: number, i: number) => boolean): number {
  for (let i = 0; i < values.length; i++) if (!ok(values[i], i)) return i;
  return -1;
}

/** Check the response for the family and turn it into numbers (`UserError` naming the first bad row). */
export function checkResponse(family: FamilyInfo, r: ResponseInput): FamilyResponse {
  const fail = (i: number, must: string, v: number | string) =>
    new UserError(`family ${family.name}: the response '${r.label}' must be ${must}, but row ${r.rows[i] + 1} has ${typeof v === "number" ? formatR(v) : `'${v}'`}`);
  const messages: string[] = [];
  if (family.name === "cumulative") return ordinalResponse(r, fail);
  if (family.name === "categorical") return { ...categoricalResponse(r, fail), trials: null, messages };
  if (r.levels) throw new UserError(`family ${family.name}: levels (the order of ordinal categories) are for the cumulative family`);
  if (r.factor) {
    if (family.name !== "bernoulli") {
      throw new UserError(`family ${family.name}: the response '${r.label}' holds text (e.g. '${r.factor.levels[r.factor.codes[0]]}'); it must be numeric`);
    }
    if (r.factor.levels.length !== 2) {
      throw new UserError(`family bernoulli: the response '${r.label}' must have two values (0/1 or two labels), found ${r.factor.levels.length}: ${r.factor.levels.slice(0, 5).join(", ")}`);
    }
    // brms: the first level (in sort order) is 0, the second 1.
    messages.push(`response ${r.label}: '${r.factor.levels[1]}' is 1, '${r.factor.levels[0]}' is 0`);
    return { y: Float64Array.from(r.factor.codes), trials: null, messages };
  }
  const y = r.values as Float64Array;
  // Counts and trials reach the compiled model as Int32Array: a larger value would wrap around.
  const count = (v: number) => Number.isInteger(v) && v >= 0 && v <= MAX_COUNT;
  let trials = r.trials;
  let bad: number;
  switch (family.name) {
    case "gaussian":
    case "student":
      bad = firstBad(y, Number.isFinite);
      if (bad >= 0) throw fail(bad, "finite", y[bad]);
      break;
    case "bernoulli":
      bad = firstBad(y, (v) => v === 0 || v === 1);
      if (bad >= 0) throw fail(bad, "0 or 1 (or a two-level factor)", y[bad]);
      break;
    case "poisson":
    case "negbinomial":
    case "zero_inflated_poisson":
    case "zero_inflated_negbinomial":
    case "hurdle_poisson":
    case "hurdle_negbinomial":
      bad = firstBad(y, count);
      if (bad >= 0) throw fail(bad, `a count (a non-negative whole number up to ${MAX_COUNT})`, y[bad]);
      break;
    case "binomial": {
      bad = firstBad(y, count);
      if (bad >= 0) throw fail(bad, `a count of successes (a non-negative whole number up to ${MAX_COUNT})`, y[bad]);
      if (!trials) {
        // brms 2.18 does the same, with a warning.
        const max = y.reduce((m, v) => Math.max(m, v), 0);
        trials = new Float64Array(y.length).fill(max);
        messages.push(`binomial without trials(): using the largest response value (${max}) as the number of trials; write '${r.label} | trials(n) ~ …' to give them`);
      }
      const t = trials;
      bad = firstBad(t, count);
      if (bad >= 0) throw new UserError(`family binomial: trials must be non-negative whole numbers up to ${MAX_COUNT}, but row ${r.rows[bad] + 1} has ${formatR(t[bad])}`);
      bad = firstBad(y, (v, i) => v <= t[i]);
      if (bad >= 0) throw fail(bad, `at most the number of trials (${formatR(t[bad])} in that row)`, y[bad]);
      break;
    }
    case "gamma":
    case "lognormal":
    case "weibull":
    case "exponential":
      // brms 2.18 too: "Family 'exponential' requires response greater than 0." (a 0 made every
      // density −∞ here, and the user got only the generic "found no initial values").
      bad = firstBad(y, (v) => v > 0 && Number.isFinite(v));
      if (bad >= 0) throw fail(bad, "positive", y[bad]);
      break;
    case "hurdle_gamma":
    case "hurdle_lognormal":
      // The zeros are the hurdle's; brms refuses negative responses too.
      bad = firstBad(y, (v) => v >= 0 && Number.isFinite(v));
      if (bad >= 0) throw fail(bad, "zero or positive (finite)", y[bad]);
      break;
    case "beta":
      bad = firstBad(y, (v) => v > 0 && v < 1);
      if (bad >= 0) throw fail(bad, "strictly between 0 and 1", y[bad]);
      break;
  }
  if (trials && family.name !== "binomial") throw new UserError(`family ${family.name}: trials() and cbind() are for the binomial family`);
  return { y, trials, messages };
}

/**
 * The cumulative family's response as codes 1 … K. Integers: as brms, positive whole numbers with
 * K = the largest (unobserved categories between are allowed). Text (or numbers with levels): the
 * position in the user's order, which text needs because CSV labels carry no order.
 */
function ordinalResponse(r: ResponseInput, fail: (i: number, must: string, v: number | string) => UserError): FamilyResponse {
  if (r.trials) throw new UserError("family cumulative: trials() and cbind() are for the binomial family");
  const order = r.levels;
  const n = r.rows.length;
  if (order) {
    if (order.length < 2) throw new UserError(`family cumulative: levels must name at least two categories, got ${order.length}`);
    const dup = order.find((l, k) => order.indexOf(l) !== k);
    if (dup !== undefined) throw new UserError(`family cumulative: levels name '${dup}' twice`);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const label = r.factor ? r.factor.levels[r.factor.codes[i]] : formatR((r.values as Float64Array)[i]);
      const k = order.indexOf(label);
      if (k < 0) throw fail(i, `one of the levels ${order.join(", ")}`, label);
      y[i] = k + 1;
    }
    return { y, trials: null, categories: order, messages: [] };
  }
  if (r.factor) {
    const ex = r.factor.levels.slice(0, 3).join(",");
    throw new UserError(
      `family cumulative: the response '${r.label}' holds text (e.g. '${r.factor.levels[r.factor.codes[0]]}'), whose order hbayes cannot know: give it lowest first with levels (API: levels: [${r.factor.levels.slice(0, 3).map((l) => `"${l}"`).join(", ")}], CLI: --levels ${ex}, web app: the levels box), or code the categories as integers 1, 2, …`,
    );
  }
  const y = r.values as Float64Array;
  const bad = firstBad(y, (v) => Number.isInteger(v) && v >= 1 && v <= MAX_COUNT);
  if (bad >= 0) throw fail(bad, "a category: a positive whole number 1, 2, … (as brms: integers from 1, or text with levels)", y[bad]);
  const K = y.reduce((m, v) => Math.max(m, v), 0);
  if (K < 2) throw new UserError(`family cumulative: the response '${r.label}' needs at least two categories (its largest value is ${K})`);
  return { y, trials: null, categories: Array.from({ length: K }, (_, k) => String(k + 1)), messages: [] };
}
