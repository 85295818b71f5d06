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

/** Evaluates the target at `position` (copied) and returns the initial state; the log density may be −∞. */
export function nutsInit(position: Float64Array, target: LogDensity): NutsState {
  if (position.length !== target.dim) {
    throw new RangeError(`nutsInit: position must have length ${target.dim}, got ${position.length}`);
  }
  const state: NutsState = {
    position: Float64Array.from(position),
    logDensity: -Infinity,
    gradient: new Float64Array(target.dim),
  };
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

export interface NutsWorkspace {
  readonly target: LogDensity;
  readonly dim: number;
  readonly maxTreeDepth: number;
  readonly levels: Level[];
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
  // Per-transition accumulators, reset by nutsStep.
  nLeapfrog: number;
  sumMetroProb: number;
  divergent: boolean;
  H0: number;
  stepSize: number;
  metric: Metric | null;
  maxDeltaH: number;
  rng: Rng | null;
}

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
  return {
    target,
    dim: n,
    maxTreeDepth,
    levels,
    zFwd: createPhasePoint(n),
    zBck: createPhasePoint(n),
    zSample: createProposal(n),
    zPropose: createProposal(n),
    pFwdFwd: vec(),
    vFwdFwd: vec(),
    pFwdBck: vec(),
    vFwdBck: vec(),
    pBckFwd: vec(),
    vBckFwd: vec(),
    pBckBck: vec(),
    vBckBck: vec(),
    rho: vec(),
    rhoFwd: vec(),
    rhoBck: vec(),
    normals: vec(),
    nLeapfrog: 0,
    sumMetroProb: 0,
    divergent: false,
    H0: 0,
    stepSize: 0,
    metric: null,
    maxDeltaH: DEFAULT_NUTS.maxDeltaH,
    rng: null,
  };
}

