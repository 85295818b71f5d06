/**
 * The per-draw generate step of a marginalised fit: each integrated-out group parameter is drawn from
 * its exact conditional given that draw's other parameters. Chain c draws from
 * `createRng(seed, c).split(MARGINAL_STREAM + block)` (warmup draws: a further offset), a stream that depends only on (seed, chain), so
 * the result is the same whatever number of threads ran the chains.
 *
 * One-parameter-per-group blocks draw in bulk (random/bulk.ts: WebAssembly, the scalar generators'
 * bits), as their draws are most of the completion's cost and the JavaScript generators are still
 * unoptimised when it starts. Correlated and crossed blocks keep calling rng.normal() from their own
 * loops: with their normals drawn in bulk the first completion in a process was slower (synthetic
 * 4 × 1000 draws: sleepstudy 17–19 → 20–22 ms, Penicillin 35–46 → 50–60 ms), their loops' own
 * arithmetic dominating and the inlined JavaScript generator being optimised within the first chain.
 */
import { createDraws, type Draws } from "../posterior/draws.js";
import { betasInto, gammasInto, normalAffineInto } from "../random/bulk.js";
import { createRng } from "../random/rng.js";
import { crossedStats, type CrossedStats } from "./crossedStats.js";
import { crossedConditional } from "./normalCrossed.js";
import { firstSlotsOf, hiddenNames } from "./target.js";
import type { ConjugateKind, MarginalBlock } from "./types.js";

/** Child-stream index of the first block (any fixed number distinct from the sampler's own use). */
export const MARGINAL_STREAM = 0x6d617267;

/** Saved warmup draws use their own streams, so they share no randomness with the kept draws. */
const WARMUP_OFFSET = 0x10000;

/**
 * Elements per bulk call: bounds the gather buffers (and the wasm memory they are copied to) however
 * many groups and draws a fit has, while one call still covers a small model's whole chain.
 */
const BATCH = 65536;

/**
 * Draws with every block's slots filled by conditional draws and the hidden slots removed. `crossed`
 * (per block, as a MarginalLogDensity built in this thread holds them) saves rebuilding a crossed
 * block's statistics, a pass over its rows.
 */
export function completeMarginalDraws(draws: Draws, blocks: readonly MarginalBlock[], seed: number, warmup = false, crossed: readonly (CrossedStats | null)[] = []): Draws {
  const hidden = new Set(blocks.flatMap(hiddenNames));
  const keep = draws.names.filter((n) => !hidden.has(n));
  const out = createDraws(keep, draws.chains, draws.draws);
  const block = draws.chains * draws.draws;
  keep.forEach((n, k) => {
    const v = draws.names.indexOf(n);
    out.data.set(draws.data.subarray(v * block, (v + 1) * block), k * block);
  });
  const { chains, draws: nd } = draws;
  blocks.forEach((b, bi) => {
    if (b.crossed !== undefined) {
      completeCrossed(out, draws, b, crossed[bi] ?? crossedStats(b), seed, MARGINAL_STREAM + bi + (warmup ? WARMUP_OFFSET : 0));
      return;
    }
    if (b.correlated !== undefined) {
      completeCorrelated(out, draws, b, seed, MARGINAL_STREAM + bi + (warmup ? WARMUP_OFFSET : 0));
      return;
    }
    const first = Array.from({ length: b.groups }, (_, j) => out.names.indexOf(`${b.name}[${j + 1}]`));
    const second = hiddenNames(b).map((n) => draws.names.indexOf(n));
    if (first.some((k) => k < 0) || second.some((k) => k < 0)) throw new Error(`completeMarginalDraws: the draws lack the slots of ${b.name}`);
    completeConjugate(out, draws, b.kind, first, second, seed, MARGINAL_STREAM + bi + (warmup ? WARMUP_OFFSET : 0));
  });
  return out;
}

/**
 * One-parameter-per-group blocks: group j's value in draw d is drawn from (first slot, second slot)
 * — mean and sd, shape and rate, or the two Beta shapes — draw by draw, group by group within a
 * draw (NaN, with no draw, where either is not finite). Each chain's slots are gathered for a batch
 * of draws, group j's column with one copy, drawn in bulk in that order (random/bulk.ts, the same
 * bits as one scalar draw at a time) and scattered back.
 */
function completeConjugate(out: Draws, draws: Draws, kind: ConjugateKind, first: number[], second: number[], seed: number, stream: number): void {
  const { chains, draws: nd } = draws;
  const J = first.length;
  if (J === 0) return;
  const rowsMax = Math.max(1, Math.min(nd, Math.floor(BATCH / Math.max(1, J))));
  const a = new Float64Array(rowsMax * J);
  const b = new Float64Array(rowsMax * J);
  for (let c = 0; c < chains; c++) {
    const rng = createRng(seed, c).split(stream);
    for (let d0 = 0; d0 < nd; d0 += rowsMax) {
      const rows = Math.min(rowsMax, nd - d0);
      const n = rows * J;
      const va = rows === rowsMax ? a : a.subarray(0, n);
      const vb = rows === rowsMax ? b : b.subarray(0, n);
      for (let j = 0; j < J; j++) {
        const at1 = (first[j] * chains + c) * nd + d0;
        const at2 = (second[j] * chains + c) * nd + d0;
        va.set(out.data.subarray(at1, at1 + rows), j * rows);
        vb.set(draws.data.subarray(at2, at2 + rows), j * rows);
      }
      if (kind === "normal_normal") normalAffineInto(rng, va, vb, va, J);
      else if (kind === "poisson_gamma") gammasInto(rng, va, vb, va, J);
      else betasInto(rng, va, vb, va, J);
      for (let j = 0; j < J; j++) {
        const at1 = (first[j] * chains + c) * nd + d0;
        out.data.set(va.subarray(j * rows, (j + 1) * rows), at1);
      }
    }
  }
}

