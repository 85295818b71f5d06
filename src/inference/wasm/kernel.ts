/**
 * The NUTS transition in WebAssembly (assembly/nuts.ts), shaped like `nutsStep`: same state in and
 * out, same info, same generator state afterwards, the same bits. Why: the JavaScript tree builder
 * runs in V8's interpreter until its optimising compile finishes, most of a small model's chain;
 * wasm is machine code from the first call.
 *
 * Per chain: `createWasmNuts` reserves a workspace in the target's wasm memory (or a memory of its
 * own) and instantiates the compiled core on it. Per transition, `wasmNutsStep` copies the position,
 * gradient, log density, generator state and (diagonal) metric in and the results out; chains on
 * diagonal and dense metrics instead run many iterations per call through wasm/loop.ts.
 */
import { wasmEnabled } from "../../compiler/wasm/enabled.js";
import type { LogDensity } from "../../logDensity.js";
import { rngFromMemory, rngToMemory, type Rng } from "../../random/rng.js";
import type { Metric } from "../metric.js";
import { nutsStep, TransitionInfo, type NutsInfo, type NutsParams, type NutsState, type NutsWorkspace } from "../nuts.js";
import { jsGradientAdapter } from "./gradient.js";
import {
  INFO_ACCEPT_STAT, INFO_DIVERGENT, INFO_ENERGY, INFO_N_LEAPFROG, INFO_TREE_DEPTH, RNG_SPARE, RNG_WORDS,
  STATE_LOG_DENSITY, vectorOffsets, workspaceBytes,
} from "./layout.js";
import { reserve } from "./memory.js";
import { nutsCoreModule } from "./module.js";

type StepFn = (at: number, stepSize: number, maxDeltaH: number, maxDepth: number, dense: number) => void;
type InitFn = (at: number, dim: number, maxDepth: number, dense: number) => number;
/** assembly/loop.ts `run`: iterations first .. first + count − 1 of a chain; returns the rows recorded. */
export type RunFn = (at: number, loopAt: number, first: number, count: number, mode: number, thin: number, maxDepth: number, stepSize: number, maxDeltaH: number) => number;

/** The core instantiated on one memory, shared by every workspace in that memory. */
interface Core {
  readonly init: InitFn;
  readonly step: StepFn;
  readonly run: RunFn;
}

/**
 * One instance per gradient (a compiled model's export, or a JavaScript target with a memory of
 * its own), so every chain on a target calls the same `step`: a new function per chain made V8
 * deoptimise wasmNutsStep at chain 2 ("wrong call target") and run it unoptimised until
 * recompiled. Keyed by the gradient, not the memory: two models could share one memory. WeakMaps:
 * they follow those objects' lifetimes; what they cache is derived from them and changes no result.
 */
const cores = new WeakMap<object, Core | null>();
const targetMemories = new WeakMap<LogDensity, WebAssembly.Memory>();

type Gradient = (thetaPtr: number, gradPtr: number) => number;

/** Where a target's workspaces live and what gradient its core calls. */
interface CoreSource {
  readonly memory: WebAssembly.Memory;
  /** First byte workspaces may use. */
  readonly from: number;
  readonly gradient: () => Gradient;
  /** The cores cache key. */
  readonly key: object;
}

function coreSource(target: LogDensity): CoreSource {
  const w = target.wasm;
  if (w !== undefined) return { memory: w.memory, from: w.freeOffset, gradient: () => w.logDensityGradient, key: w.logDensityGradient };
  // A target with no wasm form gets one memory for all its chains, and the core calls its
  // JavaScript gradient through an adapter made once with that memory.
  let m = targetMemories.get(target);
  if (m === undefined) {
    m = new WebAssembly.Memory({ initial: 1 });
    targetMemories.set(target, m);
  }
  const own = m;
  return { memory: own, from: 0, gradient: () => jsGradientAdapter(target, own), key: target };
}

