/**
 * Frame → design: population-level X (uncentred, with the column means brms centres by), offset,
 * response for the family, and per group term (`designRe`) the level index, Z and brms's names.
 */
import { UserError } from "../errors.js";
import { CENSORED_GLMM_FAMILIES } from "../glmm/types.js";
import { termColumns } from "./columns.js";
import type { FormulaData } from "./data.js";
import { checkDistributionalParts, checkResponse, familyInfo, splitDistributionalFormula, type AuxParameter, type DistributionalPart, type FamilyInfo } from "./families.js";
import { buildFrame, formulaColumns, type Frame, type FrameRe } from "./frame.js";
import { caretError } from "./errors.js";
import type { Learned } from "./evaluate.js";
import { parseFormulaParts, type ParsedFormula } from "./terms.js";
import { appendColumns, designSmooths, rowMajor, type DesignSmooth } from "./smoothDesign.js";
import { smoothTermColumns } from "./smoothTerm.js";
import { designMonotonic, monotonicColumns, type DesignMonotonic } from "./monotonic.js";
import { splitNonlinearFormula } from "./nonlinear.js";
import { buildNonlinearDesign, type DesignNonlinear } from "./nonlinearDesign.js";
import { refuseKnownCovOutsideMean, withKnownCov, type KnownCovariance, type KnownCovariances } from "./knownCov.js";
import { categoricalDesign, categoricalMuNames, categoricalParts, checkCategoricalFormula, checkCategoricalText, type CategoricalMu } from "./categorical.js";

export interface DesignGroup {
  /** The grouping factor as brms names it: `county`, `g1:g2`. */
  readonly group: string;
  /** The group term as written, e.g. `(1 + x | county)`. */
  readonly text: string;
  readonly levels: readonly string[];
  /** 0-based level per row (−1 only in new-data designs, for a level the fit did not see). */
  readonly index: Int32Array;
  /** Effect names: `Intercept`, `x`, `faclo`. */
  readonly terms: readonly string[];
  /** n × terms, row-major. */
  readonly Z: Float64Array;
  readonly correlated: boolean;
  /** brms's parameter names: `sd_county__Intercept`, `cor_g__Intercept__x`, `r_county[AITKIN,Intercept]`. */
  readonly names: { readonly sd: readonly string[]; readonly cor: readonly string[]; readonly r: readonly string[] };
  /** brms's `gr(g, cov = A)`: the matrix's name and, in the mean's design, the lower Cholesky factor of A over `levels` (J × J row-major). */
  readonly cov?: { readonly name: string; readonly L?: Float64Array; readonly A?: KnownCovariance };
}

export interface FormulaDesign {
  readonly formula: string;
  readonly family: FamilyInfo;
  readonly n: number;
  /** Original (0-based) data row of each design row (rows with missing values are dropped). */
  readonly rows: Int32Array;
  readonly response: {
    readonly label: string;
    readonly y: Float64Array;
    readonly trials: Float64Array | null;
    readonly se: Float64Array | null;
    readonly weights: Float64Array | null;
    /** brms's cens(): codes per row (−1 left, 0 none, 1 right, 2 interval) and the interval rows' upper bounds. */
    readonly cens?: Int32Array;
    readonly censUpper?: Float64Array;
    /** brms's trunc(lb, ub): per-row bounds of the bounds given. */
    readonly truncLower?: Float64Array;
    readonly truncUpper?: Float64Array;
    /** cumulative: the K category labels, lowest first (y holds codes 1 … K). */
    readonly categories?: readonly string[];
  };
  readonly intercept: boolean;
  /** Population-level predictors without the intercept column: uncentred, n × p row-major. */
  readonly X: { readonly names: readonly string[]; readonly values: Float64Array; readonly means: Float64Array };
  /** brms's names of the population-level coefficients: `b_Intercept`, `b_x`. */
  readonly bNames: readonly string[];
  readonly offset: Float64Array | null;
  readonly groups: readonly DesignGroup[];
  /** brms's s() terms: their Xs columns are the last columns of X (`bs_sx_1`), their Zs blocks here. */
  readonly smooths?: readonly DesignSmooth[];
  /** brms's monotonic terms mo(x): codes 0 … D per row, `bsp_mox`, `simo_mox1[k]` (monotonic.ts). */
  readonly monotonic?: readonly DesignMonotonic[];
  /** The distributional parameters estimated as one constant (sigma is dropped with `se()`; modelled ones are in dpars). */
  readonly aux: readonly string[];
  /** brms's distributional formulas (`sigma ~ x`): one linear predictor per modelled family parameter. */
  readonly dpars: readonly DesignDpar[];
  /** brms's non-linear formulas (nl = TRUE): the mean is this expression (intercept, X and groups are then empty). */
  readonly nonlinear?: DesignNonlinear;
  readonly messages: readonly string[];
  /** What new data need to be encoded the same way. */
  readonly encoding: { readonly parsed: ParsedFormula; readonly learned: Learned };
}

