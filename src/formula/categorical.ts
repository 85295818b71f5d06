/**
 * brms's `categorical` family (unordered categories, multinomial logit): the response as codes 1 … K
 * in R's `levels(factor(y))` order, the first category the reference (η = 0), and one linear predictor
 * per other category, brms's distributional parameters `mu<label>` (`muB`, `mu2`). Each predictor is
 * the formula's right-hand side again, so the design carries them as distributional parts (their own
 * X, group terms and names `b_muB_x`, `sd_g__muB_Intercept`, `r_g__muB[a,Intercept]`) and the mean's
 * own part is empty.
 */
import { UserError } from "../errors.js";
import type { DesignDpar, DesignGroup, FormulaDesign } from "./design.js";
import type { Learned } from "./evaluate.js";
import type { FamilyInfo, ResponseInput } from "./families.js";
import { formatR } from "./rformat.js";
import type { ParsedFormula } from "./terms.js";

/** A categorical predictor's name: `mu` and the category label as brms writes it. */
export type CategoricalMu = `mu${string}`;

/** The family as brms spells it: `categorical` or `categorical(logit)` / `categorical(link = "logit")`. */
export const CATEGORICAL = /^categorical\s*(?:\(\s*(?:link\s*=\s*)?["']?([A-Za-z]*)["']?\s*\))?$/;

/**
 * brms's names of the non-reference predictors: `make_stan_names(paste0("mu", levels))`, i.e. R's
 * `make.names(unique = TRUE)` with its dots and underscores removed. make.names turns every character
 * that is not a letter, digit, dot or underscore into a dot, so `a b` and `a-b` both become `muab`;
 * a repeat gets make.names' `.1`, `.2` suffix, here `1`, `2`.
 */
export function categoricalMuNames(categories: readonly string[]): CategoricalMu[] {
  const made = categories.slice(1).map((c) => `mu${c}`.replace(/[^\p{L}\p{N}._]/gu, "."));
  const seen = new Map<string, number>();
  const unique = made.map((m) => {
    const count = seen.get(m) ?? 0;
    seen.set(m, count + 1);
    return count === 0 ? m : `${m}.${count}`;
  });
  return unique.map((m) => m.replace(/[._]/g, "") as CategoricalMu);
}

/** Whether a distributional part's name is a categorical predictor's (`muB`), not one of the family parameters. */
export function isCategoricalMu(dpar: string): dpar is CategoricalMu {
  return /^mu./u.test(dpar);
}

/**
 * The response as codes 1 … K and its K labels: text in R's factor() order (the frame already sorts
 * it), numbers sorted numerically as R's factor() of a numeric vector, labelled as R prints them. With
 * `levels` the categories are those, in that order (the first the reference), as an R factor whose
 * levels were set; a saved fit passes its categories back this way.
 */
export function categoricalResponse(r: ResponseInput, fail: (i: number, must: string, v: number | string) => UserError): { y: Float64Array; categories: string[] } {
  if (r.trials) throw new UserError("family categorical: trials() and cbind() are for the binomial family");
  const n = r.rows.length;
  const labelOf = (i: number): string => (r.factor ? r.factor.levels[r.factor.codes[i]] : formatR((r.values as Float64Array)[i]));
  let y: Float64Array;
  let categories: string[];
  if (r.levels) {
    categories = [...r.levels];
    const dup = categories.find((l, k) => categories.indexOf(l) !== k);
    if (dup !== undefined) throw new UserError(`family categorical: levels name '${dup}' twice`);
    const code = new Map(categories.map((l, k) => [l, k + 1]));
    y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = code.get(labelOf(i));
      if (k === undefined) throw fail(i, `one of the levels ${categories.join(", ")}`, labelOf(i));
      y[i] = k;
    }
  } else if (r.factor) {
    y = Float64Array.from(r.factor.codes, (c) => c + 1);
    categories = [...r.factor.levels];
  } else {
    const v = r.values as Float64Array;
    for (let i = 0; i < n; i++) if (!Number.isFinite(v[i])) throw fail(i, "a category (text or a number)", v[i]);
    const sorted = [...new Set(v)].sort((a, b) => a - b);
    const code = new Map(sorted.map((x, k) => [x, k + 1]));
    y = Float64Array.from(v, (x) => code.get(x) as number);
    categories = sorted.map(formatR);
  }
  if (categories.length < 3) {
    throw new UserError(
      `family categorical: the response '${r.label}' has ${categories.length} categor${categories.length === 1 ? "y" : "ies"} (${categories.join(", ")}); categorical needs at least 3: for two use the bernoulli family`,
    );
  }
  return { y, categories };
}

/**
 * The categorical model's parts: one distributional part per non-reference category, each the
 * formula's right-hand side (shared X and group columns) under that category's names.
 */
export function categoricalParts(
  mus: readonly CategoricalMu[],
  rhs: ParsedFormula,
  X: DesignDpar["X"],
  groups: readonly DesignGroup[],
  learned: DesignDpar["encoding"]["learned"],
  named: (g: DesignGroup, mu: string) => DesignGroup,
  bNames: (mu: string, intercept: boolean, names: readonly string[]) => string[],
): DesignDpar[] {
  const intercept = rhs.fixed.intercept;
  const text = rhs.text.slice(rhs.text.indexOf("~") + 1).trim();
  return mus.map((mu) => ({
    dpar: mu,
    text: `${mu} ~ ${text}`,
    intercept,
    X,
    bNames: bNames(mu, intercept, X.names),
    groups: groups.map((g) => named(g, mu)),
    encoding: { parsed: { ...rhs, response: null }, learned },
  }));
}

/**
 * A categorical model's design: the mean's own part empty (no X, group terms or family parameters), the
 * non-reference categories' predictors as its distributional parts. Built from data (design.ts) and from
 * model.json (predict/categoricalSaved.ts, with no rows), so both give the same shape.
 */
export function categoricalDesign(d: {
  readonly formula: string;
  readonly family: FamilyInfo;
  readonly rows: Int32Array;
  readonly label: string;
  readonly y: Float64Array;
  readonly categories: readonly string[];
  readonly mus: DesignDpar[];
  readonly messages: readonly string[];
  readonly parsed: ParsedFormula;
  readonly learned: Learned;
}): FormulaDesign {
  return {
    formula: d.formula,
    family: d.family,
    n: d.rows.length,
    rows: d.rows,
    response: { label: d.label, y: d.y, trials: null, se: null, weights: null, categories: d.categories },
    intercept: false,
    X: { names: [], values: new Float64Array(0), means: new Float64Array(0) },
    bNames: [],
    offset: null,
    groups: [],
    aux: [],
    dpars: d.mus,
    messages: d.messages,
    encoding: { parsed: emptyMeanPart(d.parsed), learned: d.learned },
  };
}

/** The mean's part of a categorical design: the response alone (no intercept, terms or group terms). */
function emptyMeanPart(parsed: ParsedFormula): ParsedFormula {
  return { ...parsed, fixed: { intercept: false, terms: [], variables: [] }, re: [], offsets: [], smooths: [] };
}

/**
 * brms's `(1 | ID | g)` correlates a group's effects across the categories' predictors; refused by
 * its text, before the parser reads the second bar as a malformed group term.
 */
export function checkCategoricalText(text: string): void {
  if (/\|\s*[^|()\s][^|()]*\|/.test(text)) {
    throw new UserError("family categorical: '(… | ID | g)' (group effects correlated across categories) is not supported: write (… | g), whose effects are independent per category");
  }
}

/** What the categorical family does not support yet, refused before the design is built. */
export function checkCategoricalFormula(parsed: ParsedFormula, distributional: number): void {
  const at = `family categorical`;
  if (distributional > 0) throw new UserError(`${at}: per-category formulas (muB ~ …) are not supported yet; every category's predictor uses the formula's right-hand side`);
  if (parsed.offsets.length > 0) throw new UserError(`${at}: offsets are not supported`);
  if ((parsed.smooths ?? []).length > 0) throw new UserError(`${at}: s() smooth terms are not supported yet`);
  const r = parsed.response;
  if (r && (r.se || r.weights || r.cens || r.truncLower || r.truncUpper)) throw new UserError(`${at}: se(), weights(), cens() and trunc() are not supported for categorical responses`);
}
