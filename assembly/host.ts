// What the core imports from its host. exp, log and log1p are JavaScript's Math functions, not
// AssemblyScript's own (whose bits differ): the core must give the same bits as the JavaScript
// sampler. sqrt is wasm's f64.sqrt, correctly rounded as Math.sqrt is.

@external("hb", "exp")
export declare function jsExp(x: f64): f64;

@external("hb", "log")
export declare function jsLog(x: f64): f64;

@external("hb", "log1p")
export declare function jsLog1p(x: f64): f64;

/**
 * The target: reads theta (dim f64) at thetaPtr, writes the gradient at gradPtr, returns the log
 * density. A compiled model's wasm export, or a JavaScript adapter around `logDensityGradient`.
 */
@external("hb", "logDensityGradient")
export declare function logDensityGradient(thetaPtr: usize, gradPtr: usize): f64;

/** Math.pow, for dual averaging's counter^-κ (AssemblyScript's pow gives other bits). */
@external("hb", "pow")
export declare function jsPow(x: f64, y: f64): f64;
