/**
 * The reparameterisation pilot runs on the target's wasm gradient where the compiler translated it
 * (the fit's own target does), and gives the same choices, bit for bit, as on the JavaScript function.
 * Before, the pilot's recording wrapper dropped `wasm`, so its wasm core called back into JavaScript
 * for every gradient (bench/qa user sweep, open problem 6).
 */
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel, type CompiledModel } from "../../src/compiler/compile.js";
import type { Program, ProgramData } from "../../src/ir/types.js";
import type { LogDensity } from "../../src/logDensity.js";
import { createRng } from "../../src/random/rng.js";
import { autoReparam, PILOT } from "../../src/reparam/auto.js";
import { withHostGradient } from "../../src/reparam/hostGradient.js";

const FORMULA = "y ~ x + mode + (1 + mode | id) + (1 | item)";

/**
 * The user sweep's VerbAgg shape, small: bernoulli, correlated (1 + mode | id) and crossed (1 | item).
 * 30 respondents × 6 items = 180 rows, so the body stays under the translator's per-gradient call
 * limit (2 wasm-math calls a row × 1/8 ≈ 45 of 100; src/compiler/wasm/walk.ts) and gets a wasm form.
 */
function verbaggLike(seed: number): { y: number[]; x: number[]; mode: string[]; id: string[]; item: string[] } {
  const rng = createRng(seed, 0);
  const nId = 30;
  const nItem = 6;
  const a = Array.from({ length: nId }, () => [0.8 * rng.normal(), 0.5 * rng.normal()]);
  const c = Array.from({ length: nItem }, () => 0.6 * rng.normal());
  const out = { y: [] as number[], x: [] as number[], mode: [] as string[], id: [] as string[], item: [] as string[] };
  for (let j = 0; j < nId; j++) {
    const x = rng.normal();
    for (let k = 0; k < nItem; k++) {
      const want = k % 2;
      const eta = -0.3 + 0.5 * x + 0.4 * want + a[j][0] + a[j][1] * want + c[k];
      out.y.push(rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
      out.x.push(x);
      out.mode.push(want ? "want" : "do");
      out.id.push(`s${j + 1}`);
      out.item.push(`i${k + 1}`);
    }
  }
  return out;
}

/** compileModel with its JavaScript gradient counted; `hideWasm` gives the target no wasm form. */
function countingFactory(hideWasm: boolean): { make: (p: Program, d: ProgramData) => CompiledModel; calls: () => number; hadWasm: () => boolean } {
  let calls = 0;
  let hadWasm = false;
  const make = (p: Program, d: ProgramData): CompiledModel => {
    const cm = compileModel(p, d);
    hadWasm = cm.wasm !== undefined;
    const f = cm.logDensityGradient;
    const counted = (t: Float64Array, g: Float64Array): number => {
      calls++;
      return f(t, g);
    };
    return { ...cm, wasm: hideWasm ? undefined : cm.wasm, logDensityGradient: counted };
  };
  return { make, calls: () => calls, hadWasm: () => hadWasm };
}

describe("autoReparam(program, data, seed, compileModel) on a translated target", () => {
  const { built } = buildFormulaModel({ formula: FORMULA, family: "bernoulli", data: verbaggLike(11) });

  it("calls the JavaScript gradient only for the chain's initial point and step-size search, and chooses as on JavaScript, bit for bit", async () => {
    const onWasm = countingFactory(false);
    const onJs = countingFactory(true);
    const a = await autoReparam(built.program, built.data, 3, onWasm.make);
    const b = await autoReparam(built.program, built.data, 3, onJs.make);
    expect(onWasm.hadWasm()).toBe(true);
    // The pilot: PILOT.warmup + PILOT.draws transitions of several leapfrogs each, then curvature.
    expect(a.pilot.gradients).toBeGreaterThan(PILOT.warmup + PILOT.draws);
    // The chain's initial point and Stan's step-size search run the JavaScript kernel (10 calls on
    // cbpp, a handful here); the transitions and the curvature differences run in wasm. Before the
    // fix every one of a.pilot.gradients went through JavaScript.
    expect(onWasm.calls()).toBeLessThanOrEqual(20);
    expect(onJs.calls()).toBe(b.pilot.gradients);
    // The wasm form has the JavaScript function's bits (the compiler's contract), so the pilot's
    // draws, curvature and weights are the same numbers (toEqual compares with Object.is).
    expect(a.pilot.gradients).toBe(b.pilot.gradients);
    expect(a.choices).toEqual(b.choices);
    // (1 | item) is the candidate; formula programs' correlated effects are not (glmm.test.ts).
    expect(a.choices.map((c) => c.param)).toEqual(["r_2_1"]);
    expect(a.program).toEqual(b.program);
  });
});

describe("withHostGradient(target, body)", () => {
  const { built } = buildFormulaModel({ formula: FORMULA, family: "bernoulli", data: verbaggLike(12) });
  const cm = compileModel({ ...built.program, generated: [] }, built.data);
  const points = (n: number): Float64Array[] => {
    const rng = createRng(5, 0);
    return Array.from({ length: n }, () => Float64Array.from({ length: cm.dim }, () => 0.5 * rng.normal()));
  };

  it("on a target with a wasm form: its export, the JavaScript function's bits, the JavaScript function never called", () => {
    const w = cm.wasm;
    expect(w).toBeDefined();
    let jsCalls = 0;
    const target: LogDensity = { dim: cm.dim, wasm: w, logDensityGradient: (t, g) => (jsCalls++, cm.logDensityGradient(t, g)) };
    const gw = new Float64Array(cm.dim);
    const gj = new Float64Array(cm.dim);
    withHostGradient(target, (gradient, kind) => {
      expect(kind).toBe("wasm");
      for (const u of points(6)) {
        const lw = gradient(u, gw);
        const lj = cm.logDensityGradient(u, gj);
        expect(lw).toBe(lj);
        expect(gw).toEqual(gj);
      }
      // A host (a chain's workspace) may grow the memory between calls: the views follow it.
      (w as NonNullable<typeof w>).memory.grow(1);
      const [u] = points(1);
      expect(gradient(u, gw)).toBe(cm.logDensityGradient(u, gj));
      expect(gw).toEqual(gj);
    });
    expect(jsCalls).toBe(0);
  });

  it("on a target without one: its JavaScript function", () => {
    let jsCalls = 0;
    const target: LogDensity = { dim: cm.dim, logDensityGradient: (t, g) => (jsCalls++, cm.logDensityGradient(t, g)) };
    const [u] = points(1);
    const g = new Float64Array(cm.dim);
    const lp = withHostGradient(target, (gradient, kind) => {
      expect(kind).toBe("javascript");
      return gradient(u, g);
    });
    expect(lp).toBe(cm.logDensityGradient(u, new Float64Array(cm.dim)));
    expect(jsCalls).toBe(1);
  });
});
