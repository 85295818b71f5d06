/**
 * Shrinkage ("borrowing strength") plot: each group's no-pooling estimate on the top row, its
 * partial-pooling estimate on the bottom row, and an arrow from one to the other. Point area grows
 * with the group's size n, so one sees small groups travel far toward the population mean (dashed)
 * while large groups barely move — the picture in Gelman & Hill (2007, ch. 12) and rstanarm's
 * "pool binomial" vignette.
 */
import { argError } from "../errors.js";
import { xAxis } from "./axis.js";
import { requirePositive } from "./checks.js";
import { makeFrame, svgDocument } from "./frame.js";
import { el } from "./markup.js";
import { finiteExtent, linearScale } from "./scales.js";
import { THEME } from "./theme.js";

export interface ShrinkageGroup {
  readonly label: string;
  /** Number of observations in the group (sets the point size). */
  readonly n: number;
  /** The group's own estimate (e.g. its sample mean); NaN when it has no data. */
  readonly noPooling: number;
  readonly partialPooling: number;
  readonly noPoolingInterval?: readonly [number, number];
  readonly partialPoolingInterval?: readonly [number, number];
}

export interface ShrinkagePlotOptions {
  readonly populationMean?: number;
  readonly xLabel?: string;
  readonly title?: string;
  readonly width?: number;
  /** Vertical distance between the two rows. */
  readonly rowGap?: number;
}

export const DEFAULT_SHRINKAGE = Object.freeze({ width: 640, rowGap: 150, minRadius: 2, maxRadius: 7 });

