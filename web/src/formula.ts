/**
 * Where the formula front end (src/formula: text → design → GlmmSpec, errors with a caret) plugs in.
 * It has not landed yet, so the page says that plainly when asked to fit a formula; the families are
 * the GLMM builder's, which already exist.
 */
import { GLMM_FAMILIES } from "../../src/glmm/types.js";

export const FORMULA_AVAILABLE = false;
export const FAMILIES: readonly string[] = GLMM_FAMILIES;
