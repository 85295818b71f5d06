/**
 * Shared pieces of the wasm-kernel tests: targets written in JavaScript (and, for the Gaussians,
 * the same arithmetic in the committed test module fixtures/gaussianTarget.wasm.ts), and a runner
 * that takes the JavaScript `nutsStep` and the wasm kernel through the same transitions.
 */
import { DomainError } from "../../../src/errors.js";
import type { LogDensity, WasmLogDensity } from "../../../src/logDensity.js";
import { denseMetric, diagMetric, type Metric } from "../../../src/inference/metric.js";
import { createNutsWorkspace, nutsInit, nutsStep, type NutsInfo, type NutsState } from "../../../src/inference/nuts.js";
import { decodeBase64 } from "../../../src/inference/wasm/module.js";
import { createWasmNuts, wasmNutsStep } from "../../../src/inference/wasm/kernel.js";
import { createRng, type Rng } from "../../../src/random/rng.js";
import { GAUSSIAN_TARGET_WASM } from "./fixtures/gaussianTarget.wasm.js";

/** −½ Σ θᵢ², gradient −θ: the same operations as assembly/testTargets/gaussian.ts kind 0. */
export function stdNormalJs(dim: number, nanAbove1 = false): LogDensity {
  return {
    dim,
    logDensityGradient(q, g) {
      let s = 0;
      for (let i = 0; i < dim; i++) {
        const t = q[i];
        s += t * t;
        g[i] = -t;
      }
      if (nanAbove1 && q[0] > 1) return NaN;
      return -0.5 * s;
    },
  };
}

/** A 2-D Gaussian with precision [[a, b], [b, c]]: the same operations as gaussian.ts kind 1. */
export function correlated2Js(a: number, b: number, c: number): LogDensity {
  return {
    dim: 2,
    logDensityGradient(q, g) {
      const x = q[0];
      const y = q[1];
      const gx = a * x + b * y;
      const gy = b * x + c * y;
      g[0] = -gx;
      g[1] = -gy;
      return -0.5 * (x * gx + y * gy);
    },
  };
}

/** Precision of the 2-D Gaussian with unit variances and correlation rho. */
export function precision2(rho: number): [number, number, number] {
  const d = 1 - rho * rho;
  return [1 / d, -rho / d, 1 / d];
}

/** Neal's funnel: v ~ N(0, 3²), xᵢ | v ~ N(0, e^v); at a large step size it diverges. */
export function funnel(dim: number): LogDensity {
  return {
    dim,
    logDensityGradient(q, g) {
      const v = q[0];
      const ev = Math.exp(-v);
      let lp = (-v * v) / 18;
      let dv = -v / 9;
      for (let i = 1; i < dim; i++) {
        const x = q[i];
        lp += -0.5 * x * x * ev - 0.5 * v;
        g[i] = -x * ev;
        dv += 0.5 * x * x * ev - 0.5;
      }
      g[0] = dv;
      return lp;
    },
  };
}

/** A standard normal that throws DomainError where θ₀ < −0.5 (a rejected region). */
export function domainErrorRegion(dim: number): LogDensity {
  const inner = stdNormalJs(dim);
  return {
    dim,
    logDensityGradient(q, g) {
      if (q[0] < -0.5) throw new DomainError(`test: theta[0] must be at least -0.5, got ${q[0]}`);
      return inner.logDensityGradient(q, g);
    },
  };
}

/**
 * The test module instantiated on a fresh memory, set up as `kind` (see gaussian.ts), as a
 * LogDensity whose `wasm` is that module's export and whose JavaScript form is `js`.
 */
export function withWasmGaussian(
  js: LogDensity,
  kind: number,
  prec: [number, number, number] = [0, 0, 0],
  freeOffset = 1024,
  memory: WebAssembly.Memory = new WebAssembly.Memory({ initial: 1 }),
): LogDensity {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(GAUSSIAN_TARGET_WASM)), { env: { memory } });
  const ex = instance.exports as unknown as { setup: (d: number, k: number, a: number, b: number, c: number) => void; logDensityGradient: (t: number, g: number) => number };
  ex.setup(js.dim, kind, prec[0], prec[1], prec[2]);
  const wasm: WasmLogDensity = { memory, freeOffset, logDensityGradient: ex.logDensityGradient };
  return { dim: js.dim, logDensityGradient: js.logDensityGradient.bind(js), wasm };
}

