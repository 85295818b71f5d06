/**
 * brms's `conditional_effects` for formula fits: how the expected response (or a response draw) moves
 * with one predictor, or two in an interaction, the others held at their mean (numeric) or first level
 * (factors), trials at 1 and group-level effects left out (`re_formula = NA`). Predictions go through
 * src/predict on a grid of new data, so bases of poly()/bs()/ns() and scale() use the fit's values.
 */
import type { Fit } from "../api/fitResult.js";
import type { FormulaModel } from "../api/formulaFit.js";
import { UserError } from "../errors.js";
import { dataColumns, type DataColumns, type FormulaData } from "../formula/data.js";
import type { FormulaDesign } from "../formula/design.js";
import { formatR } from "../formula/rformat.js";
import type { Draws } from "../posterior/draws.js";
import { dparLinpredDraws, linpredDraws } from "../predict/linpred.js";
import { epredFromLinpred, predictFromLinpred } from "../predict/response.js";
import { newDataRows, type PredictRows, type PredictRowsGroup } from "../predict/rows.js";
import { resolvePredictOptions, type DrawMatrix } from "../predict/types.js";
import { expectedCategory } from "./bayesR2.js";
import { frameColumn, type FrameColumn } from "./columns.js";
import { effectGrid } from "./grid.js";
import { roundHalfEven } from "../formula/monotonic.js";
import { medianR } from "../formula/rformat.js";
import { summarizeColumns } from "./summarize.js";
import { resolveEffectsOptions, type ConditionalEffect, type ConditionalEffectsOptions, type EffectColumn } from "./types.js";
import { formulaVariables, isFactorColumn, type FormulaVariables } from "./variables.js";

/** The default effects of a design, brms-named (`"zBase:Trt"`, numeric variables first), given its data. */
export function defaultEffects(design: FormulaDesign, data: FormulaData): string[] {
  const cols = dataColumns(data);
  const vars = formulaVariables(design);
  return vars.defaultEffects.map((e) => numericFirst(e, cols, vars).join(":"));
}

function numericFirst(effect: readonly string[], cols: DataColumns, vars: FormulaVariables): string[] {
  // brms orders by type, decreasing ("numeric" > "factor"), keeping the order within a type.
  const numeric = effect.filter((v) => !isFactorColumn(cols, vars, v));
  const factor = effect.filter((v) => isFactorColumn(cols, vars, v));
  return [...numeric, ...factor];
}

function requestedEffects(asked: readonly string[] | undefined, cols: DataColumns, vars: FormulaVariables): string[][] {
  if (asked === undefined) return vars.defaultEffects.map((e) => numericFirst(e, cols, vars));
  if (asked.length === 0) throw new UserError("conditionalEffects: effects is empty; leave it out for the default effects");
  const available = vars.predictors;
  return asked.map((text) => {
    const parts = text.split(":").map((p) => p.trim());
    if (parts.length > 2) throw new UserError(`conditionalEffects: '${text}' has ${parts.length} variables; conditional effects show one variable or a two-way interaction (x:z)`);
    if (parts.length === 2 && parts[0] === parts[1]) throw new UserError(`conditionalEffects: '${text}' names ${parts[0]} twice`);
    for (const p of parts) {
      if (vars.groups.includes(p)) throw new UserError(`conditionalEffects: ${p} is a grouping factor; conditional effects leave group-level effects out (brms's re_formula = NA). Available: ${available.join(", ")}`);
      if (!available.includes(p)) throw new UserError(`conditionalEffects: '${p}' is not a predictor of the model; available: ${available.join(", ")}`);
    }
    return parts;
  });
}

interface Prepared {
  readonly cols: DataColumns;
  readonly vars: FormulaVariables;
  readonly frame: Map<string, FrameColumn>;
  readonly conditions: Record<string, number | string>;
  /** Values that every grid row carries for columns that are not conditions (trials, groups, cbind, se…). */
  readonly fixed: Record<string, number | string>;
}

function checkSameData(design: FormulaDesign, cols: DataColumns): void {
  if (design.n === 0) {
    throw new UserError("conditionalEffects: the design has no fitted rows (one restored from model.json?); give the fit's own design (buildDesign on the data the model was fitted to)");
  }
  const last = design.rows[design.rows.length - 1];
  if (last >= cols.nRows) {
    throw new UserError(`conditionalEffects: the data have ${cols.nRows} rows but the fit used row ${last + 1}; give the data the model was fitted to`);
  }
  const y = design.encoding.parsed.response?.y;
  const col = y?.kind === "name" ? cols.column(y.name) : undefined;
  if (col?.kind === "numeric" && design.family.name !== "cumulative" && design.family.name !== "categorical" && design.family.name !== "bernoulli") {
    for (let i = 0; i < design.n; i++) {
      if (col.values[design.rows[i]] !== design.response.y[i]) {
        throw new UserError(`conditionalEffects: row ${design.rows[i] + 1} of the data has ${y?.kind === "name" ? y.name : "response"} = ${formatR(col.values[design.rows[i]])} but the fit saw ${formatR(design.response.y[i])}; give the data the model was fitted to`);
      }
    }
  }
}

