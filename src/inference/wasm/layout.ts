/**
 * The byte layout of one wasm NUTS workspace, as assembly/layout.ts and assembly/transition.ts `init`
 * lay it out (init returns its end offset, which createWasmNuts checks against workspaceBytes).
 */
export const INFO_ACCEPT_STAT = 0;
export const INFO_TREE_DEPTH = 8;
export const INFO_N_LEAPFROG = 16;
export const INFO_DIVERGENT = 24;
export const INFO_ENERGY = 32;
export const STATE_LOG_DENSITY = 40;
export const RNG_SPARE = 48;
/** Four int32 xoshiro words, then the has-spare flag. */
export const RNG_WORDS = 56;
/** Then the workspace's dimension and dense flag (int32 each, written by the core's init). */
export const HEADER_BYTES = 88;

/** Bytes of a workspace for `dim` coordinates and trees up to `maxTreeDepth`; dim² metric blocks when `denseCapable`. */
export function workspaceBytes(dim: number, maxTreeDepth: number, denseCapable: boolean): number {
  const nb = 8 * dim;
  const metricBytes = denseCapable ? nb * dim : nb;
  const phasePoint = 16 + 4 * nb;
  const proposal = 16 + 2 * nb;
  const level = 6 * nb + proposal;
  // position, gradient, two metric blocks, zFwd, zBck, zSample, zPropose, 8 trajectory ends,
  // rho, rhoFwd, rhoBck, normals, then one level per depth 0..maxTreeDepth.
  return HEADER_BYTES + 2 * nb + 2 * metricBytes + 2 * phasePoint + 2 * proposal + 12 * nb + (maxTreeDepth + 1) * level;
}

/** Where the chain's position, gradient and metric blocks start (after the header). */
export function vectorOffsets(base: number, dim: number, denseCapable: boolean): { position: number; gradient: number; metricA: number; metricB: number } {
  const nb = 8 * dim;
  const metricBytes = denseCapable ? nb * dim : nb;
  const position = base + HEADER_BYTES;
  const gradient = position + nb;
  const metricA = gradient + nb;
  return { position, gradient, metricA, metricB: metricA + metricBytes };
}

/** The chain loop's block (assembly/loop.ts): dual averaging's state and settings, as f64. */
export const DA_MU = 0;
export const DA_COUNTER = 8;
export const DA_S_BAR = 16;
export const DA_X_BAR = 24;
export const DA_STEP_SIZE = 32;
export const DA_DELTA = 40;
export const DA_GAMMA = 48;
export const DA_T0 = 56;
export const DA_KAPPA = 64;
/** Draws in the Welford estimate. */
export const WELFORD_N = 72;
/** What the last call added up: leapfrog steps, divergences, sampling transitions at the depth limit. */
export const LOOP_GRADIENTS = 80;
export const LOOP_DIVERGENCES = 88;
export const LOOP_DEPTH_HITS = 96;
/** Rows the block has room for (int32). */
export const LOOP_MAX_ROWS = 104;
/**
 * Then the Welford mean (dim f64), delta (dim), m2 (dim, or dim² when dense), then the records:
 * the seven sampler variables in CmdStan's order as columns of LOOP_MAX_ROWS values, then the
 * positions as rows of dim values.
 */
export const LOOP_HEADER_BYTES = 112;
export const ROW_SAMPLER_VARIABLES = 7;
export const MODE_WARMUP = 1;
export const MODE_WELFORD = 2;
export const MODE_RECORD = 4;
export const MODE_DENSE_METRIC = 8;
export const MODE_DENSE_WELFORD = 16;

/** Bytes of a loop block for `dim` coordinates and `rows` recorded rows. */
export function loopBlockBytes(dim: number, denseWelford: boolean, rows: number): number {
  const nb = 8 * dim;
  return LOOP_HEADER_BYTES + 2 * nb + (denseWelford ? nb * dim : nb) + rows * (8 * ROW_SAMPLER_VARIABLES + nb);
}
