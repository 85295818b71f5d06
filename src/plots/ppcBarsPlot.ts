/**
 * Posterior predictive check for counts: bars of how often each value occurs in the observed data,
 * and for each value the median and 90 % interval of that frequency across replicated data sets.
 * The tallies and quantiles are computed here; the spec holds one row per value.
 */
import type { TopLevelSpec } from "vega-lite";
import { argError } from "../errors.js";
import { requirePositive } from "./checks.js";
import { pickReplicates, DEFAULT_PPC, type PpcPlotOptions } from "./ppcDensityPlot.js";
import { quantileSorted, sortedFinite } from "./quantile.js";
import { renderSvg } from "./render.js";
import { niceDomain } from "./scales.js";
import { plotSpec } from "./spec.js";
import { plainText, plural } from "./text.js";
import { THEME } from "./theme.js";

export const DEFAULT_PPC_BARS = Object.freeze({ maxValues: 120 });

export const PPC_BARS_SERIES = Object.freeze({ observed: "observed y", replicated: "replicated: median, 90 %" });

/** One count value: how often it was observed, and the replicated frequency's median and 90 % interval (null without replicates). */
export interface CountFrequency {
  readonly value: number;
  readonly observed: number;
  readonly median: number | null;
  readonly q5: number | null;
  readonly q95: number | null;
}

export function ppcBarsSpec(observed: ArrayLike<number>, replicates: readonly ArrayLike<number>[], options: PpcPlotOptions = {}): TopLevelSpec {
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
  if (badObs > 0) notes.push(`${plural(badObs, "non-finite observed value")} left out.`);
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
  const col = new Float64Array(repCounts.length);
  const rows: CountFrequency[] = [];
  let top = 1;
  for (let j = 0; j < k; j++) {
    repCounts.forEach((c, i) => (col[i] = c[j]));
    const s = col.slice().sort();
    const has = s.length > 0;
    const row = { value: lo + j, observed: obsCount[j], median: has ? quantileSorted(s, 0.5) : null, q5: has ? quantileSorted(s, 0.05) : null, q95: has ? quantileSorted(s, 0.95) : null };
    top = Math.max(top, row.observed, row.q95 ?? 0);
    rows.push(row);
  }

  const x = { field: "value", type: "quantitative", title: options.xLabel !== undefined ? plainText(options.xLabel) : null, scale: { domain: [lo - 0.5, hi + 0.5], nice: false, zero: false }, axis: { format: "d", grid: false, tickMinStep: 1 } };
  const y = { type: "quantitative", title: "frequency", scale: { domain: niceDomain([0, top]), nice: false } };
  const color = { type: "nominal", scale: { domain: [PPC_BARS_SERIES.observed, PPC_BARS_SERIES.replicated], range: ["#c6dbef", THEME.accentDark] } };
  const half = 0.4;
  const withReps = { filter: "isValid(datum.median)" };

  return plotSpec(
    {
      kind: "ppc-bars",
      title: options.title ?? "Posterior predictive check (counts)",
      description: `Frequencies of values ${lo} to ${hi}: ${observed.length} observations, ${reps.length} replicated data sets.`,
      notes,
    },
    {
      width,
      height,
      autosize: { type: "fit-x", contains: "padding" },
      data: { values: rows },
      layer: [
        {
          name: "bar",
          transform: [{ calculate: `datum.value - ${half}`, as: "left" }, { calculate: `datum.value + ${half}`, as: "right" }],
          mark: { type: "rect" },
          encoding: { x: { ...x, field: "left" }, x2: { field: "right" }, y: { ...y, field: "observed" }, y2: { datum: 0 }, color: { ...color, datum: PPC_BARS_SERIES.observed } },
        },
        {
          name: "rep_interval",
          transform: [withReps],
          mark: { type: "rule", strokeWidth: 1.2 },
          encoding: { x, y: { ...y, field: "q5" }, y2: { field: "q95" }, color: { ...color, datum: PPC_BARS_SERIES.replicated } },
        },
        {
          name: "rep_median",
          transform: [withReps],
          mark: { type: "point", filled: true, opacity: 1, size: Math.PI * Math.min(3, (width - 80) / k / 3 + 0.5) ** 2 },
          encoding: { x, y: { ...y, field: "median" }, color: { ...color, datum: PPC_BARS_SERIES.replicated } },
        },
      ],
    },
  );
}

/** The count check as standalone SVG text. */
export async function ppcBarsPlot(observed: ArrayLike<number>, replicates: readonly ArrayLike<number>[], options: PpcPlotOptions = {}): Promise<string> {
  return renderSvg(ppcBarsSpec(observed, replicates, options));
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
