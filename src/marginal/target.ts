/**
 * The marginal log density the sampler sees, and its worker factory. Normal–normal (row by row or, with
 * a linear η, from sufficient statistics), Poisson–Gamma and binomial–Beta blocks are compiled into the
 * gradient as `normalNormalMarginal`, `normalLinearMarginal`, `poissonGammaMarginal` and
 * `betaBinomialMarginal` statements (fuse.ts): with only those, a gradient is one call of the fused
 * compiled function. Other blocks (correlated and crossed normal ones, linear ones wider than
 * MAX_FUSED_COEFS, count totals beyond int32) add, per gradient, one pass of the compiled constrain (the inputs' values), one O(n) pass per
 * block for the marginal density and its adjoints (written into the adjoint data slots the compiled
 * code reads), then the compiled gradient adds Σ adjoint · input and so back-propagates through every
 * input; that linear term is subtracted from the value again.
 *
 * Outputs are the user's program's names; an integrated-out parameter's slots hold the first parameter
 * of its conditional (normal mean, gamma shape, beta a) and hidden `name.cond__[j]` slots the second,
 * until `completeMarginalDraws` replaces them with exact conditional draws. Fused blocks' conditionals
 * are compiled with the gradient program (its `conditionals`, also its wasm module's `constrain`
 * export, which the sampler's wasm loop calls): with only fused blocks, constrain is that one call.
 */
import { compileModel, type CompiledModel } from "../compiler/compile.js";
import type { LogDensity, WasmLogDensity } from "../logDensity.js";
import { fuseMarginals } from "./fuse.js";
import { betaBinomialConditional, betaBinomialLogDensity } from "./betaBinomial.js";
import { createNormalNormalWorkspace, normalNormalConditional, normalNormalLogDensity, type NormalNormalWorkspace } from "./normalNormal.js";
import { correlatedConditional } from "./correlatedConditional.js";
import { correlatedStats, type CorrelatedStats } from "./correlatedStats.js";
import { crossedStats, type CrossedStats } from "./crossedStats.js";
import { crossedConditional, normalCrossedLogDensity } from "./normalCrossed.js";
import { normalCorrelatedLogDensity } from "./normalCorrelated.js";
import { linearStats, normalLinearConditional, normalLinearLogDensity, type LinearStats } from "./normalLinear.js";
import { groupTotals, poissonGammaConditional, poissonGammaLogDensity, type GroupTotals } from "./poissonGamma.js";
import type { MarginalBlock, MarginalPlan } from "./types.js";

export interface MarginalLogDensity extends LogDensity {
  readonly outputNames: readonly string[];
  constrain(theta: Float64Array, out: Float64Array): void;
  /** The compiled gradient program, fusable blocks compiled in (fuse.ts; for tests and benchmarks). */
  readonly inner: CompiledModel;
  /**
   * Per plan block, a crossed block's statistics (null for other blocks), built once and shared by its
   * density, its conditional and, through completeMarginalDraws, the completion of this thread's draws.
   * Each kernel call recomputes all of its scratch from its inputs, so sequential sharing changes no bit.
   */
  readonly crossed: readonly (CrossedStats | null)[];
}

/**
 * Hidden output names holding each block's second conditional parameter; for correlated effects, per
 * group the upper triangle of the factor F, then C, of correlatedConditional; for crossed intercepts,
 * the block's input values (σ, τ_a, τ_b, loc_a, loc_b, β).
 */
export function hiddenNames(b: MarginalBlock): string[] {
  // Crossed intercepts: the block's input values, from which completion redraws both jointly.
  if (b.crossed !== undefined) return b.inputs.map((_, k) => `${b.name}.condIn__[${k + 1}]`);
  const c = b.correlated;
  if (c === undefined) return Array.from({ length: b.groups }, (_, j) => `${b.name}.cond__[${j + 1}]`);
  const out: string[] = [];
  const T = (c.dims * (c.dims + 1)) / 2;
  for (let j = 1; j <= b.groups; j++) for (let e = 1; e <= T; e++) out.push(`${b.name}.condF__[${j},${e}]`);
  for (let e = 1; e <= c.effects * c.dims; e++) out.push(`${b.name}.condC__[${e}]`);
  // A DSL matrix's coordinates have no output of the user's: they ride here, after F and C.
  if (c.slots !== undefined) out.push(...c.slots.coords);
  return out;
}

