/**
 * Shrinkage ("borrowing strength") plot: each group's no-pooling estimate on the top row, its
 * partial-pooling estimate on the bottom row, and an arrow from one to the other. Point area grows
 * with the group's size n, so one sees small groups travel far toward the population mean (dashed)
 * while large groups barely move — the picture in Gelman & Hill (2007, ch. 12) and rstanarm's
 * "pool binomial" vignette. Vega-Lite has no arrow mark: the shaft is a rule and the head a
 * triangle point turned by an angle computed here, which is why this spec fixes its pixel size.
 */
import type { TopLevelSpec } from "vega-lite";
import { argError } from "../errors.js";
import { requirePositive } from "./checks.js";
import { renderSvg } from "./render.js";
import { finiteExtent, niceDomain } from "./scales.js";
import { plotSpec } from "./spec.js";
import { fmt, plainText, plural, round6 } from "./text.js";
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
  /** Total width in pixels (about: Vega sizes the row labels). */
  readonly width?: number;
  /** Vertical distance between the two rows, in pixels. */
  readonly rowGap?: number;
}

/** `describedGroups`: up to this many groups, the SVG's description lists each group's estimates. */
export const DEFAULT_SHRINKAGE = Object.freeze({ width: 640, rowGap: 150, minRadius: 2, maxRadius: 7, headSize: 36, describedGroups: 100 });

// Room for the row labels ("partial pooling") left of the plotting area, and space above the top
// row for the population-mean label.
const LEFT = 150;
const PAD = 16;
const TOP = 34;

/** One group in a shrinkage spec; `x0`…`y1` are the arrow shaft's ends, `hx`/`hy`/`angle` its head. */
export interface ShrinkageDatum {
  readonly label: string;
  readonly n: number;
  readonly noPooling: number | null;
  readonly partialPooling: number;
  readonly size: number;
  readonly tip: string;
  readonly x0: number | null;
  readonly y0: number | null;
  readonly x1: number | null;
  readonly y1: number | null;
  readonly hx: number | null;
  readonly hy: number | null;
  readonly angle: number | null;
}

