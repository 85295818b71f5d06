/**
 * The No-U-Turn sampler as Stan implements it (base_nuts.hpp, Betancourt 2017): a trajectory grown
 * by doubling in a random direction, multinomial sampling of the new point (biased progressive
 * sampling between the old trajectory and a new subtree, uniform progressive sampling inside
 * subtrees), the generalised no-U-turn criterion on the summed momentum ρ with the extra checks
 * across merged subtrees, and a divergence when H − H0 exceeds `maxDeltaH`.
 *
 * Pure-kernel shape (BlackJAX): `nutsInit` builds the carried state, `nutsStep` advances it and
 * reports the transition's info. Every buffer the tree needs lives in a `NutsWorkspace` made once
 * per chain, so a leapfrog step allocates nothing.
 */
import type { LogDensity } from "../logDensity.js";
import type { Rng } from "../random/rng.js";
import { leapfrog } from "./leapfrog.js";
import { kineticEnergy, sampleMomentum, velocity, type Metric } from "./metric.js";
import { createPhasePoint, evalLogDensity, hamiltonian, type PhasePoint } from "./phasePoint.js";

/** The carried state: a position with its log density and gradient. `nutsStep` updates it in place. */
export interface NutsState {
  readonly position: Float64Array;
  logDensity: number;
  readonly gradient: Float64Array;
}

export interface NutsParams {
  readonly stepSize: number;
  readonly metric: Metric;
  readonly maxTreeDepth: number;
  /** Energy error beyond which a leaf is divergent (Stan: 1000). */
  readonly maxDeltaH: number;
}

/** What a transition reports. `nutsStep` returns its workspace's record, overwritten by the next call. */
export interface NutsInfo {
  /** Mean Metropolis acceptance probability min(1, e^{H0−H}) over every leaf of the trajectory. */
  readonly acceptStat: number;
  readonly treeDepth: number;
  readonly nLeapfrog: number;
  readonly divergent: boolean;
  /** Hamiltonian at the selected point (Stan's energy__). */
  readonly energy: number;
}

export const DEFAULT_NUTS = Object.freeze({ maxTreeDepth: 10, maxDeltaH: 1000 });

/*
 * The per-chain objects (state, workspace) are built by class constructors, not object literals:
 * V8 (Node 20) deoptimises every optimised function that read a literal-built object's typed-array
 * fields when the same literal is evaluated a second time, i.e. when the next chain starts, and
 * the sampler's hot functions then run unoptimised again until re-optimised.
 */
class ChainPoint implements NutsState {
  logDensity = -Infinity;
  constructor(
    readonly position: Float64Array,
    readonly gradient: Float64Array,
  ) {}
}

/** Evaluates the target at `position` (copied) and returns the initial state; the log density may be −∞. */
export function nutsInit(position: Float64Array, target: LogDensity): NutsState {
  if (position.length !== target.dim) {
    throw new RangeError(`nutsInit: position must have length ${target.dim}, got ${position.length}`);
  }
  const state: NutsState = new ChainPoint(Float64Array.from(position), new Float64Array(target.dim));
  state.logDensity = evalLogDensity(target, state.position, state.gradient);
  return state;
}

/** A sampled point: what the chain keeps from a leaf. */
interface Proposal {
  readonly q: Float64Array;
  readonly grad: Float64Array;
  logDensity: number;
  kinetic: number;
}

interface Level {
  readonly pInitEnd: Float64Array;
  readonly vInitEnd: Float64Array;
  readonly rhoInit: Float64Array;
  readonly pFinalBeg: Float64Array;
  readonly vFinalBeg: Float64Array;
  readonly rhoFinal: Float64Array;
  readonly proposeFinal: Proposal;
}

// Slots of NutsWorkspace.scalars.
const H0 = 0;
const STEP = 1;
const SUM_METRO_PROB = 2;
const MAX_DELTA_H = 3;
/** Log sum of weights of the subtree buildTree has just built (valid when it returned true). */
const LSW = 4;

