// The NUTS transition of src/inference/nuts.ts (`nutsStep`) in WebAssembly, operation for
// operation, so it gives the same bits: same arithmetic in the same order, the same random draws in
// the same order, JavaScript's own exp/log/log1p. Why wasm: it runs as machine code from the first
// call, where the JavaScript tree builder runs interpreted until V8's optimising compile finishes
// (tens of ms, most of a small model's chain). Comments on the algorithm are in nuts.ts; here only
// what differs in form.
//
// One instance per memory, shared by the workspaces (chains) in it: `step` gets the workspace's
// base offset and, when it differs from the last one, lays out that workspace's pointers again from
// its header (a few dozen global writes). Vectors live in the imported memory.
import { jsExp, jsLog1p, logDensityGradient } from "./host";
import {
  HEADER_BYTES, INFO_ACCEPT_STAT, INFO_DIVERGENT, INFO_ENERGY, INFO_N_LEAPFROG, INFO_TREE_DEPTH,
  KIN, LD, RNG_HAS_SPARE, RNG_SPARE, RNG_WORDS, STATE_LOG_DENSITY, VEC0, WS_DENSE_CAPABLE, WS_DIM,
} from "./layout";
import { normal, rngLoad, rngStore, uniform } from "./rng";

export let n: i32 = 0;
/** Whether `base` holds a laid-out workspace (0 is a valid base). */
let laidOut: bool = false;
/** Bytes of one vector. */
export let nb: usize = 0;
export let base: usize = 0;
export let position: usize = 0;
let gradient: usize = 0;
/** Diagonal: M⁻¹. Dense: M⁻¹ row-major. */
let metricA: usize = 0;
/** Diagonal: momentum scale 1/sqrt(M⁻¹ᵢᵢ). Dense: lower Cholesky factor of M⁻¹. */
let metricB: usize = 0;
let zFwd: usize = 0;
let zBck: usize = 0;
let zSample: usize = 0;
let zPropose: usize = 0;
let pFwdFwd: usize = 0;
let vFwdFwd: usize = 0;
let pFwdBck: usize = 0;
let vFwdBck: usize = 0;
let pBckFwd: usize = 0;
let vBckFwd: usize = 0;
let pBckBck: usize = 0;
let vBckBck: usize = 0;
let rho: usize = 0;
let rhoFwd: usize = 0;
let rhoBck: usize = 0;
let normals: usize = 0;
let levels: usize = 0;
let levelBytes: usize = 0;

let dense: bool = false;
let h0: f64 = 0;
let stepSize: f64 = 0;
let sumMetroProb: f64 = 0;
let maxDeltaH: f64 = 0;
let lsw: f64 = 0;
let nLeapfrog: i32 = 0;
let divergent: bool = false;

// Offsets inside a level: pInitEnd, vInitEnd, rhoInit, pFinalBeg, vFinalBeg, rhoFinal, proposeFinal.

/**
 * Sets up a workspace at `at` for dimension `dim` and trees up to `maxDepth`; the metric blocks
 * hold dim² values when `denseCapable`. Returns the end offset (the host checks it against its own
 * count, src/inference/wasm/layout.ts).
 */
export function init(at: usize, dim: i32, maxDepth: i32, denseCapable: i32): usize {
  store<i32>(at + WS_DIM, dim);
  store<i32>(at + WS_DENSE_CAPABLE, denseCapable);
  const end = layout(at, dim, denseCapable);
  return end + <usize>(maxDepth + 1) * levelBytes;
}

