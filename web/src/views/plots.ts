/**
 * The page's own small SVG plots (forest, shrinkage, PPC), built as DOM nodes so labels are text
 * nodes. Sizes are in viewBox units; CSS scales the SVG to the column width.
 */
import { s } from "../dom.js";
import { fmt } from "../format.js";
import type { Pooling } from "../examples.js";
import { extent, linear, padded, type Linear } from "./scale.js";

const W = 640;

function xAxis(x: Linear, y: number, label: string): SVGElement {
  return s(
    "g",
    { class: "axis" },
    s("line", { x1: x(x.ticks[0]), x2: x(x.ticks[x.ticks.length - 1]), y1: y, y2: y }),
    x.ticks.map((t) => s("g", null, s("line", { x1: x(t), x2: x(t), y1: y, y2: y + 4 }), s("text", { x: x(t), y: y + 16, "text-anchor": "middle" }, fmt(t)))),
    s("text", { class: "axis-label", x: (x(x.ticks[0]) + x(x.ticks[x.ticks.length - 1])) / 2, y: y + 32, "text-anchor": "middle" }, label),
  );
}

export interface Interval {
  readonly label: string;
  readonly lo: number;
  readonly mid: number;
  readonly hi: number;
}

/** Forest plot: one row per group, 90% interval and posterior mean. */
export function forestPlot(rows: readonly Interval[], axisLabel: string, reference: number | null): SVGElement {
  const rowH = rows.length > 30 ? 11 : 20;
  const top = 10;
  const left = 110;
  const height = top + rows.length * rowH + 44;
  const x = linear(padded(extent(rows.flatMap((r) => [r.lo, r.hi]))), [left, W - 20]);
  const y = (i: number) => top + (i + 0.5) * rowH;
  return s(
    "svg",
    { viewBox: `0 0 ${W} ${height}`, class: "plot forest", role: "img" },
    x.ticks.map((t) => s("line", { class: "grid", x1: x(t), x2: x(t), y1: top, y2: top + rows.length * rowH })),
    reference === null ? null : s("line", { class: "reference", x1: x(reference), x2: x(reference), y1: top, y2: top + rows.length * rowH }),
    rows.map((r, i) =>
      s(
        "g",
        { class: "row" },
        s("title", null, `${r.label}: mean ${fmt(r.mid)}, 90% interval ${fmt(r.lo)} to ${fmt(r.hi)}`),
        rowH >= 14 || i % 2 === 0 ? s("text", { class: "label", x: left - 8, y: y(i) + 4, "text-anchor": "end" }, r.label) : null,
        s("line", { class: "interval", x1: x(r.lo), x2: x(r.hi), y1: y(i), y2: y(i) }),
        s("circle", { class: "point", cx: x(r.mid), cy: y(i), r: rowH > 14 ? 4 : 2.5 }),
      ),
    ),
    xAxis(x, top + rows.length * rowH + 4, axisLabel),
  );
}

/**
 * Shrinkage: each group's own estimate (no pooling, left) joined to its partially pooled estimate
 * (right), on one vertical scale, with the complete-pooling estimate as a dashed line. Circle area
 * grows with the data behind the group's own estimate.
 */
export function shrinkagePlot(p: Pooling): SVGElement {
  const height = 380;
  const top = 24;
  const bottom = height - 30;
  const xl = 170;
  const xr = 470;
  const y = linear(padded(extent([...p.none, ...p.partial, p.complete])), [bottom, top], 6);
  const maxSize = Math.max(...p.size);
  const radius = (n: number) => 2 + 6 * Math.sqrt(n / maxSize);
  const labelled = p.labels.length <= 20;
  return s(
    "svg",
    { viewBox: `0 0 ${W} ${height}`, class: "plot shrinkage", role: "img" },
    y.ticks.map((t) =>
      s("g", { class: "axis" }, s("line", { class: "grid", x1: xl - 30, x2: xr + 30, y1: y(t), y2: y(t) }), s("text", { x: xl - 40, y: y(t) + 4, "text-anchor": "end" }, fmt(t))),
    ),
    s("line", { class: "reference", x1: xl - 30, x2: xr + 30, y1: y(p.complete), y2: y(p.complete) }),
    s("text", { class: "reference-label", x: xr + 36, y: y(p.complete) + 4 }, `complete pooling ${fmt(p.complete)}`),
    s("text", { class: "column-label", x: xl, y: 14, "text-anchor": "middle" }, "no pooling"),
    s("text", { class: "column-label", x: xr, y: 14, "text-anchor": "middle" }, "partial pooling"),
    p.labels.map((label, j) =>
      s(
        "g",
        { class: "group" },
        s("title", null, `${label}: own estimate ${fmt(p.none[j])} (${fmt(p.size[j])} ${p.sizeLabel}) → partially pooled ${fmt(p.partial[j])}`),
        s("line", { class: "link", x1: xl, x2: xr, y1: y(p.none[j]), y2: y(p.partial[j]) }),
        s("circle", { class: "none", cx: xl, cy: y(p.none[j]), r: radius(p.size[j]) }),
        s("circle", { class: "partial", cx: xr, cy: y(p.partial[j]), r: 3 }),
        labelled ? s("text", { class: "label", x: xl - 12 - radius(p.size[j]), y: y(p.none[j]) + 4, "text-anchor": "end" }, label) : null,
      ),
    ),
  );
}