/**
 * Correlated effects: per draw and group, ε ~ N(0, I_K), ζ = mean + F ε and b = C ζ (plus a DSL
 * matrix's mean, `slots.offsets`), from the ζ means
 * in the ζ slots and F (upper triangle per group) and C in the hidden ones (correlatedConditional).
 */
function completeCorrelated(out: Draws, draws: Draws, b: MarginalBlock, seed: number, stream: number): void {
  const c = b.correlated as NonNullable<MarginalBlock["correlated"]>;
  const K = c.dims;
  const M = c.effects;
  const J = b.groups;
  const T = (K * (K + 1)) / 2;
  // ζ means are read from the draws (a DSL matrix's are hidden, so not in `out`); ζ is written back
  // only where `out` keeps it, b always.
  const mean = firstSlotsOf(b, draws.names);
  const first = firstSlotsOf(b, out.names);
  const second = hiddenNames(b).map((n) => draws.names.indexOf(n));
  if (mean.some((k) => k < 0) || first.subarray(J * K).some((k) => k < 0) || second.some((k) => k < 0)) {
    throw new Error(`completeMarginalDraws: the draws lack the slots of ${b.name}`);
  }
  // A DSL matrix's mean (mvnShape.ts), per effect: an output of the draws (−1: none, zero mean).
  const offsets = c.slots?.offsets;
  const offFrom = Int32Array.from({ length: M }, (_, e) => (offsets === undefined ? -1 : draws.names.indexOf(offsets[e])));
  if (offsets !== undefined && offFrom.some((f) => f < 0)) throw new Error(`completeMarginalDraws: the draws lack the mean of ${b.name}`);
  const { chains, draws: nd } = draws;
  const eps = new Float64Array(K);
  const zeta = new Float64Array(K);
  const C = new Float64Array(M * K);
  const S = chains * nd;
  for (let ch = 0; ch < chains; ch++) {
    const rng = createRng(seed, ch).split(stream);
    for (let d = 0; d < nd; d++) {
      // Variable v's value for this chain and draw (no closure per draw).
      const o = ch * nd + d;
      for (let e = 0; e < M * K; e++) C[e] = draws.data[second[J * T + e] * S + o];
      for (let j = 0; j < J; j++) {
        for (let k = 0; k < K; k++) eps[k] = rng.normal();
        let f = j * T;
        for (let k = 0; k < K; k++) {
          let t = draws.data[mean[j * K + k] * S + o];
          for (let l = k; l < K; l++) t += draws.data[second[f++] * S + o] * eps[l];
          zeta[k] = t;
          if (first[j * K + k] >= 0) out.data[first[j * K + k] * S + o] = t;
        }
        for (let m = 0; m < M; m++) {
          let t = offFrom[m] >= 0 ? draws.data[offFrom[m] * S + o] : 0;
          for (let k = 0; k < K; k++) t += C[m * K + k] * zeta[k];
          out.data[first[J * K + j * M + m] * S + o] = t;
        }
      }
    }
  }
}

/**
 * Crossed or nested intercepts: per draw, both factors' effects jointly from their exact conditional
 * (crossedConditional) given that draw's inputs, kept in the hidden slots.
 */
function completeCrossed(out: Draws, draws: Draws, b: MarginalBlock, st: CrossedStats, seed: number, stream: number): void {
  const x = b.crossed as NonNullable<MarginalBlock["crossed"]>;
  const first = firstSlotsOf(b, out.names);
  const second = hiddenNames(b).map((n) => draws.names.indexOf(n));
  if (first.some((k) => k < 0) || second.some((k) => k < 0)) throw new Error(`completeMarginalDraws: the draws lack the slots of ${b.name}`);
  const values = second.map(() => new Float64Array(1));
  const outA = new Float64Array(b.groups);
  const outB = new Float64Array(x.groups);
  const { chains, draws: nd } = draws;
  const S = chains * nd;
  for (let ch = 0; ch < chains; ch++) {
    const rng = createRng(seed, ch).split(stream);
    for (let d = 0; d < nd; d++) {
      // Variable v's value for this chain and draw (no closure per draw).
      const o = ch * nd + d;
      for (let k = 0; k < second.length; k++) values[k][0] = draws.data[second[k] * S + o];
      crossedConditional(rng, b, values, st, outA, outB);
      for (let j = 0; j < b.groups; j++) out.data[first[j] * S + o] = outA[j];
      for (let j = 0; j < x.groups; j++) out.data[first[b.groups + j] * S + o] = outB[j];
    }
  }
}
