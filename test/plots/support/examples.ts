/** Example plots for looking at (renderExamples.ts) and for tests: seeded synthetic inputs. */
import * as plots from "../../../src/plots/index.js";
import type { ShrinkageGroup } from "../../../src/plots/index.js";
import { createRng } from "../../../src/random/rng.js";
import { syntheticDraws } from "./synthetic.js";

/** Radon-like groups: sizes from 1 to ~100, true effects around 1.3, partial pooling by the normal–normal formula. */
export function radonLikeGroups(count: number, seed = 3): ShrinkageGroup[] {
  const rng = createRng(seed, 0);
  const mu = 1.3;
  const tau = 0.3;
  const sigma = 0.8;
  return Array.from({ length: count }, (_, j) => {
    const n = 1 + Math.floor(Math.exp(rng.normal() * 1.1 + 1.6));
    const theta = mu + tau * rng.normal();
    let s = 0;
    for (let i = 0; i < n; i++) s += theta + sigma * rng.normal();
    const ybar = s / n;
    const w = (n / sigma ** 2) / (n / sigma ** 2 + 1 / tau ** 2);
    const pp = w * ybar + (1 - w) * mu;
    const sePp = 1 / Math.sqrt(n / sigma ** 2 + 1 / tau ** 2);
    const seNp = sigma / Math.sqrt(n);
    return {
      label: `county ${j + 1}`,
      n,
      noPooling: ybar,
      partialPooling: pp,
      noPoolingInterval: [ybar - 1.645 * seNp, ybar + 1.645 * seNp] as const,
      partialPoolingInterval: [pp - 1.645 * sePp, pp + 1.645 * sePp] as const,
    };
  });
}

export function ppcData(seed = 5): { observed: Float64Array; replicates: Float64Array[]; counts: Float64Array; countReps: Float64Array[] } {
  const rng = createRng(seed, 0);
  const n = 300;
  const observed = Float64Array.from({ length: n }, () => (rng.uniform() < 0.3 ? 3 + 0.6 * rng.normal() : 1 + 0.8 * rng.normal()));
  const replicates = Array.from({ length: 100 }, () => Float64Array.from({ length: n }, () => 1.6 + 1.2 * rng.normal()));
  const pois = (lambda: number) => {
    let k = 0;
    let p = Math.exp(-lambda);
    let s = p;
    const u = rng.uniform();
    while (u > s) {
      k++;
      p *= lambda / k;
      s += p;
    }
    return k;
  };
  const counts = Float64Array.from({ length: 200 }, () => (rng.uniform() < 0.25 ? 0 : pois(3)));
  const countReps = Array.from({ length: 400 }, () => Float64Array.from({ length: 200 }, () => pois(2.3)));
  return { observed, replicates, counts, countReps };
}

export async function examples(p: typeof plots = plots): Promise<Record<string, string>> {
  const d = syntheticDraws({
    chains: 4,
    draws: 1000,
    params: [
      { name: "mu", mean: 4.4, sd: 3.3, rho: 0.6 },
      { name: "tau", mean: 3.6, sd: 3.2, rho: 0.9 },
    ],
    divergent: [[0, 120], [0, 121], [2, 700]],
    seed: 7,
  });
  const groups = radonLikeGroups(85);
  const forestRows = groups.map((g, i) => ({
    name: `r_county[${["AITKIN", "ANOKA", "BECKER", "BELTRAMI", "BENTON"][i % 5]}${i},Intercept]`,
    mean: g.partialPooling - 1.3,
    q50: g.partialPooling - 1.3,
    q5: g.partialPoolingInterval![0] - 1.3,
    q95: g.partialPoolingInterval![1] - 1.3,
    q25: g.partialPooling - 1.3 - 0.674 * ((g.partialPoolingInterval![1] - g.partialPooling) / 1.645),
    q75: g.partialPooling - 1.3 + 0.674 * ((g.partialPoolingInterval![1] - g.partialPooling) / 1.645),
  }));
  const ppc = ppcData();
  const named = {
    trace: p.tracePlot(d, "mu"),
    rank: p.rankPlot(d, "tau"),
    forest: p.forestPlot(forestRows, { sort: "ascending", reference: 0, xLabel: "county intercept (log radon)", title: "Group-level effects r_county" }),
    forestSmall: p.forestPlot(forestRows.slice(0, 8), { reference: 0, title: "Eight schools-sized forest" }),
    shrinkage: p.shrinkagePlot(groups, { populationMean: 1.3, xLabel: "log radon" }),
    shrinkageFew: p.shrinkagePlot(groups.slice(0, 8), { populationMean: 1.3, xLabel: "log radon" }),
    ppcDensity: p.ppcDensityPlot(ppc.observed, ppc.replicates, { xLabel: "y" }),
    ppcBars: p.ppcBarsPlot(ppc.counts, ppc.countReps, { xLabel: "count" }),
  };
  const svgs = await Promise.all(Object.values(named));
  return Object.fromEntries(Object.keys(named).map((k, i) => [k, svgs[i]]));
}
