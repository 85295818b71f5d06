import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceLogDensity } from "../../src/compiler/reference.js";
import type { Program } from "../../src/ir/types.js";

// Names a formula or DSL user could type (column names, factor levels), each a JavaScript payload.
const EVIL = [
  `"); globalThis.__pwned = 1; ("`,
  `'}); globalThis.__pwned = 2; ({'`,
  "`${globalThis.__pwned = 3}`",
  `require("child_process").execSync("touch /tmp/pwned")`,
  `*/ globalThis.__pwned = 4; /*`,
  `\n globalThis.__pwned = 5; //`,
  `theta[1]`,
];

function evilProgram(): Program {
  return {
    data: [
      { name: EVIL[0], type: "real", dims: [4] },
      { name: EVIL[1], type: "int", dims: [4] },
    ],
    params: [
      { name: EVIL[2], shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: EVIL[3], shape: { kind: "vector", n: 2 }, transform: { kind: "identity" } },
      { name: EVIL[4], shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
    ],
    tparams: [{ name: EVIL[5], n: 2, expr: { op: "binary", fn: "mul", a: { op: "ref", src: "param", id: 2 }, b: { op: "ref", src: "param", id: 1 } } }],
    statements: [
      {
        kind: "distribution",
        family: "normal",
        n: 4,
        lhs: { op: "ref", src: "data", id: 0 },
        args: [
          { op: "binary", fn: "add", a: { op: "ref", src: "param", id: 0 }, b: { op: "gather", src: "tparam", id: 0, by: 1 } },
          { op: "const", value: 1.5 },
        ],
      },
      { kind: "distribution", family: "normal", n: 2, lhs: { op: "ref", src: "param", id: 1 }, args: [{ op: "const", value: 0 }, { op: "const", value: 1 }] },
    ],
  };
}

describe("compileModel keeps user text out of generated code", () => {
  it("compiles and evaluates a program whose names are JavaScript, runs none of it, and round-trips the names", () => {
    const g = globalThis as { __pwned?: number };
    delete g.__pwned;
    const program = evilProgram();
    const data = [Float64Array.from([0.5, -1, 2, 0]), Int32Array.from([1, 2, 2, 1])];
    const model = compileModel(program, data);
    const theta = Float64Array.from([0.1, -0.4, 0.3, -0.2]);
    const lp = model.logDensityGradient(theta, new Float64Array(4));
    const out = new Float64Array(model.outputNames.length);
    model.constrain(theta, out);
    expect(g.__pwned).toBeUndefined();
    expect(lp).toBeCloseTo(referenceLogDensity(program, data, theta), 12);
    expect(model.outputNames).toEqual([EVIL[2], `${EVIL[3]}[1]`, `${EVIL[3]}[2]`, EVIL[4], `${EVIL[5]}[1]`, `${EVIL[5]}[2]`]);
  });

  it("the generated source contains none of the user strings", () => {
    const model = compileModel(evilProgram(), [Float64Array.from([0.5, -1, 2, 0]), Int32Array.from([1, 2, 2, 1])]);
    for (const s of EVIL) expect(model.source.includes(s)).toBe(false);
    for (const token of ["require", "globalThis", "__pwned", "`", "${", "\"\)", "child_process", "eval"]) {
      expect(model.source.includes(token), token).toBe(false);
    }
  });
});
