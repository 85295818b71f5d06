/**
 * Look of every plot. Chain colours are Okabe & Ito's colour-blind-safe palette (yellow left out:
 * it vanishes on white), in an order where neighbours differ in lightness too, so chains 1–4 stay
 * distinguishable in greyscale print.
 */
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
  warn: "#D55E00",
  titleSize: 14,
  labelSize: 12,
  tickSize: 11,
});

/** Rough advance width of system-ui text: enough to size margins for labels without a DOM. */
export function textWidth(s: string, fontSize: number): number {
  return s.length * fontSize * 0.56;
}
