/**
 * What every plot spec shares: the title with its notes as subtitle lines (so nothing is dropped
 * silently: "3 non-finite draws skipped"), the common config, and `usermeta.hbayes`, which
 * renderSvg turns into the SVG's class, accessible name and description.
 */
import type { TopLevelSpec } from "vega-lite";
import { plotConfig } from "./theme.js";
import { plainText } from "./text.js";

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Plot kinds; the rendered SVG's root carries class `hb-plot hb-<kind>`, so a page can size plots by kind. */
export type PlotKind = "trace" | "rank" | "forest" | "shrinkage" | "ppc" | "ppc-bars" | "effects";

export interface PlotMeta {
  readonly kind: PlotKind;
  /** Visible title and the SVG's accessible name. */
  readonly title: string;
  /** The SVG's longer accessible description (`<desc>`). */
  readonly description?: string;
  readonly notes?: readonly string[];
}

/** The `usermeta` entry renderSvg reads. */
export interface HbayesUsermeta {
  readonly kind: string;
  readonly title: string;
  readonly description?: string;
}

/**
 * A top-level spec: `body` (marks, data, size) under the shared title, config and metadata. The
 * builders write their layers as plain object literals, which Vega-Lite's deeply generic types do
 * not narrow well; test/plots/specs.test.ts compiles every builder's output and fails on any warning.
 */
export function plotSpec(meta: PlotMeta, body: Record<string, unknown>): TopLevelSpec {
  const title = plainText(meta.title);
  const notes = (meta.notes ?? []).map(plainText);
  const usermeta: HbayesUsermeta = { kind: meta.kind, title, ...(meta.description !== undefined ? { description: plainText(meta.description) } : {}) };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: notes.length > 0 ? { text: title, subtitle: notes } : { text: title },
    usermeta: { hbayes: usermeta },
    padding: { left: 8, right: 12, top: 8, bottom: 8 },
    config: plotConfig(),
    ...body,
  } as unknown as TopLevelSpec;
}
