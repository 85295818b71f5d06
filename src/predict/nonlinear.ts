/**
 * Predictions of a non-linear model (brms's nl = TRUE): each parameter's linear predictor per draw and
 * row (its coefficients `b_a_*` and group effects `r_g__a[…]`, new levels drawn from its population as
 * the mean's are), then the expression evaluated on them and the data columns it reads. The result is
 * the model's linear predictor (link scale), which the family's response functions take as usual.
 */
import { UserError } from "../errors.js";
import { dataColumns, type FormulaData } from "../formula/data.js";
import type { FormulaDesign } from "../formula/design.js";
import { designRe } from "../formula/design.js";
import { buildFrame, formulaColumns } from "../formula/frame.js";
import { levelLabel } from "../formula/newdata.js";
import { nlparX, type DesignNlBlock, type DesignNonlinear } from "../formula/nonlinearDesign.js";
import type { NlExpr } from "../glmm/nonlinearTypes.js";
import type { Draws } from "../posterior/draws.js";
import { lgamma } from "../math/lgamma.js";
import { Phi } from "../math/Phi.js";
import { createRng } from "../random/rng.js";
import { partLinpred } from "./linpred.js";
import { drawNewLevelEffects, newLevelScratch } from "./newLevels.js";
import { at, finder, groupColumns, type GroupColumns } from "./parameters.js";
import type { PredictRows, PredictRowsGroup } from "./rows.js";
import { PREDICT_STREAMS, type DrawMatrix, type PredictOptions } from "./types.js";

/** The rows of each non-linear parameter's formula and the expression's columns, in the fit's encoding. */
export interface NonlinearRows {
  /** Per parameter (design order): X, n × q, the intercept's column included. */
  readonly X: readonly Float64Array[];
  readonly groups: readonly (readonly PredictRowsGroup[])[];
  /** Per column the expression reads (`cov` order): its values on the rows. */
  readonly covariates: readonly Float64Array[];
}

export function nonlinearTrainingRows(nl: DesignNonlinear, n: number): NonlinearRows {
  return {
    X: nl.nlpars.map((p) => p.X.values),
    groups: nl.nlpars.map((p) => p.groups.map((g) => ({ index: g.index, Z: g.Z, newLevel: new Int32Array(n).fill(-1), newLevels: [] }))),
    covariates: nl.covariateValues,
  };
}

/**
 * New data's rows for the non-linear parts: `rows` are the rows the ordinary parts kept, which
 * designNewData already cleared of rows missing a column of the expression or of a parameter's formula
 * (dropped with a note, as for any predictor). A level the fit did not see is an error unless `allowNewLevels`.
 */
