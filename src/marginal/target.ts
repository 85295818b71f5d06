/**
 * The marginal log density the sampler sees, and its worker factory. Per gradient: one pass of the
 * compiled reduced program's constrain (the inputs' values), one O(n) pass per block for the marginal
 * density and its adjoints (written into the adjoint data slots the compiled code reads), then the
 * compiled gradient, which adds Σ adjoint · input and so back-propagates through every input. That
 * linear term is subtracted from the value again.
 *
 * Outputs are the user's program's names; an integrated-out parameter's slots hold the first parameter
 * of its conditional (normal mean, gamma shape, beta a) and hidden `name.cond__[j]` slots the second,
 * until `completeMarginalDraws` replaces them with exact conditional draws.
 */
import { compileModel, type CompiledModel } from "../compiler/compile.js";
import type { LogDensity } from "../logDensity.js";
import { betaBinomialConditional, betaBinomialLogDensity } from "./betaBinomial.js";
import { createNormalNormalWorkspace, normalNormalConditional, normalNormalLogDensity, type NormalNormalWorkspace } from "./normalNormal.js";
import { groupTotals, poissonGammaConditional, poissonGammaLogDensity, type GroupTotals } from "./poissonGamma.js";
import type { MarginalBlock, MarginalPlan } from "./types.js";

export interface MarginalLogDensity extends LogDensity {
  readonly outputNames: readonly string[];
  constrain(theta: Float64Array, out: Float64Array): void;
  /** The compiled reduced program (for tests and benchmarks). */
  readonly inner: CompiledModel;
}

/** Hidden output names holding each block's second conditional parameter. */
export function hiddenNames(b: MarginalBlock): string[] {
  return Array.from({ length: b.groups }, (_, j) => `${b.name}.cond__[${j + 1}]`);
}

interface BlockRuntime {
  readonly block: MarginalBlock;
  readonly values: Float64Array[];
  readonly adjoints: Float64Array[];
  logDensity(): number;
  conditional(p1: Float64Array, p2: Float64Array): void;
}

function runtimeFor(b: MarginalBlock, values: Float64Array[], adjoints: Float64Array[]): BlockRuntime {
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

export function marginalLogDensity(plan: MarginalPlan): MarginalLogDensity {
  const inner = compileModel(plan.program, plan.data);
  const buf = new Float64Array(inner.outputNames.length);
  const blocks = plan.blocks.map((b) =>
    runtimeFor(
      b,
      b.inputs.map((inp) => {
        const off = inner.layout.tparams[inp.tparam].outOff;
        return buf.subarray(off, off + inp.length);
      }),
      b.inputs.map((inp) => plan.data[inp.adjointSlot] as Float64Array),
    ),
  );

  const innerIndex = new Map(inner.outputNames.map((n, k) => [n, k] as const));
  const outputNames = [...plan.outputNames, ...plan.blocks.flatMap(hiddenNames)];
  const copyFrom = new Int32Array(plan.outputNames.length).fill(-1);
  plan.outputNames.forEach((n, k) => {
    const at = innerIndex.get(n);
    if (at !== undefined) copyFrom[k] = at;
  });
  const firstSlots = plan.blocks.map((b) => Int32Array.from({ length: b.groups }, (_, j) => plan.outputNames.indexOf(`${b.name}[${j + 1}]`)));
  let hiddenOff = plan.outputNames.length;
  const secondOffsets = plan.blocks.map((b) => {
    const off = hiddenOff;
    hiddenOff += b.groups;
    return off;
  });
  const p1 = plan.blocks.map((b) => new Float64Array(b.groups));
  const p2 = plan.blocks.map((b) => new Float64Array(b.groups));

  return {
    dim: inner.dim,
    outputNames,
    inner,
    logDensityGradient(theta, grad) {
      inner.constrain(theta, buf);
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
      inner.constrain(theta, buf);
      for (let k = 0; k < copyFrom.length; k++) if (copyFrom[k] >= 0) out[k] = buf[copyFrom[k]];
      blocks.forEach((r, b) => {
        r.conditional(p1[b], p2[b]);
        const slots = firstSlots[b];
        for (let j = 0; j < slots.length; j++) {
          out[slots[j]] = p1[b][j];
          out[secondOffsets[b] + j] = p2[b][j];
        }
      });
    },
  };
}
