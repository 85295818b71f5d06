// The workspace header, at the workspace's base offset; src/inference/wasm/layout.ts mirrors it.
export const INFO_ACCEPT_STAT: usize = 0;
export const INFO_TREE_DEPTH: usize = 8;
export const INFO_N_LEAPFROG: usize = 16;
export const INFO_DIVERGENT: usize = 24;
export const INFO_ENERGY: usize = 32;
export const STATE_LOG_DENSITY: usize = 40;
export const RNG_SPARE: usize = 48;
/** Four i32 xoshiro words, then the has-spare flag (i32). */
export const RNG_WORDS: usize = 56;
export const RNG_HAS_SPARE: usize = 72;
/** The workspace's dimension and whether its metric blocks hold dim² values (i32 each), set by init. */
export const WS_DIM: usize = 76;
export const WS_DENSE_CAPABLE: usize = 80;
/** Then: position (dim f64), gradient (dim), metric A, metric B (dim each, or dim² when dense). */
export const HEADER_BYTES: usize = 88;

// A phase point: log density, kinetic energy, then q, p, v, grad (dim f64 each).
// A proposal: log density, kinetic energy, then q, grad.
export const LD: usize = 0;
export const KIN: usize = 8;
export const VEC0: usize = 16;