function createProposal(dim: number): Proposal {
  return { q: new Float64Array(dim), grad: new Float64Array(dim), logDensity: -Infinity, kinetic: 0 };
}

/** Scratch for one chain: trees up to `maxTreeDepth` deep on `target`. */
export function createNutsWorkspace(target: LogDensity, maxTreeDepth: number = DEFAULT_NUTS.maxTreeDepth): NutsWorkspace {
  if (!Number.isInteger(maxTreeDepth) || maxTreeDepth < 1) {
    throw new RangeError(`createNutsWorkspace: maxTreeDepth must be a positive integer, got ${maxTreeDepth}`);
  }
  const n = target.dim;
  const vec = () => new Float64Array(n);
  const levels: Level[] = [];
  for (let d = 0; d <= maxTreeDepth; d++) {
    levels.push({
      pInitEnd: vec(),
      vInitEnd: vec(),
      rhoInit: vec(),
      pFinalBeg: vec(),
      vFinalBeg: vec(),
      rhoFinal: vec(),
      proposeFinal: createProposal(n),
    });
  }
  return new NutsWorkspace(target, maxTreeDepth, levels);
}

/** What nutsStep (and the wasm kernel, src/inference/wasm/kernel.ts) fill and return; one class, so readers see one shape. */
export class TransitionInfo implements NutsInfo {
  acceptStat = NaN;
  treeDepth = 0;
  nLeapfrog = 0;
  divergent = false;
  energy = NaN;
}

/** Scratch for one chain (createNutsWorkspace builds it): a class, so every chain shares one V8 map. */
export class NutsWorkspace {
  readonly dim: number;
  readonly zFwd: PhasePoint;
  readonly zBck: PhasePoint;
  readonly zSample: Proposal;
  readonly zPropose: Proposal;
  readonly pFwdFwd: Float64Array;
  readonly vFwdFwd: Float64Array;
  readonly pFwdBck: Float64Array;
  readonly vFwdBck: Float64Array;
  readonly pBckFwd: Float64Array;
  readonly vBckFwd: Float64Array;
  readonly pBckBck: Float64Array;
  readonly vBckBck: Float64Array;
  readonly rho: Float64Array;
  readonly rhoFwd: Float64Array;
  readonly rhoBck: Float64Array;
  readonly normals: Float64Array;
  /**
   * The transition's real-valued accumulators (H0, step size, Σ acceptance, max ΔH, the last
   * subtree's log sum of weights) in a typed array: a double returned from or kept in a plain
   * field is boxed on the heap, and the tree builder reports one per subtree.
   */
  readonly scalars: Float64Array;
  /** The record nutsStep fills and returns (a fresh object per transition was most of its garbage). */
  readonly info = new TransitionInfo();
  nLeapfrog = 0;
  divergent = false;
  metric: Metric | null = null;
  /** M⁻¹ when the metric is diagonal (the leaf then runs its fused integrator), else null. */
  diagInverse: Float64Array | null = null;
  rng: Rng | null = null;

  constructor(
    readonly target: LogDensity,
    readonly maxTreeDepth: number,
    readonly levels: Level[],
  ) {
    const n = target.dim;
    this.dim = n;
    this.zFwd = createPhasePoint(n);
    this.zBck = createPhasePoint(n);
    this.zSample = createProposal(n);
    this.zPropose = createProposal(n);
    this.pFwdFwd = new Float64Array(n);
    this.vFwdFwd = new Float64Array(n);
    this.pFwdBck = new Float64Array(n);
    this.vFwdBck = new Float64Array(n);
    this.pBckFwd = new Float64Array(n);
    this.vBckFwd = new Float64Array(n);
    this.pBckBck = new Float64Array(n);
    this.vBckBck = new Float64Array(n);
    this.rho = new Float64Array(n);
    this.rhoFwd = new Float64Array(n);
    this.rhoBck = new Float64Array(n);
    this.normals = new Float64Array(n);
    this.scalars = new Float64Array(5);
    this.scalars[MAX_DELTA_H] = DEFAULT_NUTS.maxDeltaH;
  }
}

