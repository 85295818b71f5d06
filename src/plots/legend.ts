/** A one-line legend of coloured keys, right-aligned in the title row. */
import { el, type Markup } from "./markup.js";
import { THEME, textWidth } from "./theme.js";

export interface LegendKey {
  readonly label: string;
  readonly color: string;
  /** "line" for series, "box" for bars or bands, "dot" for points. */
  readonly shape: "line" | "box" | "dot";
  readonly strokeWidth?: number;
}

export function legend(keys: readonly LegendKey[], right: number, y: number): Markup {
  const widths = keys.map((k) => 22 + textWidth(k.label, THEME.tickSize) + 12);
  let x = right - widths.reduce((a, b) => a + b, 0);
  const items = keys.map((k, i) => {
    const x0 = x;
    x += widths[i];
    const mark =
      k.shape === "line"
        ? el("line", { x1: x0, x2: x0 + 16, y1: y - 4, y2: y - 4, stroke: k.color, "stroke-width": k.strokeWidth ?? 2 })
        : k.shape === "box"
          ? el("rect", { x: x0 + 2, y: y - 9, width: 12, height: 10, fill: k.color })
          : el("circle", { cx: x0 + 8, cy: y - 4, r: 4, fill: k.color });
    return el("g", { class: "key" }, mark, el("text", { x: x0 + 20, y, fill: THEME.muted }, k.label));
  });
  return el("g", { class: "legend" }, items);
}
