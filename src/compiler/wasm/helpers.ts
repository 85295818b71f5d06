/**
 * The scalar runtime helpers a wasm log density may import: the same JavaScript functions the printed
 * code calls (so the same bits). None of them throws for any double, NaN and ±Infinity included
 * (test/compiler/wasm/helpers.test.ts checks a grid of extreme arguments), so they are imported
 * directly: a JavaScript exception has nothing to turn into −∞. Where WebAssembly builds of them
 * exist with the same bits, a module calls those instead: log1pExp is a function of the module
 * (internal.ts), lgamma, digamma, Phi and lbeta are imported from a wasm instance (helpersModule.ts).
 *
 * The vector transforms' `constrain` and `backward` (which do not throw either: only their
 * `unconstrain` and `inSupport` check arguments) are imported through a wrapper that hands them one
 * Float64Array over the wasm memory, and MVN (multiNormalRows, no throws either) through one with
 * views of its fixed arrays bound (instantiate.ts). Other helpers (MVNP, the rng draws) appear only
 * in generate(); a log density that called them would not be translated.
 */
import { RUNTIME } from "../runtime.js";

export const SCALAR_HELPERS = Object.freeze({
  lgamma: RUNTIME.lgamma,
  digamma: RUNTIME.digamma,
  log1pExp: RUNTIME.log1pExp,
  Phi: RUNTIME.Phi,
  lbeta: RUNTIME.lbeta,
  logPhi: RUNTIME.logPhi,
  logDiffPhi: RUNTIME.logDiffPhi,
  log1mExpNegT: RUNTIME.log1mExpNegT,
  tOverExpm1: RUNTIME.tOverExpm1,
});

/** The vector transforms by the identifier generated code uses. */
export const VECTOR_HELPERS = Object.freeze({
  CC: RUNTIME.CC,
  OR: RUNTIME.OR,
  PO: RUNTIME.PO,
  SX: RUNTIME.SX,
});
