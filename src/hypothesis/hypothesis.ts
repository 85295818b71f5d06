/**
 * brms's hypothesis(): a statement about parameters, `left (= | < | >) right`, tested on the
 * posterior draws. The draws of `left − right` give an estimate, its error and a credible interval;
 * a one-sided statement also gets its posterior probability and the evidence ratio P(H) / P(not H).
 * A point hypothesis (`=`) gets the Savage–Dickey evidence ratio — posterior over prior density at the
 * tested value — when the fit kept prior draws (`samplePrior: "yes"`, brms's `sample_prior = "yes"`),
 * and NA otherwise, as in brms.
 *
 * Names follow brms's `class` argument: with the default class "b" the user writes `floor` for
 * `b_floor` and `Intercept` for `b_Intercept`; with class "" every name is written in full
 * (`sd_county__Intercept`, `sigma`, `r_county[c01,Intercept]`).
 */
import { UserError } from "../errors.js";
import { DPAR_LINK } from "../glmm/types.js";
import { caretError, suggestion } from "../formula/errors.js";
import { coefDraws, ranefDraws } from "../posterior/coefficients.js";
import { createDraws, SAMPLER_VARIABLES, variableOf, type Draws } from "../posterior/draws.js";
import { summaryR } from "../posterior/rStats.js";
import { densityAt } from "./densityAt.js";
import { evaluateExpression, expressionVariables, parseExpression } from "./expression.js";

/** brms's scope of hypothesis(): parameters, or every level of a group on its coef() / ranef() draws. */
export const HYPOTHESIS_SCOPES = Object.freeze(["standard", "coef", "ranef"] as const);
export type HypothesisScope = (typeof HYPOTHESIS_SCOPES)[number];

export interface HypothesisOptions {
  /** brms's class: names are written without the `<class>_` prefix (default "b"; "" for full names). */
  readonly class?: string;
  /** One-sided statements get a (1 − 2α) interval and a star above 1 − α; point statements a (1 − α) interval (default 0.05). */
  readonly alpha?: number;
  /** Median and MAD instead of mean and sd (brms's robust = TRUE). */
  readonly robust?: boolean;
  /**
   * brms's scope: "standard" tests parameters (with `group`, those of class `<class>_<group>__`, e.g.
   * class "sd", group "Subject"); "coef" and "ranef" test each level of `group` on its coef() or
   * ranef() draws, names as coef() prints them ("Intercept", "Days"). Default "standard".
   */
  readonly scope?: HypothesisScope;
  readonly group?: string;
}

export interface HypothesisRow {
  /** As brms prints it: `(wt) < 0`, `(wt+100*hp)-(-3) = 0`. */
  readonly hypothesis: string;
  readonly sign: "=" | "<" | ">";
  readonly estimate: number;
  readonly estError: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  /** P(H) / P(not H) from the draws; NaN (brms's NA) for a point hypothesis. */
  readonly evidRatio: number;
  /** P(H); NaN for a point hypothesis. */
  readonly postProb: number;
  /** brms's `*`: a one-sided P(H) above 1 − α, or a point value outside the interval. */
  readonly star: boolean;
  /** left − right at every draw, chains one after another. */
  readonly draws: Float64Array;
  /** The level tested (scope "coef" or "ranef"). */
  readonly group?: string;
}

export interface HypothesisResult {
  readonly class: string;
  readonly alpha: number;
  readonly robust: boolean;
  readonly rows: readonly HypothesisRow[];
}

const SAMPLER: ReadonlySet<string> = new Set(SAMPLER_VARIABLES);
const FORM = "every hypothesis must be of the form 'left (= OR < OR >) right'";

export function hypothesis(source: Draws | { readonly draws: Draws }, hypotheses: readonly string[], options: HypothesisOptions = {}): HypothesisResult {
  const draws = "data" in source ? source : source.draws;
  const alpha = options.alpha ?? 0.05;
  const robust = options.robust ?? false;
  const scope = options.scope ?? "standard";
  if (!(alpha >= 0 && alpha <= 1)) throw new UserError(`hypothesis: alpha must be a number in [0, 1], got ${alpha}`);
  if (hypotheses.length === 0) throw new UserError("hypothesis: give at least one hypothesis, e.g. \"floor < 0\"");
  if (scope !== "standard") return byLevel(draws, hypotheses, scope, options.group, alpha, robust);
  const base = options.class ?? "b";
  // brms: with a group, the class becomes "<class>_<group>__" (class "sd", group "Subject": sd_Subject__Intercept).
  const cls = options.group !== undefined && options.group !== "" ? `${base}_${options.group}__` : base;
  const prefix = cls === "" ? "" : cls.endsWith("__") ? cls : `${cls}_`;
  const available = draws.names.filter((n) => !SAMPLER.has(n) && n.startsWith(prefix));
  const rows = hypotheses.map((h) => testOne(draws, h, prefix, available, alpha, robust));
  return { class: cls.replace(/_+$/, ""), alpha, robust, rows };
}

