import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import type { Program, ProgramData } from "../../src/ir/types.js";
import { validateData, validateProgram } from "../../src/ir/validate.js";
import { compileModel } from "../../src/compiler/compile.js";

function base(): Program {
  return {
    data: [
      { name: "y", type: "real", dims: [3] },
      { name: "g", type: "int", dims: [3] },
      { name: "n", type: "int", dims: [3] },
    ],
    params: [
      { name: "mu", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "a", shape: { kind: "vector", n: 2 }, transform: { kind: "identity" } },
    ],
    tparams: [],
    statements: [
      {
        kind: "distribution",
        family: "normal",
        n: 3,
        lhs: { op: "ref", src: "data", id: 0 },
        args: [{ op: "gather", src: "param", id: 1, by: 1 }, { op: "const", value: 1 }],
      },
    ],
  };
}
const DATA: ProgramData = [Float64Array.from([1, 2, 3]), Int32Array.from([1, 2, 2]), Int32Array.from([0, 4, 1])];

function expectUserError(f: () => void, message: RegExp): void {
  expect(f).toThrow(UserError);
  expect(f).toThrow(message);
}

describe("validateProgram", () => {
  it("accepts a well-formed program", () => {
    expect(() => validateProgram(base())).not.toThrow();
    expect(() => validateData(base(), DATA)).not.toThrow();
  });

  it("rejects a vector of the wrong length for the statement's range", () => {
    const p = base();
    p.statements[0] = { kind: "distribution", family: "normal", n: 3, lhs: { op: "ref", src: "data", id: 0 }, args: [{ op: "ref", src: "param", id: 1 }, { op: "const", value: 1 }] };
    expectUserError(() => validateProgram(p), /statement 0 argument mu: vector of length 2 used where length 3 is expected/);
  });

  it("rejects missing slots, unknown families and wrong argument counts", () => {
    const p = base();
    p.statements[0] = { kind: "distribution", family: "normal", n: 3, lhs: { op: "ref", src: "data", id: 9 }, args: [{ op: "const", value: 0 }, { op: "const", value: 1 }] };
    expectUserError(() => validateProgram(p), /data slot 9 does not exist/);
    const q = base();
    q.statements[0] = { kind: "distribution", family: "normal_id_glm", n: 3, lhs: { op: "ref", src: "data", id: 0 }, args: [] };
    expectUserError(() => validateProgram(q), /unknown distribution family normal_id_glm/);
    const r = base();
    r.statements[0] = { kind: "distribution", family: "normal", n: 3, lhs: { op: "ref", src: "data", id: 0 }, args: [{ op: "const", value: 0 }] };
    expectUserError(() => validateProgram(r), /normal takes 2 arguments \(mu, sigma\), got 1/);
  });

  it("requires int data where int is required", () => {
    const p = base();
    p.statements[0] = { kind: "distribution", family: "poisson_log", n: 3, lhs: { op: "ref", src: "data", id: 0 }, args: [{ op: "const", value: 0 }] };
    expectUserError(() => validateProgram(p), /poisson_log needs an int data outcome/);
    const q = base();
    q.statements[0] = { kind: "distribution", family: "normal", n: 3, lhs: { op: "ref", src: "data", id: 0 }, args: [{ op: "gather", src: "param", id: 1, by: 0 }, { op: "const", value: 1 }] };
    expectUserError(() => validateProgram(q), /gather index must be an int data vector/);
  });

  it("lets offset/multiplier see only earlier parameters", () => {
    const p = base();
    p.params[0] = { name: "mu", shape: { kind: "scalar" }, transform: { kind: "offsetMultiplier", offset: { op: "const", value: 0 }, multiplier: { op: "ref", src: "param", id: 1 } } };
    expectUserError(() => validateProgram(p), /parameter 1 is not visible here/);
  });

  it("rejects unknown functions and lists the valid ones", () => {
    const p = base();
    p.statements[0] = { kind: "target", n: 1, expr: { op: "unary", fn: "tanh" as "exp", arg: { op: "const", value: 1 } } };
    expectUserError(() => validateProgram(p), /unknown function tanh; valid: neg, exp/);
  });
});

describe("validateData", () => {
  it("rejects wrong array types, lengths and out-of-range gather codes", () => {
    expectUserError(() => validateData(base(), [DATA[0], Float64Array.from([1, 2, 2]), DATA[2]]), /data slot 1 \(g\): expected Int32Array/);
    expectUserError(() => validateData(base(), [Float64Array.from([1, 2]), DATA[1], DATA[2]]), /data slot 0 \(y\): expected 3 values, got 2/);
    expectUserError(() => validateData(base(), [DATA[0], Int32Array.from([1, 3, 2]), DATA[2]]), /data slot 1 \(g\): index 2 is 3, must be in 1..2/);
  });

  it("compileModel rejects discrete outcomes outside their support", () => {
    const p = base();
    p.statements.push({ kind: "distribution", family: "bernoulli_logit", n: 3, lhs: { op: "ref", src: "data", id: 2 }, args: [{ op: "ref", src: "param", id: 0 }] });
    expectUserError(() => compileModel(p, DATA), /statement 1 \(bernoulli_logit\): outcome 2 must be 0 or 1, got 4/);
  });
});
