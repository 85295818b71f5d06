/**
 * Model-matrix columns of a term list, as R's `model.matrix` builds them: a factor in a term is coded
 * by contrasts (treatment: all levels but the first) when the term without it is already in the model
 * (R's `TermCode`: the empty term counts as present, otherwise an earlier term must contain it),
 * else by one indicator per level; without an intercept the first factor of the model gets all its
 * levels. Interaction columns are products, the first variable's columns varying fastest; names are
 * R's (`fachi:g2Y`) passed through brms's renaming (`factor(period)2` → `factorperiod2`).
 */
import { UserError } from "../errors.js";
import { brmsRename } from "./deparse.js";
import type { FrameVariable } from "./evaluate.js";
import type { Term, TermPart } from "./terms.js";

export interface Columns {
  /** brms's names (`x`, `faclo:x`, `IxE2`). */
  readonly names: readonly string[];
  /** One array per column, one value per kept row. */
  readonly columns: readonly Float64Array[];
}

/** How each factor of each term is coded: "contrasts" or "indicators" (R's TermCode 1 / 2). */
export function termCoding(part: TermPart, vars: readonly FrameVariable[]): ("contrasts" | "indicators" | "numeric")[][] {
  const contains = (outer: Term, inner: readonly number[]) => inner.every((v) => outer.includes(v));
  const coding = part.terms.map((term, ti) =>
    term.map((v) => {
      if (vars[v].kind !== "factor") return "numeric" as const;
      const rest = term.filter((u) => u !== v);
      if (rest.length === 0) return "contrasts" as const;
      for (let tj = 0; tj < ti; tj++) if (contains(part.terms[tj], rest)) return "contrasts" as const;
      return "indicators" as const;
    }),
  );
  if (!part.intercept) {
    // model.matrix: with no intercept, the first factor found (term order, then variable order) gets all levels.
    outer: for (let ti = 0; ti < part.terms.length; ti++) {
      for (let k = 0; k < part.terms[ti].length; k++) {
        if (coding[ti][k] !== "numeric") {
          coding[ti][k] = "indicators";
          break outer;
        }
      }
    }
  }
  return coding;
}

interface Piece {
  readonly name: string;
  readonly values: Float64Array;
}

function variablePieces(v: FrameVariable, coding: "contrasts" | "indicators" | "numeric", n: number): Piece[] {
  if (v.kind === "numeric") return [{ name: v.label, values: v.values }];
  if (v.kind === "matrix") return v.columns.map((values, k) => ({ name: `${v.label}${k + 1}`, values }));
  const first = coding === "contrasts" ? 1 : 0;
  if (coding === "contrasts" && v.levels.length < 2) {
    throw new UserError(`${v.label} has only one level ('${v.levels[0]}') in the data; a factor needs at least two levels to have an effect`);
  }
  const out: Piece[] = [];
  for (let l = first; l < v.levels.length; l++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = v.codes[i] === l ? 1 : 0;
    out.push({ name: `${v.label}${v.levels[l]}`, values });
  }
  return out;
}

/** The columns of a part's terms (no intercept column). */
export function termColumns(part: TermPart, vars: readonly FrameVariable[], n: number): Columns {
  const coding = termCoding(part, vars);
  const names: string[] = [];
  const columns: Float64Array[] = [];
  part.terms.forEach((term, ti) => {
    let acc: Piece[] = [{ name: "", values: new Float64Array(n).fill(1) }];
    term.forEach((v, k) => {
      const pieces = variablePieces(vars[v], coding[ti][k], n);
      const next: Piece[] = [];
      // The earlier variables vary fastest: for each new piece, all accumulated ones.
      for (const p of pieces) {
        for (const a of acc) {
          const values = new Float64Array(n);
          for (let i = 0; i < n; i++) values[i] = a.values[i] * p.values[i];
          next.push({ name: a.name === "" ? p.name : `${a.name}:${p.name}`, values });
        }
      }
      acc = next;
    });
    for (const a of acc) {
      names.push(brmsRename(a.name));
      columns.push(a.values);
    }
  });
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new UserError(`two predictors get the same name '${name}' after brms's renaming; rename a column`);
    seen.add(name);
  }
  return { names, columns };
}
