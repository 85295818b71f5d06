/**
 * Look of every plot: the palette and one Vega-Lite `config` all spec builders share, so a user
 * restyles every plot at once by replacing `config` in a spec (see README, "Plots").
 * Chain colours are Okabe & Ito's colour-blind-safe palette (yellow left out: it vanishes on white),
 * in an order where neighbours differ in lightness too, so chains 1–4 stay distinguishable in
 * greyscale print.
 */
import type { Config } from "vega-lite";

export const CHAIN_COLORS: readonly string[] = Object.freeze([
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#D55E00", // vermillion
  "#000000", // black
]);

export function chainColor(chain: number): string {
  return CHAIN_COLORS[chain % CHAIN_COLORS.length];
}

export interface Theme {
  readonly font: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly axis: string;
  readonly accent: string;
  readonly accentLight: string;
  readonly accentDark: string;
  readonly band: string;
  readonly warn: string;
  readonly titleSize: number;
  readonly labelSize: number;
  readonly tickSize: number;
}

export const THEME: Theme = Object.freeze({
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  text: "#1a1a1a",
  muted: "#666666",
  grid: "#e8e8e8",
  axis: "#9a9a9a",
  accent: "#0072B2",
  accentLight: "#9ecae1",
  accentDark: "#08306b",
  band: "#eeeeee",
  warn: "#D55E00",
  titleSize: 14,
  labelSize: 12,
  tickSize: 11,
});

/** The Vega-Lite config of every plot: light grid, no frame, muted tick labels, left-aligned title. */
export function plotConfig(): Config {
  return {
    font: THEME.font,
    background: "#ffffff",
    view: { stroke: null },
    // Per-item ARIA labels would repeat every data value in the SVG; marks that carry a tooltip-like
    // description (forest rows, shrinkage groups) switch it back on.
    mark: { aria: false },
    axis: {
      gridColor: THEME.grid,
      domainColor: THEME.axis,
      tickColor: THEME.axis,
      labelColor: THEME.muted,
      labelFontSize: THEME.tickSize,
      titleFontSize: THEME.labelSize,
      titleFontWeight: "normal",
      titleColor: THEME.text,
      labelFlush: false,
    },
    legend: { labelFontSize: THEME.tickSize, labelColor: THEME.muted, labelLimit: 320, titleFontSize: THEME.tickSize, orient: "top", direction: "horizontal", title: null },
    title: {
      anchor: "start",
      fontSize: THEME.titleSize,
      fontWeight: 600,
      color: THEME.text,
      subtitleColor: THEME.muted,
      subtitleFontSize: THEME.tickSize,
      subtitlePadding: 4,
      offset: 10,
    },
    header: { labelFontSize: THEME.tickSize, labelColor: THEME.muted, title: null, labelAnchor: "start", labelPadding: 4 },
  };
}
