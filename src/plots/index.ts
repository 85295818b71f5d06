/** Plots rendered to standalone SVG text: pure functions, no DOM, the same in Node and a browser. */
export { tracePlot, divergentIterations, DEFAULT_TRACE, type TracePlotOptions } from "./tracePlot.js";
export { rankPlot, DEFAULT_RANK, type RankPlotOptions } from "./rankPlot.js";
export { pooledRanks, rankBinCount, rankHistogram } from "./ranks.js";
export {
  forestPlot,
  forestRowsFromDraws,
  DEFAULT_FOREST,
  type ForestRow,
  type ForestPoint,
  type ForestSort,
  type ForestPlotOptions,
} from "./forestPlot.js";
export { shrinkagePlot, arrowPath, DEFAULT_SHRINKAGE, type ShrinkageGroup, type ShrinkagePlotOptions } from "./shrinkagePlot.js";
export { ppcDensityPlot, pickReplicates, DEFAULT_PPC, type PpcPlotOptions } from "./ppcDensityPlot.js";
export { ppcBarsPlot, DEFAULT_PPC_BARS } from "./ppcBarsPlot.js";
export { bandwidthNrd0, kdeOnGrid } from "./kde.js";
export { quantileSorted, sortedFinite } from "./quantile.js";
export { el, fragment, render, embedSvg, escapeText, escapeAttr, type Markup, type Child, type Attrs, type AttrValue } from "./markup.js";
export { CHAIN_COLORS, THEME, chainColor, type Theme } from "./theme.js";
