import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../../../../src/inference/wasm/module.js";
import { FDLIBM_WASM } from "../../../../src/compiler/wasm/fdlibm.wasm.js";
import { engineMathIsFdlibm } from "../../../../src/compiler/wasm/engineMath.js";
import { mathInputs, mismatches } from "../../../compiler/wasm/mathInputs.js";

// The feasibility check behind src/compiler/wasm/fdlibm.ts at full size: 10^7 seeded arguments per
// function (a quarter uniform in their bits, the rest dense near each branch point and threshold)
// against this engine's Math. Run after a Node upgrade: where it fails, engineMathIsFdlibm() must
// be false (and compiled densities then import the engine's Math).
type Unary = (x: number) => number;

describe("the fdlibm wasm build against Math on 10^7 arguments per function", () => {
  const memory = new WebAssembly.Memory({ initial: 0 });
  const fd = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(FDLIBM_WASM)), { env: { memory } }).exports as unknown as Record<string, Unary>;
  for (const [name, ref, seed] of [["exp", Math.exp, 1001], ["log", Math.log, 1002], ["log1p", Math.log1p, 1003]] as const) {
    it(`${name}: no argument differs where engineMathIsFdlibm() is true`, () => {
      const bad = mismatches(mathInputs(seed, 10_000_000), fd[name], ref);
      if (engineMathIsFdlibm()) expect(bad).toEqual([]);
      else expect(bad.length).toBeGreaterThan(0);
    }, 120_000);
  }
});
