import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import type { Expr, Program, Statement } from "../../src/ir/types.js";
import { findConjugate } from "../../src/marginal/detect.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { buildModel } from "../../src/model/model.js";
import * as M from "../marginal/support/models.js";

/**
 * The Poisson–Gamma marginal integrates λ out of y ~ poisson(λ[g]·t) only: a zero-inflated or hurdle
 * likelihood on the same rates is not conjugate to the Gamma, and must not be taken for it.
 */
describe("automatic marginalisation leaves zero-inflated and hurdle likelihoods alone", () => {
  const pumps = () => buildModel(M.pumps, M.pumpsData());
  /** pumps with its poisson(λ[g]·t) replaced by family(log(λ[g]·t), extra…). */
  const swapped = (family: string, extra: number[]): Program => {
    const m = pumps();
    const k = m.program.statements.findIndex((st) => st.kind === "distribution" && st.family === "poisson");
    const st = m.program.statements[k] as Statement & { kind: "distribution" };
    const rate: Expr = st.args[0];
    const args: Expr[] = [{ op: "unary", fn: "log", arg: rate }, ...extra.map((value): Expr => ({ op: "const", value }))];
    const statements = m.program.statements.slice();
    statements[k] = { ...st, family, args };
    return { ...m.program, statements };
  };

  it("plain pumps is integrated out (the control)", () => {
    const m = pumps();
    expect(planMarginal(m.program, m.data)?.blocks.map((b) => b.kind)).toEqual(["poisson_gamma"]);
  });

  it.each([
    ["zero_inflated_poisson_log", [0.2]],
    ["hurdle_poisson_log", [0.2]],
    ["zero_inflated_neg_binomial_2_log", [3, 0.2]],
    ["hurdle_neg_binomial_2_log", [3, 0.2]],
  ])("%s on the same rates: no conjugate candidate, no plan, and the joint model compiles", (family, extra) => {
    const program = swapped(family, extra);
    const data = pumps().data;
    expect(findConjugate(program, data)).toBeNull();
    expect(planMarginal(program, data)).toBeNull();
    const model = compileModel(program, data);
    const theta = new Float64Array(model.dim).fill(0.1);
    expect(Number.isFinite(model.logDensityGradient(theta, new Float64Array(model.dim)))).toBe(true);
  });
});