/** PPC for a few observations: replicate intervals (50% and 90%) with the observed value on top. */
export function ppcIntervals(observed: readonly number[], reps: readonly Float64Array[], labels: readonly string[]): SVGElement {
  const q = reps.map((r) => quantiles(r, [0.05, 0.25, 0.5, 0.75, 0.95]));
  const n = observed.length;
  const height = 260;
  const left = 50;
  const top = 14;
  const bottom = height - 44;
  const y = linear(padded(extent([...observed, ...q.flat()])), [bottom, top]);
  const step = (W - left - 20) / n;
  const x = (i: number) => left + (i + 0.5) * step;
  return s(
    "svg",
    { viewBox: `0 0 ${W} ${height}`, class: "plot ppc", role: "img" },
    y.ticks.map((t) => s("g", { class: "axis" }, s("line", { class: "grid", x1: left, x2: W - 20, y1: y(t), y2: y(t) }), s("text", { x: left - 6, y: y(t) + 4, "text-anchor": "end" }, fmt(t)))),
    q.map((qs, i) =>
      s(
        "g",
        null,
        s("title", null, `${labels[i]}: observed ${fmt(observed[i])}, replicates 90% ${fmt(qs[0])} to ${fmt(qs[4])}`),
        s("line", { class: "rep90", x1: x(i), x2: x(i), y1: y(qs[0]), y2: y(qs[4]) }),
        s("line", { class: "rep50", x1: x(i), x2: x(i), y1: y(qs[1]), y2: y(qs[3]) }),
        s("circle", { class: "observed", cx: x(i), cy: y(observed[i]), r: 4 }),
        s("text", { class: "label", x: x(i), y: bottom + 16, "text-anchor": "middle" }, labels[i]),
      ),
    ),
  );
}

/** PPC for many observations: the observed histogram against those of some replicated data sets. */
export function ppcHistograms(observed: readonly number[], replicates: readonly Float64Array[]): SVGElement {
  const height = 260;
  const left = 40;
  const top = 10;
  const bottom = height - 44;
  const [lo, hi] = padded(extent(observed), 0.15);
  const bins = 30;
  const width = (hi - lo) / bins;
  const hist = (v: ArrayLike<number>) => {
    const c = new Float64Array(bins);
    for (let i = 0; i < v.length; i++) {
      const b = Math.floor((v[i] - lo) / width);
      if (b >= 0 && b < bins) c[b] += 1 / (v.length * width);
    }
    return c;
  };
  const obs = hist(observed);
  const reps = replicates.map(hist);
  const ymax = Math.max(...obs, ...reps.map((r) => Math.max(...r)));
  const x = linear([lo, hi], [left, W - 20]);
  const y = linear([0, ymax * 1.05], [bottom, top]);
  const path = (c: Float64Array) => Array.from(c, (v, b) => `${b === 0 ? "M" : "L"}${x(lo + b * width).toFixed(1)},${y(v).toFixed(1)}H${x(lo + (b + 1) * width).toFixed(1)}`).join("");
  return s(
    "svg",
    { viewBox: `0 0 ${W} ${height}`, class: "plot ppc", role: "img" },
    reps.map((r) => s("path", { class: "rep-hist", d: path(r) })),
    s("path", { class: "obs-hist", d: path(obs) }),
    xAxis(x, bottom + 4, "observed values (dark) and replicated data sets (light)"),
  );
}

function quantiles(v: Float64Array, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(v).sort();
  return ps.map((p) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
  });
}
