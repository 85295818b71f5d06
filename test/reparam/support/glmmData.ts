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

export const GROUP_LEVEL_FORMULA = "y ~ age + base * trt + (1 | g)";

/**
 * The epilepsy shape (bench/qa/data/epilepsy.csv: 59 patients × 4 visits, every predictor a patient's):
 * J groups × m rows, age, base and trt constant within a group, log μ_i = 1.5 + 0.1 age + 0.7 base
 * − 0.3 trt + a_g(i), a_j ~ N(0, 0.5): ~5 counts per row, so λ_j = τ²I_j/(1 + τ²I_j) ≈ 0.8–0.9.
 */
export function poissonGroupLevelData(seed = 2025, J = 40, m = 4): { y: number[]; age: number[]; base: number[]; trt: number[]; g: string[] } {
  const rng = createRng(seed, 0);
  const out = { y: [] as number[], age: [] as number[], base: [] as number[], trt: [] as number[], g: [] as string[] };
  for (let j = 0; j < J; j++) {
    const age = rng.normal();
    const base = rng.normal();
    const trt = j % 2;
    const a = 0.5 * rng.normal();
    for (let k = 0; k < m; k++) {
      out.y.push(poissonRng(rng, Math.exp(1.5 + 0.1 * age + 0.7 * base - 0.3 * trt + a)));
      out.age.push(age);
      out.base.push(base);
      out.trt.push(trt);
      out.g.push(`p${j + 1}`);
    }
  }
  return out;
}
