/**
 * Inputs for completeMarginalDraws covering every block kind — normal–normal (eight schools),
 * Poisson–Gamma (pumps), binomial–Beta (rats-like), correlated (sleepstudy) and crossed (Penicillin)
 * — with synthetic draws in place of a fit's (so the cases do not move when the sampler changes):
 * every slot exp(0.6·z), positive as sds, shapes, rates and scales must be, with shapes below and
 * above 1, and a few non-finite hidden values (NaN and ±Infinity: a NaN draw and no randomness used).
 * fixtures/make-complete-refs.ts hashes the completions of these cases.
 */
import { buildFormulaModel } from "../../../src/api/formulaFit.js";
import { planMarginal } from "../../../src/marginal/plan.js";
import { hiddenNames } from "../../../src/marginal/target.js";
import type { MarginalBlock } from "../../../src/marginal/types.js";
import { buildModel } from "../../../src/model/model.js";
import { createDraws, type Draws } from "../../../src/posterior/draws.js";
import { createRng } from "../../../src/random/rng.js";
import { penicillinData } from "./crossed.js";
import * as M from "./models.js";

export interface CompleteCase {
  readonly draws: Draws;
  readonly blocks: readonly MarginalBlock[];
}

const CHAINS = 2;
/** Odd, so a chain's normal count is odd in some blocks and the spare normal carries over. */
const DRAWS = 301;

function programs() {
  const sleep = buildFormulaModel({ formula: "Reaction ~ Days + (Days | Subject)", data: M.sleepstudyData() }).built;
  const pen = buildFormulaModel({ formula: "diameter ~ 1 + (1 | plate) + (1 | sample)", data: penicillinData() }).built;
  return {
    eight: buildModel(M.eightCentered, M.EIGHT_SCHOOLS),
    pumps: buildModel(M.pumps, M.pumpsData()),
    rats: buildModel(M.ratsLike, M.ratsData()),
    sleepstudy: { program: sleep.program, data: sleep.data },
    penicillin: { program: pen.program, data: pen.data },
  };
}

export type CaseName = keyof ReturnType<typeof programs>;

/** The five cases, built fresh (the draws are filled from createRng(seed, case index)). */
export function completeCases(): Record<CaseName, CompleteCase> {
  const out = {} as Record<CaseName, CompleteCase>;
  Object.entries(programs()).forEach(([name, m], ci) => {
    const plan = planMarginal(m.program, m.data);
    if (plan === null) throw new Error(`completeCases: ${name} has no marginal plan`);
    // The marginal target's output names (target.ts): the plan's outputs, then the hidden slots.
    const names = [...plan.outputNames, ...plan.blocks.flatMap(hiddenNames)];
    const draws = createDraws(names, CHAINS, DRAWS);
    const rng = createRng(20261129, ci);
    for (let i = 0; i < draws.data.length; i++) draws.data[i] = Math.exp(0.6 * rng.normal());
    // Non-finite hidden values in chain 0 (one variable each, a few draws apart).
    const hidden = names.length - 1;
    const S = CHAINS * DRAWS;
    draws.data[hidden * S + 3] = NaN;
    draws.data[hidden * S + 4] = Infinity;
    draws.data[hidden * S + 10] = -Infinity;
    draws.data[(names.length - 2) * S + 7] = NaN;
    out[name as CaseName] = { draws, blocks: plan.blocks };
  });
  return out;
}

/**
 * FNV-1a over the values' bytes, every NaN as the one canonical NaN (a NaN's sign and payload are
 * not specified by arithmetic, in JavaScript or wasm), so equal fingerprints mean Object.is-equal
 * values: a stable fingerprint of a completion.
 */
export function fingerprint(data: Float64Array): string {
  const one = new Float64Array(1);
  const bytes = new Uint8Array(one.buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) {
    one[0] = Number.isNaN(data[i]) ? NaN : data[i];
    for (let k = 0; k < 8; k++) h = Math.imul(h ^ bytes[k], 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
