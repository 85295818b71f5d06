/**
 * New data → the fitted design's encoding: same factor levels and contrasts, same `scale()` centre and
 * scale, same X column means for centring. Group levels the fit did not see get index −1 and are
 * listed; they are an error unless `allowNewLevels` (then their effects come from the population).
 */
import { UserError } from "../errors.js";
import { dataColumns, type DataColumns, type FormulaData } from "./data.js";
import { designFixed, designRe, type DesignGroup, type FormulaDesign } from "./design.js";
import { refuseNewKnownCovLevels } from "./knownCov.js";
import { buildFrame, formulaColumns, type Frame } from "./frame.js";
import { formatR } from "./rformat.js";
import { newdataMonotonic, type MonotonicRows } from "./monotonic.js";
import { appendColumns, newdataSmooth, smoothStateColumns, type DesignSmooth } from "./smoothDesign.js";

export interface NewDataOptions {
  /** brms's `allow_new_levels`: unseen group levels are allowed (index −1). Default false. */
  readonly allowNewLevels?: boolean;
}

export interface NewDataDesign {
  readonly n: number;
  readonly rows: Int32Array;
  /** n × p, uncentred, same columns as the fit; centre with the fit's `X.means`. */
  readonly X: { readonly names: readonly string[]; readonly values: Float64Array; readonly means: Float64Array };
  readonly offset: Float64Array | null;
  /** Same order as the fit's groups; `index` is −1 for a level the fit did not see. */
  readonly groups: readonly DesignGroup[];
  /** Per group, the unseen levels (empty when all were seen). */
  readonly newLevels: readonly (readonly string[])[];
  /** Per distributional formula (design.dpars' order): its X, n × q, uncentred (draws hold uncentred intercepts). */
  readonly dparX: readonly Float64Array[];
  /** Per distributional formula: its group terms (fit's order, index −1 for an unseen level) and their unseen levels. */
  readonly dparGroups: readonly (readonly DesignGroup[])[];
  readonly dparNewLevels: readonly (readonly (readonly string[])[])[];
  /** Per distributional formula: its s() terms' Zs at the new rows (as smoothZs; empty without any). */
  readonly dparSmoothZs: readonly (readonly { readonly Zs: Float64Array; readonly q: number }[])[];
  /** Per s() term (design.smooths' order): its Zs at the new rows (mgcv's PredictMat), n × q row-major; their Xs are in X. */
  readonly smoothZs?: readonly { readonly Zs: Float64Array; readonly q: number }[];
  /** Per mo() term (design.monotonic's order): codes 0 … D per mo() call at the new rows, in the fit's coding, and its covariate. */
  readonly monotonic?: readonly MonotonicRows[];
  readonly messages: readonly string[];
}

