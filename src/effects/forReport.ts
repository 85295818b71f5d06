/**
 * What a fit's report and the web app show after a formula fit: the default conditional effects
 * (the ordinal family per category, as brms's categorical = TRUE, since its default treats categories
 * as numbers) and Bayes R². A part that cannot be computed becomes a note instead of failing the report.
 */
import { UserError } from "../errors.js";
import type { FormulaData } from "../formula/data.js";
import type { FormulaDesign } from "../formula/design.js";
import type { Draws } from "../posterior/draws.js";
import { bayesR2FromDraws } from "./bayesR2.js";
import { conditionalEffectsFromDraws } from "./conditionalEffects.js";
import type { BayesR2, ConditionalEffect } from "./types.js";

export interface FitEffects {
  readonly effects: readonly ConditionalEffect[];
  readonly r2: BayesR2 | null;
  readonly notes: readonly string[];
}

export function fitEffects(draws: Draws, design: FormulaDesign, data: FormulaData, seed: number): FitEffects {
  const notes: string[] = [];
  let effects: ConditionalEffect[] = [];
  let r2: BayesR2 | null = null;
  if (draws.chains * draws.draws > 0) {
    try {
      effects = conditionalEffectsFromDraws(draws, design, data, { seed, categorical: design.family.name === "cumulative" || design.family.name === "categorical" });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      notes.push(`Conditional effects: ${e.message}`);
    }
    try {
      r2 = bayesR2FromDraws(draws, design);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      notes.push(`Bayes R²: ${e.message}`);
    }
  }
  for (const m of new Set(effects.flatMap((e) => e.messages))) notes.push(m);
  return { effects, r2, notes };
}
