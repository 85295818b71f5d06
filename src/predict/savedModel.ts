/**
 * What predictions need from a fitted formula model, as plain JSON (`model.json` beside the draws of
 * `hbayes fit --out`): the formula, family and priors, and the design's encoding — factor and group
 * levels, scale() centres and scales, the predictor names and the column means brms centres by.
 * `designFromSaved` turns it back into a design without rows, which `designNewData` and the
 * prediction functions accept as they accept the fitted design. Versioned by `schema`.
 */
import { UserError } from "../errors.js";
import type { FormulaDesign, DesignGroup } from "../formula/design.js";
import type { SplineKnots } from "../formula/basis.js";
import { familyInfo, familyLabel, splitDistributionalFormula } from "../formula/families.js";
import { dparNames, groupNames, interceptNames, parseDpar, type DesignDpar } from "../formula/design.js";
import { parseFormulaParts, type ParsedFormula } from "../formula/terms.js";
import type { Learned } from "../formula/evaluate.js";
import { smoothNames, type DesignSmooth } from "../formula/smoothDesign.js";
import type { SmoothState } from "../formula/smooth.js";
import { isSavedT2State, type T2State } from "../formula/smoothT2.js";
import { splitNonlinearFormula } from "../formula/nonlinear.js";
import { nonlinearFromSaved, saveNonlinear, type SavedNonlinear } from "./nonlinearSaved.js";
import { categoricalFromSaved } from "./categoricalSaved.js";
import { restoreMonotonic, saveMonotonic, type SavedMonotonic } from "../formula/monotonic.js";

export const SAVED_MODEL_SCHEMA = "hbayes-formula-model/1";

export interface SavedFormulaModel {
  readonly schema: typeof SAVED_MODEL_SCHEMA;
  readonly formula: string;
  readonly family: string;
  readonly priors: readonly string[];
  /** The training data file, for the record only (predictions do not read it). */
  readonly data: string | null;
  readonly response: string;
  readonly intercept: boolean;
  readonly X: { readonly names: readonly string[]; readonly means: readonly number[] };
  readonly levels: readonly (readonly [string, readonly string[]])[];
  readonly scales: readonly (readonly [string, { readonly center: number; readonly scale: number }])[];
  /** `poly(x, d)`'s recurrence coefficients by label (models saved before poly() have none). */
  readonly polys?: readonly (readonly [string, { readonly alpha: readonly number[]; readonly norm2: readonly number[] }])[];
  /** `bs()` / `ns()`'s knots by label (models saved before splines have none). */
  readonly splines?: readonly (readonly [string, SplineKnots])[];
  readonly groups: readonly { readonly group: string; readonly terms: readonly string[]; readonly levels: readonly string[]; readonly correlated: boolean }[];
  readonly aux: readonly string[];
  /** Binomial without trials(): the number of trials the fit used for every row (brms's fallback), else null. */
  readonly constantTrials: number | null;
  /** cumulative: the response's K category labels, lowest first; categorical: its K categories, the reference first (absent for other families). */
  readonly categories?: readonly string[];
  /**
   * Distributional formulas (`sigma ~ x`; absent when there are none): the parameter, its intercept,
   * predictor names and centring means, and the levels / scales its own variables learned.
   */
  readonly dpars?: readonly SavedDpar[];
  /** s() terms (absent without any): brms's label and term, the basis (knots, transforms) and the Xs names. */
  readonly smooths?: readonly SavedSmooth[];
  /** Non-linear formulas (nl = TRUE; absent otherwise): the expression's columns and each parameter's encoding. */
  readonly nonlinear?: SavedNonlinear;
  /** mo() terms (absent without any): the fitted minimum and D of each, to code new rows. */
  readonly monotonic?: readonly SavedMonotonic[];
}

export interface SavedSmooth {
  readonly label: string;
  readonly term: string;
  readonly q: number;
  readonly xsNames: readonly string[];
  readonly state: SmoothState | T2State;
}

