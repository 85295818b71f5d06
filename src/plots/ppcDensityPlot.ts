/**
 * Posterior predictive check, continuous outcome: the kernel density of the observed data (dark)
 * over the densities of replicated data sets drawn from the posterior predictive (light). If the
 * model fits, the observed curve looks like one more replicate. The densities are computed here on
 * a grid (kde.ts), so the spec holds curves, not the data.
 */
import type { TopLevelSpec } from "vega-lite";
import { argError } from "../errors.js";
import { requirePositive } from "./checks.js";
import { bandwidthNrd0, kdeOnGrid } from "./kde.js";
import { renderSvg } from "./render.js";
import { countNonFinite, finiteExtent } from "./scales.js";
import { plotSpec } from "./spec.js";
import { plainText, plural, round4 } from "./text.js";
import { THEME } from "./theme.js";

export interface PpcPlotOptions {
  /** At most this many replicates are drawn, spread evenly over the ones given. */
  readonly maxReplicates?: number;
  readonly xLabel?: string;
  readonly title?: string;
  /** Total width in pixels. */
  readonly width?: number;
  /** Height of the plotting area in pixels. */
  readonly height?: number;
}

/** `gridPoints`: 128 points over the data's range is ~5 px per segment at 640 px, finer than the kernel's bandwidth shows. */
export const DEFAULT_PPC = Object.freeze({ maxReplicates: 50, width: 640, height: 200, gridPoints: 128 });

export const PPC_SERIES = Object.freeze({ observed: "observed y", replicated: "replicated y" });

/** Evenly spaced picks (deterministic) so a long list of replicates is not read from one chain only. */
export function pickReplicates<T>(replicates: readonly T[], max: number): T[] {
  if (replicates.length <= max) return [...replicates];
  return Array.from({ length: max }, (_, i) => replicates[Math.floor((i * replicates.length) / max)]);
}

/** One grid point of one density curve; `curve` 0 is the observed data, 1… the replicates. */
export interface DensityPoint {
  readonly curve: number;
  readonly x: number;
  readonly density: number;
}

export function ppcDensitySpec(observed: Float64Array, replicates: readonly Float64Array[], options: PpcPlotOptions = {}): TopLevelSpec {
  const width = options.width ?? DEFAULT_PPC.width;
  const height = options.height ?? DEFAULT_PPC.height;
  const maxRep = options.maxReplicates ?? DEFAULT_PPC.maxReplicates;
  requirePositive("ppcDensityPlot", "width", width);
  requirePositive("ppcDensityPlot", "height", height);
  requirePositive("ppcDensityPlot", "maxReplicates", maxRep);
  if (!(observed instanceof Float64Array)) throw argError("ppcDensityPlot", "observed must be a Float64Array", typeof observed);

  const reps = pickReplicates(replicates, Math.floor(maxRep));
  const notes: string[] = [];
  const badObs = countNonFinite(observed);
  if (badObs > 0) notes.push(`${plural(badObs, "non-finite observed value")} left out.`);
  const badRep = reps.reduce((n, r) => n + countNonFinite(r), 0);
  if (badRep > 0) notes.push(`${plural(badRep, "non-finite replicated value")} left out.`);
  if (replicates.length > reps.length) notes.push(`${reps.length} of ${replicates.length} replicated data sets shown.`);

  const bwObs = bandwidthNrd0(observed);
  const ext = finiteExtent([observed, ...reps]);
  if (ext === null || !Number.isFinite(bwObs)) notes.push("Too few finite observed values for a density (need 2).");
  let lo = ext ? ext[0] - 3 * (bwObs || 0) : 0;
  let hi = ext ? ext[1] + 3 * (bwObs || 0) : 1;
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const m = DEFAULT_PPC.gridPoints;
  const curve = (x: Float64Array) => {
    const bw = bandwidthNrd0(x);
    return Number.isFinite(bw) ? kdeOnGrid(x, bw, lo, hi, m) : null;
  };
  const points: DensityPoint[] = [];
  const push = (k: number, d: Float64Array | null) => {
    if (d === null) return;
    for (let i = 0; i < m; i++) points.push({ curve: k, x: round4(lo + ((hi - lo) * i) / (m - 1)), density: round4(d[i]) });
  };
  reps.forEach((r, k) => push(k + 1, curve(r)));
  if (Number.isFinite(bwObs)) push(0, curve(observed));
  let top = 0;
  for (const p of points) top = Math.max(top, p.density);

  const x = { field: "x", type: "quantitative", title: options.xLabel !== undefined ? plainText(options.xLabel) : null, scale: { domain: [lo, hi], nice: false, zero: false } };
  // No y axis: density heights carry nothing a reader uses here, only the shapes do.
  const y = { field: "density", type: "quantitative", axis: null, scale: { domain: [0, top > 0 ? top * 1.05 : 1], nice: false } };
  const color = {
    type: "nominal",
    scale: { domain: [PPC_SERIES.observed, PPC_SERIES.replicated], range: [THEME.accentDark, THEME.accentLight] },
    legend: { symbolStrokeWidth: 2 },
  };
  return plotSpec(
    {
      kind: "ppc",
      title: options.title ?? "Posterior predictive check",
      description: `Density of ${observed.length} observations over ${reps.length} replicated data sets (Gaussian kernel, bw.nrd0 bandwidth).`,
      notes,
    },
    {
      width,
      height,
      autosize: { type: "fit-x", contains: "padding" },
      data: { values: points },
      layer: [
        {
          name: "rep",
          transform: [{ filter: "datum.curve > 0" }],
          mark: { type: "line", strokeWidth: 0.7, opacity: 0.7, strokeJoin: "round" },
          encoding: { x, y, detail: { field: "curve", type: "nominal" }, color: { ...color, datum: PPC_SERIES.replicated } },
        },
        {
          name: "obs",
          transform: [{ filter: "datum.curve === 0" }],
          mark: { type: "line", strokeWidth: 2, strokeJoin: "round" },
          encoding: { x, y, color: { ...color, datum: PPC_SERIES.observed } },
        },
      ],
    },
  );
}

/** The density overlay as standalone SVG text. */
export async function ppcDensityPlot(observed: Float64Array, replicates: readonly Float64Array[], options: PpcPlotOptions = {}): Promise<string> {
  return renderSvg(ppcDensitySpec(observed, replicates, options));
}