/** Points the globals at the workspace at `at`; returns where its levels start. */
function layout(at: usize, dim: i32, denseCapable: i32): usize {
  laidOut = true;
  n = dim;
  nb = <usize>dim << 3;
  base = at;
  const metricBytes: usize = denseCapable != 0 ? nb * <usize>dim : nb;
  let p = at + HEADER_BYTES;
  position = p; p += nb;
  gradient = p; p += nb;
  metricA = p; p += metricBytes;
  metricB = p; p += metricBytes;
  zFwd = p; p += VEC0 + 4 * nb;
  zBck = p; p += VEC0 + 4 * nb;
  zSample = p; p += VEC0 + 2 * nb;
  zPropose = p; p += VEC0 + 2 * nb;
  pFwdFwd = p; p += nb;
  vFwdFwd = p; p += nb;
  pFwdBck = p; p += nb;
  vFwdBck = p; p += nb;
  pBckFwd = p; p += nb;
  vBckFwd = p; p += nb;
  pBckBck = p; p += nb;
  vBckBck = p; p += nb;
  rho = p; p += nb;
  rhoFwd = p; p += nb;
  rhoBck = p; p += nb;
  normals = p; p += nb;
  levels = p;
  levelBytes = 6 * nb + VEC0 + 2 * nb;
  return p;
}

@inline function ld(x: usize, i: usize): f64 { return load<f64>(x + (i << 3)); }
@inline function st(x: usize, i: usize, v: f64): void { store<f64>(x + (i << 3), v); }

function evalLogDensity(q: usize, grad: usize): f64 {
  const lp = logDensityGradient(q, grad);
  return lp == lp ? lp : -Infinity;
}

@inline function hamiltonian(z: usize): f64 {
  const h = load<f64>(z + KIN) - load<f64>(z + LD);
  return h == h ? h : Infinity;
}

/** A proposal (log density, kinetic, q, grad) is one contiguous block. */
@inline function copyProposal(from: usize, to: usize): void {
  memory.copy(to, from, VEC0 + 2 * nb);
}

function logSumExp(a: f64, b: f64): f64 {
  if (a == -Infinity) return b;
  if (b == -Infinity) return a;
  return a > b ? a + jsLog1p(jsExp(b - a)) : b + jsLog1p(jsExp(a - b));
}

function mergeNoUTurn(
  rhoOut: usize, rhoA: usize, rhoB: usize, vBeg: usize, vAEnd: usize, pAEnd: usize, vBBeg: usize, pBBeg: usize, vEnd: usize,
): bool {
  let whole1: f64 = 0;
  let whole2: f64 = 0;
  let seamA1: f64 = 0;
  let seamA2: f64 = 0;
  let seamB1: f64 = 0;
  let seamB2: f64 = 0;
  for (let o: usize = 0; o < nb; o += 8) {
    const ra = load<f64>(rhoA + o);
    const rb = load<f64>(rhoB + o);
    const r = ra + rb;
    store<f64>(rhoOut + o, r);
    const vb = load<f64>(vBeg + o);
    const ve = load<f64>(vEnd + o);
    whole1 += ve * r;
    whole2 += vb * r;
    const ta = ra + load<f64>(pBBeg + o);
    seamA1 += load<f64>(vBBeg + o) * ta;
    seamA2 += vb * ta;
    const tb = rb + load<f64>(pAEnd + o);
    seamB1 += ve * tb;
    seamB2 += load<f64>(vAEnd + o) * tb;
  }
  return whole1 > 0 && whole2 > 0 && seamA1 > 0 && seamA2 > 0 && seamB1 > 0 && seamB2 > 0;
}

function settleLeaf(z: usize, propose: usize): bool {
  nLeapfrog++;
  const dH = h0 - hamiltonian(z);
  const div = -dH > maxDeltaH;
  divergent = div;
  sumMetroProb += dH > 0 ? 1 : jsExp(dH);
  store<f64>(propose + LD, load<f64>(z + LD));
  store<f64>(propose + KIN, load<f64>(z + KIN));
  if (div) return false;
  lsw = dH;
  return dH == dH;
}

/** v = M⁻¹ p, dense, each row summed in column order (metric.ts velocity). */
function velocityDense(p: usize, out: usize): void {
  for (let i = 0; i < n; i++) {
    let s: f64 = 0;
    const row = metricA + ((<usize>i * <usize>n) << 3);
    for (let k: usize = 0; k < nb; k += 8) s += load<f64>(row + k) * load<f64>(p + k);
    st(out, i, s);
  }
}

function kineticEnergy(p: usize, v: usize): f64 {
  let s: f64 = 0;
  for (let o: usize = 0; o < nb; o += 8) s += load<f64>(p + o) * load<f64>(v + o);
  return 0.5 * s;
}

