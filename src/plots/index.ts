/**
 * Plots as Vega-Lite specs (plain JSON, data summarised here) and their rendering to standalone SVG
 * text by vega. `…Spec` functions return the spec, to restyle or to embed with vega-embed;
 * `…Plot` functions render it. The same in Node and a browser.
 */
export { renderSvg } from "./render.js";
export { plotSpec, VEGA_LITE_SCHEMA, type PlotKind, type PlotMeta, type HbayesUsermeta } from "./spec.js";
export { traceSpec, tracePlot, divergentIterations, DEFAULT_TRACE, type TracePlotOptions, type TracePoint } from "./tracePlot.js";
export { rankSpec, rankPlot, DEFAULT_RANK, type RankPlotOptions, type RankBin } from "./rankPlot.js";
export { pooledRanks, rankBinCount, rankHistogram } from "./ranks.js";
export {
  forestSpec,
  forestPlot,
  forestRowsFromDraws,
  DEFAULT_FOREST,
  type ForestRow,
  type ForestDatum,
  type ForestPoint,
  type ForestSort,
  type ForestPlotOptions,
} from "./forestPlot.js";
export { shrinkageSpec, shrinkagePlot, DEFAULT_SHRINKAGE, type ShrinkageGroup, type ShrinkageDatum, type ShrinkagePlotOptions } from "./shrinkagePlot.js";
export { ppcDensitySpec, ppcDensityPlot, pickReplicates, DEFAULT_PPC, PPC_SERIES, type PpcPlotOptions, type DensityPoint } from "./ppcDensityPlot.js";
export { ppcBarsSpec, ppcBarsPlot, DEFAULT_PPC_BARS, PPC_BARS_SERIES, type CountFrequency } from "./ppcBarsPlot.js";
export { m4Indices } from "./decimate.js";
export { bandwidthNrd0, kdeOnGrid } from "./kde.js";
export { quantileSorted, sortedFinite } from "./quantile.js";
export { el, fragment, render, embedSvg, escapeText, escapeAttr, type Markup, type Child, type Attrs, type AttrValue } from "./markup.js";
export { CHAIN_COLORS, THEME, chainColor, plotConfig, type Theme } from "./theme.js";
export { conditionalEffectsSpec, conditionalEffectsPlot, DEFAULT_CONDITIONAL_EFFECTS_PLOT, type ConditionalEffectsPlotOptions } from "./conditionalEffectsPlot.js";