function prepare(design: FormulaDesign, data: FormulaData, given: Readonly<Record<string, number | string>>): Prepared {
  const cols = dataColumns(data);
  checkSameData(design, cols);
  const vars = formulaVariables(design);
  const frame = new Map<string, FrameColumn>();
  const conditions: Record<string, number | string> = {};
  for (const v of vars.predictors) {
    const c = frameColumn(cols, v, design.rows, isFactorColumn(cols, vars, v));
    frame.set(v, c);
    // brms's int_vars (mo() columns) are held at their rounded median, other numbers at their mean.
    conditions[v] = c.kind === "numeric" ? (vars.intVars.includes(v) ? roundHalfEven(medianR(c.values)) : c.mean) : c.levels[0];
  }
  for (const [name, value] of Object.entries(given)) {
    const c = frame.get(name);
    if (!c) throw new UserError(`conditionalEffects: conditions names '${name}', which is not a predictor of the model; predictors: ${vars.predictors.join(", ")}`);
    if (c.kind === "numeric") {
      if (typeof value !== "number" || !Number.isFinite(value)) throw new UserError(`conditionalEffects: the condition for the numeric ${name} must be a finite number, got ${JSON.stringify(value)}`);
      conditions[name] = value;
    } else {
      const label = typeof value === "number" ? formatR(value) : value;
      if (!c.levels.includes(label)) throw new UserError(`conditionalEffects: the condition ${name} = '${label}' is not one of its levels: ${c.levels.join(", ")}`);
      conditions[name] = label;
    }
  }
  const fixed: Record<string, number | string> = {};
  for (const t of vars.trials) {
    conditions[t] = 1;
  }
  if (vars.cbind) {
    fixed[vars.cbind.successes] = 1;
    fixed[vars.cbind.failures] = 0;
  }
  for (const a of vars.addition) {
    const c = frameColumn(cols, a, design.rows, false);
    fixed[a] = c.kind === "numeric" ? c.mean : c.levels[0];
  }
  // Group effects are zeroed below; a fitted level keeps new-data encoding from drawing new ones.
  const first = design.rows[0];
  for (const g of vars.groups) {
    const c = cols.column(g);
    if (!c) throw new UserError(`conditionalEffects: the data have no column '${g}', which the model uses; give the data the model was fitted to`);
    fixed[g] = c.values[first];
  }
  return { cols, vars, frame, conditions, fixed };
}

/** Column `name` of the grid's new data: the effect's values, else its condition, else a fixed value. */
function newDataColumn(name: string, n: number, grid: readonly EffectColumn[], p: Prepared): (number | string)[] {
  const g = grid.find((c) => c.name === name);
  const rawOf = (label: string): number | string => {
    const c = p.frame.get(name);
    return c?.kind === "factor" ? (c.raw.get(label) ?? label) : label;
  };
  if (g) return g.kind === "numeric" ? Array.from(g.values) : g.values.map(rawOf);
  const v = name in p.conditions ? p.conditions[name] : p.fixed[name];
  return new Array(n).fill(typeof v === "string" ? rawOf(v) : v);
}

function withoutGroupEffects(rows: PredictRows): PredictRows {
  const zero = (g: PredictRowsGroup): PredictRowsGroup => ({ ...g, Z: new Float64Array(g.Z.length) });
  return { ...rows, groups: rows.groups.map(zero), dparGroups: rows.dparGroups.map((gs) => gs.map(zero)) };
}

function pointsOf(design: FormulaDesign, effect: readonly string[], p: Prepared): ConditionalEffect["points"] {
  // brms's make_point_frame: rows whose factor conditions match (numeric conditions are not used to select).
  const factorConditions = [...p.frame.values()].filter((c): c is Extract<FrameColumn, { kind: "factor" }> => c.kind === "factor" && !effect.includes(c.name));
  const keep: number[] = [];
  for (let i = 0; i < design.n; i++) if (factorConditions.every((c) => c.labels[i] === p.conditions[c.name])) keep.push(i);
  const columns: EffectColumn[] = effect.map((name) => {
    const c = p.frame.get(name) as FrameColumn;
    return c.kind === "numeric"
      ? { name, kind: "numeric", values: Float64Array.from(keep, (i) => c.values[i]) }
      : { name, kind: "factor", values: keep.map((i) => c.labels[i]), levels: c.levels };
  });
  return { columns, y: Float64Array.from(keep, (i) => design.response.y[i]) };
}