export function shrinkageSpec(groups: readonly ShrinkageGroup[], options: ShrinkagePlotOptions = {}): TopLevelSpec {
  const width = options.width ?? DEFAULT_SHRINKAGE.width;
  const gap = options.rowGap ?? DEFAULT_SHRINKAGE.rowGap;
  requirePositive("shrinkagePlot", "width", width);
  requirePositive("shrinkagePlot", "rowGap", gap);
  groups.forEach((g, i) => {
    if (!(g.n >= 0)) throw argError("shrinkagePlot", `groups[${i}].n must be a non-negative number`, g.n);
  });
  const pop = options.populationMean !== undefined && Number.isFinite(options.populationMean) ? options.populationMean : undefined;

  const drawn = groups.filter((g) => Number.isFinite(g.partialPooling));
  const withOwn = drawn.filter((g) => Number.isFinite(g.noPooling));
  const notes: string[] = [];
  if (groups.length === 0) notes.push("No groups to show.");
  const noPartial = groups.length - drawn.length;
  if (noPartial > 0) notes.push(`${plural(noPartial, "group")} without a finite partial-pooling estimate left out.`);
  const noOwn = drawn.length - withOwn.length;
  if (noOwn > 0) notes.push(`${plural(noOwn, "group")} without data of their own: partial-pooling estimate only.`);
  const nExt = finiteExtent([drawn.map((g) => g.n)]);
  if (nExt && nExt[0] !== nExt[1]) notes.push(`Point area proportional to group size n (${nExt[0]} to ${nExt[1]}).`);

  const values: number[][] = [drawn.map((g) => g.partialPooling), withOwn.map((g) => g.noPooling)];
  for (const g of drawn) {
    if (g.noPoolingInterval && Number.isFinite(g.noPooling)) values.push([...g.noPoolingInterval]);
    if (g.partialPoolingInterval) values.push([...g.partialPoolingInterval]);
  }
  if (pop !== undefined) values.push([pop]);
  const domain = niceDomain(finiteExtent(values));
  const plotW = Math.max(40, width - LEFT);
  const kx = plotW / (domain[1] - domain[0]);

  const radius = (n: number) => {
    if (!nExt || nExt[0] === nExt[1]) return 4;
    const { minRadius: r0, maxRadius: r1 } = DEFAULT_SHRINKAGE;
    // Area ∝ n: radius ∝ √n, mapped so the smallest group is still visible.
    const t = (Math.sqrt(n) - Math.sqrt(nExt[0])) / (Math.sqrt(nExt[1]) - Math.sqrt(nExt[0]));
    return r0 + t * (r1 - r0);
  };
  // Many groups: fainter marks, so overlaps read as density instead of a solid smear.
  const alpha = drawn.length > 200 ? 0.35 : drawn.length > 50 ? 0.55 : 0.85;
  // The head's tip is this far (px) from the centre of Vega's triangle symbol of that area.
  const head = DEFAULT_SHRINKAGE.headSize;
  const tipFromCentre = Math.sqrt(head) * 0.577;

  const data: ShrinkageDatum[] = drawn.map((g) => {
    const r = radius(g.n);
    const own = Number.isFinite(g.noPooling);
    const label = plainText(g.label);
    const tip = `${label} (n = ${g.n}): ${own ? `no pooling ${fmt(g.noPooling)} → ` : ""}partial pooling ${fmt(g.partialPooling)}`;
    const base = { label, n: g.n, noPooling: own ? round6(g.noPooling) : null, partialPooling: round6(g.partialPooling), size: round6(Math.PI * r * r), tip };
    if (!own) return { ...base, x0: null, y0: null, x1: null, y1: null, hx: null, hy: null, angle: null };
    // Pixel geometry from the no-pooling point (top row, y = 1) down to the partial-pooling point (y = 0).
    const dx = (g.partialPooling - g.noPooling) * kx;
    const len = Math.hypot(dx, gap);
    const ux = dx / len;
    const uy = gap / len;
    const tipAt = len - r - 1.5;
    const at = (d: number) => [g.noPooling + (ux * d) / kx, 1 - (uy * d) / gap];
    const [x0, y0] = at(r + 1.5);
    const [x1, y1] = at(tipAt - tipFromCentre);
    const [hx, hy] = at(tipAt - tipFromCentre);
    return { ...base, x0: round6(x0), y0: round6(y0), x1: round6(x1), y1: round6(y1), hx: round6(hx), hy: round6(hy), angle: round6((Math.atan2(dx, -gap) * 180) / Math.PI) };
  });

  const yDomain = [-PAD / gap, 1 + TOP / gap];
  const x = { type: "quantitative", title: options.xLabel !== undefined ? plainText(options.xLabel) : null, scale: { domain, nice: false, zero: false } };
  const y = {
    type: "quantitative",
    title: null,
    scale: { domain: yDomain, nice: false, zero: false },
    axis: { values: [0, 1], labelExpr: "datum.value === 1 ? 'no pooling' : 'partial pooling'", grid: false, ticks: false, domain: false, labelFontSize: THEME.labelSize, labelColor: THEME.text, labelPadding: 8 },
  };
  const interval = (which: "np" | "pp") =>
    drawn.flatMap((g) => {
      const iv = which === "np" ? g.noPoolingInterval : g.partialPoolingInterval;
      if (!iv || !Number.isFinite(iv[0]) || !Number.isFinite(iv[1]) || (which === "np" && !Number.isFinite(g.noPooling))) return [];
      return [{ lo: round6(iv[0]), hi: round6(iv[1]), row: which === "np" ? 1 : 0 }];
    });
  const arrows = { filter: "isValid(datum.x0)" };

  return plotSpec(
    {
      kind: "shrinkage",
      title: options.title ?? "Shrinkage: no pooling → partial pooling",
      // Each group's move in words: what a screen reader (and the page's text search) gets for the arrows.
      description: `${plural(drawn.length, "group")}.` + (data.length <= DEFAULT_SHRINKAGE.describedGroups ? ` ${data.map((d) => d.tip).join("; ")}.` : ""),
      notes,
    },
    {
      width: plotW,
      height: gap * (yDomain[1] - yDomain[0]),
      data: { values: data },
      layer: [
        { name: "row_line", data: { values: [{ row: 0 }, { row: 1 }] }, mark: { type: "rule", color: THEME.grid }, encoding: { y: { ...y, field: "row" } } },
        ...(pop !== undefined
          ? [
              {
                name: "population",
                data: { values: [{ pop, top: 1 + 14 / gap, bottom: -14 / gap }] },
                mark: { type: "rule", color: THEME.warn, strokeDash: [5, 3], strokeWidth: 1.2 },
                encoding: { x: { ...x, field: "pop" }, y: { ...y, field: "top" }, y2: { field: "bottom" } },
              },
              {
                name: "population_label",
                data: { values: [{ pop, top: 1 + 18 / gap, text: "population mean" }] },
                mark: { type: "text", color: THEME.warn, baseline: "bottom", fontSize: THEME.tickSize },
                encoding: { x: { ...x, field: "pop" }, y: { ...y, field: "top" }, text: { field: "text" } },
              },
            ]
          : []),
        ...(["np", "pp"] as const).map((which) => ({
          name: `${which}_interval`,
          data: { values: interval(which) },
          mark: { type: "rule", color: which === "np" ? THEME.text : THEME.accent, opacity: alpha * 0.25, strokeWidth: 1.5 },
          encoding: { x: { ...x, field: "lo" }, x2: { field: "hi" }, y: { ...y, field: "row" } },
        })),
        { name: "arrow", transform: [arrows], mark: { type: "rule", color: THEME.muted, strokeWidth: 0.9, opacity: alpha }, encoding: { x: { ...x, field: "x0" }, y: { ...y, field: "y0" }, x2: { field: "x1" }, y2: { field: "y1" } } },
        {
          name: "arrow_head",
          transform: [arrows],
          mark: { type: "point", shape: "triangle", filled: true, color: THEME.muted, opacity: alpha, size: head },
          encoding: { x: { ...x, field: "hx" }, y: { ...y, field: "hy" }, angle: { field: "angle", type: "quantitative", scale: null } },
        },
        {
          name: "np",
          transform: [arrows, { calculate: "1", as: "row" }],
          mark: { type: "point", filled: true, fill: "#ffffff", stroke: THEME.text, strokeWidth: 1, strokeOpacity: alpha, opacity: 1, aria: true },
          encoding: { x: { ...x, field: "noPooling" }, y: { ...y, field: "row" }, size: { field: "size", type: "quantitative", scale: null }, description: { field: "tip" } },
        },
        {
          name: "pp",
          transform: [{ calculate: "0", as: "row" }],
          mark: { type: "point", filled: true, color: THEME.accent, opacity: alpha, aria: true },
          encoding: { x: { ...x, field: "partialPooling" }, y: { ...y, field: "row" }, size: { field: "size", type: "quantitative", scale: null }, description: { field: "tip" } },
        },
      ],
    },
  );
}

/** The shrinkage plot as standalone SVG text. */
export async function shrinkagePlot(groups: readonly ShrinkageGroup[], options: ShrinkagePlotOptions = {}): Promise<string> {
  return renderSvg(shrinkageSpec(groups, options));
}
