/** Seeded synthetic draws for plot tests: AR(1) chains with CmdStan's sampler columns in front. */
import { createDraws, setValue, SAMPLER_VARIABLES, type Draws } from "../../../src/posterior/draws.js";
import { createRng } from "../../../src/random/rng.js";

export interface SyntheticSpec {
  readonly chains: number;
  readonly draws: number;
  readonly params: readonly { name: string; mean: number; sd: number; rho?: number }[];
  readonly divergent?: readonly [chain: number, draw: number][];
  readonly seed?: number;
}

export function syntheticDraws(spec: SyntheticSpec): Draws {
  const names = [...SAMPLER_VARIABLES, ...spec.params.map((p) => p.name)];
  const d = createDraws(names, spec.chains, spec.draws);
  const rng = createRng(spec.seed ?? 1, 0);
  const off = SAMPLER_VARIABLES.length;
  spec.params.forEach((p, j) => {
    const rho = p.rho ?? 0.5;
    const innov = Math.sqrt(1 - rho * rho);
    for (let c = 0; c < spec.chains; c++) {
      let z = rng.normal();
      for (let i = 0; i < spec.draws; i++) {
        z = rho * z + innov * rng.normal();
        setValue(d, off + j, c, i, p.mean + p.sd * z);
      }
    }
  });
  const div = names.indexOf("divergent__");
  for (const [c, i] of spec.divergent ?? []) setValue(d, div, c, i, 1);
  return d;
}
