/**
 * Correlated varying intercepts and slopes written centred in the DSL, b_j ~ MVN(0, diag(τ) L Lᵀ diag(τ)),
 * and the same model written non-centred by hand (z_j ~ N(0, I), b_j = diag(τ) L z_j), with seeded
 * simulated Poisson data. `centredCounts` is written as the DSL had to before `col()`: one observe
 * statement per group reading that group's two elements b[j,1], b[j,2] (the tests' and benchmarks'
 * recorded divergences and ESS are of this form, so it stays); `centredCountsByColumn` is the same
 * model as a user writes it now, one observe over all rows gathering b's columns by group.
 */
import { lkjCorrCholesky, model, multiNormalCholesky, normal, poissonLog, type Model } from "../../../src/model/index.js";
import { createRng } from "../../../src/random/rng.js";
import { poissonRng } from "../../../src/random/poisson.js";

export interface GroupedCounts {
  readonly J: number;
  readonly data: Record<string, number[]>;
}

export interface CountsTruth {
  /** Baseline log rate, the population's (intercept, slope) scales, their correlation, and the exposure of every row. */
  readonly base: number;
  readonly tau: readonly [number, number];
  readonly rho: number;
  readonly exposure: number;
}

/** Sparse groups with a small population scale: the centred form's funnel. */
export const SPARSE: CountsTruth = Object.freeze({ base: -0.3, tau: [0.5, 0.25] as const, rho: 0.5, exposure: 1 });
/** Long exposures (about 30 counts a row): the data pin every group, the centred form's case. */
export const RICH: CountsTruth = Object.freeze({ base: 0.5, tau: [0.8, 0.4] as const, rho: 0.5, exposure: 20 });

/**
 * J groups with rows[j] rows each: log μ = log(exposure) + base + a_j + (0.3 + s_j) x,
 * (a_j, s_j) ~ MVN(0, diag(τ) R diag(τ)), R with correlation ρ; x ~ N(0, 1).
 */
export function simulateCounts(seed: number, rows: readonly number[], truth: CountsTruth): GroupedCounts {
  const rng = createRng(seed, 0);
  const data: Record<string, number[]> = {};
  const { tau, rho, exposure } = truth;
  rows.forEach((m, j) => {
    const z1 = rng.normal();
    const z2 = rng.normal();
    const a = tau[0] * z1;
    const s = tau[1] * (rho * z1 + Math.sqrt(1 - rho * rho) * z2);
    const x = Array.from({ length: m }, () => rng.normal());
    data[`y${j}`] = x.map((xi) => poissonRng(rng, exposure * Math.exp(truth.base + a + (0.3 + s) * xi)));
    data[`x${j}`] = x;
    data[`e${j}`] = x.map(() => Math.log(exposure));
  });
  return { J: rows.length, data };
}

/** Centred as a user writes it: b ~ multiNormalCholesky(0, L, tau), rows b_j = (intercept, slope) offsets. */
export function centredCounts(J: number): Model {
  return model("mvnCentred", ({ data, param, observe }) => {
    const alpha = param("alpha", normal(0, 2));
    const beta = param("beta", normal(0, 2));
    const tau = param("tau", normal(0, 1), { size: 2, lower: 0 });
    const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
    const b = param("b", multiNormalCholesky(0, L, tau), { size: [J, 2] });
    for (let j = 0; j < J; j++) {
      const x = data.reals(`x${j}`);
      const e = data.reals(`e${j}`);
      observe(data.ints(`y${j}`), poissonLog(e.add(alpha).add(b.el(2 * j)).add(beta.add(b.el(2 * j + 1)).mul(x))));
    }
  });
}

/** The rows of every group as flat columns y, x, e (log exposure) and g (1-based group codes), for `centredCountsByColumn`. */
export function flatCounts(sim: GroupedCounts): Record<string, number[]> {
  const out: Record<string, number[]> = { y: [], x: [], e: [], g: [] };
  for (let j = 0; j < sim.J; j++) {
    const y = sim.data[`y${j}`];
    y.forEach((v, i) => {
      out.y.push(v);
      out.x.push(sim.data[`x${j}`][i]);
      out.e.push(sim.data[`e${j}`][i]);
      out.g.push(j + 1);
    });
  }
  return out;
}

/** `centredCounts` written naturally, on `flatCounts` data: log μ_i = e_i + α + b[g_i,1] + (β + b[g_i,2]) x_i. */
export function centredCountsByColumn(J: number): Model {
  return model("mvnCentredByColumn", ({ data, param, observe }) => {
    const y = data.ints("y");
    const x = data.reals("x");
    const e = data.reals("e");
    const g = data.index("g", { groups: J });
    const alpha = param("alpha", normal(0, 2));
    const beta = param("beta", normal(0, 2));
    const tau = param("tau", normal(0, 1), { size: 2, lower: 0 });
    const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
    const b = param("b", multiNormalCholesky(0, L, tau), { size: [J, 2] });
    observe(y, poissonLog(e.add(alpha).add(b.col(0).at(g)).add(beta.add(b.col(1).at(g)).mul(x))));
  });
}

/** The same posterior written non-centred by hand: z ~ N(0, 1) elementwise, b = diag(tau) L z per row (b[j,m] written out). */
export function noncentredCounts(J: number): Model {
  return model("mvnNoncentred", ({ data, param, observe, derived }) => {
    const alpha = param("alpha", normal(0, 2));
    const beta = param("beta", normal(0, 2));
    const tau = param("tau", normal(0, 1), { size: 2, lower: 0 });
    const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
    const z = param("z", normal(0, 1), { size: [J, 2] });
    for (let j = 0; j < J; j++) {
      // b[j,1] = tau1 z[j,1]; b[j,2] = tau2 (L21 z[j,1] + L22 z[j,2]).
      const a = derived(`b.${j}.1`, tau.el(0).mul(z.el(2 * j)));
      const s = derived(`b.${j}.2`, tau.el(1).mul(L.el(2).mul(z.el(2 * j)).add(L.el(3).mul(z.el(2 * j + 1)))));
      const x = data.reals(`x${j}`);
      const e = data.reals(`e${j}`);
      observe(data.ints(`y${j}`), poissonLog(e.add(alpha).add(a).add(beta.add(s).mul(x))));
    }
  });
}
