import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { UserError } from "../../src/errors.js";
import type { Program } from "../../src/ir/types.js";

describe("vector-valued bounds", () => {
  const program: Program = {
    data: [],
    params: [
      { name: "a", shape: { kind: "vector", n: 3 }, transform: { kind: "lower", lb: [0, -1, 2] } },
      { name: "b", shape: { kind: "vector", n: 2 }, transform: { kind: "upper", ub: [1, 5] } },
      { name: "c", shape: { kind: "vector", n: 2 }, transform: { kind: "interval", lb: [0, -3], ub: 1 } },
    ],
    tparams: [],
    statements: [],
  };
  const model = compileModel(program, []);
  const theta = Float64Array.from([0.1, -0.4, 0.7, 0.2, -1.1, 0.3, -0.6]);
  const inv = (u: number): number => 1 / (1 + Math.exp(-u));

  it("constrain applies each element's own bound (Stan's lb + exp u, ub − exp u, lb + (ub − lb) logit⁻¹ u)", () => {
    const x = new Float64Array(7);
    model.constrain(theta, x);
    const want = [0 + Math.exp(0.1), -1 + Math.exp(-0.4), 2 + Math.exp(0.7), 1 - Math.exp(0.2), 5 - Math.exp(-1.1), inv(0.3), -3 + 4 * inv(-0.6)];
    want.forEach((w, j) => expect(x[j]).toBeCloseTo(w, 14));
    const back = model.unconstrain([x.subarray(0, 3), x.subarray(3, 5), x.subarray(5)]);
    Array.from(theta).forEach((u, j) => expect(back[j]).toBeCloseTo(u, 12));
  });

  it("log|J| uses each element's own width", () => {
    const lp = model.logDensityGradient(theta, new Float64Array(7));
    const logJ = 0.1 - 0.4 + 0.7 + 0.2 - 1.1 + (Math.log(1) + Math.log(inv(0.3) * (1 - inv(0.3)))) + (Math.log(4) + Math.log(inv(-0.6) * (1 - inv(-0.6))));
    expect(lp).toBeCloseTo(logJ, 13);
  });

  it("rejects a bound array of the wrong length, a non-finite element and an empty interval", () => {
    const bad = (t: Program["params"][number]["transform"], msg: RegExp): void => {
      const p: Program = { ...program, params: [{ name: "a", shape: { kind: "vector", n: 3 }, transform: t }] };
      expect(() => compileModel(p, [])).toThrow(UserError);
      expect(() => compileModel(p, [])).toThrow(msg);
    };
    bad({ kind: "lower", lb: [0, 1] }, /parameter 0 lower bound: needs one value per element \(3\), got 2/);
    bad({ kind: "upper", ub: [0, Infinity, 1] }, /parameter 0 upper bound: must be finite, got Infinity at element 2/);
    bad({ kind: "interval", lb: [0, 0, 2], ub: 1 }, /parameter 0: interval needs lb < ub, got 2, 1 at element 3/);
  });
});