/** A modelled family parameter's population-level design (brms's `dpar`), on the parameter's link scale. */
export interface DesignDpar {
  /** A family parameter, or the categorical family's predictor of one category (`muB`, src/formula/categorical.ts). */
  readonly dpar: AuxParameter | CategoricalMu;
  /** The part as written, `sigma ~ Days`. */
  readonly text: string;
  readonly intercept: boolean;
  /** Uncentred, n × p row-major, with the column means brms centres by (as the mean's X). */
  readonly X: { readonly names: readonly string[]; readonly values: Float64Array; readonly means: Float64Array };
  /** brms's names: `b_sigma_Intercept`, `b_sigma_Days`. */
  readonly bNames: readonly string[];
  /** The part's group terms (`sigma ~ (1 | g)`), named as brms's: `sd_g__sigma_Intercept`, `r_g__sigma[a,Intercept]`. */
  readonly groups: readonly DesignGroup[];
  /** The part's s() terms (`sigma ~ s(x)`): their Xs are the last columns of X (`bs_sigma_sx_1`), names `sds_sigma_sx_1`. */
  readonly smooths?: readonly DesignSmooth[];
  readonly encoding: { readonly parsed: ParsedFormula; readonly learned: Learned };
}

/**
 * Parse a distributional part as its own formula (`sigma ~ z + (1 | g)`, so carets point into what the
 * user wrote). brms's `(1 | ID | g)` (effects correlated across parts) and offsets are refused with a message.
 */
export function parseDpar(d: DistributionalPart): ParsedFormula {
  const across = /\|\s*[^|()\s][^|()]*\|/.exec(d.text);
  if (across) {
    throw caretError("formula", d.text, across.index, `'(… | ID | g)' (group effects correlated across formulas) is not supported: write (… | g) in each formula; their effects are then independent`);
  }
  const parsed = parseFormulaParts(d.text);
  if (parsed.offsets.length > 0) throw new UserError(`formula: '${d.text}': offsets in a distributional formula are not supported`);
  return { ...parsed, response: null };
}

/** Names of a distributional part's coefficients, brms's: `b_sigma_Intercept`, `b_sigma_x`. */
export function dparNames(dpar: string, intercept: boolean, names: readonly string[]): string[] {
  return [...(intercept ? [`b_${dpar}_Intercept`] : []), ...names.map((x) => `b_${dpar}_${x}`)];
}

export interface DesignOptions {
  /** brms family name; default gaussian. `cumulative` (logit) or `cumulative(probit)` for ordinal responses. */
  readonly family?: string;
  /** cumulative: the order of the response's categories, lowest first (needed for a text response). */
  readonly levels?: readonly string[];
  /** brms's `data2`: known covariance matrices that `gr(g, cov = A)` names. */
  readonly data2?: KnownCovariances;
}

/**
 * A distributional part's group term under brms's names: the effects carry the part's name,
 * `sd_g__sigma_Intercept`, `cor_g__sigma_Intercept__sigma_x`, `r_g__sigma[a,Intercept]`.
 */
function dparGroup(g: DesignGroup, dpar: string): DesignGroup {
  return { ...g, names: groupNames(g.group, g.terms, g.levels, g.correlated, dpar) };
}

/**
 * brms's names of one group term's parameters: sd per term, cor in upper-triangle order (correlated
 * only), r term-major (`r_g[level,term]` at m · levels + j). A distributional part `dpar` ("" for the
 * mean) prefixes its terms and suffixes the group of r.
 */
export function groupNames(group: string, terms: readonly string[], levels: readonly string[], correlated: boolean, dpar = ""): DesignGroup["names"] {
  const p = dpar === "" ? "" : `${dpar}_`;
  const rg = dpar === "" ? group : `${group}__${dpar}`;
  const cor: string[] = [];
  if (correlated) for (let a = 0; a < terms.length; a++) for (let b = a + 1; b < terms.length; b++) cor.push(`cor_${group}__${p}${terms[a]}__${p}${terms[b]}`);
  const r: string[] = [];
  for (const t of terms) for (const l of levels) r.push(`r_${rg}[${l},${t}]`);
  return { sd: terms.map((t) => `sd_${group}__${p}${t}`), cor, r };
}

