/**
 * The scalar runtime helpers a wasm log density may import: the same JavaScript functions the printed
 * code calls (so the same bits). None of them throws for any double, NaN and ±Infinity included
 * (test/compiler/wasm/helpers.test.ts checks a grid of extreme arguments), so they are imported
 * directly: a JavaScript exception has nothing to turn into −∞. Vector helpers (CC, MVN, …) take
 * arrays and are not importable; a body that calls them is not translated.
 */
import { RUNTIME } from "../runtime.js";

export const SCALAR_HELPERS = Object.freeze({
  lgamma: RUNTIME.lgamma,
  digamma: RUNTIME.digamma,
  log1pExp: RUNTIME.log1pExp,
  Phi: RUNTIME.Phi,
  lbeta: RUNTIME.lbeta,
});
