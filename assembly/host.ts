// What the core imports from its host. exp, log and log1p are JavaScript's Math functions, not
// AssemblyScript's own (whose bits differ): the core must give the same bits as the JavaScript
// sampler. sqrt is wasm's f64.sqrt, correctly rounded as Math.sqrt is.
// Not fdlibm.ts's copies, although they give Node 20's bits: the engine's Math is not fdlibm
// everywhere (Chromium 156, Node 24), and there the core must still match that engine's JavaScript
// kernel; and V8 calls an imported Math.exp/log/log1p directly (about 0.5 ns more per call than a
// wasm copy once optimised, and faster than a copy in Liftoff's baseline code, which a fresh
// process's first chain runs).

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