/** One group term's Z (Intercept first, as brms) and names. */
export function designRe(fr: FrameRe, n: number): DesignGroup {
  const cols = termColumns(fr.re.part, fr.variables, n);
  const terms = [...(fr.re.part.intercept ? ["Intercept"] : []), ...cols.names];
  const columns = [...(fr.re.part.intercept ? [new Float64Array(n).fill(1)] : []), ...cols.columns];
  const g = fr.re.group;
  return {
    group: g,
    text: fr.re.text,
    levels: fr.levels,
    index: fr.codes,
    terms,
    Z: rowMajor(columns, n),
    correlated: fr.re.correlated && terms.length > 1,
    names: groupNames(g, terms, fr.levels, fr.re.correlated),
    ...(fr.re.cov ? { cov: { name: fr.re.cov.name } } : {}),
  };
}

/** The population-level part of a frame: X, means, names. Shared with new-data designs. */
export function designFixed(parsed: ParsedFormula, frame: Frame): { names: string[]; values: Float64Array; means: Float64Array } {
  const cols = termColumns(parsed.fixed, frame.fixed, frame.n);
  const means = new Float64Array(cols.columns.length);
  if (parsed.fixed.intercept) {
    cols.columns.forEach((c, k) => {
      let s = 0;
      for (let i = 0; i < c.length; i++) s += c[i];
      means[k] = s / c.length;
    });
  }
  return { names: [...cols.names], values: rowMajor(cols.columns, frame.n), means };
}

function checkDuplicateEffects(groups: readonly DesignGroup[]): void {
  const seen = new Map<string, string>();
  for (const g of groups) {
    for (const t of g.terms) {
      const key = `${g.group}\u0000${t}`;
      const prev = seen.get(key);
      if (prev !== undefined) throw new UserError(`the effect '${t}' of '${g.group}' appears in both ${prev} and ${g.text}; give each effect once per grouping factor`);
      seen.set(key, g.text);
    }
  }
}

/** `b_Intercept`, or the cumulative family's thresholds `b_Intercept[1]` … `b_Intercept[K − 1]` (brms's names). */
export function interceptNames(intercept: boolean, categories: readonly string[] | undefined): string[] {
  if (!intercept) return [];
  if (!categories) return ["b_Intercept"];
  return categories.slice(1).map((_, k) => `b_Intercept[${k + 1}]`);
}

