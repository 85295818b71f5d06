/**
 * The route marginal blocks took before they were compiled into the gradient, kept as the oracle of
 * the fused statements: compiled constrain → a TypeScript kernel on the block's input values (each
 * kernel checked against R's integrals in kernels.test.ts) → compiled gradient with the adjoint slots
 * filled; the linear term Σ adjoint · input that gradient adds is subtracted again.
 */
import { compileModel } from "../../../src/compiler/compile.js";
import type { MarginalBlock, MarginalPlan } from "../../../src/marginal/types.js";

/** A block's marginal log density from its input values, adjoints written into `adj`. */
export type BlockKernel = (b: MarginalBlock, values: Float64Array[], adj: Float64Array[]) => number;

export function kernelRoute(plan: MarginalPlan, kernel: BlockKernel): (theta: Float64Array, grad: Float64Array) => { lp: number; linear: number } {
  const inner = compileModel(plan.program, plan.data);
  const buf = new Float64Array(inner.outputNames.length);
  const b = plan.blocks[0];
  const values = b.inputs.map((inp) => buf.subarray(inner.layout.tparams[inp.tparam].outOff, inner.layout.tparams[inp.tparam].outOff + inp.length));
  const adj = b.inputs.map((inp) => plan.data[inp.adjointSlot] as Float64Array);
  return (theta, grad) => {
    inner.constrain(theta, buf);
    const lp = kernel(b, values, adj);
    let linear = 0;
    values.forEach((v, k) => v.forEach((x, i) => (linear += adj[k][i] * x)));
    return { lp: inner.logDensityGradient(theta, grad) - linear + lp, linear };
  };
}