/**
 * Below this dimension a plain loop copies faster than TypedArray.set, whose call overhead is
 * larger than the copy itself (eight schools); above it set's memcpy wins (radon, dim 89).
 */
const SET_MIN_DIM = 32;

/** Copies a proposal. */
function copyProposal(from: Proposal, to: Proposal): void {
  const fq = from.q;
  const fg = from.grad;
  const tq = to.q;
  const tg = to.grad;
  if (fq.length > SET_MIN_DIM) {
    tq.set(fq);
    tg.set(fg);
  } else {
    for (let i = 0; i < fq.length; i++) {
      tq[i] = fq[i];
      tg[i] = fg[i];
    }
  }
  to.logDensity = from.logDensity;
  to.kinetic = from.kinetic;
}

function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * Merges two adjacent sub-trajectories: writes rho = rhoA + rhoB (the merged summed momentum) and
 * applies the generalised no-U-turn criterion over the merged span and across its seam, each half
 * extended by the neighbouring point of the other (Stan ≥ 2.22). A is the earlier half in time
 * direction: vBeg … vAEnd | vBBeg … vEnd, with end momenta pAEnd and pBBeg. True when all three
 * checks pass. One pass over the coordinates; every dot product is summed in coordinate order, as
 * separate passes would, so the decisions are the same to the last bit.
 */
function mergeNoUTurn(
  rho: Float64Array,
  rhoA: Float64Array,
  rhoB: Float64Array,
  vBeg: Float64Array,
  vAEnd: Float64Array,
  pAEnd: Float64Array,
  vBBeg: Float64Array,
  pBBeg: Float64Array,
  vEnd: Float64Array,
): boolean {
  let whole1 = 0;
  let whole2 = 0;
  let seamA1 = 0;
  let seamA2 = 0;
  let seamB1 = 0;
  let seamB2 = 0;
  for (let i = 0; i < rho.length; i++) {
    const ra = rhoA[i];
    const rb = rhoB[i];
    const r = ra + rb;
    rho[i] = r;
    const vb = vBeg[i];
    const ve = vEnd[i];
    whole1 += ve * r;
    whole2 += vb * r;
    const ta = ra + pBBeg[i];
    seamA1 += vBBeg[i] * ta;
    seamA2 += vb * ta;
    const tb = rb + pAEnd[i];
    seamB1 += ve * tb;
    seamB2 += vAEnd[i] * tb;
  }
  return whole1 > 0 && whole2 > 0 && seamA1 > 0 && seamA2 > 0 && seamB1 > 0 && seamB2 > 0;
}

/**
 * What every leaf does after its leapfrog step: count it, accumulate its acceptance probability,
 * flag a divergence, record its energy in the proposal. Returns false for an invalid (divergent)
 * leaf, else writes its log weight H0 − H into scalars[LSW].
 */
function settleLeaf(ws: NutsWorkspace, z: PhasePoint, propose: Proposal): boolean {
  const f = ws.scalars;
  ws.nLeapfrog++;
  const dH = f[H0] - hamiltonian(z);
  // A leaf is only built while the transition has no divergence, so this store sets the flag
  // exactly when Stan's `if` would; stored every time so optimised code has seen the store and
  // does not deoptimise at the first divergence.
  const divergent = -dH > f[MAX_DELTA_H];
  ws.divergent = divergent;
  f[SUM_METRO_PROB] += dH > 0 ? 1 : Math.exp(dH);
  propose.logDensity = z.logDensity;
  propose.kinetic = z.kinetic;
  if (divergent) return false;
  f[LSW] = dH;
  return dH === dH;
}

/**
 * A leaf with any metric: `leapfrog`, then the leaf's report — the point as the proposal, its
 * velocity and momentum as both ends of the one-point trajectory, its momentum as the trajectory's
 * summed momentum.
 */
