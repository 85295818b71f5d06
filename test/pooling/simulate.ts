/**
 * The simulation study behind the pooling checks: gaussian groups of unequal sizes with true means
 * θ_j ~ normal(μ, τ) drawn afresh each replication, y_ij ~ normal(θ_j, σ), fitted by `pooling`.
 */
import { pooling } from "../../src/pooling/pooling.js";
import { createRng } from "../../src/random/rng.js";
import { interceptSpec } from "./specs.js";

export const SIM = Object.freeze({ mu: 1, tau: 1, sigma: 2, sizes: [1, 2, 3, 5, 8, 13, 21, 34] });
/** Short chains, as the brief asks for the default suite. */
export const SHORT = Object.freeze({ chains: 2, warmup: 300, draws: 300, threads: 1 });

export interface ReplicationStats {
  /** Σ_j (estimate_j − θ_j)² of the posterior means. */
  readonly sseNo: number;
  readonly ssePartial: number;
  /** Groups whose partial-pooling 90 % interval contains θ_j, and how many groups there are. */
  readonly covered: number;
  readonly groups: number;
  readonly divergences: number;
}

export async function replicate(seed: number): Promise<ReplicationStats> {
  const rng = createRng(seed, 0);
  const theta = SIM.sizes.map(() => SIM.mu + SIM.tau * rng.normal());
  const y: number[] = [];
  const groupOf: number[] = [];
  SIM.sizes.forEach((n, j) => {
    for (let i = 0; i < n; i++) {
      y.push(theta[j] + SIM.sigma * rng.normal());
      groupOf.push(j + 1);
    }
  });
  const levels = SIM.sizes.map((_, j) => `g${j + 1}`);
  const spec = interceptSpec({
    family: "gaussian",
    y,
    groupOf,
    levels,
    interceptPrior: { family: "normal", args: [0, 5] },
    sdPrior: { family: "normal", args: [0, 2] },
  });
  const r = await pooling(spec, { ...SHORT, seed, loo: false });
  let sseNo = 0;
  let ssePartial = 0;
  let covered = 0;
  for (const g of r.groups) {
    const t = theta[levels.indexOf(g.group)];
    sseNo += (g.no_pooling.mean - t) ** 2;
    ssePartial += (g.partial_pooling.mean - t) ** 2;
    if (g.partial_pooling.q5 <= t && t <= g.partial_pooling.q95) covered++;
  }
  const divergences = Object.values(r.fits).reduce((a, f) => a + f.divergences, 0);
  return { sseNo, ssePartial, covered, groups: r.groups.length, divergences };
}

/** The 3-sd band of a Binomial(m, 0.9) proportion: |coverage − 0.9| must stay inside it. */
export function coverageBand(m: number): number {
  return 3 * Math.sqrt((0.9 * 0.1) / m);
}
