export type {
  ArrayRef, BinaryFn, Bound, Censoring, DataSlot, Expr, Generated, NormalNormalMarginal, ParamBlock, ParamShape, Program, ProgramData, Source, Statement, TransformedParam, TransformSpec, UnaryFn,
} from "./types.js";
export { CENSORED_FAMILIES, FAMILY_SIGNATURES, familySignature, type FamilySignature } from "./families.js";
export { isDataOnly, shapeSize, sourceDims, validateData, validateProgram } from "./validate.js";