export function nonlinearNewRows(design: FormulaDesign, data: FormulaData, rows: Int32Array, allowNewLevels: boolean): NonlinearRows {
  const nl = design.nonlinear as DesignNonlinear;
  const cols = dataColumns(data);
  const needed = [...new Set([...nl.covariates, ...nl.nlpars.flatMap((p) => formulaColumns({ ...p.encoding.parsed, response: null }))])];
  for (const c of needed) {
    const col = cols.column(c);
    if (!col) throw new UserError(`newdata: the non-linear model reads the column '${c}', which the new data do not have`);
    for (const i of rows) if (col.missing[i]) throw new Error(`nonlinearNewRows: row ${i + 1} has no value in '${c}', which designNewData should have dropped`);
  }
  const covariates = nl.covariates.map((c) => {
    const col = cols.column(c);
    if (!col || col.kind !== "numeric") throw new UserError(`newdata: the column '${c}' must be numeric (the non-linear expression reads it)`);
    return Float64Array.from(rows, (i) => col.values[i]);
  });
  // The kept rows alone, so the parameters' frames see exactly these rows.
  const subset: Record<string, (number | string | null)[]> = {};
  for (const c of needed) {
    const col = cols.column(c);
    if (col) subset[c] = Array.from(rows, (i) => col.values[i]);
  }
  const X: Float64Array[] = [];
  const groups: PredictRowsGroup[][] = [];
  nl.nlpars.forEach((p) => {
    const parsed = { ...p.encoding.parsed, response: null };
    const fr = buildFrame(parsed, subset, { learned: p.encoding.learned });
    if (fr.n !== rows.length) throw new Error(`nonlinearNewRows: the ${p.name} formula kept ${fr.n} of ${rows.length} rows`);
    const x = nlparX(parsed, fr, p.intercept);
    if (x.names.join("\u0000") !== p.X.names.join("\u0000")) throw new UserError(`newdata: the ${p.name} predictors came out as ${x.names.join(", ")} instead of ${p.X.names.join(", ")}`);
    X.push(x.values);
    const gs = fr.re.map((r) => designRe(r, fr.n));
    const sub = dataColumns(subset);
    groups.push(
      gs.map((g, gi) => {
        const factors = fr.re[gi].re.factors.map((f) => f.name);
        const newLevels: string[] = [];
        const newLevel = new Int32Array(fr.n).fill(-1);
        for (let i = 0; i < fr.n; i++) {
          if (g.index[i] >= 0) continue;
          const label = levelLabel(sub, factors, i);
          if (!allowNewLevels) {
            throw new UserError(`newdata: level '${label}' of ${g.group} was not in the fitted data; pass allow_new_levels (allowNewLevels: true) to draw its effects from the population distribution`);
          }
          let at = newLevels.indexOf(label);
          if (at < 0) at = newLevels.push(label) - 1;
          newLevel[i] = at;
        }
        return { index: g.index, Z: g.Z, newLevel, newLevels };
      }),
    );
  });
  return { X, groups, covariates };
}

/** The expression over whole draws × rows arrays: parameters' predictors `parts`, columns repeated per draw. */
function evaluate(e: NlExpr, parts: readonly Float64Array[], covariates: readonly Float64Array[], S: number, n: number): Float64Array {
  const out = new Float64Array(S * n);
  switch (e.op) {
    case "num":
      return out.fill(e.value);
    case "nlpar":
      return parts[e.k];
    case "cov":
      for (let s = 0; s < S; s++) out.set(covariates[e.k], s * n);
      return out;
    case "binary": {
      const a = evaluate(e.a, parts, covariates, S, n);
      const b = evaluate(e.b, parts, covariates, S, n);
      const f = e.fn;
      for (let i = 0; i < out.length; i++) out[i] = f === "add" ? a[i] + b[i] : f === "sub" ? a[i] - b[i] : f === "mul" ? a[i] * b[i] : f === "div" ? a[i] / b[i] : Math.pow(a[i], b[i]);
      return out;
    }
    case "unary": {
      const a = evaluate(e.arg, parts, covariates, S, n);
      const f = UNARY[e.fn];
      for (let i = 0; i < out.length; i++) out[i] = f(a[i]);
      return out;
    }
  }
}

const UNARY: Readonly<Record<string, (x: number) => number>> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  log1p: Math.log1p,
  expm1: Math.expm1,
  square: (x) => x * x,
  inv: (x) => 1 / x,
  inv_logit: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  logit: (x) => Math.log(x) - Math.log1p(-x),
  Phi,
  lgamma,
};

/**
 * The non-linear predictor per draw and row. Parameter k's new levels draw from chain c's stream
 * `createRng(seed, c).split(PREDICT_STREAMS.newLevels).split(1001 + k)`, a `(… | ID | g)` block's (one
 * joint draw for all its parameters' terms) from `….split(2001 + block)`, apart from the distributional
 * parts' streams.
 */
