/**
 * Forest (interval) plot: per parameter a point with its 50 % interval (thick) and 90 % interval
 * (thin), names on the left. Built for group-level effects such as `r_county[AITKIN,Intercept]`:
 * optional sorting by the point estimate and row height that shrinks as rows multiply.
 */
import { variableOf, type Draws } from "../posterior/draws.js";
import { argError } from "../errors.js";
import { xAxis } from "./axis.js";
import { requirePositive } from "./checks.js";
import { makeFrame, svgDocument } from "./frame.js";
import { el } from "./markup.js";
import { meanOf, quantileSorted, sortedFinite } from "./quantile.js";
import { finiteExtent, linearScale } from "./scales.js";
import { THEME, textWidth } from "./theme.js";

/** A summary row (structurally the summary table's row) with optional 25 %/75 % quantiles. */
export interface ForestRow {
  readonly name: string;
  readonly mean: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
  readonly q25?: number;
  readonly q75?: number;
}

export type ForestPoint = "mean" | "median";
export type ForestSort = "none" | "ascending" | "descending";

export interface ForestPlotOptions {
  readonly point?: ForestPoint;
  readonly sort?: ForestSort;
  /** A vertical reference line, e.g. 0 for effects. */
  readonly reference?: number;
  readonly title?: string;
  readonly xLabel?: string;
  readonly width?: number;
  /** Drawn label of a row; the full name stays in the row's tooltip. */
  readonly label?: (name: string) => string;
}

export const DEFAULT_FOREST = Object.freeze({
  width: 640,
  point: "median" as ForestPoint,
  sort: "none" as ForestSort,
  /** Row height while rows fit comfortably; beyond `comfortableRows` the plot keeps ~720 px of rows. */
  rowHeight: 18,
  comfortableRows: 40,
  minRowHeight: 2,
  maxLabelWidth: 220,
});

const POINTS: readonly ForestPoint[] = ["mean", "median"];
const SORTS: readonly ForestSort[] = ["none", "ascending", "descending"];