/** How many of a block's hidden names hold its second conditional parameter (the rest hold hidden first slots). */
function secondLength(b: MarginalBlock): number {
  return hiddenNames(b).length - (b.correlated?.slots?.coords.length ?? 0);
}

interface BlockRuntime {
  readonly block: MarginalBlock;
  readonly values: Float64Array[];
  readonly adjoints: Float64Array[];
  logDensity(): number;
  conditional(p1: Float64Array, p2: Float64Array): void;
}

function runtimeFor(b: MarginalBlock, values: Float64Array[], adjoints: Float64Array[], crossed: CrossedStats | null): BlockRuntime {
  if (b.crossed !== undefined) {
    const st = crossed ?? crossedStats(b);
    let views: { p1: Float64Array; a: Float64Array; b: Float64Array } | null = null;
    return {
      block: b,
      values,
      adjoints,
      logDensity: () => normalCrossedLogDensity(b, values, adjoints, st),
      // p1 receives both intercepts' conditional means (a then b), p2 the inputs (hiddenNames).
      conditional: (p1, p2) => {
        if (views === null || views.p1 !== p1) views = { p1, a: p1.subarray(0, b.groups), b: p1.subarray(b.groups) };
        crossedConditional(null, b, values, st, views.a, views.b);
        for (let k = 0; k < values.length; k++) p2[k] = values[k][0];
      },
    };
  }
  if (b.correlated !== undefined) {
    const st: CorrelatedStats = correlatedStats(b);
    const c = b.correlated;
    const zLen = b.groups * c.dims;
    const fLen = (b.groups * c.dims * (c.dims + 1)) / 2;
    // Views into the caller's buffers, made once: the conditional is computed once per draw.
    let views: { p1: Float64Array; p2: Float64Array; parts: [Float64Array, Float64Array, Float64Array, Float64Array] } | null = null;
    return {
      block: b,
      values,
      adjoints,
      logDensity: () => normalCorrelatedLogDensity(b, values, adjoints, st),
      // p1 receives the ζ and b means (in the order of firstSlotsOf), p2 the factors F and C (hiddenNames).
      conditional: (p1, p2) => {
        if (views === null || views.p1 !== p1 || views.p2 !== p2) {
          views = { p1, p2, parts: [p1.subarray(0, zLen), p1.subarray(zLen), p2.subarray(0, fLen), p2.subarray(fLen)] };
        }
        correlatedConditional(b, values, st, ...views.parts);
      },
    };
  }
  if (b.kind === "normal_normal" && b.linear !== undefined) {
    const st: LinearStats = linearStats(b, b.linear);
    return {
      block: b,
      values,
      adjoints,
      logDensity: () => normalLinearLogDensity(b, values, adjoints, st),
      conditional: (p1, p2) => normalLinearConditional(b, values, st, p1, p2),
    };
  }
  if (b.kind === "normal_normal") {
    const ws: NormalNormalWorkspace = createNormalNormalWorkspace(b.groups, b.observations);
    return {
      block: b,
      values,
      adjoints,
      logDensity: () => normalNormalLogDensity(b, values, adjoints, ws),
      conditional: (p1, p2) => normalNormalConditional(b, values, ws, p1, p2),
    };
  }
  const tot: GroupTotals = groupTotals(b);
  if (b.kind === "poisson_gamma") {
    return {
      block: b,
      values,
      adjoints,
      logDensity: () => poissonGammaLogDensity(b, values, adjoints, tot),
      conditional: (p1, p2) => poissonGammaConditional(b, values, tot, p1, p2),
    };
  }
  return {
    block: b,
    values,
    adjoints,
    logDensity: () => betaBinomialLogDensity(b, values, adjoints, tot),
    conditional: (p1, p2) => betaBinomialConditional(b, values, tot, p1, p2),
  };
}

/**
 * Output slots of a block's first conditional parameter: `name[j]` per group, or for correlated
 * effects the coordinates ζ (group-major, `coord[j]`) and then the effects b (`effect[j]`); for
 * crossed intercepts `name[j]` then `crossed.name[j]`.
 */
