/**
 * The byte layout of one wasm NUTS workspace, as assembly/layout.ts and assembly/nuts.ts `init`
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