export interface SavedDpar {
  readonly dpar: string;
  readonly intercept: boolean;
  readonly X: { readonly names: readonly string[]; readonly means: readonly number[] };
  readonly levels: readonly (readonly [string, readonly string[]])[];
  readonly scales: readonly (readonly [string, { readonly center: number; readonly scale: number }])[];
  readonly polys?: SavedFormulaModel["polys"];
  readonly splines?: SavedFormulaModel["splines"];
  /** The part's group terms (`sigma ~ (1 | g)`; absent in models saved before they existed, or without any). */
  readonly groups?: SavedFormulaModel["groups"];
  /** The part's s() terms (`sigma ~ s(x)`; absent without any). */
  readonly smooths?: readonly SavedSmooth[];
}

export function saveFormulaModel(design: FormulaDesign, priors: readonly string[], dataFile: string | null): SavedFormulaModel {
  const r = design.encoding.parsed.response;
  const t = design.response.trials;
  const constantTrials = design.family.name === "binomial" && !r?.trials && !r?.failures && t && t.length > 0 ? t[0] : null;
  return {
    schema: SAVED_MODEL_SCHEMA,
    formula: design.formula,
    family: familyLabel(design.family),
    priors: [...priors],
    data: dataFile,
    response: design.response.label,
    intercept: design.intercept,
    X: { names: [...design.X.names], means: Array.from(design.X.means) },
    ...saveLearned(design.encoding.learned),
    groups: saveGroups(design.groups),
    aux: [...design.aux],
    constantTrials,
    ...(design.response.categories ? { categories: [...design.response.categories] } : {}),
    ...(design.dpars.length > 0
      ? {
          dpars: design.dpars.map((d) => ({
            dpar: d.dpar,
            intercept: d.intercept,
            X: { names: [...d.X.names], means: Array.from(d.X.means) },
            ...saveLearned(d.encoding.learned),
            ...(d.groups.length > 0 ? { groups: saveGroups(d.groups) } : {}),
            ...(d.smooths && d.smooths.length > 0 ? { smooths: d.smooths.map(saveSmooth) } : {}),
          })),
        }
      : {}),
    ...(design.smooths && design.smooths.length > 0
      ? { smooths: design.smooths.map(saveSmooth) }
      : {}),
    ...(design.nonlinear ? { nonlinear: saveNonlinear(design.nonlinear, saveLearned, saveGroups) } : {}),
    ...(design.monotonic ? { monotonic: design.monotonic.map(saveMonotonic) } : {}),
  };
}

function saveSmooth(sm: DesignSmooth): SavedSmooth {
  return { label: sm.label, term: sm.term, q: sm.q, xsNames: [...sm.xsNames], state: sm.state };
}

/**
 * Saved smooths against the formula's s() terms: each saved smooth belongs to the term with its brms
 * term (a factor by's levels and a t2's blocks are several saved smooths of one term), with a basis of the right shape.
 */
