/** `planMarginal(program, data)`: integrate out every conjugate group parameter the program has. */
import { computeLayout } from "../compiler/layout.js";
import type { Expr, Program, ProgramData } from "../ir/types.js";
import { findConjugate, type DetectOptions } from "./detect.js";
import { findCorrelated } from "./detectCorrelated.js";
import { CROSSED_MAX_SMALL, findCrossed } from "./detectCrossed.js";
import { centreGlmmGroups } from "./glmmShape.js";
import { mvnGroupNames, rewriteMvnGroups, type MvnRewrite } from "./mvnShape.js";
import { reduceProgram } from "./reduce.js";
import { reduceCorrelated } from "./reduceCorrelated.js";
import { reduceCrossed } from "./reduceCrossed.js";
import type { MarginalBlock, MarginalPlan } from "./types.js";

/**
 * Null when nothing in the program can be integrated out. Group effects written non-centred the brms
 * way (z ~ N(0, 1), r = sd · z) are first rewritten as parameters r ~ N(0, sd) (glmmShape.ts) so the
 * detector sees them; the outputs keep their names. Correlated effects (r = diag(sd) L z, varying
 * intercepts and slopes) are integrated out as one block per grouping (detectCorrelated.ts), and so is
 * the DSL's form of them, a matrix b ~ multi_normal_cholesky(mu, L, scale) read as b.col(m).at(g), once
 * rewritten that way (mvnShape.ts; the outputs stay b[j,m]); two
 * crossed or nested gaussian intercepts as one joint block (detectCrossed.ts).
 */
export function planMarginal(program: Program, data: ProgramData, options: DetectOptions = {}): MarginalPlan | null {
  return planMarginalReport(program, data, options).plan;
}

/**
 * Conjugate structure seen but not integrated out, and why: two crossed gaussian intercepts whose
 * smaller factor is over the size limit (the dense Schur complement), with the program's names.
 */
export interface DeclinedCrossed {
  readonly params: readonly [string, string];
  readonly groups: readonly [number, number];
  readonly limit: number;
}

/** planMarginal's plan, and the crossed pairs it declined for their size (so a report can say why). */
export function planMarginalReport(program: Program, data: ProgramData, options: DetectOptions = {}): { plan: MarginalPlan | null; declined: readonly DeclinedCrossed[] } {
  const declined: DeclinedCrossed[] = [];
  const plan = planWith(program, data, options, declined);
  return { plan, declined };
}

function planWith(program: Program, data: ProgramData, options: DetectOptions, declined: DeclinedCrossed[]): MarginalPlan | null {
  const outputNames = computeLayout(program).outputNames;
  // Correlated effects first, on the program as written (centring rewrites only uncorrelated ones).
  let p: Program = { ...program, generated: [] };
  let d: ProgramData = data;
  const blocks: MarginalBlock[] = [];
  for (;;) {
    const c = findCorrelated(p, d);
    if (c === null) break;
    const r = reduceCorrelated(p, d, c);
    p = r.program;
    d = r.data;
    // Earlier blocks' inputs sit after the removed effects: renumber them.
    blocks.forEach((b, k) => (blocks[k] = { ...b, inputs: b.inputs.map((inp) => ({ ...inp, tparam: r.tparamMap[inp.tparam] })) }));
    blocks.push(r.block);
  }
  // The DSL's matrix effects (b ~ multi_normal_cholesky, read as b.col(m).at(g)): rewritten brms's
  // way (mvnShape.ts) and kept only when the detector then takes exactly those effects.
  for (const name of mvnGroupNames(p)) {
    const w = rewriteMvnGroups(p, d, name);
    if (w === null) continue;
    const c = findCorrelated(w.program, w.data);
    if (c === null || !sameIds([...c.effects].sort((a, b) => a - b), w.effects) || !sameIds(c.coords, w.coords)) continue;
    const r = reduceCorrelated(w.program, w.data, c);
    p = r.program;
    d = r.data;
    blocks.forEach((b, k) => (blocks[k] = { ...b, inputs: b.inputs.map((inp) => ({ ...inp, tparam: r.tparamMap[inp.tparam] })) }));
    blocks.push(asMatrixBlock(r.block, w, c.effects));
  }
  const centred = centreGlmmGroups(p);
  p = centred.program;
  // Two intercepts in one gaussian likelihood (crossed or nested) go together, before the single-group
  // detector could take one of them and leave the other gathered into its η (refused below).
  for (;;) {
    const { candidate: c, overLimit: big } = findCrossed(p, d, options.crossedMaxSmall);
    if (c === null) {
      if (big !== null) declined.push({ params: [p.params[big.params[0]].name, p.params[big.params[1]].name], groups: big.groups, limit: options.crossedMaxSmall ?? CROSSED_MAX_SMALL });
      break;
    }
    const r = reduceCrossed(p, d, c);
    p = r.program;
    d = r.data;
    blocks.push(r.block);
  }
  for (;;) {
    const c = findConjugate(p, d, options);
    if (c === null) break;
    const r = reduceProgram(p, d, c);
    p = r.program;
    d = r.data;
    blocks.push(r.block);
  }
  if (blocks.length === 0) return null;
  // Crossed groups: integrating one out while another stays sampled (its effects gathered into the
  // block's η) gave divergences and a biased sd on brms's penicillin case (34 divergences, sd of
  // sd_sample 0.75 vs 0.96; the full model: none), so such plans are not applied.
  const gathersGroups = blocks.some((b) => b.inputs.some((inp) => hasGather(p.tparams[inp.tparam].expr)));
  if (gathersGroups) return null;
  return centred.pairs.length > 0 ? { program: p, data: d, blocks, outputNames, nonCentred: centred.pairs } : { program: p, data: d, blocks, outputNames };
}

const sameIds = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, k) => v === b[k]);

/**
 * A block of a rewritten DSL matrix b: reported under b's name, its effects filling the user's
 * `b[j,m]` (the block's effect e is column m of b where `effects[e]` is r_m) and its coordinates
 * hidden slots `b.condZ__[j,k]`.
 */
function asMatrixBlock(block: MarginalBlock, w: MvnRewrite, effects: readonly number[]): MarginalBlock {
  const c = block.correlated as NonNullable<MarginalBlock["correlated"]>;
  const cols = effects.map((id) => w.effects.indexOf(id));
  const coords: string[] = [];
  const outs: string[] = [];
  for (let j = 1; j <= w.groups; j++) {
    for (let k = 1; k <= w.dims; k++) coords.push(`${w.name}.condZ__[${j},${k}]`);
    for (const m of cols) outs.push(`${w.name}[${j},${m + 1}]`);
  }
  const offsets = w.means === undefined ? {} : { offsets: cols.map((m) => (w.means as readonly string[])[m]) };
  return { ...block, name: w.name, correlated: { ...c, slots: { coords, effects: outs, ...offsets } } };
}

/** Whether `e` gathers a parameter or transformed parameter by group (a group effect). */
function hasGather(e: Expr): boolean {
  switch (e.op) {
    case "gather":
      return e.src !== "data";
    case "unary":
    case "sum":
      return hasGather(e.arg);
    case "binary":
      return hasGather(e.a) || hasGather(e.b);
    default:
      return false;
  }
}
