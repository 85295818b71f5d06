/**
 * Posterior predictive check for counts: bars of how often each value occurs in the observed data,
 * and for each value the median and 90 % interval of that frequency across replicated data sets.
 */
import { argError } from "../errors.js";
import { xAxis, yAxis, yAxisWidth } from "./axis.js";
import { requirePositive } from "./checks.js";
import { makeFrame, svgDocument } from "./frame.js";
import { legend } from "./legend.js";
import { el } from "./markup.js";
import { pickReplicates, type PpcPlotOptions, DEFAULT_PPC } from "./ppcDensityPlot.js";
import { quantileSorted, sortedFinite } from "./quantile.js";
import { linearScale } from "./scales.js";
import { THEME } from "./theme.js";

export const DEFAULT_PPC_BARS = Object.freeze({ maxValues: 120 });

export function ppcBarsPlot(observed: ArrayLike<number>, replicates: readonly ArrayLike<number>[], options: PpcPlotOptions = {}): string {
  const width = options.width ?? DEFAULT_PPC.width;
  const height = options.height ?? DEFAULT_PPC.height;
  requirePositive("ppcBarsPlot", "width", width);
  requirePositive("ppcBarsPlot", "height", height);
  checkIntegers("observed", observed);
  replicates.forEach((r, i) => checkIntegers(`replicates[${i}]`, r));
  // Every replicate counts for the intervals (they are cheap to tally), unlike the density overlay.
  const reps = pickReplicates(replicates, Math.max(1, Math.floor(options.maxReplicates ?? 4000)));

  const obsSorted = sortedFinite(observed);
  const pooled = sortedFinite(Float64Array.from(reps.flatMap((r) => Array.from(r))));
  const notes: string[] = [];
  const badObs = observed.length - obsSorted.length;
  if (badObs > 0) notes.push(`${badObs} non-finite observed value${badObs === 1 ? "" : "s"} left out.`);
  // Value range: all observed values and the central 98 % of replicated ones, capped in width.
  let lo = Math.min(obsSorted.length ? obsSorted[0] : Infinity, pooled.length ? quantileSorted(pooled, 0.01) : Infinity);
  let hi = Math.max(obsSorted.length ? obsSorted[obsSorted.length - 1] : -Infinity, pooled.length ? quantileSorted(pooled, 0.99) : -Infinity);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 0;
    notes.push("No finite values to count.");
  }
  lo = Math.floor(lo);
  hi = Math.ceil(hi);
  if (hi - lo + 1 > DEFAULT_PPC_BARS.maxValues) {
    hi = lo + DEFAULT_PPC_BARS.maxValues - 1;
    notes.push(`Only values ${lo} to ${hi} shown; use the density plot for wide-ranging counts.`);
  }
  const k = hi - lo + 1;
  const obsCount = tally(observed, lo, k);
  const repCounts = reps.map((r) => tally(r, lo, k));
  const med = new Float64Array(k);
  const q5 = new Float64Array(k);
  const q95 = new Float64Array(k);
  const col = new Float64Array(repCounts.length);
  for (let j = 0; j < k; j++) {
    repCounts.forEach((c, i) => (col[i] = c[j]));
    const s = col.slice().sort();
    med[j] = quantileSorted(s, 0.5);
    q5[j] = quantileSorted(s, 0.05);
    q95[j] = quantileSorted(s, 0.95);
  }
  let top = 1;
  for (let j = 0; j < k; j++) top = Math.max(top, obsCount[j], Number.isFinite(q95[j]) ? q95[j] : 0);

  const y = linearScale([0, top], [1, 0]);
  const margin = { top: 30, right: 14, bottom: 44, left: Math.max(44, yAxisWidth(y, { label: "frequency" }) + 8) };
  const frame = makeFrame(width, height, margin, notes.length);
  y.range([frame.innerHeight, 0]);
  const x = linearScale([lo - 0.5, hi + 0.5], [0, frame.innerWidth], false);
  const bw = Math.max(1, (frame.innerWidth / k) * 0.8);

  const bars = Array.from(obsCount, (c, j) =>
    el("rect", { class: "bar", x: x(lo + j) - bw / 2, y: y(c), width: bw, height: frame.innerHeight - y(c), fill: "#c6dbef" }),
  );
  const reps90 = repCounts.length
    ? Array.from(med, (m, j) =>
        el(
          "g",
          { class: "rep" },
          el("line", { class: "rep-interval", x1: x(lo + j), x2: x(lo + j), y1: y(q5[j]), y2: y(q95[j]), stroke: "#08306b", "stroke-width": 1.2 }),
          el("circle", { class: "rep-median", cx: x(lo + j), cy: y(m), r: Math.min(3, bw / 3 + 0.5), fill: "#08306b" }),
        ),
      )
    : [];
  const body = [
    yAxis(y, frame.innerWidth, { label: "frequency", format: top < 10 ? "d" : undefined }),
    xAxis(x, frame.innerHeight, { label: options.xLabel, grid: false, format: "d", ticks: Math.min(k, 10) }),
    el("g", { class: "bars" }, bars),
    el("g", { class: "replicates" }, reps90),
    legend(
      [
        { label: "observed y", color: "#c6dbef", shape: "box" },
        { label: "replicated: median, 90 %", color: "#08306b", shape: "dot" },
      ],
      frame.innerWidth,
      -12,
    ),
  ];
  const title = options.title ?? "Posterior predictive check (counts)";
  return svgDocument(
    frame,
    { title, kind: "ppc-bars", notes, description: `Frequencies of values ${lo} to ${hi}: ${observed.length} observations, ${reps.length} replicated data sets.` },
    body,
  );
}

function checkIntegers(what: string, a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (Number.isFinite(v) && !Number.isInteger(v)) throw argError("ppcBarsPlot", `${what} must hold integer counts`, `${v} at index ${i}`);
  }
}

function tally(a: ArrayLike<number>, lo: number, k: number): Float64Array {
  const c = new Float64Array(k);
  for (let i = 0; i < a.length; i++) {
    const j = a[i] - lo;
    if (j >= 0 && j < k) c[j]++;
  }
  return c;
}