function restoreSmooths(parsed: ParsedFormula, saved: unknown, dpar?: string): DesignSmooth[] {
  const terms = parsed.smooths ?? [];
  const list = saved === undefined ? [] : saved;
  if (!Array.isArray(list)) throw bad("smooths must be a list");
  const numbers = (a: unknown): boolean => Array.isArray(a) && a.every((v) => typeof v === "number" && Number.isFinite(v));
  const out = list.map((item, k) => {
    const sm = item as Partial<SavedSmooth> | null;
    const t = terms.find((tt) => tt.term === sm?.term);
    if (t?.t2 && sm && isSavedT2State(sm.state) && sm.state.nPen === sm.q && sm.label === t.label && isStringArray(sm.xsNames)) {
      return { label: t.label, termLabel: t.label, term: t.term, text: t.text, state: sm.state, nb: sm.state.block + 1, Zs: new Float64Array(0), q: sm.q, xsNames: sm.xsNames as readonly string[], names: smoothNames(dpar !== undefined ? `${dpar}_${t.label}` : t.label, sm.q, sm.state.block + 1) };
    }
    const st = sm?.state as Partial<SmoothState> | undefined;
    const raw = st?.raw as { kind?: unknown; k?: unknown } | undefined;
    const kk = raw?.k as number;
    const by = st?.by as Partial<NonNullable<SmoothState["by"]>> | undefined;
    const byOk = t?.by === undefined ? by === undefined : by?.variable === t.by && (by.kind === "numeric" || (by.kind === "factor" && isStringArray(by.levels) && (by.levels as string[]).includes(by.level as string)));
    const ok =
      t && sm && typeof sm.label === "string" && (sm.label === t.label || (by?.kind === "factor" && sm.label.startsWith(t.label))) && Number.isInteger(sm.q) && isStringArray(sm.xsNames) && st && raw && (raw.kind === "tp" || raw.kind === "cr") &&
      Number.isInteger(kk) && numbers(st.transform) && [kk * (kk - 1), kk * kk].includes((st.transform as number[]).length) && st.nPen === sm.q && byOk;
    if (!ok) throw bad(`smooths[${k}] does not match any of the formula's s() terms (${terms.map((tt) => tt.text).join(", ")})`);
    const s = sm as SavedSmooth;
    return { label: s.label, termLabel: t.label, term: s.term, text: t.text, state: s.state, nb: 1, Zs: new Float64Array(0), q: s.q, xsNames: s.xsNames, names: smoothNames(dpar !== undefined ? `${dpar}_${s.label}` : s.label, s.q) };
  });
  const missing = terms.find((t) => !out.some((sm) => sm.term === t.term));
  if (missing) throw bad(`the formula's ${missing.text} has no saved smooth`);
  return out;
}

/** A part's group terms as model.json lists them (restoreGroups' input): the mean's and each distributional part's alike. */
function saveGroups(groups: readonly DesignGroup[]): SavedFormulaModel["groups"] {
  return groups.map((g) => ({ group: g.group, terms: [...g.terms], levels: [...g.levels], correlated: g.correlated }));
}

type SavedLearned = Pick<SavedFormulaModel, "levels" | "scales" | "polys" | "splines">;

/** What a formula part learned from the fitting data, as JSON lists: the mean's and each distributional part's alike. */
function saveLearned(learned: Learned): Required<SavedLearned> {
  return {
    levels: [...learned.levels.entries()].map(([k, v]) => [k, [...v]] as const),
    scales: [...learned.scales.entries()].map(([k, v]) => [k, { center: v.center, scale: v.scale }] as const),
    polys: [...(learned.polys ?? new Map()).entries()].map(([k, v]) => [k, { alpha: [...v.alpha], norm2: [...v.norm2] }] as const),
    splines: [...(learned.splines ?? new Map()).entries()].map(([k, v]) => [k, { kind: v.kind, degree: v.degree, knots: [...v.knots], boundary: [v.boundary[0], v.boundary[1]] }] as const),
  };
}

/** saveLearned's inverse; models saved before poly() or splines have no polys / splines. */
function restoreLearned(s: SavedLearned): Learned {
  return {
    levels: new Map(s.levels.map(([k, v]) => [k, v])),
    scales: new Map(s.scales.map(([k, v]) => [k, { center: v.center, scale: v.scale }])),
    polys: new Map((s.polys ?? []).map(([k, v]) => [k, { alpha: [...v.alpha], norm2: [...v.norm2] }])),
    splines: new Map((s.splines ?? []).map(([k, v]) => [k, { kind: v.kind, degree: v.degree, knots: [...v.knots], boundary: [v.boundary[0], v.boundary[1]] as const }])),
  };
}

