/** Conditional effects (brms's conditional_effects) and Bayes R² (bayes_R2) of formula fits. */
export { conditionalEffects, conditionalEffectsFromDraws, defaultEffects } from "./conditionalEffects.js";
export { bayesR2, bayesR2FromDraws, bayesR2Draws } from "./bayesR2.js";
export { fitEffects, type FitEffects } from "./forReport.js";
export { looR2, looR2FromDraws, looR2Draws, looPredictions } from "./looR2.js";
export {
  DEFAULT_EFFECTS,
  EFFECTS_METHODS,
  resolveEffectsOptions,
  type BayesR2,
  type ConditionalEffect,
  type ConditionalEffectsOptions,
  type EffectColumn,
  type EffectsMethod,
} from "./types.js";
