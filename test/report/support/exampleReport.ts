/**
 * A report input shaped like a radon varying-intercept fit (brms names), from seeded synthetic draws.
 * The summary rows' R-hat and ESS are illustrative inputs, not computed: the report only displays them.
 */
import { variableOf, type Draws } from "../../../src/posterior/draws.js";
import { quantileSorted, sortedFinite } from "../../../src/plots/quantile.js";
import type { ReportInput, SummaryRow } from "../../../src/report/index.js";
import { ppcData, radonLikeGroups } from "../../plots/support/examples.js";
import { syntheticDraws } from "../../plots/support/synthetic.js";

export function rowsFromDraws(d: Draws): SummaryRow[] {
  return d.names
    .filter((n) => !n.endsWith("__"))
    .map((name, i) => {
      const s = sortedFinite(variableOf(d, d.names.indexOf(name)));
      let m = 0;
      for (const v of s) m += v;
      m /= s.length;
      let ss = 0;
      for (const v of s) ss += (v - m) ** 2;
      const sd = Math.sqrt(ss / (s.length - 1));
      return {
        name,
        mean: m,
        sd,
        q5: quantileSorted(s, 0.05),
        q50: quantileSorted(s, 0.5),
        q95: quantileSorted(s, 0.95),
        rhat: i === 2 ? 1.02 : 1.001,
        ess_bulk: i === 2 ? 310 : 2400 + 10 * i,
        ess_tail: 2100 + 5 * i,
        mcse_mean: sd / Math.sqrt(2400),
      };
    });
}

export const COUNTIES = ["AITKIN", "ANOKA", "BECKER", "BELTRAMI", "BENTON", "BIG STONE", "BLUE EARTH", "BROWN", "CARLTON", "CARVER"];

export function exampleReportInput(counties = 10, draws = 500): ReportInput {
  const groups = radonLikeGroups(counties);
  const d = syntheticDraws({
    chains: 4,
    draws,
    params: [
      { name: "b_Intercept", mean: 1.46, sd: 0.05 },
      { name: "b_floor", mean: -0.69, sd: 0.07 },
      { name: "sd_county__Intercept", mean: 0.32, sd: 0.05, rho: 0.8 },
      { name: "sigma", mean: 0.76, sd: 0.02 },
      ...groups.map((g, j) => ({
        name: `r_county[${COUNTIES[j % COUNTIES.length]}${j >= COUNTIES.length ? j : ""},Intercept]`,
        mean: g.partialPooling - 1.3,
        sd: (g.partialPoolingInterval![1] - g.partialPooling) / 1.645,
      })),
    ],
    divergent: [[1, 40]],
    seed: 11,
  });
  const ppc = ppcData();
  return {
    title: "Radon: log_radon ~ floor + (1 | county)",
    modelText: "log_radon ~ floor + (1 | county)\nfamily: gaussian",
    settings: { chains: 4, warmup: 1000, draws, seed: 1, adapt_delta: 0.8, max_treedepth: 10 },
    timing: { compile_s: 0.004, warmup_s: 0.9, sampling_s: 1.0, gradients: 850000 },
    rows: rowsFromDraws(d),
    warnings: [
      "1 of 2000 transitions after warmup was divergent: the posterior has regions the sampler cannot explore. Increase adapt_delta toward 0.99, or non-centre the group-level parameters (sd_county__Intercept).",
      "R-hat above 1.01 for sd_county__Intercept (1.02): run longer chains.",
    ],
    diagnostics: { divergences: 1, treedepth_hits: 0, ebfmi: [0.98, 1.02, 0.95, 1.1] },
    draws: d,
    groups: { groups, populationMean: 1.3, xLabel: "log radon" },
    ppc: { observed: ppc.observed, replicates: ppc.replicates, xLabel: "log radon" },
  };
}