/** Saved group terms against the formula's (of the mean, or of the distributional part `dpar`): names as the fit's. */
function restoreGroups(parsed: ParsedFormula, saved: SavedFormulaModel["groups"], dpar: string): DesignGroup[] {
  const where = dpar === "" ? "" : ` of the ${dpar} formula`;
  if (!Array.isArray(saved) || parsed.re.length !== saved.length) throw bad(`the formula${where} has ${parsed.re.length} group terms but ${Array.isArray(saved) ? saved.length : "no list of"} groups are listed`);
  return saved.map((g, gi) => {
    const re = parsed.re[gi];
    if (!g || re.group !== g.group || !isStringArray(g.terms) || !isStringArray(g.levels)) throw bad(`group ${gi + 1}${where} does not match the formula's ${re.text}`);
    return {
      group: g.group,
      text: re.text,
      levels: g.levels,
      index: new Int32Array(0),
      terms: g.terms,
      Z: new Float64Array(0),
      correlated: g.correlated === true,
      names: groupNames(g.group, g.terms, g.levels, g.correlated === true, dpar),
    };
  });
}

function bad(what: string): UserError {
  return new UserError(`model.json: ${what}; write it again with hbayes fit --out`);
}

function isPolyEntry(x: unknown): boolean {
  if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== "string") return false;
  const c = x[1] as { alpha?: unknown; norm2?: unknown } | null;
  const numbers = (a: unknown): a is number[] => Array.isArray(a) && a.every((v) => typeof v === "number" && Number.isFinite(v));
  return c !== null && typeof c === "object" && numbers(c.alpha) && numbers(c.norm2) && c.norm2.length === c.alpha.length + 2;
}

function isSplineEntry(x: unknown): boolean {
  if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== "string") return false;
  const k = x[1] as Partial<SplineKnots> | null;
  const numbers = (a: unknown): a is number[] => Array.isArray(a) && a.every((v) => typeof v === "number" && Number.isFinite(v));
  return k !== null && typeof k === "object" && (k.kind === "bs" || k.kind === "ns") && Number.isInteger(k.degree) && numbers(k.knots) && numbers(k.boundary) && k.boundary.length === 2;
}

function isStringArray(x: unknown): boolean {
  return Array.isArray(x) && x.every((v) => typeof v === "string");
}