export function nonlinearLinpredDraws(draws: Draws, design: FormulaDesign, predictRows: PredictRows, options: Required<PredictOptions>): DrawMatrix {
  const nl = design.nonlinear as DesignNonlinear;
  const rows = predictRows.nonlinear;
  if (!rows) throw new Error("nonlinearLinpredDraws: the rows were not built for a non-linear design (trainingRows / newDataRows build them)");
  const n = predictRows.n;
  const find = finder(draws);
  const S = draws.chains * draws.draws;
  const inBlock = new Set(nl.blocks.flatMap((b) => b.members.map((m) => `${m.k}:${m.gi}`)));
  const parts = nl.nlpars.map((p, k) => {
    const own = p.groups.map((_, gi) => gi).filter((gi) => !inBlock.has(`${k}:${gi}`));
    const cols = { intercept: -1, b: Int32Array.from(p.bNames, find), groups: own.map((gi) => groupColumns(p.groups[gi], find)) };
    const rowGroups = own.map((gi) => rows.groups[k][gi]);
    return partLinpred(draws, cols, n, rows.X[k], rowGroups, null, options.newLevels, (c) => createRng(options.seed, c).split(PREDICT_STREAMS.newLevels).split(1001 + k)).data;
  });
  nl.blocks.forEach((b, bi) => addBlockEffects(draws, nl, b, rows, n, parts, options, bi, find));
  const data = evaluate(nl.expr, parts, rows.covariates, S, n);
  const chainIds = new Int32Array(S);
  for (let c = 0; c < draws.chains; c++) chainIds.fill(c + 1, c * draws.draws, (c + 1) * draws.draws);
  return { draws: S, observations: n, data, chainIds };
}

/**
 * A `(… | ID | g)` block's effects added to its parameters' predictors: fitted levels' r from the draws;
 * a new level's effects for all the block's terms drawn together (sd and the joint correlations of the
 * draw), so a new group's amplitude and rate keep the correlation the fit found.
 */
function addBlockEffects(
  draws: Draws,
  nl: DesignNonlinear,
  block: DesignNlBlock,
  rows: NonlinearRows,
  n: number,
  parts: Float64Array[],
  options: Required<PredictOptions>,
  bi: number,
  find: (name: string) => number,
): void {
  const terms = block.members.flatMap(({ k, gi }) => nl.nlpars[k].groups[gi].terms.map((_, t) => ({ k, gi, t, M: nl.nlpars[k].groups[gi].terms.length })));
  const M = terms.length;
  const first = nl.nlpars[block.members[0].k].groups[block.members[0].gi];
  const J = first.levels.length;
  const r = new Int32Array(M * J);
  const sd = new Int32Array(M);
  terms.forEach(({ k, gi, t }, m) => {
    const g = nl.nlpars[k].groups[gi];
    sd[m] = find(g.names.sd[t]);
    for (let j = 0; j < J; j++) r[m * J + j] = find(g.names.r[t * J + j]);
  });
  const cor = new Int32Array(M * M).fill(-1);
  let q = 0;
  for (let a = 0; a < M; a++) for (let c = a + 1; c < M; c++) cor[a * M + c] = cor[c * M + a] = find(block.corNames[q++]);
  const joint: GroupColumns = { terms: M, levels: J, r, sd, cor };
  // Every member has the grouping factor's rows: the same level index and new-level positions.
  const lead = rows.groups[block.members[0].k][block.members[0].gi];
  const count = lead.newLevels.length;
  const fresh = new Float64Array(count * M);
  const scratch = newLevelScratch(M);
  for (let c = 0; c < draws.chains; c++) {
    const rng = createRng(options.seed, c).split(PREDICT_STREAMS.newLevels).split(2001 + bi);
    for (let d = 0; d < draws.draws; d++) {
      const s = c * draws.draws + d;
      if (count > 0) drawNewLevelEffects(rng, draws, joint, s, count, options.newLevels, scratch, fresh);
      terms.forEach(({ k, gi, t, M: Mk }, m) => {
        const rg = rows.groups[k][gi];
        const out = parts[k];
        for (let i = 0; i < n; i++) {
          const j = rg.index[i];
          const effect = j >= 0 ? at(draws, r[m * J + j], s) : fresh[rg.newLevel[i] * M + m];
          out[s * n + i] += rg.Z[i * Mk + t] * effect;
        }
      });
    }
  }
}
