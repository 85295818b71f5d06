/**
 * brms's group effects with a known covariance across levels, `(1 | gr(g, cov = A))`: phylogenetic,
 * pedigree (animal model) or spatial similarity. brms 2.18 builds r = (Lcov ⊗ diag(sd)·L) · z with
 * Lcov = t(chol(A[levels, levels])), z ~ N(0, I) (its Stan function scale_r_cor_cov), so vec(r) has
 * covariance A ⊗ Σ. This file parses `gr()`, checks a user's matrix as brms's validate_recov_matrix
 * does, and gives the Cholesky factor over the data's levels (brms's data_gr_global): every level of
 * the data must be a row name of A, and A's other rows are dropped.
 */
import type { Node } from "./ast.js";
import { caretError } from "./errors.js";
import { UserError } from "../errors.js";
import { choleskyDecompose } from "../math/cholesky.js";

/** A known covariance matrix as the API takes it: its level names and values (rows of numbers, or J·J row-major). */
export interface KnownCovariance {
  readonly levels: readonly string[];
  readonly values: readonly (readonly number[])[] | Float64Array;
}

/** brms's `data2`: the named matrices that `gr(g, cov = A)` refers to. */
export type KnownCovariances = Readonly<Record<string, KnownCovariance>>;

export interface ParsedGr {
  readonly factor: { readonly name: string; readonly pos: number };
  /** The `cov = A` matrix's name and where it is written; absent for plain `gr(g)`. */
  readonly cov?: { readonly name: string; readonly pos: number };
}

/** `gr(g)` or `gr(g, cov = A)`; brms's other options (by, cor, id, dist) are refused with a caret. */
export function parseGr(node: Extract<Node, { kind: "call" }>, text: string): ParsedGr {
  if (node.args.length !== 1 || node.args[0].kind !== "name") {
    throw caretError("formula", text, node.pos, "gr() takes one grouping factor (a column name) and cov = <matrix>: gr(species, cov = A)");
  }
  let cov: ParsedGr["cov"];
  for (const a of node.named ?? []) {
    if (a.name !== "cov") throw caretError("formula", text, a.pos, `gr(): the argument '${a.name}' is not supported; gr() takes cov = <matrix> (brms's by, cor, id and dist are not available)`);
    if (a.value.kind !== "name") throw caretError("formula", text, a.value.pos, "gr(): cov must name a matrix given with the data (--cov A=A.csv, or data2: { A } in the API)");
    cov = { name: a.value.name, pos: a.value.pos };
  }
  const g = node.args[0];
  return { factor: { name: g.name, pos: g.pos }, ...(cov ? { cov } : {}) };
}

/** A J × J row-major matrix from either input shape, or a UserError saying what is wrong. */
export function squareValues(name: string, m: KnownCovariance): Float64Array {
  const J = m.levels.length;
  if (J === 0) throw new UserError(`covariance matrix '${name}': it has no levels`);
  if (new Set(m.levels).size !== J) throw new UserError(`covariance matrix '${name}': its level names must be unique; '${m.levels.find((l, i) => m.levels.indexOf(l) !== i)}' appears twice`);
  if (m.values instanceof Float64Array) {
    if (m.values.length !== J * J) throw new UserError(`covariance matrix '${name}' is not square: ${J} levels but ${m.values.length} values (need ${J * J})`);
    return m.values;
  }
  if (m.values.length !== J) throw new UserError(`covariance matrix '${name}' is not square: ${J} level names but ${m.values.length} rows`);
  const out = new Float64Array(J * J);
  m.values.forEach((row, i) => {
    if (row.length !== J) throw new UserError(`covariance matrix '${name}' is not square: row ${i + 1} ('${m.levels[i]}') has ${row.length} values, expected ${J}`);
    for (let j = 0; j < J; j++) out[i * J + j] = row[j];
  });
  return out;
}

