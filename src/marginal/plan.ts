/** `planMarginal(program, data)`: integrate out every conjugate group parameter the program has. */
import { computeLayout } from "../compiler/layout.js";
import type { Program, ProgramData } from "../ir/types.js";
import { findConjugate, type DetectOptions } from "./detect.js";
import { centreGlmmGroups } from "./glmmShape.js";
import { reduceProgram } from "./reduce.js";
import type { MarginalBlock, MarginalPlan } from "./types.js";

/**
 * Null when nothing in the program can be integrated out. Group effects written non-centred the brms
 * way (z ~ N(0, 1), r = sd · z) are first rewritten as parameters r ~ N(0, sd) (glmmShape.ts) so the
 * detector sees them; the outputs keep their names.
 */
export function planMarginal(program: Program, data: ProgramData, options: DetectOptions = {}): MarginalPlan | null {
  const outputNames = computeLayout(program).outputNames;
  const centred = centreGlmmGroups(program);
  let p: Program = { ...centred.program, generated: [] };
  let d: ProgramData = data;
  const blocks: MarginalBlock[] = [];
  for (;;) {
    const c = findConjugate(p, d, options);
    if (c === null) break;
    const r = reduceProgram(p, d, c);
    p = r.program;
    d = r.data;
    blocks.push(r.block);
  }
  if (blocks.length === 0) return null;
  return centred.pairs.length > 0 ? { program: p, data: d, blocks, outputNames, nonCentred: centred.pairs } : { program: p, data: d, blocks, outputNames };
}