export function designNewData(design: FormulaDesign, data: FormulaData, options: NewDataOptions = {}): NewDataDesign {
  const { parsed, learned } = design.encoding;
  // Every part keeps the same rows: a row missing any part's predictor is dropped from all.
  const smoothVars = (list: readonly DesignSmooth[] | undefined) => (list ?? []).flatMap((sm) => smoothStateColumns(sm.state));
  const dparColumns = design.dpars.flatMap((d) => [...formulaColumns(d.encoding.parsed), ...smoothVars(d.smooths)]);
  const moColumns = (design.monotonic ?? []).flatMap((m) => [...m.parts.map((p) => p.column), ...m.covariates]);
  // Non-linear models: the expression's covariates and the parameters' predictors count as the model's
  // variables too, so a row missing one is dropped with the same note as a row missing any other predictor.
  const nl = design.nonlinear;
  const nlColumns = nl ? [...nl.covariates, ...nl.nlpars.flatMap((p) => formulaColumns({ ...p.encoding.parsed, response: null }))] : [];
  const mainColumns = [...formulaColumns({ ...parsed, response: null }), ...moColumns, ...nlColumns];
  const smooths = design.smooths ?? [];
  const frame = buildFrame(parsed, data, { learned, alsoRequire: [...dparColumns, ...smoothVars(smooths), ...moColumns, ...nlColumns] });
  const cols = dataColumns(data);
  const dparPart = (d: FormulaDesign["dpars"][number]) => {
    const fr = buildFrame(d.encoding.parsed, data, { learned: d.encoding.learned, alsoRequire: [...mainColumns, ...smoothVars(smooths), ...dparColumns] });
    const X0 = designFixed(d.encoding.parsed, fr);
    const dsm = (d.smooths ?? []).map((s) => newdataSmooth(s, data, fr.rows));
    const X = dsm.length === 0 ? X0 : appendColumns(X0, { names: (d.smooths ?? []).flatMap((s) => s.xsNames), columns: dsm.flatMap((s) => s.Xs) }, fr.n);
    if (X.names.join("\u0000") !== d.X.names.join("\u0000")) throw new UserError(`newdata: the ${d.dpar} predictors came out as ${X.names.join(", ")} instead of ${d.X.names.join(", ")}`);
    if (fr.n !== frame.n) throw new Error(`designNewData: the ${d.dpar} formula kept ${fr.n} rows, the mean's ${frame.n}`);
    const groups = fr.re.map((r) => designRe(r, fr.n));
    return { X: X.values, groups, newLevels: unseenLevels(groups, fr, cols), smoothZs: dsm.map((s, k) => ({ Zs: s.Zs, q: (d.smooths ?? [])[k].q })) };
  };
  // categorical: every category's predictor is the same right-hand side over the same rows (the fit shares
  // one X, 4a5ce09), so its frame, X and group terms are built once rather than K − 1 times.
  const shared = design.family.name === "categorical" && design.dpars.length > 0 ? dparPart(design.dpars[0]) : null;
  const dparParts = design.dpars.map((d) => shared ?? dparPart(d));
  const dparX = dparParts.map((d) => d.X);
  const fixed0 = designFixed(parsed, frame);
  const sm = smooths.map((s) => newdataSmooth(s, data, frame.rows));
  const fixed = sm.length === 0 ? fixed0 : appendColumns(fixed0, { names: smooths.flatMap((s) => s.xsNames), columns: sm.flatMap((s) => s.Xs) }, frame.n);
  if (fixed.names.join("\u0000") !== design.X.names.join("\u0000")) {
    throw new UserError(`newdata: the predictors came out as ${fixed.names.join(", ")} instead of ${design.X.names.join(", ")}`);
  }
  const groups = frame.re.map((fr) => designRe(fr, frame.n));
  const newLevels = unseenLevels(groups, frame, cols);
  refuseNewKnownCovLevels(groups, newLevels, design.groups);
  if (!options.allowNewLevels) {
    const all = [...groups, ...dparParts.flatMap((d) => d.groups)];
    const unseen = [...newLevels, ...dparParts.flatMap((d) => d.newLevels)];
    all.forEach((g, gi) => {
      const levels = unseen[gi];
      if (levels.length > 0) {
        const first = levels[0];
        throw new UserError(
          `newdata: level '${first}' of ${g.group} was not in the fitted data${levels.length > 1 ? ` (nor ${levels.length - 1} more)` : ""}; ` +
            "pass allow_new_levels (allowNewLevels: true) to draw its effects from the population distribution",
        );
      }
    });
  }
  return { n: frame.n, rows: frame.rows, X: { ...fixed, means: design.X.means }, offset: frame.offset, groups, newLevels, dparX, dparGroups: dparParts.map((d) => d.groups), dparNewLevels: dparParts.map((d) => d.newLevels), dparSmoothZs: dparParts.map((d) => d.smoothZs), ...(sm.length > 0 ? { smoothZs: sm.map((s, k) => ({ Zs: s.Zs, q: smooths[k].q })) } : {}), ...(design.monotonic ? { monotonic: newdataMonotonic(design.monotonic, design.encoding.parsed.monotonic ?? [], data, frame.rows) } : {}), messages: frame.messages };
}


/** Per group term, the labels of the levels the fit did not see (first appearance order), for the message and for drawing new effects. */
function unseenLevels(groups: readonly DesignGroup[], frame: Frame, cols: DataColumns): string[][] {
  return groups.map((g, gi) => {
    const seen = new Set<string>();
    const labels: string[] = [];
    const fr = frame.re[gi];
    for (let i = 0; i < g.index.length; i++) {
      if (g.index[i] < 0) {
        const label = levelLabel(cols, fr.re.factors.map((f) => f.name), frame.rows[i]);
        if (!seen.has(label)) {
          seen.add(label);
          labels.push(label);
        }
      }
    }
    return labels;
  });
}


/** The level label of a row: interaction factors pasted with `_`, numbers as R prints them. */
export function levelLabel(cols: DataColumns, factors: readonly string[], row: number): string {
  return factors
    .map((f) => {
      const c = cols.column(f);
      if (!c) return "";
      return c.kind === "numeric" ? formatR(c.values[row]) : c.values[row];
    })
    .join("_");
}