function leafGeneral(
  ws: NutsWorkspace,
  sign: number,
  z: PhasePoint,
  propose: Proposal,
  vBeg: Float64Array,
  vEnd: Float64Array,
  rho: Float64Array,
  pBeg: Float64Array,
  pEnd: Float64Array,
): boolean {
  leapfrog(ws.target, ws.metric as Metric, sign * ws.scalars[STEP], z);
  const { q, grad, p, v } = z;
  const pq = propose.q;
  const pg = propose.grad;
  for (let i = 0; i < rho.length; i++) {
    pq[i] = q[i];
    pg[i] = grad[i];
    const vi = v[i];
    const pi = p[i];
    vBeg[i] = vi;
    vEnd[i] = vi;
    pBeg[i] = pi;
    pEnd[i] = pi;
    rho[i] = pi;
  }
  return settleLeaf(ws, z, propose);
}

/**
 * `leafGeneral` for a diagonal metric, with the leaf's copies made in the leapfrog's own two passes
 * while the values are in registers (the same arithmetic as `leapfrog`, so the same bits); the leaf
 * is the sampler's innermost step, run once per gradient.
 */
function leafDiag(
  ws: NutsWorkspace,
  invMetric: Float64Array,
  sign: number,
  z: PhasePoint,
  propose: Proposal,
  vBeg: Float64Array,
  vEnd: Float64Array,
  rho: Float64Array,
  pBeg: Float64Array,
  pEnd: Float64Array,
): boolean {
  const { q, p, v, grad } = z;
  const pq = propose.q;
  const pg = propose.grad;
  const n = q.length;
  const stepSize = sign * ws.scalars[STEP];
  const half = 0.5 * stepSize;
  for (let i = 0; i < n; i++) {
    const pi = p[i] + half * grad[i];
    p[i] = pi;
    const qi = q[i] + stepSize * (invMetric[i] * pi);
    q[i] = qi;
    pq[i] = qi;
  }
  z.logDensity = evalLogDensity(ws.target, q, grad);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const gi = grad[i];
    const pi = p[i] + half * gi;
    const vi = invMetric[i] * pi;
    p[i] = pi;
    v[i] = vi;
    s += pi * vi;
    pg[i] = gi;
    vBeg[i] = vi;
    vEnd[i] = vi;
    pBeg[i] = pi;
    pEnd[i] = pi;
    rho[i] = pi;
  }
  z.kinetic = 0.5 * s;
  return settleLeaf(ws, z, propose);
}

/**
 * Builds a subtree of 2^depth leaves by integrating `z` in direction `sign`. Returns false when it
 * is invalid (divergent or U-turned inside), as Stan's build_tree does; otherwise its log sum of
 * weights is in scalars[LSW]. Writes the subtree's summed momentum into `rho` (Stan adds it to a
 * zeroed vector; writing it saves the zeroing and gives the same values) and reports its end
 * momenta and velocities.
 */
