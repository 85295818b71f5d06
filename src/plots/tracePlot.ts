/** Trace plot: one line per chain over the iterations, divergent transitions as ticks on the x axis. */
import type { Draws } from "../posterior/draws.js";
import { chainOf } from "../posterior/draws.js";
import { xAxis, yAxis, yAxisWidth } from "./axis.js";
import { requirePositive, requireVariable } from "./checks.js";
import { m4Indices, polylinePath } from "./decimate.js";
import { makeFrame, svgDocument } from "./frame.js";
import { legend } from "./legend.js";
import { el } from "./markup.js";
import { countNonFinite, finiteExtent, linearScale } from "./scales.js";
import { THEME, chainColor } from "./theme.js";

export interface TracePlotOptions {
  readonly width?: number;
  readonly height?: number;
  /** Defaults to "Trace of <variable>". */
  readonly title?: string;
}

export const DEFAULT_TRACE = Object.freeze({ width: 640, height: 220 });

export function tracePlot(draws: Draws, variable: string, options: TracePlotOptions = {}): string {
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
  else if (nonFinite > 0) notes.push(`${nonFinite} non-finite draw${nonFinite === 1 ? "" : "s"} skipped (gaps in the lines).`);
  if (extent !== null && extent[0] === extent[1]) notes.push(`All finite draws equal ${extent[0]}.`);
  const nDiv = divergent.reduce((n, d) => n + d.length, 0);
  if (nDiv > 0) notes.push(`${nDiv} divergent transition${nDiv === 1 ? "" : "s"} (ticks along the x axis).`);

  const y = linearScale(extent, [1, 0]);
  const margin = { top: 30, right: 14, bottom: 44, left: Math.max(44, yAxisWidth(y, { label: variable }) + 8) };
  const frame = makeFrame(width, height, margin, notes.length);
  y.range([frame.innerHeight, 0]);
  const x = linearScale([1, Math.max(2, draws.draws)], [0, frame.innerWidth], false);

  const columns = Math.max(1, Math.floor(frame.innerWidth));
  const lines = chains.map((values, c) =>
    el("path", {
      class: "chain",
      "data-chain": c + 1,
      d: polylinePath(m4Indices(values, columns), (i) => x(i + 1), (i) => y(values[i])),
      fill: "none",
      stroke: chainColor(c),
      "stroke-width": 0.8,
      "stroke-opacity": draws.chains > 1 ? 0.8 : 1,
      "stroke-linejoin": "round",
    }),
  );
  const ticks = divergent.flatMap((its) =>
    its.map((it) =>
      el("line", {
        class: "divergent",
        x1: x(it + 1),
        x2: x(it + 1),
        y1: frame.innerHeight,
        y2: frame.innerHeight - 7,
        stroke: THEME.warn,
        "stroke-width": 1.2,
      }),
    ),
  );

  const keys = chains.length > 1 ? chains.slice(0, 8).map((_, c) => ({ label: `chain ${c + 1}`, color: chainColor(c), shape: "line" as const })) : [];
  const body = [
    xAxis(x, frame.innerHeight, { label: "iteration", format: draws.draws >= 10000 ? "~s" : "d" }),
    yAxis(y, frame.innerWidth, { label: variable }),
    el("g", { class: "marks" }, lines),
    el("g", { class: "divergences" }, ticks),
    legend(keys, frame.innerWidth, -12),
  ];
  const title = options.title ?? `Trace of ${variable}`;
  return svgDocument(
    frame,
    { title, kind: "trace", notes, description: `${draws.chains} chain${draws.chains === 1 ? "" : "s"} of ${draws.draws} draws.` },
    body,
  );
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
