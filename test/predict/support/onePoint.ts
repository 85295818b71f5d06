/**
 * One point of a formula model's compiled program as a one-draw Draws under brms's names, with the
 * program's generated log_lik[1 … n] there: what predict/'s formula path must reproduce from the
 * draws alone (test/predict/distributional*.test.ts).
 */
import type { buildFormulaModel } from "../../../src/api/formulaFit.js";
import { compileModel } from "../../../src/compiler/compile.js";
import { createDraws, setValue, type Draws } from "../../../src/posterior/draws.js";
import { createRng } from "../../../src/random/rng.js";

export function onePoint(m: ReturnType<typeof buildFormulaModel>, seed: number, n: number): { draws: Draws; logLik: Float64Array } {
  const c = compileModel(m.built.program, m.built.data);
  const theta = Float64Array.from({ length: c.dim }, (_, k) => 0.3 * Math.sin(k + seed));
  const constrained = new Float64Array(c.outputNames.length);
  c.constrain(theta, constrained);
  const rename = m.built.outputs.rename;
  const draws = createDraws(rename.map(([, b]) => b), 1, 1);
  rename.forEach(([ir], k) => setValue(draws, k, 0, 0, constrained[c.outputNames.indexOf(ir)]));
  const out = new Float64Array(c.generatedNames.length);
  c.generate(createRng(1, 0), theta, out);
  const first = c.generatedNames.indexOf("log_lik[1]");
  return { draws, logLik: out.slice(first, first + n) };
}
