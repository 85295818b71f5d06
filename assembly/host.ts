// What the core imports from its host. exp, log and log1p are not imported any more: fdlibm.ts
// computes JavaScript's bits inside the module. sqrt is wasm's f64.sqrt, correctly rounded as
// Math.sqrt is.

/**
 * The target: reads theta (dim f64) at thetaPtr, writes the gradient at gradPtr, returns the log
 * density. A compiled model's wasm export, or a JavaScript adapter around `logDensityGradient`.
 */
@external("hb", "logDensityGradient")
export declare function logDensityGradient(thetaPtr: usize, gradPtr: usize): f64;

/** Math.pow, for dual averaging's counter^-κ (AssemblyScript's pow gives other bits). */
@external("hb", "pow")
export declare function jsPow(x: f64, y: f64): f64;