/** brms's hypothesis(scope = "coef" | "ranef", group = g): every hypothesis at every level, hypothesis by hypothesis. */
function byLevel(draws: Draws, hypotheses: readonly string[], scope: "coef" | "ranef", group: string | undefined, alpha: number, robust: boolean): HypothesisResult {
  const all = scope === "coef" ? coefDraws(draws) : ranefDraws(draws);
  const g = all.find((x) => x.group === group);
  if (g === undefined) throw new UserError(`hypothesis: scope "${scope}" needs group to be one of ${all.map((x) => x.group).join(", ")}${group === undefined ? "" : `, got ${group}`}`);
  const n = draws.chains * draws.draws;
  const levelDraws = g.levels.map((level) => {
    const present = g.coefs.flatMap((c) => {
      const x = c.at(level);
      return x === null ? [] : [{ coef: c.coef, x }];
    });
    const d = createDraws(present.map((p) => p.coef), 1, n);
    present.forEach((p, k) => variableOf(d, k).set(p.x));
    return { level, d };
  });
  const rows = hypotheses.flatMap((h) => levelDraws.map(({ level, d }) => ({ ...testOne(d, h, "", d.names, alpha, robust), group: level })));
  return { class: "", alpha, robust, rows };
}

function testOne(draws: Draws, text: string, prefix: string, available: readonly string[], alpha: number, robust: boolean): HypothesisRow {
  const label = "hypothesis";
  const signs = [...text.matchAll(/[=<>]/g)];
  if (signs.length !== 1) throw caretError(label, text, signs[1]?.index ?? text.length, signs.length === 0 ? `no '=', '<' or '>': ${FORM}` : `more than one of '=', '<', '>' (write 'a < b', not 'a <= b'): ${FORM}`);
  const at = signs[0].index ?? 0;
  const sign = signs[0][0] as "=" | "<" | ">";
  const leftText = text.slice(0, at);
  const rightText = text.slice(at + 1);
  if (leftText.trim() === "" || rightText.trim() === "") throw caretError(label, text, leftText.trim() === "" ? at : text.length, `one side is empty: ${FORM}`);
  // Parsed side by side so a caret points into what the user typed; joined as brms joins them.
  const left = parseExpression(leftText, label, text, 0);
  const right = parseExpression(rightText, label, text, at + 1);
  const l = squeeze(leftText);
  const r = squeeze(rightText);
  const shown = `(${l})${r !== "0" ? `-(${r})` : ""} ${sign} 0`;

  const n = draws.chains * draws.draws;
  const columns = new Map<string, Float64Array>();
  for (const v of [...expressionVariables(left), ...expressionVariables(right)]) {
    const full = prefix + v;
    const k = draws.names.indexOf(full);
    if (k < 0 || SAMPLER.has(full)) {
      const shortNames = available.map((a) => a.slice(prefix.length));
      const where = text.indexOf(v);
      const hint = suggestion(v, shortNames);
      const cls = prefix === "" ? "" : ` (class '${prefix.slice(0, -1)}': '${v}' means '${full}'; use class "" to write full names)`;
      throw caretError(label, text, where < 0 ? 0 : where, `no parameter '${full}' in the fit${hint}${cls}`);
    }
    columns.set(v, variableOf(draws, k));
  }
  const value = (name: string): Float64Array => columns.get(name) as Float64Array;
  // brms leaves a right side of "0" out of the expression; x − 0 is x, so subtracting it changes nothing.
  const x = evaluateExpression({ kind: "binary", op: "-", left, right }, n, value);

  const lowP = sign === "=" ? alpha / 2 : alpha;
  const [estimate, estError, ciLower, ciUpper] = summaryR(x, [lowP, 1 - lowP], robust);
  let evidRatio = NaN;
  let postProb = NaN;
  if (sign === "=") {
    // Savage–Dickey, as brms with sample_prior = "yes": posterior over prior density of left − right at 0,
    // when every variable has prior draws (prior_<longest prefix of its name>); NA otherwise.
    const priorCols = new Map<string, Float64Array>();
    for (const v of columns.keys()) {
      const col = priorColumnFor(draws, prefix + v);
      if (col !== null) priorCols.set(v, col);
    }
    if (priorCols.size === columns.size) {
      const m = variableOf(draws, 0).length;
      const priorX = evaluateExpression({ kind: "binary", op: "-", left, right }, m, (name) => priorCols.get(name) as Float64Array);
      evidRatio = densityAt(x, 0) / densityAt(priorX, 0);
      postProb = evidRatio === Infinity ? 1 : evidRatio / (1 + evidRatio);
    }
  } else {
    let k = 0;
    for (let i = 0; i < n; i++) if (sign === "<" ? x[i] < 0 : x[i] > 0) k++;
    evidRatio = k / (n - k);
    postProb = evidRatio === Infinity ? 1 : evidRatio / (1 + evidRatio);
  }
  const star = sign === "=" ? !(ciLower <= 0 && 0 <= ciUpper) : postProb > 1 - alpha;
  return { hypothesis: shown, sign, estimate, estError, ciLower, ciUpper, evidRatio, postProb, star, draws: x };
}

