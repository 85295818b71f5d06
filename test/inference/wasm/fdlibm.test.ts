import { describe, expect, it } from "vitest";
import { nutsCoreModule, decodeBase64 } from "../../../src/inference/wasm/module.js";
import { DRAWS_CORE_WASM } from "../../../src/random/wasm/drawsCore.wasm.js";
import { mathInputs, mismatches } from "../../compiler/wasm/mathInputs.js";

// The core and the draws module compute exp, log and log1p themselves (assembly/fdlibm.ts) instead
// of importing Math's. Their draws are the JavaScript sampler's bits only if these are Math's bits
// for every input: no tolerance. Both modules export the copies they use, under these names.
type Unary = (x: number) => number;

const INPUTS = mathInputs(20261129, 120_000);

function coreExports(): Record<string, Unary> {
  const module = nutsCoreModule();
  if (module === null) throw new Error("the NUTS core did not compile");
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(module, { env: { memory }, hb: { pow: Math.pow, logDensityGradient: () => 0 } });
  return instance.exports as unknown as Record<string, Unary>;
}

function drawsExports(): Record<string, Unary> {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(DRAWS_CORE_WASM)), { env: { memory } });
  return instance.exports as unknown as Record<string, Unary>;
}

describe("fdlibm inside the wasm modules", () => {
  const core = coreExports();
  const draws = drawsExports();
  const cases: [string, Unary, Unary][] = [
    ["core exp", core.exp, Math.exp],
    ["core log", core.log, Math.log],
    ["core log1p", core.log1p, Math.log1p],
    ["draws exp", draws.exp, Math.exp],
    ["draws log", draws.log, Math.log],
  ];
  for (const [name, f, ref] of cases) {
    it(`${name} equals Math.${ref.name} bit for bit on ${INPUTS.length} seeded and edge inputs`, () => {
      expect(typeof f).toBe("function");
      expect(mismatches(INPUTS, f, ref)).toEqual([]);
    });
  }

  it("the comparison can fail: a one-ulp change is caught", () => {
    const bumped = (x: number): number => (x === 0.5 ? Math.exp(x) * (1 + Number.EPSILON) : Math.exp(x));
    expect(mismatches(INPUTS, bumped, Math.exp)[0]).toMatch(/^0\.5 → /);
  });
});
