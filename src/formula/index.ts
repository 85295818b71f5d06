/** The formula front end: lme4/brms formula text + data → design, priors, and the GLMM spec for the IR. */
export type { BinaryOp, FormulaAst, Node } from "./ast.js";
export { parseFormula } from "./parse.js";
export { parseFormulaParts, parseRe, TERM_FUNCTIONS, MATH_FUNCTIONS, ADDITION_TERMS, type ParsedFormula, type ParsedRe, type ParsedResponse, type TermPart, type Term, type Variable } from "./terms.js";
export { dataColumns, type FormulaData, type ColumnInput, type TableInput } from "./data.js";
export { buildFrame, frameRe, type Frame, type FrameRe, type FrameResponse } from "./frame.js";
export type { FrameVariable, Learned } from "./evaluate.js";
export { termColumns, termCoding, type Columns } from "./columns.js";
export { buildDesign, designRe, designFixed, type FormulaDesign, type DesignGroup, type DesignOptions } from "./design.js";
export { FAMILIES, FAMILY_NAMES, familyInfo, checkResponse, type FamilyInfo, type FamilyName, type Link, type AuxParameter } from "./families.js";
export { parsePrior, priorText, PRIOR_CLASSES, ALLOWED as PRIOR_ALLOWED, type PriorStatement, type PriorDist, type PriorClass } from "./priorParse.js";
export { resolvePriors, priorTable, priorRe, defaultScalePrior, type DesignPriors, type GroupPriors, type ResolvedPrior, type PriorRow } from "./priors.js";
export { designNewData, type NewDataDesign, type NewDataOptions } from "./newdata.js";
export { toGlmmSpec } from "./toGlmm.js";
export { compareLabels, sortLabels } from "./collate.js";
export { formatR, roundR1, medianR, madR } from "./rformat.js";
export { deparse, brmsRename } from "./deparse.js";
