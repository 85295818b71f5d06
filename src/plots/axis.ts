/** Axes as thin tick labels over a light grid: no boxes, no heavy lines (the data carry the ink). */
import type { ScaleLinear } from "d3-scale";
import { format as d3format } from "d3-format";
import { el, fragment, type Markup } from "./markup.js";
import { THEME } from "./theme.js";

export interface AxisOptions {
  readonly label?: string;
  readonly ticks?: number;
  readonly grid?: boolean;
  /**
   * A d3-format specifier for the tick labels; by default d3 picks the precision from the tick step.
   * "~s" (SI prefix, trailing zeros trimmed) is applied as is, so 0 reads "0" and 4000 reads "4k".
   */
  readonly format?: string;
}

type Scale = ScaleLinear<number, number>;

function tickLabels(scale: Scale, count: number, format: string | undefined): [number[], (v: number) => string] {
  const ticks = scale.ticks(count);
  return [ticks, format === "~s" ? d3format("~s") : scale.tickFormat(count, format)];
}

/** x axis along the bottom of the plotting area (`height` = the area's height). */
export function xAxis(scale: Scale, height: number, opts: AxisOptions = {}): Markup {
  const [ticks, fmt] = tickLabels(scale, opts.ticks ?? 6, opts.format);
  const [r0, r1] = scale.range();
  return el(
    "g",
    { class: "axis x" },
    opts.grid === false
      ? null
      : ticks.map((t) => el("line", { x1: scale(t), x2: scale(t), y1: 0, y2: height, stroke: THEME.grid })),
    el("line", { x1: Math.min(r0, r1), x2: Math.max(r0, r1), y1: height, y2: height, stroke: THEME.axis }),
    ticks.map((t) =>
      fragment(
        el("line", { x1: scale(t), x2: scale(t), y1: height, y2: height + 4, stroke: THEME.axis }),
        el("text", { x: scale(t), y: height + 16, "text-anchor": "middle", fill: THEME.muted }, fmt(t)),
      ),
    ),
    opts.label
      ? el(
          "text",
          { x: (r0 + r1) / 2, y: height + 34, "text-anchor": "middle", "font-size": THEME.labelSize },
          opts.label,
        )
      : null,
  );
}

/** y axis along the left edge of the plotting area (`width` = the area's width, for grid lines). */
export function yAxis(scale: Scale, width: number, opts: AxisOptions = {}): Markup {
  const [ticks, fmt] = tickLabels(scale, opts.ticks ?? 5, opts.format);
  const [r0, r1] = scale.range();
  return el(
    "g",
    { class: "axis y" },
    opts.grid === false
      ? null
      : ticks.map((t) => el("line", { x1: 0, x2: width, y1: scale(t), y2: scale(t), stroke: THEME.grid })),
    ticks.map((t) =>
      el("text", { x: -6, y: scale(t), dy: "0.32em", "text-anchor": "end", fill: THEME.muted }, fmt(t)),
    ),
    opts.label
      ? el(
          "text",
          {
            transform: `translate(${-frameLabelOffset(scale, fmt, ticks)},${(r0 + r1) / 2}) rotate(-90)`,
            "text-anchor": "middle",
            "font-size": THEME.labelSize,
          },
          opts.label,
        )
      : null,
  );
}

// The y label sits just left of the widest tick label.
function frameLabelOffset(_scale: Scale, fmt: (v: number) => string, ticks: number[]): number {
  let w = 0;
  for (const t of ticks) w = Math.max(w, fmt(t).length * THEME.tickSize * 0.56);
  return w + 16;
}

/** Width the left margin needs for a y axis with these ticks and a label. */
export function yAxisWidth(scale: Scale, opts: AxisOptions = {}): number {
  const [ticks, fmt] = tickLabels(scale, opts.ticks ?? 5, opts.format);
  return frameLabelOffset(scale, fmt, ticks) + (opts.label ? 10 : 0);
}