function buildTree(
  ws: NutsWorkspace,
  depth: number,
  z: PhasePoint,
  propose: Proposal,
  vBeg: Float64Array,
  vEnd: Float64Array,
  rho: Float64Array,
  pBeg: Float64Array,
  pEnd: Float64Array,
  sign: number,
): boolean {
  if (depth === 0) {
    // The direction (a small integer), not the signed step size, is passed: a double argument to a
    // call V8 does not inline is boxed on the heap, once per leapfrog.
    const m = ws.diagInverse;
    if (m !== null) return leafDiag(ws, m, sign, z, propose, vBeg, vEnd, rho, pBeg, pEnd);
    return leafGeneral(ws, sign, z, propose, vBeg, vEnd, rho, pBeg, pEnd);
  }
  const L = ws.levels[depth];
  if (!buildTree(ws, depth - 1, z, propose, vBeg, L.vInitEnd, L.rhoInit, pBeg, L.pInitEnd, sign)) return false;
  const lswInit = ws.scalars[LSW];
  if (!buildTree(ws, depth - 1, z, L.proposeFinal, L.vFinalBeg, vEnd, L.rhoFinal, L.pFinalBeg, pEnd, sign)) return false;
  const lswFinal = ws.scalars[LSW];

  // Uniform progressive sampling inside a subtree: take the final half with probability w_final / w_subtree.
  let lswSubtree: number;
  let acceptProb: number;
  if (lswInit > -Infinity && lswFinal > -Infinity && lswInit < Infinity && lswFinal < Infinity) {
    // log_sum_exp's own term e = exp(−|lswInit − lswFinal|) also gives w_final / w_subtree, as
    // 1 / (1 + e) or e / (1 + e): one exp fewer than Stan's exp(lswFinal − lswSubtree), equal up to
    // rounding (lswSubtree itself is computed exactly as log_sum_exp computes it).
    if (lswInit > lswFinal) {
      const e = Math.exp(lswFinal - lswInit);
      lswSubtree = lswInit + Math.log1p(e);
      acceptProb = e / (1 + e);
    } else {
      const e = Math.exp(lswInit - lswFinal);
      lswSubtree = lswFinal + Math.log1p(e);
      acceptProb = 1 / (1 + e);
    }
  } else {
    lswSubtree = logSumExp(lswInit, lswFinal);
    acceptProb = lswFinal > lswSubtree ? 2 : Math.exp(lswFinal - lswSubtree);
  }
  if (acceptProb > 1) {
    copyProposal(L.proposeFinal, propose);
  } else if ((ws.rng as Rng).uniform() < acceptProb) {
    copyProposal(L.proposeFinal, propose);
  }

  if (!mergeNoUTurn(rho, L.rhoInit, L.rhoFinal, vBeg, L.vInitEnd, L.pInitEnd, L.vFinalBeg, L.pFinalBeg, vEnd)) return false;
  ws.scalars[LSW] = lswSubtree;
  return lswSubtree === lswSubtree;
}

/**
 * Starts a trajectory at `state`: draws the momentum, and makes the initial point both ends of the
 * trajectory and the current sample. With a diagonal metric it is one pass (momentum p = z·scale,
 * velocity, kinetic energy summed in coordinate order, copies), the arithmetic of
 * sampleMomentum/velocity/kineticEnergy; other metrics call those.
 */
function beginTrajectory(rng: Rng, state: NutsState, metric: Metric, ws: NutsWorkspace): void {
  const z = ws.zFwd;
  const zb = ws.zBck;
  const zs = ws.zSample;
  const { q, p, v, grad } = z;
  const pos = state.position;
  const g0 = state.gradient;
  const n = pos.length;
  if (metric.kind === "diag") {
    const scale = metric.momentumScale;
    const m = metric.inverse;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const pi = rng.normal() * scale[i];
      const vi = m[i] * pi;
      s += pi * vi;
      p[i] = pi;
      v[i] = vi;
    }
    z.kinetic = 0.5 * s;
  } else {
    sampleMomentum(rng, metric, p, ws.normals);
    velocity(metric, p, v);
    z.kinetic = kineticEnergy(p, v);
  }
  z.logDensity = state.logDensity;
  const bq = zb.q;
  const bp = zb.p;
  const bv = zb.v;
  const bg = zb.grad;
  const sq = zs.q;
  const sg = zs.grad;
  const { pFwdFwd, pBckBck, vFwdFwd, vBckBck, rho } = ws;
  // The outer ends start at the initial point; the inner ends (pFwdBck, vFwdBck, pBckFwd, vBckFwd)
  // are written by each doubling before the merge reads them.
  for (let i = 0; i < n; i++) {
    const qi = pos[i];
    const gi = g0[i];
    const pi = p[i];
    const vi = v[i];
    q[i] = qi;
    grad[i] = gi;
    bq[i] = qi;
    bp[i] = pi;
    bv[i] = vi;
    bg[i] = gi;
    sq[i] = qi;
    sg[i] = gi;
    pFwdFwd[i] = pi;
    pBckBck[i] = pi;
    vFwdFwd[i] = vi;
    vBckBck[i] = vi;
    rho[i] = pi;
  }
  zb.logDensity = z.logDensity;
  zb.kinetic = z.kinetic;
  zs.logDensity = z.logDensity;
  zs.kinetic = z.kinetic;
}

