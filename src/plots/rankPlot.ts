/**
 * Rank plot: for each chain a histogram of its draws' ranks among all chains' draws. Flat
 * histograms mean the chains explore the same distribution; a chain stuck high or low shows as a
 * tilted or U-shaped histogram long before trace plots look wrong. The histograms are computed
 * here (ranks.ts), so the spec holds bins × chains rows, not the draws.
 */
import type { TopLevelSpec } from "vega-lite";
import { chainOf, type Draws } from "../posterior/draws.js";
import { requirePositive, requireVariable } from "./checks.js";
import { pooledRanks, rankBinCount, rankHistogram } from "./ranks.js";
import { renderSvg } from "./render.js";
import { niceDomain } from "./scales.js";
import { plotSpec } from "./spec.js";
import { plural, round6 } from "./text.js";
import { CHAIN_COLORS, THEME } from "./theme.js";

export interface RankPlotOptions {
  /** Total width in pixels. */
  readonly width?: number;
  /** Height of one row of panels. */
  readonly panelHeight?: number;
  readonly bins?: number;
  readonly title?: string;
}

export const DEFAULT_RANK = Object.freeze({ width: 640, panelHeight: 90, panelsPerRow: 4 });

// 99 % of the mass of a normal approximation to Binomial(n, 1/bins): the band a uniform chain's bars
// stay within almost always.
const Z99 = 2.5758293035489;

/** One bar of a rank spec, with its chain's expected count and 99 % band. */
export interface RankBin {
  readonly chain: string;
  readonly bin: number;
  /** Rank range of the bin. */
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  readonly expected: number;
  readonly bandLo: number;
  readonly bandHi: number;
}

export function rankSpec(draws: Draws, variable: string, options: RankPlotOptions = {}): TopLevelSpec {
  const v = requireVariable("rankPlot", draws, variable);
  const width = options.width ?? DEFAULT_RANK.width;
  const panelHeight = options.panelHeight ?? DEFAULT_RANK.panelHeight;
  requirePositive("rankPlot", "width", width);
  requirePositive("rankPlot", "panelHeight", panelHeight);
  if (options.bins !== undefined) requirePositive("rankPlot", "bins", options.bins);

  const chains = Array.from({ length: draws.chains }, (_, c) => chainOf(draws, v, c));
  const ranks = pooledRanks(chains);
  let total = 0;
  const finitePerChain = ranks.map((r) => {
    let n = 0;
    for (let i = 0; i < r.length; i++) if (Number.isFinite(r[i])) n++;
    total += n;
    return n;
  });
  const bins = Math.floor(options.bins ?? rankBinCount(draws.draws));
  const counts = ranks.map((r) => rankHistogram(r, Math.max(total, 1), bins));

  const notes: string[] = [];
  const skipped = draws.chains * draws.draws - total;
  if (total === 0) notes.push("No finite draws: nothing to rank.");
  else if (skipped > 0) notes.push(`${plural(skipped, "non-finite draw")} left out of the ranking.`);
  if (total > 0 && allEqual(chains)) notes.push("All draws are equal: every rank is tied.");
  notes.push("Dashed line: the count expected under uniform ranks; band: its 99 % range.");

  const p = 1 / bins;
  const rows: RankBin[] = [];
  let top = 1;
  counts.forEach((cnt, c) => {
    const n = finitePerChain[c];
    const expected = n * p;
    const half = Z99 * Math.sqrt(n * p * (1 - p));
    top = Math.max(top, expected + half);
    for (let b = 0; b < bins; b++) {
      top = Math.max(top, cnt[b]);
      rows.push({
        chain: `chain ${c + 1}`,
        bin: b,
        lo: round6((b * total) / bins),
        hi: round6(((b + 1) * total) / bins),
        count: cnt[b],
        expected: round6(expected),
        bandLo: round6(Math.max(0, expected - half)),
        bandHi: round6(expected + half),
      });
    }
  });

  const perRow = Math.max(1, Math.min(DEFAULT_RANK.panelsPerRow, draws.chains));
  const gap = 14;
  // About 100 px for the y axis, padding and the last tick label (vega estimates text widths); the panels share the rest.
  const panelWidth = Math.max(20, (width - 100 - (perRow - 1) * gap) / perRow);
  const chainNames = chains.map((_, c) => `chain ${c + 1}`);
  const xDomain = [0, Math.max(total, 1)];
  const x = { field: "lo", type: "quantitative", title: "rank", scale: { domain: xDomain, nice: false, zero: false }, axis: { tickCount: 2, grid: false, format: total >= 100000 ? "~s" : "d" } };
  const y = { type: "quantitative", scale: { domain: niceDomain([0, top], true, 3), nice: false } };
  const whole = { filter: "datum.bin === 0" };

  return plotSpec(
    {
      kind: "rank",
      title: options.title ?? `Rank plot of ${variable}`,
      description: `Rank histograms with ${bins} bins for ${plural(draws.chains, "chain")}.`,
      notes,
    },
    {
      data: { values: rows },
      columns: perRow,
      spacing: { column: gap, row: 22 },
      facet: { field: "chain", type: "nominal", sort: chainNames, title: null },
      resolve: { axis: { x: "independent" } },
      spec: {
        width: panelWidth,
        height: panelHeight,
        layer: [
          {
            name: "band",
            transform: [whole],
            mark: { type: "rect", color: THEME.band },
            encoding: { x: { ...x, datum: xDomain[0], field: undefined }, x2: { datum: xDomain[1] }, y: { ...y, field: "bandLo", title: "count" }, y2: { field: "bandHi" } },
          },
          {
            name: "bar",
            mark: { type: "rect", opacity: 0.85, stroke: "#ffffff", strokeWidth: 1 },
            encoding: {
              x,
              x2: { field: "hi" },
              y: { ...y, field: "count", title: "count" },
              y2: { datum: 0 },
              color: { field: "chain", type: "nominal", scale: { domain: chainNames, range: chainNames.map((_, c) => CHAIN_COLORS[c % CHAIN_COLORS.length]) }, legend: null },
            },
          },
          {
            name: "expected",
            transform: [whole],
            mark: { type: "rule", color: THEME.text, strokeDash: [4, 3], strokeWidth: 0.8 },
            encoding: { x: { ...x, datum: xDomain[0], field: undefined }, x2: { datum: xDomain[1] }, y: { ...y, field: "expected", title: "count" } },
          },
        ],
      },
    },
  );
}

/** The rank plot as standalone SVG text. */
export async function rankPlot(draws: Draws, variable: string, options: RankPlotOptions = {}): Promise<string> {
  return renderSvg(rankSpec(draws, variable, options));
}

function allEqual(chains: readonly Float64Array[]): boolean {
  let first = NaN;
  for (const c of chains) {
    for (let i = 0; i < c.length; i++) {
      if (!Number.isFinite(c[i])) continue;
      if (Number.isNaN(first)) first = c[i];
      else if (c[i] !== first) return false;
    }
  }
  return true;
}
