/** The draws container and posterior summaries (table, JSON document). */
export {
  createDraws,
  variableIndex,
  chainOf,
  variableOf,
  setValue,
  getValue,
  modelVariableNames,
  SAMPLER_VARIABLES,
  type Draws,
} from "./draws.js";
export { summarize, summarizeVariable, type SummaryRow, type SummarizeOptions } from "./summary.js";
export { formatSummaryTable } from "./formatSummaryTable.js";
export { summaryJson, SUMMARY_SCHEMA_VERSION, type SummaryJson, type SummaryJsonInput, type SummaryJsonRow, type SummaryTiming, type SummarySettings } from "./summaryJson.js";
