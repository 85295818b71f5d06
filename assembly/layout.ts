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

// The chain loop's block (loop.ts), at its own offset; src/inference/wasm/layout.ts mirrors it.
// Dual averaging's state and settings (dualAveraging.ts), as f64.
export const DA_MU: usize = 0;
export const DA_COUNTER: usize = 8;
export const DA_S_BAR: usize = 16;
export const DA_X_BAR: usize = 24;
export const DA_STEP_SIZE: usize = 32;
export const DA_DELTA: usize = 40;
export const DA_GAMMA: usize = 48;
export const DA_T0: usize = 56;
export const DA_KAPPA: usize = 64;
/** Draws in the Welford estimate (f64, as welford.ts counts). */
export const WELFORD_N: usize = 72;
/** What the last call added up (f64): leapfrog steps, divergent transitions, sampling transitions at the depth limit. */
export const LOOP_GRADIENTS: usize = 80;
export const LOOP_DIVERGENCES: usize = 88;
export const LOOP_DEPTH_HITS: usize = 96;
/** Rows the block has room for (i32), written by the host. */
export const LOOP_MAX_ROWS: usize = 104;
/**
 * Then: Welford mean (dim f64), delta (dim), m2 (dim, or dim² when dense), then the records: the
 * seven sampler variables in CmdStan's order as columns of LOOP_MAX_ROWS values, then the
 * positions as rows of dim values.
 */
export const LOOP_HEADER_BYTES: usize = 112;
export const ROW_SAMPLER_VARIABLES: usize = 7;
/** `run`'s mode bits. */
export const MODE_WARMUP: i32 = 1;
export const MODE_WELFORD: i32 = 2;
export const MODE_RECORD: i32 = 4;
export const MODE_DENSE_METRIC: i32 = 8;
export const MODE_DENSE_WELFORD: i32 = 16;