/** A diagonal metric with entries spread over [0.3, 3) drawn from `rng`, or a dense one M⁻¹ = A Aᵀ + 0.5 I. */
export function randomMetric(rng: Rng, dim: number, kind: "diag" | "dense"): Metric {
  if (kind === "diag") return diagMetric(Float64Array.from({ length: dim }, () => 0.3 + 2.7 * rng.uniform()));
  const a = Float64Array.from({ length: dim * dim }, () => rng.normal() / Math.sqrt(dim));
  const m = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      let s = i === j ? 0.5 : 0;
      for (let k = 0; k < dim; k++) s += a[i * dim + k] * a[j * dim + k];
      m[i * dim + j] = s;
    }
  }
  return denseMetric(m, dim);
}

export interface Case {
  readonly target: LogDensity;
  readonly metric: Metric;
  readonly stepSize: number;
  readonly maxTreeDepth: number;
  readonly seed: number;
  readonly transitions: number;
  readonly start?: Float64Array;
}

export interface CaseReport {
  /** First difference, or null when every value matched with Object.is. */
  readonly mismatch: string | null;
  readonly leapfrogs: number;
  readonly divergences: number;
  readonly depthHits: number;
  readonly minLogDensity: number;
}

function same(a: number, b: number): boolean {
  return Object.is(a, b);
}

function compareInfo(t: number, a: NutsInfo, b: NutsInfo): string | null {
  for (const key of ["acceptStat", "treeDepth", "nLeapfrog", "divergent", "energy"] as const) {
    if (!Object.is(a[key], b[key])) return `transition ${t}: info.${key} js ${a[key]} wasm ${b[key]}`;
  }
  return null;
}

function compareState(t: number, a: NutsState, b: NutsState): string | null {
  if (!same(a.logDensity, b.logDensity)) return `transition ${t}: logDensity js ${a.logDensity} wasm ${b.logDensity}`;
  for (let i = 0; i < a.position.length; i++) {
    if (!same(a.position[i], b.position[i])) return `transition ${t}: position[${i}] js ${a.position[i]} wasm ${b.position[i]}`;
    if (!same(a.gradient[i], b.gradient[i])) return `transition ${t}: gradient[${i}] js ${a.gradient[i]} wasm ${b.gradient[i]}`;
  }
  return null;
}

function compareRng(t: number, a: Rng, b: Rng): string | null {
  const sa = a.state();
  const sb = b.state();
  for (let i = 0; i < 4; i++) if (sa.words[i] !== sb.words[i]) return `transition ${t}: rng word ${i} js ${sa.words[i]} wasm ${sb.words[i]}`;
  if (!Object.is(sa.spareNormal, sb.spareNormal)) return `transition ${t}: spare normal js ${sa.spareNormal} wasm ${sb.spareNormal}`;
  return null;
}

/** Runs `c.transitions` transitions with both kernels from the same start and stream; stops at the first difference. */
export function runBoth(c: Case): CaseReport {
  const dim = c.target.dim;
  const start = c.start ?? new Float64Array(dim).fill(0.1);
  const rngJs = createRng(c.seed, 3);
  const rngWasm = createRng(c.seed, 3);
  const sJs = nutsInit(start, c.target);
  const sWasm = nutsInit(start, c.target);
  const ws = createNutsWorkspace(c.target, c.maxTreeDepth);
  const k = createWasmNuts(c.target, c.maxTreeDepth, c.metric.kind === "dense");
  if (k === null) throw new Error("runBoth: the wasm kernel is not available");
  const params = { stepSize: c.stepSize, metric: c.metric, maxTreeDepth: c.maxTreeDepth, maxDeltaH: 1000 };
  let leapfrogs = 0;
  let divergences = 0;
  let depthHits = 0;
  let minLogDensity = Infinity;
  for (let t = 0; t < c.transitions; t++) {
    const a = nutsStep(rngJs, sJs, params, ws);
    const b = wasmNutsStep(rngWasm, sWasm, params, k);
    if (b === null) return { mismatch: `transition ${t}: the wasm kernel declined`, leapfrogs, divergences, depthHits, minLogDensity };
    const m = compareInfo(t, a, b) ?? compareState(t, sJs, sWasm) ?? compareRng(t, rngJs, rngWasm);
    if (m !== null) return { mismatch: m, leapfrogs, divergences, depthHits, minLogDensity };
    leapfrogs += a.nLeapfrog;
    if (a.divergent) divergences++;
    if (a.treeDepth >= c.maxTreeDepth) depthHits++;
    minLogDensity = Math.min(minLogDensity, sJs.logDensity);
  }
  return { mismatch: null, leapfrogs, divergences, depthHits, minLogDensity };
}