/** Checks the JSON (as parsed) and rebuilds a design with no rows in the fitted encoding. */
export function designFromSaved(json: unknown): FormulaDesign {
  const s = json as Partial<SavedFormulaModel> | null;
  if (s === null || typeof s !== "object") throw bad("expected a JSON object");
  if (s.schema !== SAVED_MODEL_SCHEMA) throw bad(`schema is ${JSON.stringify(s.schema)}, this version reads ${SAVED_MODEL_SCHEMA}`);
  if (typeof s.formula !== "string" || typeof s.family !== "string" || typeof s.response !== "string") throw bad("formula, family and response must be text");
  if (!s.X || !isStringArray(s.X.names) || !Array.isArray(s.X.means) || s.X.means.length !== s.X.names.length) throw bad("X must have names and one mean per name");
  if (!Array.isArray(s.levels) || !Array.isArray(s.scales) || !Array.isArray(s.groups) || !isStringArray(s.aux)) throw bad("levels, scales, groups and aux must be lists");
  if (s.polys !== undefined && !(Array.isArray(s.polys) && s.polys.every(isPolyEntry))) throw bad("polys must be a list of [label, { alpha, norm2 }] with one more norm2 than alpha plus one");
  if (s.splines !== undefined && !(Array.isArray(s.splines) && s.splines.every(isSplineEntry))) throw bad("splines must be a list of [label, { kind, degree, knots, boundary }]");
  // Checked above field by field; from here on the saved shape is trusted.
  const v = s as SavedFormulaModel;
  const nl = splitNonlinearFormula(v.formula);
  if (nl) return nonlinearFromSaved(v, nl, designFromSaved, restoreLearned, restoreGroups);
  const family = familyInfo(v.family);
  if (family.name === "categorical") return categoricalFromSaved(v, family, restoreLearned, restoreGroups);
  if (family.name === "cumulative" && !(isStringArray(v.categories) && (v.categories as readonly string[]).length >= 2)) throw bad("a cumulative model needs its categories");
  const split = splitDistributionalFormula(v.formula);
  const parsed = parseFormulaParts(split.main);
  const saved = v.dpars ?? [];
  if (!Array.isArray(saved) || saved.length !== split.dpars.length) throw bad(`the formula has ${split.dpars.length} distributional formulas but ${Array.isArray(saved) ? saved.length : "no list of"} dpars are saved`);
  const dpars: DesignDpar[] = split.dpars.map((part, k) => {
    const d = saved[k] as SavedDpar;
    if (d && d.polys !== undefined && !(Array.isArray(d.polys) && d.polys.every(isPolyEntry))) throw bad(`dpars[${k}].polys must be a list of [label, { alpha, norm2 }]`);
    if (d && d.splines !== undefined && !(Array.isArray(d.splines) && d.splines.every(isSplineEntry))) throw bad(`dpars[${k}].splines must be a list of [label, { kind, degree, knots, boundary }]`);
    if (!d || d.dpar !== part.dpar || !d.X || !isStringArray(d.X.names) || !Array.isArray(d.X.means) || d.X.means.length !== d.X.names.length || !Array.isArray(d.levels) || !Array.isArray(d.scales)) {
      throw bad(`dpars[${k}] does not match the formula's '${part.text}'`);
    }
    const dparParsed = parseDpar(part);
    const dSmooths = restoreSmooths(dparParsed, d.smooths, part.dpar);
    const dXs = new Set(dSmooths.flatMap((sm) => sm.xsNames));
    return {
      dpar: part.dpar,
      text: part.text,
      intercept: d.intercept === true,
      X: { names: d.X.names, values: new Float64Array(0), means: Float64Array.from(d.X.means) },
      bNames: [...dparNames(part.dpar, d.intercept === true, d.X.names.filter((x) => !dXs.has(x))), ...d.X.names.filter((x) => dXs.has(x)).map((x) => `bs_${part.dpar}_${x}`)],
      groups: restoreGroups(dparParsed, d.groups ?? [], part.dpar),
      ...(dSmooths.length > 0 ? { smooths: dSmooths } : {}),
      encoding: {
        parsed: dparParsed,
        learned: restoreLearned(d),
      },
    };
  });
  const groups = restoreGroups(parsed, v.groups, "");
  const smooths = restoreSmooths(parsed, v.smooths);
  const monotonic = restoreMonotonic(parsed.monotonic ?? [], v.monotonic, bad);
  const xs = new Set(smooths.flatMap((sm) => sm.xsNames));
  const means = Float64Array.from(v.X.means);
  return {
    formula: v.formula,
    family,
    n: 0,
    rows: new Int32Array(0),
    response: {
      label: v.response,
      y: new Float64Array(0),
      // The fitted constant number of trials, where new rows read it (see predict/rows.ts).
      trials: v.constantTrials == null ? null : Float64Array.of(v.constantTrials),
      se: null,
      weights: null,
      ...(family.name === "cumulative" ? { categories: v.categories as readonly string[] } : {}),
    },
    intercept: v.intercept === true,
    X: { names: v.X.names, values: new Float64Array(0), means },
    bNames: [...interceptNames(v.intercept === true, family.name === "cumulative" ? v.categories : undefined), ...v.X.names.map((x) => `${xs.has(x) ? "bs" : "b"}_${x}`)],
    offset: null,
    groups,
    ...(smooths.length > 0 ? { smooths } : {}),
    ...(monotonic.length > 0 ? { monotonic } : {}),
    aux: v.aux,
    dpars,
    messages: [],
    encoding: {
      parsed,
      learned: restoreLearned(v),
    },
  };
}