/** The core's imports: Math's own functions (the JavaScript sampler's bits) and the gradient. */
function coreImports(src: CoreSource): WebAssembly.Imports {
  return {
    env: { memory: src.memory },
    hb: { exp: Math.exp, log: Math.log, log1p: Math.log1p, pow: Math.pow, logDensityGradient: src.gradient() },
  };
}

function coreFor(module: WebAssembly.Module, src: CoreSource): Core | null {
  const have = cores.get(src.key);
  if (have !== undefined) return have;
  let core: Core | null;
  try {
    core = new WebAssembly.Instance(module, coreImports(src)).exports as unknown as Core;
  } catch {
    // An environment that refuses a synchronous instantiation (a browser's main thread, the module
    // being over 4 KiB) when prepareWasmNuts did not run first: the JavaScript kernel gives the same draws.
    core = null;
  }
  cores.set(src.key, core);
  return core;
}

/**
 * Instantiates the core for `target` asynchronously, so that chains on this thread find it ready:
 * a browser's main thread refuses synchronous instantiations of modules over 4 KiB, which the core
 * is. Call after prepareNutsCore; resolves either way (without a core the chain runs the
 * JavaScript kernel, same draws).
 */
export async function prepareWasmNuts(target: LogDensity): Promise<void> {
  if (!wasmEnabled()) return;
  const module = nutsCoreModule();
  if (module === null) return;
  const src = coreSource(target);
  if (cores.get(src.key) != null) return;
  try {
    const instance = await WebAssembly.instantiate(module, coreImports(src));
    cores.set(src.key, instance.exports as unknown as Core);
  } catch {
    // Left to createWasmNuts (a synchronous try, then the JavaScript kernel).
  }
}

/** One chain's wasm workspace (createWasmNuts makes it). */
export class WasmNuts {
  /** The record wasmNutsStep fills and returns, as nutsStep's `ws.info`. */
  readonly info = new TransitionInfo();
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);
  /** The chain's position and gradient in memory, copied out with TypedArray.set. */
  positionView = new Float64Array(0);
  gradientView = new Float64Array(0);
  /** The dense metric whose blocks are in memory (dense metrics are never changed in place; diagonal ones are, so those are copied every transition). */
  denseInMemory: Metric | null = null;
  /** f64 indices of the header and the vectors. */
  readonly at: number;
  readonly positionAt: number;
  readonly gradientAt: number;
  readonly metricAAt: number;
  readonly metricBAt: number;

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly base: number,
    readonly dim: number,
    readonly maxTreeDepth: number,
    readonly denseCapable: boolean,
    readonly step: StepFn,
    /** The chain loop (wasm/loop.ts drives it). */
    readonly run: RunFn,
    /** Keeps the workspace's region reserved while this workspace lives (memory.ts). */
    readonly region: object,
  ) {
    const o = vectorOffsets(base, dim, denseCapable);
    this.at = base / 8;
    this.positionAt = o.position / 8;
    this.gradientAt = o.gradient / 8;
    this.metricAAt = o.metricA / 8;
    this.metricBAt = o.metricB / 8;
    this.views();
  }

  /**
   * Fresh views when the memory's buffer changed (a grow, by this or another workspace or the
   * model). A grow detaches the old buffer, and a view of a detached buffer has length 0: checking
   * that is cheaper than reading `memory.buffer` (a call into the runtime) twice per transition.
   */
  views(): void {
    if (this.f64.length !== 0) return;
    const b = this.memory.buffer;
    this.f64 = new Float64Array(b);
    this.i32 = new Int32Array(b);
    this.positionView = new Float64Array(b, this.positionAt * 8, this.dim);
    this.gradientView = new Float64Array(b, this.gradientAt * 8, this.dim);
  }
}

/**
 * A wasm workspace for `target`, or null where the core cannot run (WebAssembly off or missing, the
 * module not compiled): the caller then uses the JavaScript kernel. `denseCapable` reserves dim²
 * metric blocks; without it a dense metric falls back to JavaScript.
 */