/** Conditional effects from draws with brms's names and the fitted design; `data` is the data the model was fitted to. */
export function conditionalEffectsFromDraws(draws: Draws, design: FormulaDesign, data: FormulaData, options: ConditionalEffectsOptions = {}): ConditionalEffect[] {
  const o = resolveEffectsOptions(options);
  // Named here: the grid below varies the mean formula's columns, which a non-linear model's is not
  // (its design's X is empty), so the message used to be "no population-level predictors to show".
  if (design.nonlinear) {
    throw new UserError("conditionalEffects: non-linear models (nl = TRUE) are not supported yet; predict on a grid of your own rows with hbayes predict --data (API: predictFromDraws with newdata)");
  }
  const family = design.family.name;
  const cumulative = family === "cumulative";
  // brms's categorical family has per-category probabilities only (conditional_effects insists on categorical = TRUE).
  const perCategory = cumulative || family === "categorical";
  const messages: string[] = [];
  if (o.categorical && !perCategory) throw new UserError(`conditionalEffects: categorical applies to the cumulative and categorical families, not ${family}`);
  if (family === "categorical" && !o.categorical) {
    throw new UserError("conditionalEffects: the categorical family's effects are each category's probability: set categorical: true (CLI: --categorical), as brms's conditional_effects(categorical = TRUE)");
  }
  if (o.categorical && o.method !== "epred") throw new UserError("conditionalEffects: categorical needs method \"epred\" (category probabilities)");
  const p = prepare(design, data, options.conditions ?? {});
  let effects = requestedEffects(options.effects, p.cols, p.vars);
  if (o.categorical && effects.some((e) => e.length === 2)) {
    messages.push("interactions are left out with categorical: one curve per category already uses the colour");
    effects = effects.filter((e) => e.length === 1);
  }
  if (effects.length === 0) throw new UserError("conditionalEffects: the model has no population-level predictors to show");
  if (cumulative && !o.categorical) {
    messages.push("the ordinal response is treated as continuous (expected category number 1 … K); categorical: true gives each category's probability");
  }
  const K = perCategory ? (design.response.categories ?? []).length : 1;
  const predict = resolvePredictOptions({ allowNewLevels: true, seed: options.seed });
  const allColumns = [...new Set([...p.vars.predictors, ...p.vars.trials, ...Object.keys(p.fixed)])];
  return effects.map((effect) => {
    const frameCols = effect.map((v) => p.frame.get(v) as FrameColumn);
    const grid = effectGrid(frameCols, o.resolution, options.intConditions ?? {}, new Set(p.vars.intVars));
    const n = grid[0].values.length;
    const newdata: Record<string, (number | string)[]> = {};
    for (const name of allColumns) newdata[name] = newDataColumn(name, n, grid, p);
    const rows = withoutGroupEffects(newDataRows(design, newdata, true));
    if (rows.n !== n) throw new Error(`conditionalEffects: ${n} grid rows became ${rows.n} prediction rows`);
    const eta = linpredDraws(draws, design, rows, predict);
    const parts = dparLinpredDraws(draws, design, rows, predict);
    const m: DrawMatrix = o.method === "epred" ? epredFromLinpred(draws, design, rows, eta, parts) : predictFromLinpred(draws, design, rows, eta, predict.seed, parts);
    const W = m.observations;
    let value: (s: number, j: number) => number;
    let columns: EffectColumn[] = grid;
    let total = n;
    if (perCategory && o.method === "epred" && o.categorical) {
      // brms's rows: every grid row for category 1, then for category 2, …; m's column is i·K + k.
      const cats = design.response.categories ?? [];
      total = n * K;
      value = (s, j) => m.data[s * W + (j % n) * K + Math.floor(j / n)];
      columns = [...grid.map((c) => repeatColumn(c, K)), { name: "cats__", kind: "factor", values: Array.from({ length: total }, (_, j) => cats[Math.floor(j / n)]), levels: cats }];
    } else if (cumulative && o.method === "epred") {
      const expected = expectedCategory(m, n);
      value = (s, j) => expected[s * n + j];
    } else value = (s, j) => m.data[s * W + j];
    const sum = summarizeColumns(m.draws, total, value, o.prob);
    const conditions: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(p.conditions)) if (!effect.includes(k)) conditions[k] = v;
    return {
      name: effect.join(":"),
      effects: effect,
      columns,
      n: total,
      ...sum,
      method: o.method,
      prob: o.prob,
      categorical: o.categorical,
      conditions,
      response: design.response.label,
      points: pointsOf(design, effect, p),
      messages: [...messages, ...rows.messages],
    };
  });
}

function repeatColumn(c: EffectColumn, times: number): EffectColumn {
  if (c.kind === "numeric") {
    const out = new Float64Array(c.values.length * times);
    for (let t = 0; t < times; t++) out.set(c.values, t * c.values.length);
    return { ...c, values: out };
  }
  return { ...c, values: Array.from({ length: times }, () => c.values).flat() };
}

/**
 * Conditional effects of a formula fit (brms's `conditional_effects(fit)`): one entry per effect with
 * the grid, the held values and, per grid row, the median and band of the expected response
 * (method "epred") or of response draws ("predict"). `data`: the data the model was fitted to.
 */
export function conditionalEffects(fit: Fit, model: Pick<FormulaModel, "design">, data: FormulaData, options: ConditionalEffectsOptions = {}): ConditionalEffect[] {
  if (!model || !(model as Partial<FormulaModel>).design) {
    throw new UserError("conditionalEffects: needs a formula fit (fitFormulaModel's { fit, model }); a DSL model has no formula to vary predictors in");
  }
  return conditionalEffectsFromDraws(fit.draws, model.design, data, { ...options, seed: options.seed ?? fit.result.settings.seed });
}
