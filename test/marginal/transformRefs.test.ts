import { describe, expect, it } from "vitest";
import type { ArrayRef, Program } from "../../src/ir/types.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { buildModel } from "../../src/model/model.js";
import { cauchy, lkjCorrCholesky, model, multiNormalCholesky, normal } from "../../src/model/index.js";
import { applyMultiNormal, findMultiNormal } from "../../src/reparam/detectMultiNormal.js";
import * as M from "./support/models.js";

/**
 * Eight schools centred (θ integrated out) beside a correlated block declared after θ, b ~ MVN(0, diag(s) L):
 * removing θ renumbers every later parameter, and the Cholesky offset/multiplier transform of b (the
 * automatic non-centred form) reads L and s by parameter id.
 */
const withMvn = model("eight_schools_plus_mvn", ({ data, param, observe }) => {
  const y = data.reals("y");
  const sigma = data.reals("sigma", { lower: 0, length: y.length });
  const mu = param("mu", normal(0, 5));
  const tau = param("tau", cauchy(0, 5), { lower: 0 });
  const theta = param("theta", normal(mu, tau), { size: y.length });
  observe(y, normal(theta, sigma));
  const s = param("s", normal(0, 1), { size: 2, lower: 0 });
  const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
  param("b", multiNormalCholesky(0, L, s), { size: [3, 2] });
});

const nameOf = (p: Program, r: ArrayRef | undefined): string | undefined => (r === undefined ? undefined : r.src === "param" ? p.params[r.id].name : `${r.src} ${r.id}`);

describe("marginal reductions renumber a Cholesky offset/multiplier transform's parameters", () => {
  it("after θ is integrated out, b's transform still reads L and s (not the parameters now at their old ids)", () => {
    const m = buildModel(withMvn, M.EIGHT_SCHOOLS);
    const [c] = findMultiNormal(m.program);
    expect(c?.name).toBe("b");
    const nc = applyMultiNormal(m.program, c, "noncentred");
    const plan = planMarginal(nc, m.data);
    expect(plan?.blocks.map((b) => b.name)).toEqual(["theta"]);
    const p = (plan as NonNullable<typeof plan>).program;
    const b = p.params.find((q) => q.name === "b");
    const t = b?.transform;
    expect(t?.kind).toBe("offsetMultiplierCholesky");
    if (t?.kind !== "offsetMultiplierCholesky") return;
    expect(nameOf(p, t.L)).toBe("L");
    expect(nameOf(p, t.scale)).toBe("s");
  });
});