/** leapfrog.ts's general branch (dense metric). */
function leapfrogDense(eps: f64, z: usize): void {
  const q = z + VEC0;
  const p = q + nb;
  const v = p + nb;
  const g = v + nb;
  const half = 0.5 * eps;
  for (let o: usize = 0; o < nb; o += 8) store<f64>(p + o, load<f64>(p + o) + half * load<f64>(g + o));
  velocityDense(p, v);
  for (let o: usize = 0; o < nb; o += 8) store<f64>(q + o, load<f64>(q + o) + eps * load<f64>(v + o));
  store<f64>(z + LD, evalLogDensity(q, g));
  for (let o: usize = 0; o < nb; o += 8) store<f64>(p + o, load<f64>(p + o) + half * load<f64>(g + o));
  velocityDense(p, v);
  store<f64>(z + KIN, kineticEnergy(p, v));
}

function leafGeneral(sign: f64, z: usize, propose: usize, vBeg: usize, vEnd: usize, rhoOut: usize, pBeg: usize, pEnd: usize): bool {
  leapfrogDense(sign * stepSize, z);
  const q = z + VEC0;
  const p = q + nb;
  const v = p + nb;
  const g = v + nb;
  const pq = propose + VEC0;
  const pg = pq + nb;
  for (let o: usize = 0; o < nb; o += 8) {
    store<f64>(pq + o, load<f64>(q + o));
    store<f64>(pg + o, load<f64>(g + o));
    const vi = load<f64>(v + o);
    const pi = load<f64>(p + o);
    store<f64>(vBeg + o, vi);
    store<f64>(vEnd + o, vi);
    store<f64>(pBeg + o, pi);
    store<f64>(pEnd + o, pi);
    store<f64>(rhoOut + o, pi);
  }
  return settleLeaf(z, propose);
}

function leafDiag(sign: f64, z: usize, propose: usize, vBeg: usize, vEnd: usize, rhoOut: usize, pBeg: usize, pEnd: usize): bool {
  const q = z + VEC0;
  const p = q + nb;
  const v = p + nb;
  const g = v + nb;
  const pq = propose + VEC0;
  const pg = pq + nb;
  const inv = metricA;
  const eps = sign * stepSize;
  const half = 0.5 * eps;
  for (let o: usize = 0; o < nb; o += 8) {
    const pi = load<f64>(p + o) + half * load<f64>(g + o);
    store<f64>(p + o, pi);
    const qi = load<f64>(q + o) + eps * (load<f64>(inv + o) * pi);
    store<f64>(q + o, qi);
    store<f64>(pq + o, qi);
  }
  store<f64>(z + LD, evalLogDensity(q, g));
  let s: f64 = 0;
  for (let o: usize = 0; o < nb; o += 8) {
    const gi = load<f64>(g + o);
    const pi = load<f64>(p + o) + half * gi;
    const vi = load<f64>(inv + o) * pi;
    store<f64>(p + o, pi);
    store<f64>(v + o, vi);
    s += pi * vi;
    store<f64>(pg + o, gi);
    store<f64>(vBeg + o, vi);
    store<f64>(vEnd + o, vi);
    store<f64>(pBeg + o, pi);
    store<f64>(pEnd + o, pi);
    store<f64>(rhoOut + o, pi);
  }
  store<f64>(z + KIN, 0.5 * s);
  return settleLeaf(z, propose);
}