/**
 * The lower Cholesky factor (row-major J × J) of A restricted to `levels` in that order, as brms's
 * `t(chol(cov_mat[levels, levels]))`. Checks, in brms's order: finite, symmetric (relative 1e-8 of
 * the largest entry; brms's isSymmetric uses 100 · machine eps through all.equal), every data level
 * present (named here; brms only says they do not match), positive definite.
 */
export function knownCovFactor(name: string, m: KnownCovariance, levels: readonly string[], group: string): Float64Array {
  const A = squareValues(name, m);
  const K = m.levels.length;
  let scale = 0;
  for (let i = 0; i < A.length; i++) {
    if (!Number.isFinite(A[i])) throw new UserError(`covariance matrix '${name}': entry [${m.levels[Math.floor(i / K)]}, ${m.levels[i % K]}] is ${A[i]}; every entry must be a finite number`);
    scale = Math.max(scale, Math.abs(A[i]));
  }
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(A[i * K + j] - A[j * K + i]) > 1e-8 * scale) {
        throw new UserError(`covariance matrix '${name}' is not symmetric: [${m.levels[i]}, ${m.levels[j]}] = ${A[i * K + j]} but [${m.levels[j]}, ${m.levels[i]}] = ${A[j * K + i]}`);
      }
    }
  }
  const at = new Map(m.levels.map((l, i) => [l, i]));
  const missing = levels.filter((l) => !at.has(l));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((l) => `'${l}'`).join(", ") + (missing.length > 5 ? ` and ${missing.length - 5} more` : "");
    throw new UserError(`covariance matrix '${name}' has no row for ${missing.length === 1 ? "the level" : "the levels"} ${shown} of '${group}': every level in the data needs a row and column of '${name}' with that name`);
  }
  const J = levels.length;
  const idx = levels.map((l) => at.get(l) as number);
  const sub = new Float64Array(J * J);
  // The lower triangle, mirrored: a tolerated asymmetry must not make the factor depend on the side read.
  for (let i = 0; i < J; i++) {
    for (let j = 0; j <= i; j++) {
      const a = idx[i] >= idx[j] ? A[idx[i] * K + idx[j]] : A[idx[j] * K + idx[i]];
      sub[i * J + j] = a;
      sub[j * J + i] = a;
    }
  }
  const L = new Float64Array(J * J);
  if (!choleskyDecompose(sub, J, L)) {
    throw new UserError(`covariance matrix '${name}' is not positive definite over the levels of '${group}' (its Cholesky factorisation fails); brms refuses it too. Check for duplicated species or a singular pedigree`);
  }
  return L;
}

/** The matrix a group term names, or a UserError listing what was given. */
function knownCovOf(data2: KnownCovariances | undefined, name: string, text: string, pos: number): KnownCovariance {
  const m = data2?.[name];
  if (!m) {
    const given = Object.keys(data2 ?? {});
    throw caretError("formula", text, pos, `the covariance matrix '${name}' was not given: pass it with --cov ${name}=file.csv (CLI) or data2: { ${name}: { levels, values } } (API)${given.length > 0 ? `; given: ${given.join(", ")}` : ""}`);
  }
  return m;
}

/**
 * A mean-formula group term with its factor attached when it is `gr(g, cov = A)`; others unchanged.
 * Without any data2 the term keeps only A's name: designs rebuilt for effects, R² or reports (and
 * `hbayes priors`) need no matrix, while a fit stops at knownCovFactorOf asking for it.
 */
export function withKnownCov<G extends { readonly group: string; readonly levels: readonly string[]; readonly cov?: { readonly name: string } }>(g: G, re: { readonly cov?: { readonly name: string; readonly pos: number } }, data2: KnownCovariances | undefined, text: string): G {
  if (!re.cov || data2 === undefined) return g;
  const m = knownCovOf(data2, re.cov.name, text, re.cov.pos);
  return { ...g, cov: { name: re.cov.name, L: knownCovFactor(re.cov.name, m, g.levels, g.group), A: m } };
}