/** Formula text + data (+ family) → the design. Errors are `UserError`s the user can act on. */
export function buildDesign(formula: string, data: FormulaData, options: DesignOptions = {}): FormulaDesign {
  const nl = splitNonlinearFormula(formula);
  if (nl) return buildNonlinearDesign(formula, nl, data, options);
  const split = splitDistributionalFormula(formula);
  const family = familyInfo(options.family ?? "gaussian");
  if (family.name === "categorical") checkCategoricalText(split.main);
  const parsed = parseFormulaParts(split.main);
  if (!parsed.response) throw new UserError(`formula: a response is needed on the left of '~' (e.g. y ${split.main.trim()})`);
  checkDistributionalParts(family, split.dpars, parsed.response.se !== undefined);
  if (split.dpars.length > 0 && family.name === "cumulative") throw new UserError("formula: the cumulative family has no distributional parameters to model");
  if (family.name === "categorical") checkCategoricalFormula(parsed, split.dpars.length);
  const dparParsed = split.dpars.map(parseDpar);
  refuseKnownCovOutsideMean(dparParsed);
  const dparColumns = dparParsed.flatMap((d) => [...formulaColumns(d), ...(d.smooths ?? []).flatMap(smoothTermColumns)]);
  const smoothVars = [...(parsed.smooths ?? []).flatMap(smoothTermColumns), ...(parsed.monotonic ?? []).flatMap(monotonicColumns)];
  for (const d of [...dparParsed, ...(family.name === "categorical" ? [parsed] : [])]) {
    const m = d.monotonic?.[0];
    if (m) throw caretError("formula", d.text, m.vars.find((v) => v.kind === "mo")?.pos ?? m.pos, `mo() is supported in the mean's formula only${family.name === "categorical" ? ", not with the categorical family" : ""}`);
  }
  const frame = buildFrame(parsed, data, { alsoRequire: [...dparColumns, ...smoothVars] });
  const messages = [...frame.messages];

  const resp = frame.response as NonNullable<Frame["response"]>;
  let trials = frame.trials;
  if (frame.failures) {
    const y = resp.kind === "numeric" ? resp.values : null;
    if (family.name !== "binomial") throw new UserError(`cbind(successes, failures) is for the binomial family, not ${family.name}`);
    if (y) trials = y.map((v, i) => v + (frame.failures as Float64Array)[i]);
  }
  if (frame.se && family.name !== "gaussian") throw new UserError(`se() (known standard errors) is supported for the gaussian family, not ${family.name}`);
  if (frame.cens && !CENSORED_GLMM_FAMILIES.includes(family.name)) {
    throw new UserError(`cens() (censored responses) is supported for the ${CENSORED_GLMM_FAMILIES.join(", ")} families, not ${family.name}`);
  }
  if ((frame.truncLower || frame.truncUpper) && !CENSORED_GLMM_FAMILIES.includes(family.name)) {
    throw new UserError(`trunc() (truncated responses) is supported for the ${CENSORED_GLMM_FAMILIES.join(", ")} families, not ${family.name}`);
  }
  const checked = checkResponse(family, {
    label: parsed.response.label,
    values: resp.kind === "numeric" ? resp.values : null,
    factor: resp.kind === "factor" ? resp : null,
    trials,
    rows: frame.rows,
    ...(options.levels ? { levels: options.levels } : {}),
  });
  if (family.name === "cumulative" && !parsed.fixed.intercept) {
    throw new UserError("family cumulative: the thresholds are the model's intercept, so it needs one: remove '0 +' / '- 1' from the formula");
  }
  messages.push(...checked.messages);

  const fixed0 = designFixed(parsed, frame);
  // brms's Xs after X, not centred (its columns sum to zero by the smooth's constraint).
  const sm = designSmooths(parsed.smooths ?? [], data, frame.rows);
  const fixed = sm.smooths.length === 0 ? fixed0 : appendColumns(fixed0, sm.xs, frame.n);
  const groups = frame.re.map((fr) => withKnownCov(designRe(fr, frame.n), fr.re, options.data2, split.main));
  checkDuplicateEffects(groups);
  const monotonic = designMonotonic(parsed.monotonic ?? [], data, frame.rows);
  const mainColumns = formulaColumns(parsed);
  const dpars: DesignDpar[] = split.dpars.map((d, k) => {
    const fr = buildFrame(dparParsed[k], data, { alsoRequire: [...mainColumns, ...smoothVars, ...dparColumns] });
    const X0 = designFixed(dparParsed[k], fr);
    // The part's smooths: Xs after its X (brms's bs_sigma_sx_1), Zs blocks named sds_sigma_sx_1, s_sigma_sx_1[j].
    const dsm = designSmooths(dparParsed[k].smooths ?? [], data, fr.rows, d.dpar);
    const X = dsm.smooths.length === 0 ? X0 : appendColumns(X0, dsm.xs, fr.n);
    const dGroups = fr.re.map((r) => dparGroup(designRe(r, fr.n), d.dpar));
    checkDuplicateEffects(dGroups);
    const bNames = [...dparNames(d.dpar, dparParsed[k].fixed.intercept, X0.names), ...dsm.xs.names.map((x) => `bs_${d.dpar}_${x}`)];
    return { dpar: d.dpar, text: d.text, intercept: dparParsed[k].fixed.intercept, X, bNames, groups: dGroups, ...(dsm.smooths.length > 0 ? { smooths: dsm.smooths } : {}), encoding: { parsed: dparParsed[k], learned: fr.learned } };
  });
  const aux = family.aux.filter((a) => !(a === "sigma" && frame.se) && !dpars.some((d) => d.dpar === a));
  // categorical: the formula's right-hand side is each non-reference category's predictor; the mean's part is empty.
  const categories = family.name === "categorical" ? (checked.categories as readonly string[]) : null;
  const mus = categories ? categoricalParts(categoricalMuNames(categories), parsed, fixed, groups, frame.learned, dparGroup, dparNames) : null;
  if (categories && mus) {
    return categoricalDesign({ formula, family, rows: frame.rows, label: parsed.response.label, y: checked.y, categories, mus, messages, parsed, learned: frame.learned });
  }
  return {
    formula,
    family,
    n: frame.n,
    rows: frame.rows,
    response: {
      label: parsed.response.label,
      y: checked.y,
      trials: checked.trials,
      se: frame.se,
      weights: frame.weights,
      ...(frame.cens ? { cens: frame.cens } : {}),
      ...(frame.censUpper ? { censUpper: frame.censUpper } : {}),
      ...(frame.truncLower ? { truncLower: frame.truncLower } : {}),
      ...(frame.truncUpper ? { truncUpper: frame.truncUpper } : {}),
      ...(checked.categories ? { categories: checked.categories } : {}),
    },
    intercept: parsed.fixed.intercept,
    X: fixed,
    bNames: [...interceptNames(parsed.fixed.intercept, checked.categories), ...fixed0.names.map((x) => `b_${x}`), ...sm.xs.names.map((x) => `bs_${x}`)],
    offset: frame.offset,
    groups,
    ...(sm.smooths.length > 0 ? { smooths: sm.smooths } : {}),
    ...(monotonic.length > 0 ? { monotonic } : {}),
    aux,
    dpars,
    messages,
    encoding: { parsed, learned: frame.learned },
  };
}