function buildTree(
  depth: i32, z: usize, propose: usize, vBeg: usize, vEnd: usize, rhoOut: usize, pBeg: usize, pEnd: usize, sign: f64,
): bool {
  if (depth == 0) {
    if (dense) return leafGeneral(sign, z, propose, vBeg, vEnd, rhoOut, pBeg, pEnd);
    return leafDiag(sign, z, propose, vBeg, vEnd, rhoOut, pBeg, pEnd);
  }
  const L = levels + <usize>depth * levelBytes;
  const pInitEnd = L;
  const vInitEnd = L + nb;
  const rhoInit = L + 2 * nb;
  const pFinalBeg = L + 3 * nb;
  const vFinalBeg = L + 4 * nb;
  const rhoFinal = L + 5 * nb;
  const proposeFinal = L + 6 * nb;
  if (!buildTree(depth - 1, z, propose, vBeg, vInitEnd, rhoInit, pBeg, pInitEnd, sign)) return false;
  const lswInit = lsw;
  if (!buildTree(depth - 1, z, proposeFinal, vFinalBeg, vEnd, rhoFinal, pFinalBeg, pEnd, sign)) return false;
  const lswFinal = lsw;

  let lswSubtree: f64;
  let acceptProb: f64;
  if (lswInit > -Infinity && lswFinal > -Infinity && lswInit < Infinity && lswFinal < Infinity) {
    if (lswInit > lswFinal) {
      const e = jsExp(lswFinal - lswInit);
      lswSubtree = lswInit + jsLog1p(e);
      acceptProb = e / (1 + e);
    } else {
      const e = jsExp(lswInit - lswFinal);
      lswSubtree = lswFinal + jsLog1p(e);
      acceptProb = 1 / (1 + e);
    }
  } else {
    lswSubtree = logSumExp(lswInit, lswFinal);
    acceptProb = lswFinal > lswSubtree ? 2 : jsExp(lswFinal - lswSubtree);
  }
  if (acceptProb > 1) {
    copyProposal(proposeFinal, propose);
  } else if (uniform() < acceptProb) {
    copyProposal(proposeFinal, propose);
  }

  if (!mergeNoUTurn(rhoOut, rhoInit, rhoFinal, vBeg, vInitEnd, pInitEnd, vFinalBeg, pFinalBeg, vEnd)) return false;
  lsw = lswSubtree;
  return lswSubtree == lswSubtree;
}

/** nuts.ts beginTrajectory: momentum, both ends and the sample at the chain's point. */
function beginTrajectory(): void {
  const z = zFwd;
  const q = z + VEC0;
  const p = q + nb;
  const v = p + nb;
  const g = v + nb;
  if (!dense) {
    let s: f64 = 0;
    for (let o: usize = 0; o < nb; o += 8) {
      const pi = normal() * load<f64>(metricB + o);
      const vi = load<f64>(metricA + o) * pi;
      s += pi * vi;
      store<f64>(p + o, pi);
      store<f64>(v + o, vi);
    }
    store<f64>(z + KIN, 0.5 * s);
  } else {
    // metric.ts sampleMomentum: z ~ N(0, I), then Lᵀ p = z by back substitution.
    for (let o: usize = 0; o < nb; o += 8) store<f64>(normals + o, normal());
    const L = metricB;
    for (let i = n - 1; i >= 0; i--) {
      let s = ld(normals, i);
      for (let k = i + 1; k < n; k++) s -= ld(L, <usize>k * <usize>n + <usize>i) * ld(p, k);
      st(p, i, s / ld(L, <usize>i * <usize>n + <usize>i));
    }
    velocityDense(p, v);
    store<f64>(z + KIN, kineticEnergy(p, v));
  }
  const kin = load<f64>(z + KIN);
  const lp = load<f64>(base + STATE_LOG_DENSITY);
  store<f64>(z + LD, lp);
  const bq = zBck + VEC0;
  const bp = bq + nb;
  const bv = bp + nb;
  const bg = bv + nb;
  const sq = zSample + VEC0;
  const sg = sq + nb;
  for (let o: usize = 0; o < nb; o += 8) {
    const qi = load<f64>(position + o);
    const gi = load<f64>(gradient + o);
    const pi = load<f64>(p + o);
    const vi = load<f64>(v + o);
    store<f64>(q + o, qi);
    store<f64>(g + o, gi);
    store<f64>(bq + o, qi);
    store<f64>(bp + o, pi);
    store<f64>(bv + o, vi);
    store<f64>(bg + o, gi);
    store<f64>(sq + o, qi);
    store<f64>(sg + o, gi);
    store<f64>(pFwdFwd + o, pi);
    store<f64>(pBckBck + o, pi);
    store<f64>(vFwdFwd + o, vi);
    store<f64>(vBckBck + o, vi);
    store<f64>(rho + o, pi);
  }
  store<f64>(zBck + LD, lp);
  store<f64>(zBck + KIN, kin);
  store<f64>(zSample + LD, lp);
  store<f64>(zSample + KIN, kin);
}