/** A design restored from model.json (no matrices) with the fit's `--cov` matrices attached again, for new levels. */
export function withKnownCovGroups<
  D extends { readonly groups: readonly { readonly group: string; readonly levels: readonly string[] }[]; readonly encoding: { readonly parsed: { readonly re: readonly { readonly cov?: { readonly name: string } }[] } } },
>(design: D, data2: KnownCovariances): D {
  const groups = design.groups.map((g, gi) => {
    const name = design.encoding.parsed.re[gi]?.cov?.name;
    if (name === undefined) return g;
    const m = data2[name];
    if (!m) throw new UserError(`--cov: the fit's gr(${g.group}, cov = ${name}) needs the matrix '${name}', not given (given: ${Object.keys(data2).join(", ")})`);
    return { ...g, cov: { name, L: knownCovFactor(name, m, g.levels, g.group), A: m } };
  });
  return { ...design, groups };
}

/**
 * The factor of a group term that names a matrix, for GlmmSpec; a term whose design did not attach
 * one (distributional, non-linear parts) is refused rather than fitted as if its levels were independent.
 */
export function knownCovFactorOf(g: { readonly group: string; readonly text: string; readonly cov?: { readonly name: string; readonly L?: Float64Array; readonly A?: KnownCovariance } }): Float64Array | null {
  if (!g.cov) return null;
  if (!g.cov.L) {
    throw new UserError(
      `${g.text}: the covariance matrix '${g.cov.name}' was not given: pass it with --cov ${g.cov.name}=file.csv (CLI) or data2: { ${g.cov.name}: { levels, values } } (API); ` +
        "gr(g, cov = A) is supported in the mean's formula of a linear model (not in distributional or non-linear parameters' formulas)",
    );
  }
  return g.cov.L;
}

/**
 * New levels of a `gr(g, cov = A)` term: drawn given the fitted levels' effects through A
 * (knownCovNewLevels), so each must be a row of A and the fit's design must hold A (a fit made here
 * with data2, or `hbayes predict --cov`); otherwise refused. brms 2.18 (get_new_rdraws) instead draws
 * them as if unrelated to the fitted levels, ignoring A.
 */
export function refuseNewKnownCovLevels(groups: readonly { readonly group: string; readonly cov?: { readonly name: string } }[], unseen: readonly (readonly string[])[], fitted: readonly { readonly cov?: { readonly name: string; readonly A?: KnownCovariance } }[]): void {
  groups.forEach((g, gi) => {
    const levels = unseen[gi] ?? [];
    if (!g.cov || levels.length === 0) return;
    const A = fitted[gi]?.cov?.A;
    const name = g.cov.name;
    if (!A) {
      throw new UserError(
        `newdata: level '${levels[0]}' of ${g.group}${levels.length > 1 ? ` (and ${levels.length - 1} more)` : ""} was not in the fitted data, and gr(${g.group}, cov = ${name}) relates levels through ${name}: ` +
          `give the matrix (hbayes predict --cov ${name}=file.csv) so its effect is drawn given the fitted levels' effects`,
      );
    }
    const missing = levels.filter((l) => !A.levels.includes(l));
    if (missing.length > 0) throw new UserError(`newdata: the new level${missing.length > 1 ? "s" : ""} ${missing.map((l) => `'${l}'`).join(", ")} of ${g.group} ${missing.length > 1 ? "are" : "is"} not in the covariance matrix '${name}': a new level's effect is drawn given its covariance with the fitted levels, so it needs a row of '${name}'`);
  });
}

/** gr(g, cov = A) in a distributional part's formula is refused at the term (brms allows it; not implemented here). */
export function refuseKnownCovOutsideMean(parts: readonly { readonly text: string; readonly re: readonly { readonly cov?: { readonly name: string; readonly pos: number } }[] }[]): void {
  for (const p of parts) {
    const re = p.re.find((r) => r.cov);
    if (re?.cov) throw caretError("formula", p.text, re.cov.pos, "gr(g, cov = A) is supported in the mean's formula only, not in distributional parameters' formulas");
  }
}
