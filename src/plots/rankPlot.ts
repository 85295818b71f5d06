/**
 * Rank plot: for each chain a histogram of its draws' ranks among all chains' draws. Flat
 * histograms mean the chains explore the same distribution; a chain stuck high or low shows as a
 * tilted or U-shaped histogram long before trace plots look wrong.
 */
import { chainOf, type Draws } from "../posterior/draws.js";
import { xAxis, yAxis } from "./axis.js";
import { requirePositive, requireVariable } from "./checks.js";
import { makeFrame, svgDocument } from "./frame.js";
import { el } from "./markup.js";
import { pooledRanks, rankBinCount, rankHistogram } from "./ranks.js";
import { linearScale } from "./scales.js";
import { THEME, chainColor } from "./theme.js";

export interface RankPlotOptions {
  readonly width?: number;
  /** Height of one row of panels. */
  readonly panelHeight?: number;
  readonly bins?: number;
  readonly title?: string;
}

export const DEFAULT_RANK = Object.freeze({ width: 640, panelHeight: 110, panelsPerRow: 4 });

// 99 % of the mass of a normal approximation to Binomial(n, 1/bins): the band a uniform chain's bars
// stay within almost always.
const Z99 = 2.5758293035489;

export function rankPlot(draws: Draws, variable: string, options: RankPlotOptions = {}): string {
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
  else if (skipped > 0) notes.push(`${skipped} non-finite draw${skipped === 1 ? "" : "s"} left out of the ranking.`);
  if (total > 0 && allEqual(chains)) notes.push("All draws are equal: every rank is tied.");
  notes.push(`Dashed line: the count expected under uniform ranks; band: its 99 % range.`);

  const perRow = Math.max(1, Math.min(DEFAULT_RANK.panelsPerRow, draws.chains));
  const rows = Math.max(1, Math.ceil(draws.chains / perRow));
  const margin = { top: 50, right: 12, bottom: 50, left: 44 };
  const gapX = 14;
  const gapY = 34;
  const frame = makeFrame(width, margin.top + margin.bottom + rows * panelHeight + (rows - 1) * gapY, margin, notes.length);
  const panelW = (frame.innerWidth - (perRow - 1) * gapX) / perRow;

  let maxCount = 0;
  for (const c of counts) for (let b = 0; b < c.length; b++) maxCount = Math.max(maxCount, c[b]);
  const nPer = draws.draws;
  const expected = nPer / bins;
  const halfBand = Z99 * Math.sqrt(nPer * (1 / bins) * (1 - 1 / bins));
  const y = linearScale([0, Math.max(maxCount, expected + halfBand, 1)], [panelHeight, 0]);
  const x = linearScale([0, Math.max(total, 1)], [0, panelW], false);

  const panels = counts.map((cnt, c) => {
    const col = c % perRow;
    const row = Math.floor(c / perRow);
    const bars = Array.from(cnt, (k, b) => {
      const x0 = x((b * total) / bins);
      const x1 = x(((b + 1) * total) / bins);
      return el("rect", {
        class: "bar",
        x: x0 + 0.5,
        y: y(k),
        width: Math.max(0.5, x1 - x0 - 1),
        height: Math.max(0, panelHeight - y(k)),
        fill: chainColor(c),
        "fill-opacity": 0.85,
      });
    });
    const chainExpected = finitePerChain[c] / bins;
    return el(
      "g",
      { class: "panel", "data-chain": c + 1, transform: `translate(${col * (panelW + gapX)},${row * (panelHeight + gapY)})` },
      el("rect", {
        class: "band",
        x: 0,
        width: panelW,
        y: y(chainExpected + halfBand),
        height: Math.max(0, y(Math.max(0, chainExpected - halfBand)) - y(chainExpected + halfBand)),
        fill: "#f0f0f0",
      }),
      bars,
      el("line", { x1: 0, x2: panelW, y1: y(chainExpected), y2: y(chainExpected), stroke: THEME.text, "stroke-dasharray": "4 3", "stroke-width": 0.8 }),
      xAxis(x, panelHeight, { ticks: 2, grid: false, format: total >= 1000 ? "~s" : "d", label: row === rows - 1 ? "rank" : undefined }),
      col === 0 ? yAxis(y, panelW, { ticks: 3, grid: false, format: "d" }) : null,
      el("text", { x: 0, y: -6, fill: THEME.muted }, `chain ${c + 1}`),
    );
  });

  const title = options.title ?? `Rank plot of ${variable}`;
  return svgDocument(
    frame,
    { title, kind: "rank", notes, description: `Rank histograms with ${bins} bins for ${draws.chains} chain${draws.chains === 1 ? "" : "s"}.` },
    panels,
  );
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
