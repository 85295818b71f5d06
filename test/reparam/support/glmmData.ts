/**
 * Seeded data for the formula-group reparameterisation tests and benchmark rows: a Poisson GLMM whose
 * groups carry a lot of information (long exposures), where the centred form should win.
 */
import { createRng } from "../../../src/random/rng.js";
import { poissonRng } from "../../../src/random/poisson.js";

export const POISSON_FORMULA = "y ~ x + offset(log(expo)) + (1 | g)";

/**
 * J groups × m rows: log μ_i = log(expo_i) − 2 + 0.3 x_i + a_g(i), a_j ~ N(0, 0.5), expo in [50, 500]:
 * ~40 counts per row, so a group's data information (Σ μ_i ≈ 200) dwarfs the prior's 1/τ² = 4.
 */
export function poissonExposureData(seed = 2024, J = 20, m = 5): { y: number[]; x: number[]; expo: number[]; g: string[] } {
  const rng = createRng(seed, 0);
  const a = Array.from({ length: J }, () => 0.5 * rng.normal());
  const y: number[] = [];
  const x: number[] = [];
  const expo: number[] = [];
  const g: string[] = [];
  for (let j = 0; j < J; j++) {
    for (let k = 0; k < m; k++) {
      const xi = rng.normal();
      const e = 50 + 450 * rng.uniform();
      y.push(poissonRng(rng, e * Math.exp(-2 + 0.3 * xi + a[j])));
      x.push(xi);
      expo.push(e);
      g.push(`g${j + 1}`);
    }
  }
  return { y, x, expo, g };
}