export function firstSlotsOf(b: MarginalBlock, names: readonly string[]): Int32Array {
  const x = b.crossed;
  if (x !== undefined) {
    const slots = (name: string, J: number) => Array.from({ length: J }, (_, j) => names.indexOf(`${name}[${j + 1}]`));
    return Int32Array.from([...slots(b.name, b.groups), ...slots(x.name, x.groups)]);
  }
  const c = b.correlated;
  if (c === undefined) return Int32Array.from({ length: b.groups }, (_, j) => names.indexOf(`${b.name}[${j + 1}]`));
  if (c.slots !== undefined) return Int32Array.from([...c.slots.coords, ...c.slots.effects], (n) => names.indexOf(n));
  const out: number[] = [];
  for (const list of [c.coordNames, c.effectNames]) for (let j = 1; j <= b.groups; j++) for (const n of list) out.push(names.indexOf(`${n}[${j}]`));
  return Int32Array.from(out);
}

export function marginalLogDensity(plan: MarginalPlan): MarginalLogDensity {
  // The gradient runs on the fused program (normal–normal and conjugate count blocks compiled in);
  // constrain, once per draw, on the plan's program, whose input transformed parameters feed the conditionals.
  const fused = fuseMarginals(plan);
  const inner = compileModel(fused.program, fused.data);
  const full = compileModel(plan.program, plan.data);
  const views = (model: CompiledModel, buf: Float64Array, b: MarginalBlock, map: (k: number) => number): Float64Array[] =>
    b.inputs.map((inp) => {
      const off = model.layout.tparams[map(inp.tparam)].outOff;
      return buf.subarray(off, off + inp.length);
    });
  const adjointsOf = (b: MarginalBlock) => b.inputs.map((inp) => plan.data[inp.adjointSlot] as Float64Array);
  const innerBuf = new Float64Array(inner.outputNames.length);
  const fullBuf = new Float64Array(full.outputNames.length);
  const crossed = plan.blocks.map((b) => (b.crossed !== undefined ? crossedStats(b) : null));
  const blocks = plan.blocks.flatMap((b, k) => (fused.fused[k] ? [] : [runtimeFor(b, views(inner, innerBuf, b, (i) => fused.tparamMap[i]), adjointsOf(b), crossed[k])]));
  // Conditionals per draw: fused blocks' from the compiled program (one straight function, in the
  // order fuse.ts appended their statements), the others' from their TypeScript kernels.
  const conditionals = plan.blocks.flatMap((b, k) => (fused.fused[k] ? [] : [{ r: runtimeFor(b, views(full, fullBuf, b, (i) => i), adjointsOf(b), crossed[k]), k }]));
  const condBuf = new Float64Array(inner.conditionalSize);
  const condToOut = new Int32Array(inner.conditionalSize);

  const fullIndex = new Map(full.outputNames.map((n, k) => [n, k] as const));
  const outputNames = [...plan.outputNames, ...plan.blocks.flatMap(hiddenNames)];
  const copyFrom = new Int32Array(plan.outputNames.length).fill(-1);
  plan.outputNames.forEach((n, k) => {
    const at = fullIndex.get(n);
    if (at !== undefined) copyFrom[k] = at;
  });
  const firstSlots = plan.blocks.map((b) => firstSlotsOf(b, outputNames));
  let hiddenOff = plan.outputNames.length;
  const secondOffsets = plan.blocks.map((b) => {
    const off = hiddenOff;
    hiddenOff += hiddenNames(b).length;
    return off;
  });
  const p1 = plan.blocks.map((b, k) => new Float64Array(firstSlots[k].length));
  // A DSL matrix with a mean (mvnShape.ts): per effect, where that mean is in the outputs.
  const offsets = plan.blocks.map((b) => {
    const o = b.correlated?.slots?.offsets;
    if (o === undefined) return null;
    const from = Int32Array.from(o, (x) => outputNames.indexOf(x));
    if (from.some((f) => f < 0)) throw new Error(`marginalLogDensity: the outputs lack the mean of ${b.name}`);
    return from;
  });
  const p2 = plan.blocks.map((b) => new Float64Array(secondLength(b)));
  // inner.conditionals writes the fused program's outputs, then the fused blocks' conditionals (in the
  // order fuse.ts appended their statements); condToOut says where each value goes (−1: nowhere).
  const planIndex = new Map(plan.outputNames.map((n, k) => [n, k] as const));
  inner.outputNames.forEach((n, k) => (condToOut[k] = planIndex.get(n) ?? -1));
  let condOff = inner.outputNames.length;
  plan.blocks.forEach((b, k) => {
    if (!fused.fused[k]) return;
    for (let j = 0; j < b.groups; j++) {
      condToOut[condOff + j] = firstSlots[k][j];
      condToOut[condOff + b.groups + j] = secondOffsets[k] + j;
    }
    condOff += 2 * b.groups;
  });
  if (condOff !== Math.max(inner.conditionalSize, inner.outputNames.length)) {
    throw new Error(`marginalLogDensity: the compiled conditionals hold ${inner.conditionalSize} values, the fused blocks ${condOff}`);
  }
  // With every block compiled in and every output the plan's program gives also one of the fused
  // program's, one compiled call per draw is the whole of constrain (no pass of the plan's program).
  const onlyCompiled = blocks.length === 0 && plan.outputNames.every((n, k) => copyFrom[k] < 0 || inner.outputNames.includes(n));
  let compiledConditionals: ((theta: Float64Array, out: Float64Array) => void) | null | undefined;
  let wasmView: { from: WasmLogDensity; view: WasmLogDensity } | null = null;

  return {
    dim: inner.dim,
    outputNames,
    inner,
    crossed,
    // Only fused blocks: the gradient is the compiled one, so its WebAssembly form is too. Other
    // blocks run their kernels in JavaScript around it.
    get wasm() {
      if (blocks.length !== 0) return undefined;
      const w = inner.wasm;
      if (w === undefined) return undefined;
      // The same object every time (the sampler keys its instances by it). Its constrain is the compiled
      // conditionals placed by condToOut, exactly this target's constrain, when that is all constrain does.
      if (wasmView === null || wasmView.from !== w) {
        const { constrain: c, ...rest } = w;
        wasmView = { from: w, view: onlyCompiled && c !== undefined && c.size === condToOut.length ? { ...rest, constrain: { ...c, outputs: condToOut } } : rest };
      }
      return wasmView.view;
    },
    logDensityGradient(theta, grad) {
      if (blocks.length === 0) return inner.logDensityGradient(theta, grad);
      inner.constrain(theta, innerBuf);
      let marginal = 0;
      let linear = 0;
      for (const r of blocks) {
        const lp = r.logDensity();
        if (!(lp > -Infinity)) return -Infinity;
        marginal += lp;
        for (let k = 0; k < r.values.length; k++) {
          const v = r.values[k];
          const a = r.adjoints[k];
          for (let i = 0; i < v.length; i++) linear += a[i] * v[i];
        }
      }
      const rest = inner.logDensityGradient(theta, grad);
      if (!(rest > -Infinity)) return -Infinity;
      return rest - linear + marginal;
    },
    constrain(theta, out) {
      if (compiledConditionals === undefined) compiledConditionals = inner.conditionals ?? null;
      if (!onlyCompiled) {
        full.constrain(theta, fullBuf);
        for (let k = 0; k < copyFrom.length; k++) if (copyFrom[k] >= 0) out[k] = fullBuf[copyFrom[k]];
      }
      if (compiledConditionals !== null) {
        compiledConditionals(theta, condBuf);
        for (let i = 0; i < condToOut.length; i++) if (condToOut[i] >= 0) out[condToOut[i]] = condBuf[i];
      }
      for (const { r, k } of conditionals) {
        r.conditional(p1[k], p2[k]);
        const slots = firstSlots[k];
        for (let j = 0; j < slots.length; j++) out[slots[j]] = p1[k][j];
        out.set(p2[k], secondOffsets[k]);
        const o = offsets[k];
        if (o === null) continue;
        // b's conditional mean is mu + C E[ζ]: the effects follow the J·K coordinates, group-major.
        const M = o.length;
        for (let s = slots.length - plan.blocks[k].groups * M, e = 0; s < slots.length; s++, e = (e + 1) % M) out[slots[s]] += out[o[e]];
      }
    },
  };
}