export function shrinkagePlot(groups: readonly ShrinkageGroup[], options: ShrinkagePlotOptions = {}): string {
  const width = options.width ?? DEFAULT_SHRINKAGE.width;
  const gap = options.rowGap ?? DEFAULT_SHRINKAGE.rowGap;
  requirePositive("shrinkagePlot", "width", width);
  requirePositive("shrinkagePlot", "rowGap", gap);
  groups.forEach((g, i) => {
    if (!(g.n >= 0)) throw argError("shrinkagePlot", `groups[${i}].n must be a non-negative number`, g.n);
  });
  const pop = options.populationMean;

  const drawn = groups.filter((g) => Number.isFinite(g.partialPooling));
  const arrows = drawn.filter((g) => Number.isFinite(g.noPooling));
  const notes: string[] = [];
  if (groups.length === 0) notes.push("No groups to show.");
  const noPartial = groups.length - drawn.length;
  if (noPartial > 0) notes.push(`${noPartial} group${noPartial === 1 ? "" : "s"} without a finite partial-pooling estimate left out.`);
  const noOwn = drawn.length - arrows.length;
  if (noOwn > 0) notes.push(`${noOwn} group${noOwn === 1 ? "" : "s"} without data of their own: partial-pooling estimate only.`);
  const nExt = finiteExtent([drawn.map((g) => g.n)]);
  if (nExt && nExt[0] !== nExt[1]) notes.push(`Point area proportional to group size n (${nExt[0]} to ${nExt[1]}).`);

  const margin = { top: 58, right: 20, bottom: 66, left: 112 };
  const frame = makeFrame(width, margin.top + margin.bottom + gap, margin, notes.length);
  const yTop = 0;
  const yBottom = gap;
  const values: number[][] = [drawn.map((g) => g.partialPooling), arrows.map((g) => g.noPooling)];
  for (const g of drawn) {
    if (g.noPoolingInterval && Number.isFinite(g.noPooling)) values.push([...g.noPoolingInterval]);
    if (g.partialPoolingInterval) values.push([...g.partialPoolingInterval]);
  }
  if (pop !== undefined && Number.isFinite(pop)) values.push([pop]);
  const x = linearScale(finiteExtent(values), [0, frame.innerWidth]);

  const radius = (n: number) => {
    if (!nExt || nExt[0] === nExt[1]) return 4;
    const { minRadius: r0, maxRadius: r1 } = DEFAULT_SHRINKAGE;
    // Area ∝ n: radius ∝ √n, mapped so the smallest group is still visible.
    const t = (Math.sqrt(n) - Math.sqrt(nExt[0])) / (Math.sqrt(nExt[1]) - Math.sqrt(nExt[0]));
    return r0 + t * (r1 - r0);
  };
  // Many groups: fainter marks, so overlaps read as density instead of a solid smear.
  const alpha = drawn.length > 200 ? 0.35 : drawn.length > 50 ? 0.55 : 0.85;

  const intervals = drawn.flatMap((g) => [
    g.noPoolingInterval && Number.isFinite(g.noPooling) ? interval(x, g.noPoolingInterval, yTop, "np-interval", THEME.text, alpha) : null,
    g.partialPoolingInterval ? interval(x, g.partialPoolingInterval, yBottom, "pp-interval", THEME.accent, alpha) : null,
  ]);
  const marks = drawn.map((g) => {
    const r = radius(g.n);
    const hasOwn = Number.isFinite(g.noPooling);
    const x0 = x(g.noPooling);
    const x1 = x(g.partialPooling);
    const tip = `${g.label} (n = ${g.n}): ${hasOwn ? `no pooling ${fmt(g.noPooling)} → ` : ""}partial pooling ${fmt(g.partialPooling)}`;
    return el(
      "g",
      { class: "group" },
      el("title", null, tip),
      hasOwn ? el("path", { class: "arrow", d: arrowPath(x0, yTop + r, x1, yBottom - r - 1), fill: "none", stroke: THEME.muted, "stroke-width": 0.9, "stroke-opacity": alpha }) : null,
      hasOwn ? el("circle", { class: "np", cx: x0, cy: yTop, r, fill: "#ffffff", stroke: THEME.text, "stroke-width": 1, "stroke-opacity": alpha }) : null,
      el("circle", { class: "pp", cx: x1, cy: yBottom, r, fill: THEME.accent, "fill-opacity": alpha }),
    );
  });

  const rowLabel = (y: number, text: string) => el("text", { x: -12, y, dy: "0.32em", "text-anchor": "end", "font-size": THEME.labelSize }, text);
  const body = [
    xAxis(x, yBottom + 16, { label: options.xLabel }),
    el("line", { x1: 0, x2: frame.innerWidth, y1: yTop, y2: yTop, stroke: THEME.grid }),
    el("line", { x1: 0, x2: frame.innerWidth, y1: yBottom, y2: yBottom, stroke: THEME.grid }),
    pop !== undefined && Number.isFinite(pop)
      ? el(
          "g",
          { class: "population" },
          el("line", { x1: x(pop), x2: x(pop), y1: yTop - 14, y2: yBottom + 14, stroke: THEME.warn, "stroke-dasharray": "5 3", "stroke-width": 1.2 }),
          el("text", { x: x(pop), y: yTop - 18, "text-anchor": "middle", fill: THEME.warn }, "population mean"),
        )
      : null,
    rowLabel(yTop, "no pooling"),
    rowLabel(yBottom, "partial pooling"),
    el("g", { class: "intervals" }, intervals),
    el("g", { class: "marks" }, marks),
  ];
  const title = options.title ?? "Shrinkage: no pooling → partial pooling";
  return svgDocument(frame, { title, kind: "shrinkage", notes, description: `${drawn.length} group${drawn.length === 1 ? "" : "s"}.` }, body);
}

// Intervals are faint and sit just below their row, so overlapping ones read as a band, not a bar.
function interval(x: (v: number) => number, [lo, hi]: readonly [number, number], y: number, cls: string, stroke: string, alpha: number) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  return el("line", { class: cls, x1: x(lo), x2: x(hi), y1: y, y2: y, stroke, "stroke-opacity": alpha * 0.25, "stroke-width": 1.5 });
}

/** A shaft and an open head at (x1, y1), as one path (no <marker>, so no ids to clash in a page). */
export function arrowPath(x0: number, y0: number, x1: number, y1: number): string {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(6, len * 0.4);
  const bx = x1 - ux * head;
  const by = y1 - uy * head;
  const w = head * 0.5;
  const p = (a: number, b: number) => `${Math.round(a * 100) / 100},${Math.round(b * 100) / 100}`;
  return `M${p(x0, y0)}L${p(x1, y1)}M${p(bx - uy * w, by + ux * w)}L${p(x1, y1)}L${p(bx + uy * w, by - ux * w)}`;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}
