/** Trace plot: one line per chain over the iterations, divergent transitions as ticks on the x axis. */
import type { TopLevelSpec } from "vega-lite";
import { chainOf, type Draws } from "../posterior/draws.js";
import { requirePositive, requireVariable } from "./checks.js";
import { m4Indices } from "./decimate.js";
import { renderSvg } from "./render.js";
import { countNonFinite, finiteExtent, niceDomain } from "./scales.js";
import { plotSpec } from "./spec.js";
import { plainText, plural, round6 } from "./text.js";
import { CHAIN_COLORS, THEME } from "./theme.js";

export interface TracePlotOptions {
  /** Total width in pixels. */
  readonly width?: number;
  /** Height of the plotting area in pixels. */
  readonly height?: number;
  /** Defaults to "Trace of <variable>". */
  readonly title?: string;
}

export const DEFAULT_TRACE = Object.freeze({ width: 640, height: 160 });

/** One row of a trace spec's line data; `value: null` breaks the line (a non-finite draw). */
export interface TracePoint {
  readonly chain: string;
  readonly iteration: number;
  readonly value: number | null;
}

export function traceSpec(draws: Draws, variable: string, options: TracePlotOptions = {}): TopLevelSpec {
  const v = requireVariable("tracePlot", draws, variable);
  const width = options.width ?? DEFAULT_TRACE.width;
  const height = options.height ?? DEFAULT_TRACE.height;
  requirePositive("tracePlot", "width", width);
  requirePositive("tracePlot", "height", height);

  const chains = Array.from({ length: draws.chains }, (_, c) => chainOf(draws, v, c));
  const divergent = divergentIterations(draws);
  const nonFinite = chains.reduce((n, c) => n + countNonFinite(c), 0);
  const extent = finiteExtent(chains);

  const notes: string[] = [];
  if (draws.draws === 0 || draws.chains === 0) notes.push("No draws to show.");
  else if (extent === null) notes.push("All draws are non-finite: nothing to draw.");
  else if (nonFinite > 0) notes.push(`${plural(nonFinite, "non-finite draw")} skipped (gaps in the lines).`);
  if (extent !== null && extent[0] === extent[1]) notes.push(`All finite draws equal ${extent[0]}.`);
  const nDiv = divergent.reduce((n, d) => n + d.length, 0);
  if (nDiv > 0) notes.push(`${plural(nDiv, "divergent transition")} (ticks along the x axis).`);

  // About one M4 bucket per pixel column of the plotting area.
  const columns = Math.max(1, Math.floor(width - 80));
  const label = (c: number) => `chain ${c + 1}`;
  const points: TracePoint[] = [];
  chains.forEach((values, c) => {
    for (const i of m4Indices(values, columns)) {
      // A gap row (null value) sits at the previous point's iteration so the x domain is unaffected.
      const at = i >= 0 ? i + 1 : points.length > 0 ? points[points.length - 1].iteration : 1;
      points.push({ chain: label(c), iteration: at, value: i >= 0 ? round6(values[i]) : null });
    }
  });
  const ticks = divergent.flatMap((its) => its.map((it) => ({ iteration: it + 1 })));
  const chainNames = chains.map((_, c) => label(c));
  const x = { field: "iteration", type: "quantitative", title: "iteration", scale: { domain: [1, Math.max(2, draws.draws)], nice: false, zero: false }, axis: { format: draws.draws >= 10000 ? "~s" : "d" } };
  const name = plainText(variable);

  return plotSpec(
    {
      kind: "trace",
      title: options.title ?? `Trace of ${variable}`,
      description: `${plural(draws.chains, "chain")} of ${draws.draws} draws.`,
      notes,
    },
    {
      width,
      height,
      autosize: { type: "fit-x", contains: "padding" },
      layer: [
        {
          name: "chain",
          data: { values: points },
          mark: { type: "line", strokeWidth: 0.8, strokeJoin: "round", opacity: draws.chains > 1 ? 0.8 : 1 },
          encoding: {
            x,
            y: { field: "value", type: "quantitative", title: name, scale: { domain: niceDomain(extent), nice: false, zero: false } },
            color: {
              field: "chain",
              type: "nominal",
              scale: { domain: chainNames, range: chainNames.map((_, c) => CHAIN_COLORS[c % CHAIN_COLORS.length]) },
              legend: draws.chains > 1 ? { values: chainNames.slice(0, 8), symbolStrokeWidth: 2 } : null,
            },
          },
        },
        {
          name: "divergent",
          data: { values: ticks },
          mark: { type: "rule", color: THEME.warn, strokeWidth: 1.2 },
          encoding: { x, y: { value: height }, y2: { value: height - 7 } },
        },
      ],
    },
  );
}

/** The trace plot as standalone SVG text. */
export async function tracePlot(draws: Draws, variable: string, options: TracePlotOptions = {}): Promise<string> {
  return renderSvg(traceSpec(draws, variable, options));
}

/** Per chain, the 0-based iterations whose `divergent__` is set; none when the column is absent. */
export function divergentIterations(draws: Draws): number[][] {
  const v = draws.names.indexOf("divergent__");
  return Array.from({ length: draws.chains }, (_, c) => {
    if (v < 0) return [];
    const d = chainOf(draws, v, c);
    const out: number[] = [];
    for (let i = 0; i < d.length; i++) if (d[i] > 0) out.push(i);
    return out;
  });
}
