/**
 * Where each quantity of the linear predictor lives in a Draws container with brms's names
 * (`b_Intercept`, `b_floor`, `sd_county__Intercept`, `cor_g__a__b`, `r_county[c01,Intercept]`,
 * `sigma`): the in-memory `Fit.draws` and draws read back from the CSVs of `hbayes fit --out` alike.
 */
import { UserError } from "../errors.js";
import type { DesignGroup, FormulaDesign } from "../formula/design.js";
import type { Draws } from "../posterior/draws.js";
import { smoothCoefficientNames } from "../formula/smoothDesign.js";

export interface GroupColumns {
  readonly terms: number;
  readonly levels: number;
  /** Variable index of r for term m, level j at m * levels + j. */
  readonly r: Int32Array;
  readonly sd: Int32Array;
  /** Variable index of cor(a, b) at a * terms + b (and b * terms + a); −1 on the diagonal or if uncorrelated. */
  readonly cor: Int32Array;
}

export interface FormulaColumns {
  /** Total draws (chains × draws per chain). */
  readonly S: number;
  /** b_Intercept, −1 without one (and for cumulative, whose thresholds are `thresholds`). */
  readonly intercept: number;
  /** cumulative: b_Intercept[1] … b_Intercept[K − 1] (uncentred thresholds); empty otherwise. */
  readonly thresholds: Int32Array;
  readonly b: Int32Array;
  readonly groups: readonly GroupColumns[];
  /** Variable index of each of the family's own parameters that the model estimates. */
  readonly aux: Readonly<Partial<Record<string, number>>>;
  /** Distributional formulas (design.dpars' order): b_sigma_Intercept (−1 without one), b_sigma_x and group terms. */
  readonly dpars: readonly DparColumns[];
}

export interface DparColumns {
  readonly dpar: string;
  readonly intercept: number;
  readonly b: Int32Array;
  readonly groups: readonly GroupColumns[];
}

/** The draws' index of a variable by its brms name; a missing name is a UserError saying the draws belong to another model. */
export function finder(draws: Draws): (name: string) => number {
  const index = new Map(draws.names.map((n, k) => [n, k]));
  return (name) => {
    const k = index.get(name);
    if (k === undefined) {
      throw new UserError(`predict: the draws have no variable '${name}'; were they written by a fit of this model (same formula, family and data)?`);
    }
    return k;
  };
}

/** A group term's variable indices in the draws; the design's names (brms's): r_g[level,term] at m * levels + j, cor in upper-triangle order. */
export function groupColumns(g: DesignGroup, find: (name: string) => number): GroupColumns {
  const M = g.terms.length;
  const J = g.levels.length;
  const r = Int32Array.from(g.names.r, find);
  if (r.length !== M * J) throw new Error(`groupColumns: group ${g.group} has ${r.length} effect names for ${M} × ${J} effects`);
  const sd = Int32Array.from(g.names.sd, find);
  const cor = new Int32Array(M * M).fill(-1);
  if (g.correlated) {
    let k = 0;
    for (let a = 0; a < M; a++) {
      for (let b = a + 1; b < M; b++) cor[a * M + b] = cor[b * M + a] = find(g.names.cor[k++]);
    }
  }
  return { terms: M, levels: J, r, sd, cor };
}

export function formulaColumns(draws: Draws, design: FormulaDesign): FormulaColumns {
  const find = finder(draws);
  const groups = design.groups.map((g) => groupColumns(g, find));
  const aux: Record<string, number> = {};
  for (const a of design.aux) aux[a] = find(a);
  const ordinal = design.family.name === "cumulative" ? design.response.categories : undefined;
  return {
    S: draws.chains * draws.draws,
    intercept: design.intercept && !ordinal ? find("b_Intercept") : -1,
    thresholds: Int32Array.from(ordinal && design.intercept ? ordinal.slice(1) : [], (_, k) => find(`b_Intercept[${k + 1}]`)),
    // With smooths: bs_sx_1 for their Xs columns, then s_sx_1[j] for their Zs columns (predict/rows.ts).
    b: Int32Array.from(smoothCoefficientNames(design.X.names, design.smooths ?? []), find),
    groups,
    aux,
    dpars: design.dpars.map((d) => ({
      dpar: d.dpar,
      intercept: d.intercept ? find(`b_${d.dpar}_Intercept`) : -1,
      // With smooths (sigma ~ s(x)): bs_sigma_sx_1, then s_sigma_sx_1[j] for their Zs columns (predict/rows.ts).
      b: Int32Array.from(smoothCoefficientNames(d.X.names, d.smooths ?? [], d.dpar), find),
      groups: d.groups.map((g) => groupColumns(g, find)),
    })),
  };
}

/** value of variable v at draw s (chains concatenated): the container is variable-major. */
export function at(draws: Draws, v: number, s: number): number {
  return draws.data[v * draws.chains * draws.draws + s];
}
