/** `planMarginal(program, data)`: integrate out every conjugate group parameter the program has. */
import { computeLayout } from "../compiler/layout.js";
import type { Expr, Program, ProgramData } from "../ir/types.js";
import { findConjugate, type DetectOptions } from "./detect.js";
import { findCorrelated } from "./detectCorrelated.js";
import { findCrossed } from "./detectCrossed.js";
import { centreGlmmGroups } from "./glmmShape.js";
import { reduceProgram } from "./reduce.js";
import { reduceCorrelated } from "./reduceCorrelated.js";
import { reduceCrossed } from "./reduceCrossed.js";
import type { MarginalBlock, MarginalPlan } from "./types.js";

/**
 * Null when nothing in the program can be integrated out. Group effects written non-centred the brms
 * way (z ~ N(0, 1), r = sd · z) are first rewritten as parameters r ~ N(0, sd) (glmmShape.ts) so the
 * detector sees them; the outputs keep their names. Correlated effects (r = diag(sd) L z, varying
 * intercepts and slopes) are integrated out as one block per grouping (detectCorrelated.ts); two
 * crossed or nested gaussian intercepts as one joint block (detectCrossed.ts).
 */
export function planMarginal(program: Program, data: ProgramData, options: DetectOptions = {}): MarginalPlan | null {
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
  const centred = centreGlmmGroups(p);
  p = centred.program;
  // Two intercepts in one gaussian likelihood (crossed or nested) go together, before the single-group
  // detector could take one of them and leave the other gathered into its η (refused below).
  for (;;) {
    const c = findCrossed(p, d, options.crossedMaxSmall);
    if (c === null) break;
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