export function forestPlot(rows: readonly ForestRow[], options: ForestPlotOptions = {}): string {
  const point = options.point ?? DEFAULT_FOREST.point;
  const sort = options.sort ?? DEFAULT_FOREST.sort;
  if (!POINTS.includes(point)) throw argError("forestPlot", `point must be one of ${POINTS.join(", ")}`, point);
  if (!SORTS.includes(sort)) throw argError("forestPlot", `sort must be one of ${SORTS.join(", ")}`, sort);
  const width = options.width ?? DEFAULT_FOREST.width;
  requirePositive("forestPlot", "width", width);
  const label = options.label ?? ((s: string) => s);

  const pointOf = (r: ForestRow) => (point === "mean" ? r.mean : r.q50);
  const usable = rows.filter((r) => Number.isFinite(pointOf(r)) && Number.isFinite(r.q5) && Number.isFinite(r.q95));
  if (sort !== "none") {
    const sign = sort === "ascending" ? 1 : -1;
    // Stable: equal estimates keep their input order.
    usable.sort((a, b) => sign * (pointOf(a) - pointOf(b)));
  }
  const notes: string[] = [];
  const dropped = rows.length - usable.length;
  if (rows.length === 0) notes.push("No parameters to show.");
  if (dropped > 0) notes.push(`${dropped} parameter${dropped === 1 ? "" : "s"} with non-finite summaries left out.`);
  const has50 = usable.some((r) => r.q25 !== undefined && r.q75 !== undefined);
  notes.push(
    `Point: posterior ${point}; ${has50 ? "thick line: 50 % interval; " : ""}thin line: 90 % interval.` +
      (options.reference !== undefined ? ` Dashed line at ${options.reference}.` : ""),
  );

  const n = usable.length;
  const rowH =
    n <= DEFAULT_FOREST.comfortableRows
      ? DEFAULT_FOREST.rowHeight
      : Math.max(DEFAULT_FOREST.minRowHeight, (DEFAULT_FOREST.rowHeight * DEFAULT_FOREST.comfortableRows) / n);
  // Label every k-th row when rows get thinner than the text.
  const labelEvery = Math.max(1, Math.ceil(11 / rowH));
  const labels = usable.map((r) => truncate(label(r.name), DEFAULT_FOREST.maxLabelWidth));
  const labelW = Math.min(DEFAULT_FOREST.maxLabelWidth, Math.max(30, ...labels.map((s) => textWidth(s, THEME.tickSize))));
  const margin = { top: 30, right: 16, bottom: 44, left: labelW + 14 };
  const plotH = Math.max(rowH, n * rowH);
  const frame = makeFrame(width, margin.top + margin.bottom + plotH, margin, notes.length);

  const ext = finiteExtent([usable.map((r) => r.q5), usable.map((r) => r.q95), options.reference !== undefined ? [options.reference] : []]);
  const x = linearScale(ext, [0, frame.innerWidth]);
  const yMid = (i: number) => (i + 0.5) * rowH;
  const r = Math.max(0.8, Math.min(3.5, rowH * 0.3));

  const marks = usable.map((row, i) => {
    const y = yMid(i);
    return el(
      "g",
      { class: "row" },
      el("title", null, `${row.name}: ${point} ${fmt(pointOf(row))}, 90 % [${fmt(row.q5)}, ${fmt(row.q95)}]`),
      el("line", { class: "i90", x1: x(row.q5), x2: x(row.q95), y1: y, y2: y, stroke: THEME.accent, "stroke-width": Math.min(1.2, rowH * 0.3) }),
      row.q25 !== undefined && row.q75 !== undefined && Number.isFinite(row.q25) && Number.isFinite(row.q75)
        ? el("line", { class: "i50", x1: x(row.q25), x2: x(row.q75), y1: y, y2: y, stroke: THEME.accent, "stroke-width": Math.min(3.5, rowH * 0.6) })
        : null,
      el("circle", { class: "pt", cx: x(pointOf(row)), cy: y, r, fill: "#ffffff", stroke: THEME.accent, "stroke-width": Math.min(1.5, rowH * 0.3) }),
    );
  });
  const names = labels.map((s, i) =>
    i % labelEvery === 0
      ? el("text", { x: -8, y: yMid(i), dy: "0.32em", "text-anchor": "end", fill: THEME.text, "font-size": rowH < 12 ? 10 : THEME.tickSize }, s)
      : null,
  );
  const body = [
    xAxis(x, plotH, { label: options.xLabel }),
    options.reference !== undefined
      ? el("line", { class: "reference", x1: x(options.reference), x2: x(options.reference), y1: 0, y2: plotH, stroke: THEME.muted, "stroke-dasharray": "4 3" })
      : null,
    el("g", { class: "labels" }, names),
    el("g", { class: "marks" }, marks),
  ];
  const title = options.title ?? "Posterior intervals";
  return svgDocument(frame, { title, kind: "forest", notes, description: `${n} parameter${n === 1 ? "" : "s"}.` }, body);
}

/** Forest rows (mean, 5/25/50/75/95 % quantiles) straight from the draws of the named variables. */
export function forestRowsFromDraws(draws: Draws, names: readonly string[]): ForestRow[] {
  return names.map((name) => {
    const v = draws.names.indexOf(name);
    if (v < 0) throw argError("forestRowsFromDraws", "names must name columns of the draws", JSON.stringify(name));
    const s = sortedFinite(variableOf(draws, v));
    return {
      name,
      mean: meanOf(s),
      q5: quantileSorted(s, 0.05),
      q25: quantileSorted(s, 0.25),
      q50: quantileSorted(s, 0.5),
      q75: quantileSorted(s, 0.75),
      q95: quantileSorted(s, 0.95),
    };
  });
}

function truncate(s: string, maxWidth: number): string {
  if (textWidth(s, THEME.tickSize) <= maxWidth) return s;
  const keep = Math.max(1, Math.floor(maxWidth / (THEME.tickSize * 0.56)) - 1);
  return s.slice(0, keep) + "…";
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}
