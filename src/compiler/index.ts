export { compileModel, type CompiledModel } from "./compile.js";
export { computeLayout, type Layout, type ParamLayout, type TparamLayout } from "./layout.js";
export { referenceLogDensity, referenceGradient } from "./reference.js";