/** Before a doubling: the old trajectory's summed momentum and outer end become the new subtree's far neighbour. */
function copyEnds(rhoTo: Float64Array, pTo: Float64Array, vTo: Float64Array, rho: Float64Array, p: Float64Array, v: Float64Array): void {
  if (rho.length > SET_MIN_DIM) {
    rhoTo.set(rho);
    pTo.set(p);
    vTo.set(v);
    return;
  }
  for (let i = 0; i < rho.length; i++) {
    rhoTo[i] = rho[i];
    pTo[i] = p[i];
    vTo[i] = v[i];
  }
}

/**
 * One NUTS transition from `state` (updated in place to the selected point). Randomness comes only
 * from `rng`: one momentum, one direction per doubling, the multinomial choices. The returned info
 * is `ws.info`, valid until the next call with the same workspace: copy what you keep.
 */
export function nutsStep(rng: Rng, state: NutsState, params: NutsParams, ws: NutsWorkspace): NutsInfo {
  const metric = params.metric;
  const maxDepth = Math.min(params.maxTreeDepth, ws.maxTreeDepth);
  const f = ws.scalars;
  ws.rng = rng;
  ws.metric = metric;
  ws.diagInverse = metric.kind === "diag" ? metric.inverse : null;
  f[STEP] = params.stepSize;
  f[MAX_DELTA_H] = params.maxDeltaH;

  beginTrajectory(rng, state, metric, ws);
  let logSumWeight = 0; // log e^{H0 − H0}
  f[H0] = hamiltonian(ws.zFwd);
  f[SUM_METRO_PROB] = 0;
  ws.nLeapfrog = 0;
  ws.divergent = false;
  let depth = 0;

  while (depth < maxDepth) {
    let valid: boolean;
    if (rng.uniform() > 0.5) {
      // Extend forward: the old trajectory becomes the backward part.
      copyEnds(ws.rhoBck, ws.pBckFwd, ws.vBckFwd, ws.rho, ws.pFwdFwd, ws.vFwdFwd);
      valid = buildTree(ws, depth, ws.zFwd, ws.zPropose, ws.vFwdBck, ws.vFwdFwd, ws.rhoFwd, ws.pFwdBck, ws.pFwdFwd, 1);
    } else {
      copyEnds(ws.rhoFwd, ws.pFwdBck, ws.vFwdBck, ws.rho, ws.pBckBck, ws.vBckBck);
      valid = buildTree(ws, depth, ws.zBck, ws.zPropose, ws.vBckFwd, ws.vBckBck, ws.rhoBck, ws.pBckFwd, ws.pBckBck, -1);
    }
    if (!valid) break;
    const lswSubtree = f[LSW];
    depth++;

    // Biased progressive sampling: move to the new subtree with probability min(1, w_new / w_old).
    if (lswSubtree > logSumWeight) {
      copyProposal(ws.zPropose, ws.zSample);
    } else {
      const acceptProb = Math.exp(lswSubtree - logSumWeight);
      if (rng.uniform() < acceptProb) copyProposal(ws.zPropose, ws.zSample);
    }
    logSumWeight = logSumExp(logSumWeight, lswSubtree);

    if (!mergeNoUTurn(ws.rho, ws.rhoBck, ws.rhoFwd, ws.vBckBck, ws.vBckFwd, ws.pBckFwd, ws.vFwdBck, ws.pFwdBck, ws.vFwdFwd)) break;
  }

  const s = ws.zSample;
  const pos = state.position;
  const g = state.gradient;
  const sq = s.q;
  const sg = s.grad;
  for (let i = 0; i < pos.length; i++) {
    pos[i] = sq[i];
    g[i] = sg[i];
  }
  state.logDensity = s.logDensity;
  ws.rng = null;
  const info = ws.info as TransitionInfo;
  info.acceptStat = f[SUM_METRO_PROB] / ws.nLeapfrog;
  info.treeDepth = depth;
  info.nLeapfrog = ws.nLeapfrog;
  info.divergent = ws.divergent;
  info.energy = s.kinetic - s.logDensity;
  return info;
}
