/**
 * One conditional effect (src/effects, brms's `plot(conditional_effects(fit))`): a numeric variable as
 * a line (the median) over a ribbon (the band), a factor as points with error bars; the second
 * variable of an interaction, or the category of an ordinal model, as colour. Raw data points are
 * optional (brms `points = TRUE`), off by default.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ConditionalEffect, EffectColumn } from "../effects/types.js";
import { argError } from "../errors.js";
import { requirePositive } from "./checks.js";
import { renderSvg } from "./render.js";
import { plotSpec } from "./spec.js";
import { fmt, plainText, round6 } from "./text.js";
import { CHAIN_COLORS, THEME } from "./theme.js";

export interface ConditionalEffectsPlotOptions {
  /** Draw the data rows behind the curve (brms `points = TRUE`). */
  readonly points?: boolean;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

export const DEFAULT_CONDITIONAL_EFFECTS_PLOT = Object.freeze({ points: false, width: 480, height: 240 });

function label(c: EffectColumn, i: number): string {
  // brms labels a numeric second variable by its value rounded to 2 decimals.
  return c.kind === "numeric" ? fmt(Math.round(c.values[i] * 100) / 100) : c.values[i];
}

function conditionsText(e: ConditionalEffect): string | null {
  const parts = Object.entries(e.conditions).map(([k, v]) => `${k} = ${typeof v === "number" ? fmt(Number(v.toPrecision(3))) : v}`);
  return parts.length > 0 ? `Held at ${parts.join(", ")}.` : null;
}

export function conditionalEffectsSpec(e: ConditionalEffect, options: ConditionalEffectsPlotOptions = {}): TopLevelSpec {
  const width = options.width ?? DEFAULT_CONDITIONAL_EFFECTS_PLOT.width;
  const height = options.height ?? DEFAULT_CONDITIONAL_EFFECTS_PLOT.height;
  requirePositive("conditionalEffectsPlot", "width", width);
  requirePositive("conditionalEffectsPlot", "height", height);
  if (!e || !Array.isArray(e.columns) || e.columns.length === 0) throw argError("conditionalEffectsPlot", "effect must be one entry of conditionalEffects()", typeof e);
  const x = e.columns[0];
  const colourBy = e.columns.length > 1 ? e.columns[e.columns.length - 1] : null;
  const values: Record<string, number | string | null>[] = [];
  let skipped = 0;
  for (let i = 0; i < e.n; i++) {
    if (!(Number.isFinite(e.estimate[i]) && Number.isFinite(e.lower[i]) && Number.isFinite(e.upper[i]))) {
      skipped++;
      continue;
    }
    values.push({
      x: x.kind === "numeric" ? round6(x.values[i]) : x.values[i],
      group: colourBy ? label(colourBy, i) : null,
      estimate: round6(e.estimate[i]),
      lower: round6(e.lower[i]),
      upper: round6(e.upper[i]),
      layer: "effect",
    });
  }
  const notes: string[] = [];
  const held = conditionsText(e);
  if (held) notes.push(held);
  if (skipped > 0) notes.push(`${skipped} grid point(s) with non-finite predictions left out.`);
  const showPoints = options.points ?? DEFAULT_CONDITIONAL_EFFECTS_PLOT.points;
  if (showPoints) {
    const px = e.points.columns[0];
    const pg = e.points.columns.length > 1 ? e.points.columns[1] : null;
    for (let i = 0; i < e.points.y.length; i++) {
      if (!Number.isFinite(e.points.y[i])) continue;
      values.push({ x: px.kind === "numeric" ? round6(px.values[i]) : px.values[i], group: pg ? label(pg, i) : null, estimate: round6(e.points.y[i]), lower: null, upper: null, layer: "points" });
    }
  }
  const band = fmt(Math.round(e.prob * 1000) / 10);
  const xTitle = plainText(x.name);
  const yTitle = plainText(e.categorical ? "Probability" : e.response);
  const xEnc = x.kind === "numeric" ? { field: "x", type: "quantitative", title: xTitle, scale: { zero: false, nice: false } } : { field: "x", type: "nominal", title: xTitle, sort: x.levels, axis: { labelAngle: 0 } };
  const y = { field: "estimate", type: "quantitative", title: yTitle, scale: { zero: false } };
  const groups = colourBy ? [...new Set(values.filter((v) => v.layer === "effect").map((v) => v.group as string))] : [];
  const colour = colourBy
    ? { field: "group", type: "nominal", title: plainText(colourBy.name), sort: groups, scale: { domain: groups, range: CHAIN_COLORS.slice(0, Math.max(groups.length, 1)) }, legend: { title: plainText(colourBy.name === "cats__" ? e.response : colourBy.name) } }
    : null;
  const effect = { filter: "datum.layer === 'effect'" };
  const single = THEME.accent;
  const layers: Record<string, unknown>[] = [];
  if (showPoints) {
    layers.push({
      name: "data",
      transform: [{ filter: "datum.layer === 'points'" }],
      mark: { type: "point", filled: true, size: 12, opacity: 0.35, color: THEME.muted },
      encoding: { x: xEnc, y },
    });
  }
  if (x.kind === "numeric") {
    layers.push(
      {
        name: "band",
        transform: [effect],
        mark: { type: "area", opacity: 0.22, ...(colour ? {} : { color: single }) },
        encoding: { x: xEnc, y: { field: "lower", type: "quantitative", title: yTitle }, y2: { field: "upper" }, ...(colour ? { color: colour } : {}) },
      },
      {
        name: "median",
        transform: [effect],
        mark: { type: "line", strokeWidth: 2, ...(colour ? {} : { color: single }) },
        encoding: { x: xEnc, y, ...(colour ? { color: colour } : {}) },
      },
    );
  } else {
    const offset = colour ? { xOffset: { field: "group", type: "nominal", sort: groups } } : {};
    layers.push(
      {
        name: "interval",
        transform: [effect],
        mark: { type: "rule", strokeWidth: 1.5, ...(colour ? {} : { color: single }) },
        encoding: { x: xEnc, y: { field: "lower", type: "quantitative", title: yTitle }, y2: { field: "upper" }, ...offset, ...(colour ? { color: colour } : {}) },
      },
      {
        name: "median",
        transform: [effect],
        mark: { type: "point", filled: true, size: 50, opacity: 1, ...(colour ? {} : { color: single }) },
        encoding: { x: xEnc, y, ...offset, ...(colour ? { color: colour } : {}) },
      },
    );
  }
  const what = e.method === "epred" ? "expected response" : "response draws";
  return plotSpec(
    {
      kind: "effects",
      title: options.title ?? `Conditional effect of ${e.name}`,
      description: `Median and ${band} % band of the ${what} over ${e.n} grid points of ${e.effects.join(" and ")}; group-level effects left out.`,
      notes,
    },
    {
      width,
      height,
      autosize: { type: "fit-x", contains: "padding" },
      data: { values },
      layer: layers,
    },
  );
}

/** The effect as standalone SVG text. */
export async function conditionalEffectsPlot(e: ConditionalEffect, options: ConditionalEffectsPlotOptions = {}): Promise<string> {
  return renderSvg(conditionalEffectsSpec(e, options));
}