@inline function copyEnds(rhoTo: usize, pTo: usize, vTo: usize, rhoFrom: usize, pFrom: usize, vFrom: usize): void {
  memory.copy(rhoTo, rhoFrom, nb);
  memory.copy(pTo, pFrom, nb);
  memory.copy(vTo, vFrom, nb);
}

/**
 * One transition of the workspace at `at` from the state in its header (position, gradient, log
 * density, generator), which it overwrites with the selected point and the generator's new state;
 * writes the info fields.
 * `denseMetric`: metric A/B hold M⁻¹ and its Cholesky factor (else the diagonal and momentum scale).
 */
export function step(at: usize, eps: f64, maxDelta: f64, maxDepth: i32, denseMetric: i32): void {
  useWorkspace(at);
  rngLoad(base + RNG_WORDS, base + RNG_HAS_SPARE, base + RNG_SPARE);
  transition(eps, maxDelta, maxDepth, denseMetric);
  rngStore(base + RNG_WORDS, base + RNG_HAS_SPARE, base + RNG_SPARE);
}

/** Points the globals at the workspace at `at` unless they already are. */
export function useWorkspace(at: usize): void {
  if (at != base || !laidOut) layout(at, load<i32>(at + WS_DIM), load<i32>(at + WS_DENSE_CAPABLE));
}

/**
 * `step` without the generator's load and store: the caller keeps the generator in this instance
 * across transitions (the chain loop, loop.ts, moves it in and out once per call).
 */
export function transition(eps: f64, maxDelta: f64, maxDepth: i32, denseMetric: i32): void {
  dense = denseMetric != 0;
  stepSize = eps;
  maxDeltaH = maxDelta;

  beginTrajectory();
  let logSumWeight: f64 = 0;
  h0 = hamiltonian(zFwd);
  sumMetroProb = 0;
  nLeapfrog = 0;
  divergent = false;
  let depth: i32 = 0;

  while (depth < maxDepth) {
    let valid: bool;
    if (uniform() > 0.5) {
      copyEnds(rhoBck, pBckFwd, vBckFwd, rho, pFwdFwd, vFwdFwd);
      valid = buildTree(depth, zFwd, zPropose, vFwdBck, vFwdFwd, rhoFwd, pFwdBck, pFwdFwd, 1);
    } else {
      copyEnds(rhoFwd, pFwdBck, vFwdBck, rho, pBckBck, vBckBck);
      valid = buildTree(depth, zBck, zPropose, vBckFwd, vBckBck, rhoBck, pBckFwd, pBckBck, -1);
    }
    if (!valid) break;
    const lswSubtree = lsw;
    depth++;

    if (lswSubtree > logSumWeight) {
      copyProposal(zPropose, zSample);
    } else {
      const acceptProb = jsExp(lswSubtree - logSumWeight);
      if (uniform() < acceptProb) copyProposal(zPropose, zSample);
    }
    logSumWeight = logSumExp(logSumWeight, lswSubtree);

    if (!mergeNoUTurn(rho, rhoBck, rhoFwd, vBckBck, vBckFwd, pBckFwd, vFwdBck, pFwdBck, vFwdFwd)) break;
  }

  memory.copy(position, zSample + VEC0, nb);
  memory.copy(gradient, zSample + VEC0 + nb, nb);
  const sLd = load<f64>(zSample + LD);
  store<f64>(base + STATE_LOG_DENSITY, sLd);
  store<f64>(base + INFO_ACCEPT_STAT, sumMetroProb / <f64>nLeapfrog);
  store<f64>(base + INFO_TREE_DEPTH, <f64>depth);
  store<f64>(base + INFO_N_LEAPFROG, <f64>nLeapfrog);
  store<f64>(base + INFO_DIVERGENT, divergent ? 1 : 0);
  store<f64>(base + INFO_ENERGY, load<f64>(zSample + KIN) - sLd);
}
