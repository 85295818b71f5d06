/**
 * Posterior predictive check, continuous outcome: the kernel density of the observed data (dark)
 * over the densities of replicated data sets drawn from the posterior predictive (light). If the
 * model fits, the observed curve looks like one more replicate.
 */
import { argError } from "../errors.js";
import { xAxis } from "./axis.js";
import { requirePositive } from "./checks.js";
import { polylinePath } from "./decimate.js";
import { makeFrame, svgDocument } from "./frame.js";
import { bandwidthNrd0, kdeOnGrid } from "./kde.js";
import { legend } from "./legend.js";
import { el } from "./markup.js";
import { countNonFinite, finiteExtent, linearScale } from "./scales.js";
import { THEME } from "./theme.js";

export interface PpcPlotOptions {
  /** At most this many replicates are drawn, spread evenly over the ones given. */
  readonly maxReplicates?: number;
  readonly xLabel?: string;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

export const DEFAULT_PPC = Object.freeze({ maxReplicates: 50, width: 640, height: 260, gridPoints: 256 });

/** Evenly spaced picks (deterministic) so a long list of replicates is not read from one chain only. */
export function pickReplicates<T>(replicates: readonly T[], max: number): T[] {
  if (replicates.length <= max) return [...replicates];
  return Array.from({ length: max }, (_, i) => replicates[Math.floor((i * replicates.length) / max)]);
}

export function ppcDensityPlot(observed: Float64Array, replicates: readonly Float64Array[], options: PpcPlotOptions = {}): string {
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
  if (badObs > 0) notes.push(`${badObs} non-finite observed value${badObs === 1 ? "" : "s"} left out.`);
  const badRep = reps.reduce((n, r) => n + countNonFinite(r), 0);
  if (badRep > 0) notes.push(`${badRep} non-finite replicated value${badRep === 1 ? "" : "s"} left out.`);
  if (replicates.length > reps.length) notes.push(`${reps.length} of ${replicates.length} replicated data sets shown.`);

  const bwObs = bandwidthNrd0(observed);
  const ext = finiteExtent([observed, ...reps]);
  if (ext === null || !Number.isFinite(bwObs)) notes.push("Too few finite observed values for a density (need 2).");
  const lo = ext ? ext[0] - 3 * (bwObs || 0) : 0;
  const hi = ext ? ext[1] + 3 * (bwObs || 0) : 1;
  const m = DEFAULT_PPC.gridPoints;
  const curve = (x: Float64Array) => {
    const bw = bandwidthNrd0(x);
    return Number.isFinite(bw) && hi > lo ? kdeOnGrid(x, bw, lo, hi, m) : null;
  };
  const obsDens = Number.isFinite(bwObs) ? curve(observed) : null;
  const repDens = reps.map(curve);
  const maxY = finiteExtent([obsDens ?? [], ...repDens.map((d) => d ?? [])]);

  const margin = { top: 30, right: 14, bottom: 44, left: 20 };
  const frame = makeFrame(width, height, margin, notes.length);
  const x = linearScale([lo, hi], [0, frame.innerWidth], false);
  const y = linearScale([0, maxY ? maxY[1] * 1.05 : 1], [frame.innerHeight, 0], false);
  const gx = (i: number) => x(lo + ((hi - lo) * i) / (m - 1));
  const all = Array.from({ length: m }, (_, i) => i);
  const path = (d: Float64Array, cls: string, stroke: string, w: number, opacity: number) =>
    el("path", { class: cls, d: polylinePath(all, gx, (i) => y(d[i])), fill: "none", stroke, "stroke-width": w, "stroke-opacity": opacity, "stroke-linejoin": "round" });

  // No y axis: density heights carry nothing a reader uses here, only the shapes do.
  const body = [
    xAxis(x, frame.innerHeight, { label: options.xLabel }),
    el("g", { class: "replicates" }, repDens.map((d) => (d ? path(d, "rep", THEME.accentLight, 0.7, 0.7) : null))),
    obsDens ? path(obsDens, "obs", "#08306b", 2, 1) : null,
    legend(
      [
        { label: "observed y", color: "#08306b", shape: "line", strokeWidth: 2 },
        { label: "replicated y", color: THEME.accentLight, shape: "line" },
      ],
      frame.innerWidth,
      -12,
    ),
  ];
  const title = options.title ?? "Posterior predictive check";
  return svgDocument(
    frame,
    { title, kind: "ppc", notes, description: `Density of ${observed.length} observations over ${reps.length} replicated data sets (Gaussian kernel, bw.nrd0 bandwidth).` },
    body,
  );
}