export function createWasmNuts(target: LogDensity, maxTreeDepth: number, denseCapable: boolean): WasmNuts | null {
  if (!wasmEnabled()) return null;
  const module = nutsCoreModule();
  if (module === null) return null;
  const dim = target.dim;
  const bytes = workspaceBytes(dim, maxTreeDepth, denseCapable);
  const src = coreSource(target);
  const memory = src.memory;
  const core = coreFor(module, src);
  if (core === null) return null;
  // The workspace's region is given back when this token, held by the workspace, is collected.
  const region = {};
  let base: number;
  try {
    base = reserve(memory, src.from, bytes, region);
  } catch {
    // The model's memory cannot grow that far (its maximum): the JavaScript kernel.
    return null;
  }
  const end = core.init(base, dim, maxTreeDepth, denseCapable ? 1 : 0);
  if (end !== base + bytes) throw new Error(`createWasmNuts: the core laid out ${end - base} bytes, the host reserved ${bytes}`);
  return new WasmNuts(memory, base, dim, maxTreeDepth, denseCapable, core.step, core.run, region);
}

/**
 * `nutsStep` in wasm: the same transition, bit for bit. Returns null, touching nothing, when the
 * core cannot run this one (a low-rank metric, a dense metric without dense blocks, a generator
 * not from createRng); the caller then runs `nutsStep`.
 */
export function wasmNutsStep(rng: Rng, state: NutsState, params: NutsParams, k: WasmNuts): NutsInfo | null {
  const metric = params.metric;
  if (metric.kind === "lowrank" || (metric.kind === "dense" && !k.denseCapable)) return null;
  k.views();
  let f = k.f64;
  if (!rngToMemory(rng, k.i32, (k.base + RNG_WORDS) / 4, f, k.at + RNG_SPARE / 8)) return null;
  f[k.at + STATE_LOG_DENSITY / 8] = state.logDensity;
  // TypedArray.set, not loops: a builtin is as fast in the first transitions, while this function
  // still runs unoptimised, as later (the cold start is what the core is for).
  f.set(state.position, k.positionAt);
  f.set(state.gradient, k.gradientAt);
  let dense = 0;
  if (metric.kind === "diag") {
    f.set(metric.inverse, k.metricAAt);
    f.set(metric.momentumScale, k.metricBAt);
    k.denseInMemory = null;
  } else {
    dense = 1;
    if (k.denseInMemory !== metric) {
      f.set(metric.inverse, k.metricAAt);
      f.set(metric.cholInverse, k.metricBAt);
      k.denseInMemory = metric;
    }
  }
  k.step(k.base, params.stepSize, params.maxDeltaH, Math.min(params.maxTreeDepth, k.maxTreeDepth), dense);
  // The model's gradient may have grown the memory.
  k.views();
  f = k.f64;
  state.position.set(k.positionView);
  state.gradient.set(k.gradientView);
  const at = k.at;
  state.logDensity = f[at + STATE_LOG_DENSITY / 8];
  rngFromMemory(rng, k.i32, (k.base + RNG_WORDS) / 4, f, at + RNG_SPARE / 8);
  const info = k.info;
  info.acceptStat = f[at + INFO_ACCEPT_STAT / 8];
  // As integers: a double stored into these fields would change their representation and make V8
  // deoptimise every function that read them.
  info.treeDepth = f[at + INFO_TREE_DEPTH / 8] | 0;
  info.nLeapfrog = f[at + INFO_N_LEAPFROG / 8] | 0;
  info.divergent = f[at + INFO_DIVERGENT / 8] !== 0;
  info.energy = f[at + INFO_ENERGY / 8];
  return info;
}

/** The chain's transition: the wasm core when it has a workspace and can run this step, else `nutsStep`. */
export function nutsTransition(rng: Rng, state: NutsState, params: NutsParams, ws: NutsWorkspace, k: WasmNuts | null): NutsInfo {
  if (k !== null) {
    const info = wasmNutsStep(rng, state, params, k);
    if (info !== null) return info;
  }
  return nutsStep(rng, state, params, ws);
}
