/**
 * Per-observation log-likelihood draws of a fitted GLMM, for PSIS-LOO. The sampler stores constrained
 * draws only, so each draw is mapped back to the unconstrained point (`unconstrain`) and the
 * compiler's `log_lik` generated quantity is evaluated there. The model is compiled again with only
 * that generated quantity (no posterior-predictive draws, so no random numbers are used).
 */
import type { Fit } from "../api/fitResult.js";
import { compileModel } from "../compiler/compile.js";
import type { BuiltGlmm } from "../glmm/buildIr.js";
import { createRng } from "../random/rng.js";
import { variableIndex } from "../posterior/draws.js";
import type { LogLikMatrix } from "../diagnostics/loo.js";

/** The `psisLoo` input (draws × observations, row-major, chains concatenated) and each draw's chain. */
export interface PointwiseLogLik extends LogLikMatrix {
  /** 1-based chain id per draw (for the relative efficiency in PSIS-LOO). */
  readonly chainIds: Int32Array;
}

export function pointwiseLogLik(fit: Fit, built: BuiltGlmm): PointwiseLogLik {
  const generated = (built.program.generated ?? []).filter((g) => g.kind === "logLik");
  if (generated.length !== 1) throw new Error("pointwiseLogLik: the program must have exactly one log_lik generated quantity");
  const model = compileModel({ ...built.program, generated }, built.data);
  const n = model.generatedNames.length;
  const raw = fit.result.draws;
  const chains = raw.chains;
  const perChain = raw.draws;
  const S = chains * perChain;
  const columns = model.params.map((p) => p.names.map((name) => variableIndex(raw, name)));
  const data = new Float64Array(S * n);
  const chainIds = new Int32Array(S);
  const out = new Float64Array(n);
  // log_lik draws no random numbers; generate() still takes an Rng.
  const rng = createRng(0, 0);
  for (let c = 0; c < chains; c++) {
    for (let d = 0; d < perChain; d++) {
      const s = c * perChain + d;
      const constrained = columns.map((idx) => idx.map((v) => raw.data[(v * chains + c) * perChain + d]));
      const theta = model.unconstrain(constrained);
      model.generate(rng, theta, out);
      data.set(out, s * n);
      chainIds[s] = c + 1;
    }
  }
  return { data, draws: S, observations: n, chainIds };
}
