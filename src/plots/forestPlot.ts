/**
 * Forest (interval) plot: per parameter a point with its 50 % interval (thick) and 90 % interval
 * (thin), names on the left. Built for group-level effects such as `r_county[AITKIN,Intercept]`:
 * optional sorting by the point estimate and row height that shrinks as rows multiply.
 */
import type { TopLevelSpec } from "vega-lite";
import { variableOf, type Draws } from "../posterior/draws.js";
import { argError } from "../errors.js";
import { requireOneOf, requirePositive } from "./checks.js";
import { meanOf, quantileSorted, sortedFinite } from "./quantile.js";
import { renderSvg } from "./render.js";
import { finiteExtent, niceDomain } from "./scales.js";
import { plotSpec } from "./spec.js";
import { fmt, plainText, plural, round6 } from "./text.js";
import { THEME } from "./theme.js";

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
  /** Total width in pixels. */
  readonly width?: number;
  /** Drawn label of a row; the full name stays in the row's accessible description. */
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
  /**
   * Longer labels are cut with "…" (Vega's labelLimit, in pixels). Without a canvas, vega estimates
   * text at 0.8 em per character, about 1.45 × real system-ui widths, so this is ~220 px on screen.
   */
  maxLabelWidth: 320,
});

const POINTS: readonly ForestPoint[] = ["mean", "median"];
const SORTS: readonly ForestSort[] = ["none", "ascending", "descending"];

/** One row of a forest spec, in drawing order (top first). */
export interface ForestDatum {
  /**
   * The row's drawn label and its y position. Labels that repeat get zero-width spaces appended, so
   * equal labels still get their own rows and look the same.
   */
  readonly key: string;
  /** Drawing order, top first. */
  readonly order: number;
  readonly point: number;
  readonly q5: number;
  readonly q95: number;
  readonly q25: number | null;
  readonly q75: number | null;
  readonly tip: string;
}

export function forestSpec(rows: readonly ForestRow[], options: ForestPlotOptions = {}): TopLevelSpec {
  const point = options.point ?? DEFAULT_FOREST.point;
  const sort = options.sort ?? DEFAULT_FOREST.sort;
  requireOneOf("forestPlot", "point", POINTS, point);
  requireOneOf("forestPlot", "sort", SORTS, sort);
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
  if (dropped > 0) notes.push(`${plural(dropped, "parameter")} with non-finite summaries left out.`);
  const has50 = usable.some((r) => r.q25 !== undefined && r.q75 !== undefined);
  notes.push(
    `Point: posterior ${point}; ${has50 ? "thick line: 50 % interval; " : ""}thin line: 90 % interval.` +
      (options.reference !== undefined ? ` Dashed line at ${fmt(options.reference)}.` : ""),
  );

  const n = usable.length;
  const rowH =
    n <= DEFAULT_FOREST.comfortableRows
      ? DEFAULT_FOREST.rowHeight
      : Math.max(DEFAULT_FOREST.minRowHeight, (DEFAULT_FOREST.rowHeight * DEFAULT_FOREST.comfortableRows) / n);
  // Label every k-th row when rows get thinner than the text.
  const labelEvery = Math.max(1, Math.ceil(11 / rowH));
  const seen = new Map<string, number>();
  const data: ForestDatum[] = usable.map((r, order) => {
    const text = plainText(label(r.name));
    const dup = seen.get(text) ?? 0;
    seen.set(text, dup + 1);
    const ok50 = r.q25 !== undefined && r.q75 !== undefined && Number.isFinite(r.q25) && Number.isFinite(r.q75);
    return {
      key: text + "\u200B".repeat(dup),
      order,
      point: round6(pointOf(r)),
      q5: round6(r.q5),
      q95: round6(r.q95),
      q25: ok50 ? round6(r.q25!) : null,
      q75: ok50 ? round6(r.q75!) : null,
      tip: plainText(`${r.name}: ${point} ${fmt(pointOf(r))}, 90 % [${fmt(r.q5)}, ${fmt(r.q95)}]`),
    };
  });
  const keys = data.map((d) => d.key);
  const shown = keys.filter((_, i) => i % labelEvery === 0);
  const labelSize = rowH < 12 ? 10 : THEME.tickSize;
  const ref = options.reference;
  const ext = finiteExtent([data.map((d) => d.q5), data.map((d) => d.q95), ref !== undefined ? [ref] : []]);
  const x = { type: "quantitative", title: options.xLabel !== undefined ? plainText(options.xLabel) : null, scale: { domain: niceDomain(ext), nice: false, zero: false } };
  const y = {
    field: "key",
    type: "nominal",
    title: null,
    // Sorting by a numeric field, not by a list of keys: Vega-Lite writes a key list into an
    // expression, which overflows the stack of vega's parser past a few hundred rows.
    sort: { field: "order", op: "min" },
    scale: { paddingInner: 0, paddingOuter: 0 },
    axis: {
      values: shown,
      labelLimit: DEFAULT_FOREST.maxLabelWidth,
      labelColor: THEME.text,
      labelFontSize: labelSize,
      ticks: false,
      domain: false,
      grid: false,
    },
  };
  const thin = Math.min(1.2, rowH * 0.3);

  return plotSpec(
    { kind: "forest", title: options.title ?? "Posterior intervals", description: `${plural(n, "parameter")}.`, notes },
    {
      // Vega-Lite cannot fit the width of a plot whose height is set per row, so the label column is
      // sized here with vega's own text estimate (0.8 em per character).
      width: Math.max(60, width - 24 - Math.min(DEFAULT_FOREST.maxLabelWidth, data.reduce((w, d) => Math.max(w, d.key.length * 0.8 * labelSize), 30))),
      height: { step: rowH },
      data: { values: data },
      layer: [
        ...(ref !== undefined
          ? [{ name: "reference", data: { values: [{ ref }] }, mark: { type: "rule", color: THEME.muted, strokeDash: [4, 3] }, encoding: { x: { ...x, field: "ref" } } }]
          : []),
        { name: "i90", mark: { type: "rule", color: THEME.accent, strokeWidth: thin }, encoding: { x: { ...x, field: "q5" }, x2: { field: "q95" }, y } },
        {
          name: "i50",
          transform: [{ filter: "isValid(datum.q25) && isValid(datum.q75)" }],
          mark: { type: "rule", color: THEME.accent, strokeWidth: Math.min(3.5, rowH * 0.6) },
          encoding: { x: { ...x, field: "q25" }, x2: { field: "q75" }, y },
        },
        {
          name: "pt",
          mark: { type: "point", filled: true, fill: "#ffffff", stroke: THEME.accent, strokeWidth: thin, opacity: 1, size: Math.PI * Math.max(0.8, Math.min(3.5, rowH * 0.3)) ** 2, aria: true },
          encoding: { x: { ...x, field: "point" }, y, description: { field: "tip" } },
        },
      ],
    },
  );
}

/** The forest plot as standalone SVG text. */
export async function forestPlot(rows: readonly ForestRow[], options: ForestPlotOptions = {}): Promise<string> {
  return renderSvg(forestSpec(rows, options));
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