/** Whitespace removed, as brms does before it prints a hypothesis. */
function squeeze(s: string): string {
  return s.replace(/\s+/g, "");
}

/**
 * brms's prior_draws(): the `prior_*` column whose name (without `prior_`) is the longest prefix of
 * `name` (`prior_b_wt` before `prior_b` for `b_wt`; `prior_sd_g` for `sd_g__Intercept`). An overall
 * intercept has none (brms: "sampling from the prior of an overall intercept is not possible"): the
 * mean's `b_Intercept` and a distributional part's (`b_sigma_Intercept`, categorical `b_mub_Intercept`).
 * A non-linear parameter's `b_a_Intercept` is an ordinary coefficient (brms's ignore_prior: no Intercept
 * class for a), so `prior_b_a` is its prior.
 */
function priorColumnFor(draws: Draws, name: string): Float64Array | null {
  const icpt = /^b_(?:(.*)_)?Intercept($|\[)/.exec(name);
  if (icpt && (icpt[1] === undefined || icpt[1] in DPAR_LINK || icpt[1].startsWith("mu"))) return null;
  let best = -1;
  let bestLength = 0;
  draws.names.forEach((n, k) => {
    if (!n.startsWith("prior_")) return;
    const stem = n.slice("prior_".length);
    if (stem.length > bestLength && name.startsWith(stem)) {
      best = k;
      bestLength = stem.length;
    }
  });
  return best < 0 ? null : variableOf(draws, best);
}

/** brms's print(): the table rounded to `digits`, then its legend. */
export function formatHypotheses(result: HypothesisResult, digits = 2): string {
  const grouped = result.rows.some((r) => r.group !== undefined);
  const head = [...(grouped ? ["Group"] : []), "Hypothesis", "Estimate", "Est.Error", "CI.Lower", "CI.Upper", "Evid.Ratio", "Post.Prob", "Star"];
  const num = (v: number): string => (Number.isNaN(v) ? "NA" : v === Infinity ? "Inf" : String(Number(v.toFixed(digits))));
  const body = result.rows.map((r) => [...(grouped ? [r.group ?? ""] : []), r.hypothesis, num(r.estimate), num(r.estError), num(r.ciLower), num(r.ciUpper), num(r.evidRatio), num(r.postProb), r.star ? "*" : ""]);
  const width = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]): string => cells.map((c, j) => c.padStart(width[j])).join(" ").trimEnd();
  const one = Math.round((1 - 2 * result.alpha) * 1000) / 10;
  const two = Math.round((1 - result.alpha) * 1000) / 10;
  return [
    `Hypothesis Tests for class ${result.class}:`,
    line(head),
    ...body.map(line),
    "---",
    `'CI': ${one}%-CI for one-sided and ${two}%-CI for two-sided hypotheses.`,
    `'*': For one-sided hypotheses, the posterior probability exceeds ${two}%;`,
    `for two-sided hypotheses, the value tested against lies outside the ${two}%-CI.`,
    "Posterior probabilities of point hypotheses assume equal prior probabilities.",
  ].join("\n");
}