function copyProposal(from: Proposal, to: Proposal): void {
  to.q.set(from.q);
  to.grad.set(from.grad);
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
 * What a leaf reports: the point as the proposal, its velocity and momentum as both ends of the
 * one-point trajectory, its momentum as the trajectory's summed momentum. Plain loops: for the
 * small dimensions typical of hierarchical models, TypedArray.set costs more in call overhead
 * than the copy itself.
 */
function leafCopy(
  z: PhasePoint,
  propose: Proposal,
  vBeg: Float64Array,
  vEnd: Float64Array,
  rho: Float64Array,
  pBeg: Float64Array,
  pEnd: Float64Array,
): void {
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
}

/**
 * `leapfrog` with a diagonal metric followed by `leafCopy`, with the copies made in the leapfrog's
 * own two passes while the values are in registers (the same arithmetic, so the same bits); the
 * leaf is the sampler's innermost step, run once per gradient.
 */
function leafDiag(
  target: LogDensity,
  invMetric: Float64Array,
  stepSize: number,
  z: PhasePoint,
  propose: Proposal,
  vBeg: Float64Array,
  vEnd: Float64Array,
  rho: Float64Array,
  pBeg: Float64Array,
  pEnd: Float64Array,
): void {
  const { q, p, v, grad } = z;
  const pq = propose.q;
  const pg = propose.grad;
  const n = q.length;
  const half = 0.5 * stepSize;
  for (let i = 0; i < n; i++) {
    const pi = p[i] + half * grad[i];
    p[i] = pi;
    const qi = q[i] + stepSize * (invMetric[i] * pi);
    q[i] = qi;
    pq[i] = qi;
  }
  z.logDensity = evalLogDensity(target, q, grad);
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
}

/**
 * Builds a subtree of 2^depth leaves by integrating `z` in direction `sign`. Returns the subtree's
 * log sum of weights, or NaN when it is invalid (divergent or U-turned inside), as Stan's build_tree
 * returns false. Writes the subtree's summed momentum into `rho` (Stan adds it to a zeroed vector;
 * writing it saves the zeroing and gives the same values) and reports its end momenta and velocities.
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
): number {
  if (depth === 0) {
    const metric = ws.metric as Metric;
    if (metric.kind === "diag") {
      leafDiag(ws.target, metric.inverse, sign * ws.stepSize, z, propose, vBeg, vEnd, rho, pBeg, pEnd);
    } else {
      leapfrog(ws.target, metric, sign * ws.stepSize, z);
      leafCopy(z, propose, vBeg, vEnd, rho, pBeg, pEnd);
    }
    ws.nLeapfrog++;
    const h = hamiltonian(z);
    const dH = ws.H0 - h;
    if (-dH > ws.maxDeltaH) ws.divergent = true;
    ws.sumMetroProb += dH > 0 ? 1 : Math.exp(dH);
    propose.logDensity = z.logDensity;
    propose.kinetic = z.kinetic;
    return ws.divergent ? NaN : dH;
  }
  const L = ws.levels[depth];
  const lswInit = buildTree(ws, depth - 1, z, propose, vBeg, L.vInitEnd, L.rhoInit, pBeg, L.pInitEnd, sign);
  if (lswInit !== lswInit) return NaN;
  const lswFinal = buildTree(ws, depth - 1, z, L.proposeFinal, L.vFinalBeg, vEnd, L.rhoFinal, L.pFinalBeg, pEnd, sign);
  if (lswFinal !== lswFinal) return NaN;

  // Uniform progressive sampling inside a subtree: take the final half with probability w_final / w_subtree.
  const lswSubtree = logSumExp(lswInit, lswFinal);
  if (lswFinal > lswSubtree) {
    copyProposal(L.proposeFinal, propose);
  } else {
    const acceptProb = Math.exp(lswFinal - lswSubtree);
    if ((ws.rng as Rng).uniform() < acceptProb) copyProposal(L.proposeFinal, propose);
  }

  if (!mergeNoUTurn(rho, L.rhoInit, L.rhoFinal, vBeg, L.vInitEnd, L.pInitEnd, L.vFinalBeg, L.pFinalBeg, vEnd)) return NaN;
  return lswSubtree;
}

/**
 * One NUTS transition from `state` (updated in place to the selected point). Randomness comes only
 * from `rng`: one momentum, one direction per doubling, the multinomial choices.
 */
export function nutsStep(rng: Rng, state: NutsState, params: NutsParams, ws: NutsWorkspace): NutsInfo {
  const { metric, stepSize } = params;
  const maxDepth = Math.min(params.maxTreeDepth, ws.maxTreeDepth);
  ws.rng = rng;
  ws.metric = metric;
  ws.stepSize = stepSize;
  ws.maxDeltaH = params.maxDeltaH;

  const z = ws.zFwd;
  z.q.set(state.position);
  z.grad.set(state.gradient);
  z.logDensity = state.logDensity;
  sampleMomentum(rng, metric, z.p, ws.normals);
  velocity(metric, z.p, z.v);
  z.kinetic = kineticEnergy(z.p, z.v);
  const zb = ws.zBck;
  zb.q.set(z.q);
  zb.p.set(z.p);
  zb.v.set(z.v);
  zb.grad.set(z.grad);
  zb.logDensity = z.logDensity;
  zb.kinetic = z.kinetic;
  copyProposal(z, ws.zSample);

  // The outer ends start at the initial point; the inner ends (pFwdBck, vFwdBck, pBckFwd, vBckFwd)
  // are written by each doubling before the merge reads them.
  ws.pFwdFwd.set(z.p);
  ws.pBckBck.set(z.p);
  ws.vFwdFwd.set(z.v);
  ws.vBckBck.set(z.v);
  ws.rho.set(z.p);

  let logSumWeight = 0; // log e^{H0 − H0}
  ws.H0 = hamiltonian(z);
  ws.nLeapfrog = 0;
  ws.sumMetroProb = 0;
  ws.divergent = false;
  let depth = 0;

  while (depth < maxDepth) {
    let lswSubtree: number;
    if (rng.uniform() > 0.5) {
      // Extend forward: the old trajectory becomes the backward part.
      ws.rhoBck.set(ws.rho);
      ws.pBckFwd.set(ws.pFwdFwd);
      ws.vBckFwd.set(ws.vFwdFwd);
      lswSubtree = buildTree(ws, depth, ws.zFwd, ws.zPropose, ws.vFwdBck, ws.vFwdFwd, ws.rhoFwd, ws.pFwdBck, ws.pFwdFwd, 1);
    } else {
      ws.rhoFwd.set(ws.rho);
      ws.pFwdBck.set(ws.pBckBck);
      ws.vFwdBck.set(ws.vBckBck);
      lswSubtree = buildTree(ws, depth, ws.zBck, ws.zPropose, ws.vBckFwd, ws.vBckBck, ws.rhoBck, ws.pBckFwd, ws.pBckBck, -1);
    }
    if (lswSubtree !== lswSubtree) break;
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
  state.position.set(s.q);
  state.gradient.set(s.grad);
  state.logDensity = s.logDensity;
  ws.rng = null;
  return {
    acceptStat: ws.sumMetroProb / ws.nLeapfrog,
    treeDepth: depth,
    nLeapfrog: ws.nLeapfrog,
    divergent: ws.divergent,
    energy: s.kinetic - s.logDensity,
  };
}
